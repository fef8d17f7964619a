/** Reading and writing our custom objects the way a user does, with kubectl. */
import { kubectl, kubectlOk } from './kubectl';
import { waitFor } from './wait';

export interface Condition {
  type: string;
  status: string;
  reason: string;
  message: string;
  lastTransitionTime?: string;
  observedGeneration?: number;
}

export interface StoredObject {
  metadata: { name: string; uid: string; generation: number; resourceVersion: string; annotations?: Record<string, string>; finalizers?: string[]; deletionTimestamp?: string };
  spec: Record<string, unknown>;
  status?: { conditions?: Condition[]; observedGeneration?: number; [key: string]: unknown };
}

export interface KubeEvent {
  type: string;
  reason: string;
  message: string;
}

export function apply(namespace: string, yaml: string): void {
  kubectlOk(['apply', '-n', namespace, '-f', '-'], yaml);
}

export function getObject(namespace: string, kind: string, name: string): StoredObject | undefined {
  const result = kubectl(['get', kind, name, '-n', namespace, '-o', 'json']);
  if (result.code !== 0) {
    if (/NotFound|not found/.test(result.stderr)) return undefined;
    throw new Error(result.stderr);
  }
  return JSON.parse(result.stdout) as StoredObject;
}

export function condition(obj: StoredObject | undefined, type: string): Condition | undefined {
  return obj?.status?.conditions?.find((c) => c.type === type);
}

/** Waits until the object's condition has the given status (and reason, when named). */
export function waitForCondition(namespace: string, kind: string, name: string, type: string, status: string, reason?: string, timeoutMs = 60_000): Promise<StoredObject> {
  return waitFor(`${kind} ${name} ${type}=${status}${reason ? ` (${reason})` : ''}`, () => {
    const obj = getObject(namespace, kind, name);
    const c = condition(obj, type);
    return c && c.status === status && (!reason || c.reason === reason) ? obj : undefined;
  }, { timeoutMs });
}

export function waitForReady(namespace: string, kind: string, name: string, timeoutMs?: number): Promise<StoredObject> {
  return waitForCondition(namespace, kind, name, 'Ready', 'True', undefined, timeoutMs);
}

/** Waits until the operator has acted on the object's latest generation and it is Ready. */
export function waitForReadyGeneration(namespace: string, kind: string, name: string): Promise<StoredObject> {
  return waitFor(`${kind} ${name} Ready at its latest generation`, () => {
    const obj = getObject(namespace, kind, name);
    return obj && condition(obj, 'Ready')?.status === 'True' && obj.status?.observedGeneration === obj.metadata.generation ? obj : undefined;
  });
}

/** A new value of the reconcile-requested-at annotation: the operator reconciles the object at once. */
export function requestReconcile(namespace: string, kind: string, name: string): void {
  kubectlOk(['annotate', kind, name, '-n', namespace, '--overwrite', `cognito.operator.dev/reconcile-requested-at=${new Date().toISOString()}`]);
}

export function waitForGone(namespace: string, kind: string, name: string): Promise<true> {
  return waitFor(`${kind} ${name} to be gone`, () => getObject(namespace, kind, name) === undefined || undefined);
}

export function eventsFor(namespace: string, name: string): KubeEvent[] {
  const out = kubectlOk(['get', 'events', '-n', namespace, '--field-selector', `involvedObject.name=${name}`, '-o', 'json']);
  return (JSON.parse(out) as { items: KubeEvent[] }).items;
}

export function waitForEvent(namespace: string, name: string, reason: string): Promise<KubeEvent> {
  return waitFor(`Event ${reason} for ${name}`, () => eventsFor(namespace, name).find((e) => e.reason === reason));
}

/**
 * Deletes every object of a kind in the namespace with deletionPolicy Retain, while the operator
 * still runs: once the operator has stopped, nothing may be left holding a finalizer, or the
 * namespace controller could never finish deleting the test's namespace.
 */
export async function releaseAll(namespace: string, plural: string): Promise<void> {
  const names = kubectlOk(['get', plural, '-n', namespace, '-o', 'name']).split('\n').filter((n) => n !== '');
  for (const name of names) {
    kubectl(['patch', name, '-n', namespace, '--type=merge', '-p', '{"spec":{"deletionPolicy":"Retain"}}']);
  }
  // Each object's finalizer is released by the operator in turn: allow more time for many.
  if (names.length > 0) kubectlOk(['delete', plural, '--all', '-n', namespace, `--timeout=${Math.max(60, names.length)}s`]);
}
