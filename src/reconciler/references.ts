/** Resolving a reference to another object: it must exist and be Ready, and then its status is usable. */
import type { CustomObject } from '../kube/objects';
import { isRecord } from '../kube/objects';
import { storedConditions } from './conditions';
import type { ObjectLookup } from './kind';

export type Target = { ready: true; obj: CustomObject; status: Record<string, unknown> } | { ready: false; message: string };

/** The referenced object, if it exists, is Ready, and has acted on its latest spec. */
export function readyTarget(lookup: ObjectLookup, kind: string, namespace: string, name: string): Target {
  const obj = lookup.get(kind, namespace, name);
  if (!obj) return { ready: false, message: `Waiting for ${kind} ${name}: it does not exist in namespace ${namespace}` };
  if (obj.metadata.deletionTimestamp) return { ready: false, message: `${kind} ${name} is being deleted` };
  const status = isRecord(obj.status) ? obj.status : {};
  const ready = storedConditions(obj.status).find((c) => c.type === 'Ready');
  if (ready?.status !== 'True') {
    // Its reason, not its message: a message that changes at each of its steps would cost a status write each.
    return { ready: false, message: `Waiting for ${kind} ${name} to be Ready${ready?.reason ? ` (${ready.reason})` : ''}` };
  }
  return { ready: true, obj, status };
}

/** A string field of a Ready target's status (its AWS ID, say); throws if the target lacks it. */
export function statusString(target: { obj: CustomObject; status: Record<string, unknown> }, field: string): string {
  const value = target.status[field];
  if (typeof value !== 'string') throw new Error(`${target.obj.kind} ${target.obj.metadata.name} is Ready but has no status.${field}`);
  return value;
}
