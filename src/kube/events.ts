/** Kubernetes Events about our objects: what `kubectl describe` shows under Events. */
import type { Logger } from 'pino';
import type { KubeApi } from './client';
import type { CustomObject } from './objects';
import { clipMessage } from '../reconciler/text';

export type EventType = 'Normal' | 'Warning';

export interface EventRecorder {
  /** Fire and forget: an Event that cannot be written is logged, never fails a reconcile. */
  record(obj: CustomObject, type: EventType, reason: string, message: string): void;
}

export const noopRecorder: EventRecorder = { record: () => undefined };

const component = 'cognito-operator';
/** The same Event for the same object is not repeated within this window (a retry loop would flood). */
const repeatWindowMs = 10 * 60_000;

export function createEventRecorder(api: KubeApi, logger: Logger, now: () => number = Date.now): EventRecorder {
  const lastSent = new Map<string, number>();

  function seenRecently(key: string): boolean {
    const t = now();
    for (const [k, at] of lastSent) if (t - at > repeatWindowMs) lastSent.delete(k);
    if (lastSent.has(key)) return true;
    lastSent.set(key, t);
    return false;
  }

  return {
    record(obj, type, reason, message) {
      const { namespace, name, uid } = obj.metadata;
      if (seenRecently(`${uid}\u0000${reason}\u0000${message}`)) return;
      const timestamp = new Date(now());
      const event = {
        metadata: { generateName: `${name}.`, namespace },
        involvedObject: { apiVersion: obj.apiVersion, kind: obj.kind, name, namespace, uid, resourceVersion: obj.metadata.resourceVersion },
        type,
        reason,
        message: clipMessage(message),
        source: { component },
        reportingComponent: component,
        reportingInstance: process.env.HOSTNAME ?? component,
        firstTimestamp: timestamp,
        lastTimestamp: timestamp,
        count: 1,
      };
      api.createEvent(namespace, event).catch((err: unknown) => logger.warn({ err, namespace, name, reason }, 'cannot record Event'));
    },
  };
}
