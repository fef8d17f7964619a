/** Secrets: reading the ones users reference, writing the ones the operator owns, watching referenced ones. */
import type { V1Secret } from '@kubernetes/client-node';
import type { Logger } from 'pino';
import type { KubeApi } from './client';
import type { ResourceRef } from './objects';
import { SecretResource } from './client';
import { TerminalError } from '../reconciler/errors';
import { Informer } from './informer';
import { jsonEqual } from './json';
import type { CustomObject } from './objects';
import { asCustomObject, objectKey } from './objects';

export function decodeSecretData(secret: V1Secret | undefined): Record<string, string> {
  const data = secret?.data ?? {};
  return Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v, 'base64').toString('utf8')]));
}

/** The value of one key of a Secret; undefined when the Secret or the key is missing. */
export async function readSecretKey(api: KubeApi, namespace: string, ref: { name: string; key: string }): Promise<string | undefined> {
  return decodeSecretData(await api.getSecret(namespace, ref.name))[ref.key];
}

/** Retrying cannot help: another owner's Secret is never overwritten. */
export class SecretOwnershipError extends TerminalError {}

export interface OwnedSecret {
  namespace: string;
  name: string;
  data: Record<string, string>;
  owner: CustomObject;
  /** Annotations the owner sets on the Secret (never values); others on it are kept. */
  annotations?: Record<string, string>;
}

function ownerReference(owner: CustomObject) {
  return { apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata.name, uid: owner.metadata.uid, controller: true, blockOwnerDeletion: true };
}

function ownedBy(secret: V1Secret, uid: string): boolean {
  return (secret.metadata?.ownerReferences ?? []).some((r) => r.uid === uid && r.controller === true);
}

function encode(data: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v, 'utf8').toString('base64')]));
}

function notOwned(name: string, owner: CustomObject): SecretOwnershipError {
  return new SecretOwnershipError(`Secret ${name} already exists and is not owned by ${owner.kind} ${owner.metadata.name}; choose another name in writeSecretTo or delete it`);
}

/**
 * Throws SecretOwnershipError unless the Secret is absent or owned by `owner`: checked before
 * anything is created for it. Returns what it read (undefined when absent).
 */
export async function assertSecretClaimable(api: KubeApi, namespace: string, name: string, owner: CustomObject): Promise<V1Secret | undefined> {
  const existing = await api.getSecret(namespace, name);
  if (existing && !ownedBy(existing, owner.metadata.uid)) throw notOwned(name, owner);
  return existing;
}

/**
 * Creates or updates a Secret owned by `owner` (Kubernetes garbage-collects it with its owner).
 * Writes only when the data differ. A Secret of that name that something else owns is left alone.
 */
export async function applyOwnedSecret(api: KubeApi, desired: OwnedSecret): Promise<'created' | 'updated' | 'unchanged'> {
  const { namespace, name } = desired;
  return writeOwnedSecret(api, desired, await api.getSecret(namespace, name));
}

/** applyOwnedSecret for a caller that has just read the Secret (`existing`: undefined when absent). */
export async function writeOwnedSecret(api: KubeApi, desired: OwnedSecret, existing: V1Secret | undefined): Promise<'created' | 'updated' | 'unchanged'> {
  const { namespace, name, owner } = desired;
  const data = encode(desired.data);
  const annotations = desired.annotations ?? {};
  if (!existing) {
    await api.createSecret(namespace, {
      metadata: {
        name,
        namespace,
        ownerReferences: [ownerReference(owner)],
        labels: { 'app.kubernetes.io/managed-by': 'cognito-operator' },
        ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
      },
      type: 'Opaque',
      data,
    });
    return 'created';
  }
  if (!ownedBy(existing, owner.metadata.uid)) throw notOwned(name, owner);
  // By value: the API server answers with the keys sorted, not in the order written.
  const current = existing.metadata?.annotations ?? {};
  const annotationsMatch = Object.entries(annotations).every(([k, v]) => current[k] === v);
  if (jsonEqual(existing.data ?? {}, data) && annotationsMatch) return 'unchanged';
  await api.replaceSecret(namespace, { ...existing, metadata: { ...existing.metadata, annotations: { ...current, ...annotations } }, data });
  return 'updated';
}

/** Deletes the Secret if `owner` owns it. */
export async function deleteOwnedSecret(api: KubeApi, namespace: string, name: string, ownerUid: string): Promise<void> {
  const existing = await api.getSecret(namespace, name);
  if (existing && ownedBy(existing, ownerUid)) await api.deleteSecret(namespace, name);
}

/**
 * Watches exactly the Secrets that objects reference (one field-selected watch each), so a
 * rotated credential is reconciled at once without the operator reading every Secret. The same
 * for ConfigMaps (`resource`: ConfigMapResource), whose files objects read.
 */
export class SecretWatcher {
  private readonly informers = new Map<string, Informer>();

  constructor(
    private readonly api: KubeApi,
    private readonly logger: Logger,
    private readonly onChange: (secret: CustomObject) => void,
    private readonly resource: ResourceRef = SecretResource,
  ) {}

  /** Starts watching the Secret if it is not watched yet. */
  watch(namespace: string, name: string): void {
    const key = objectKey(namespace, name);
    if (this.informers.has(key)) return;
    const informer = new Informer({
      api: this.api,
      narrow: asCustomObject,
      resource: this.resource,
      namespace,
      fieldSelector: `metadata.name=${name}`,
      logger: this.logger,
      handlers: { onUpsert: (obj) => this.onChange(obj), onDelete: (obj) => this.onChange(obj) },
    });
    this.informers.set(key, informer);
    informer.start();
  }

  async unwatch(namespace: string, name: string): Promise<void> {
    const key = objectKey(namespace, name);
    const informer = this.informers.get(key);
    this.informers.delete(key);
    await informer?.stop();
  }

  async stop(): Promise<void> {
    await Promise.all([...this.informers.values()].map((i) => i.stop()));
    this.informers.clear();
  }
}
