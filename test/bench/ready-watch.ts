/**
 * Which of a namespace's objects are Ready, kept current by watches. The bench used to poll with
 * `kubectl get` of every kind: at 1,000 + 1,000 objects each poll was a Go process decoding
 * megabytes of JSON once a second, CPU taken from the emulator and the API server it measures.
 */
import pino from 'pino';
import { Group, Version } from '../../src/api/group';
import { createKubeApi, loadKubeConfig } from '../../src/kube/client';
import { Informer } from '../../src/kube/informer';
import type { CustomObject } from '../../src/kube/objects';
import { asCustomObject, isRecord } from '../../src/kube/objects';

function isReady(obj: CustomObject): boolean {
  const conditions = isRecord(obj.status) && Array.isArray(obj.status.conditions) ? obj.status.conditions : [];
  return conditions.some((c: unknown) => isRecord(c) && c.type === 'Ready' && c.status === 'True');
}

export interface ReadyWatch {
  /** Objects seen and how many of them are Ready. */
  counts(): { seen: number; ready: number };
  stop(): Promise<void>;
}

/** Starts watching the kinds (by plural) in the namespace; resolves once each has listed. */
export async function watchReadiness(namespace: string, plurals: readonly string[]): Promise<ReadyWatch> {
  const api = createKubeApi(await loadKubeConfig(process.env.KUBECONFIG));
  const logger = pino({ level: 'warn' });
  const ready = new Map<string, boolean>();
  const informers = plurals.map(
    (plural) =>
      new Informer({
        api,
        narrow: asCustomObject,
        resource: { group: Group, version: Version, plural, kind: plural },
        namespace,
        logger,
        handlers: {
          onUpsert: (obj) => ready.set(`${plural}/${obj.metadata.name}`, isReady(obj)),
          onDelete: (obj) => ready.delete(`${plural}/${obj.metadata.name}`),
        },
      }),
  );
  for (const informer of informers) informer.start();
  await Promise.all(informers.map((informer) => informer.synced));
  return {
    counts: () => ({ seen: ready.size, ready: [...ready.values()].filter(Boolean).length }),
    stop: async () => void (await Promise.all(informers.map((informer) => informer.stop()))),
  };
}
