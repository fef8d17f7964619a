/** Resolving a reference to another object: it must exist and be Ready, and then its status is usable. */
import { Annotation } from '../api/group';
import { jsonEqual } from '../kube/json';
import type { CustomObject } from '../kube/objects';
import { isRecord } from '../kube/objects';
import { storedConditions } from './conditions';
import type { ObjectLookup } from './kind';

export type Target = { ready: true; obj: CustomObject; status: Record<string, unknown> } | { ready: false; message: string };

/**
 * The referenced object, if it exists and is Ready. Its observedGeneration is not compared: a
 * Ready target whose spec was just edited still holds its AWS identifiers, and waiting for it
 * would flip every dependent's Ready at each edit of, say, its pool.
 */
export function readyTarget(lookup: ObjectLookup, kind: string, namespace: string, name: string): Target {
  const obj = lookup.get(kind, namespace, name);
  if (!obj) return { ready: false, message: `Waiting for ${kind} ${name}: it does not exist in namespace ${namespace}` };
  if (obj.metadata.deletionTimestamp) return { ready: false, message: `${kind} ${name} is being deleted` };
  const status = isRecord(obj.status) ? obj.status : {};
  const ready = storedConditions(obj.status).find((c) => c.type === 'Ready');
  if (ready?.status !== 'True') {
    // Why only when it is in trouble: a message that changed at each of its normal steps would
    // cost the waiting object a status write each.
    const trouble = troubleOf(obj.status);
    return { ready: false, message: `Waiting for ${kind} ${name} to be Ready${trouble ? ` (${trouble})` : ''}` };
  }
  return { ready: true, obj, status };
}

/** The reason of a target that is stalled or whose last pass failed; undefined while it progresses normally. */
function troubleOf(status: unknown): string | undefined {
  const failing = storedConditions(status).find((c) => (c.type === 'Stalled' && c.status === 'True') || (c.type === 'Synced' && c.status === 'False'));
  return failing?.reason;
}

/** A string field of a Ready target's status (its AWS ID, say); throws if the target lacks it. */
export function statusString(target: { obj: CustomObject; status: Record<string, unknown> }, field: string): string {
  const value = target.status[field];
  if (typeof value !== 'string') throw new Error(`${target.obj.kind} ${target.obj.metadata.name} is Ready but has no status.${field}`);
  return value;
}

/**
 * What the objects referencing this one read of it. While it is not Ready, only why (its trouble)
 * and whether it is going: they wait for it. Once Ready, also its status outputs (IDs), its spec
 * (a region, a pool reference) and its account. Its finalizer, the operator's bookkeeping
 * annotations and the messages of its normal steps are never part of it. A dependent being
 * deleted reads a parent's ID whatever its state, but needs no wake for it: it created nothing
 * in AWS before the parent was Ready.
 */
function referenceView(obj: CustomObject): unknown {
  const deleting = obj.metadata.deletionTimestamp !== undefined;
  const ready = storedConditions(obj.status).find((c) => c.type === 'Ready')?.status === 'True';
  if (!ready) return { deleting, ready, trouble: troubleOf(obj.status) };
  const outputs = Object.fromEntries(Object.entries(isRecord(obj.status) ? obj.status : {}).filter(([k]) => k !== 'conditions' && k !== 'observedGeneration'));
  return { deleting, ready, outputs, generation: obj.metadata.generation, account: obj.metadata.annotations[Annotation.accountId] };
}

/**
 * The last view of each referenced object, to tell whether a change is worth waking its
 * dependents for: a pool's own create steps (finalizer, create-pending marker, external ID, a
 * "Creating" status) would otherwise give each of its app clients a pass that finds it still
 * not Ready. Kept as copies, not compared with the informer's previous object: a reconcile
 * updates the cached object in place with what it wrote, so by the time the watch event arrives
 * the "previous" object may already hold the new status, and a pool's becoming Ready would go
 * unseen by the app clients waiting for it.
 */
export class ReferenceViews {
  private readonly views = new Map<string, unknown>();

  /** Whether the object's view differs from the last one recorded (always, the first time); records this one. */
  changed(kind: string, obj: CustomObject): boolean {
    const key = viewKey(kind, obj);
    const view = structuredClone(referenceView(obj));
    const before = this.views.get(key);
    this.views.set(key, view);
    return before === undefined || !jsonEqual(view, before);
  }

  forget(kind: string, obj: CustomObject): void {
    this.views.delete(viewKey(kind, obj));
  }
}

function viewKey(kind: string, obj: CustomObject): string {
  return `${kind}\u0000${obj.metadata.namespace}\u0000${obj.metadata.name}`;
}
