/** The shape of the custom objects the operator reads, narrowed from what the API returns. */

export interface ObjectMeta {
  name: string;
  namespace: string;
  uid: string;
  generation: number;
  resourceVersion: string;
  annotations: Record<string, string>;
  finalizers: string[];
  deletionTimestamp?: string;
}

export interface CustomObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  spec: unknown;
  status: unknown;
}

/** Where a kind lives in the API. */
export interface ResourceRef {
  group: string;
  version: string;
  plural: string;
  kind: string;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringRecord(value: unknown): Record<string, string> {
  if (!isRecord(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/**
 * kubectl's copy of the whole applied object: as large as the object itself, and never read
 * here. Dropped on the way into the caches (managedFields are never copied at all), as
 * client-go's transform functions do.
 */
const LastAppliedAnnotation = 'kubectl.kubernetes.io/last-applied-configuration';

function keptAnnotations(value: unknown): Record<string, string> {
  return Object.fromEntries(Object.entries(stringRecord(value)).filter(([key]) => key !== LastAppliedAnnotation));
}

/** Narrows an API object to what the operator reads; throws when it lacks what every namespaced object has. */
export function asCustomObject(value: unknown): CustomObject {
  if (!isRecord(value) || !isRecord(value.metadata)) throw new Error('not a Kubernetes object: no metadata');
  const m = value.metadata;
  const { name, namespace, uid, resourceVersion } = m;
  if (typeof name !== 'string' || typeof namespace !== 'string' || typeof uid !== 'string' || typeof resourceVersion !== 'string') {
    throw new Error('object metadata lacks name, namespace, uid or resourceVersion');
  }
  return {
    apiVersion: typeof value.apiVersion === 'string' ? value.apiVersion : '',
    kind: typeof value.kind === 'string' ? value.kind : '',
    metadata: {
      name,
      namespace,
      uid,
      resourceVersion,
      generation: typeof m.generation === 'number' ? m.generation : 0,
      annotations: keptAnnotations(m.annotations),
      finalizers: Array.isArray(m.finalizers) ? m.finalizers.filter((f): f is string => typeof f === 'string') : [],
      ...(typeof m.deletionTimestamp === 'string' ? { deletionTimestamp: m.deletionTimestamp } : {}),
    },
    spec: value.spec,
    status: value.status,
  };
}

export function objectKey(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}

export function splitKey(key: string): { namespace: string; name: string } {
  const slash = key.indexOf('/');
  return { namespace: key.slice(0, slash), name: key.slice(slash + 1) };
}

/** A cluster-scoped object as the caches keep it: no namespace, its labels kept. */
export interface ClusterObject {
  metadata: { name: string; resourceVersion: string; generation?: number; labels: Record<string, string> };
  spec?: unknown;
  status?: unknown;
}

export function asClusterObject(value: unknown): ClusterObject {
  if (!isRecord(value) || !isRecord(value.metadata)) throw new Error('not a Kubernetes object: no metadata');
  const { name, resourceVersion, generation, labels } = value.metadata;
  if (typeof name !== 'string' || typeof resourceVersion !== 'string') throw new Error('object metadata lacks name or resourceVersion');
  return {
    metadata: { name, resourceVersion, ...(typeof generation === 'number' ? { generation } : {}), labels: stringRecord(labels) },
    ...(value.spec !== undefined ? { spec: value.spec } : {}),
    ...(value.status !== undefined ? { status: value.status } : {}),
  };
}
