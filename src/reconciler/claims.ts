/**
 * One AWS resource, one object. A resource found by name (app clients and identity providers
 * cannot carry an owner tag) may already be another object's: adopting it would make two objects
 * overwrite each other and delete it for both. The caches know every object that records one.
 */
import { Annotation } from '../api/group';
import type { CustomObject } from '../kube/objects';
import { isRecord } from '../kube/objects';
import type { ObjectLookup } from './kind';

/** The AWS identifier an object records: its external-id annotation, else status.id. */
export function recordedExternalId(obj: CustomObject): string | undefined {
  const annotated = obj.metadata.annotations[Annotation.externalId];
  if (annotated !== undefined && annotated !== '') return annotated;
  return isRecord(obj.status) && typeof obj.status.id === 'string' && obj.status.id !== '' ? obj.status.id : undefined;
}

/**
 * Another object of `kind` under the same parent (`parentKind`/`parentName` in obj's namespace)
 * that records `externalId`, named `Kind namespace/name`; undefined when there is none.
 */
export function claimantOf(lookup: ObjectLookup, obj: CustomObject, kind: string, parent: { kind: string; name: string }, externalId: string): string | undefined {
  const { namespace, uid } = obj.metadata;
  const other = lookup
    .dependentsOf(parent.kind, namespace, parent.name)
    .find((d) => d.kind === kind && d.obj.metadata.uid !== uid && recordedExternalId(d.obj) === externalId);
  return other && `${kind} ${namespace}/${other.obj.metadata.name}`;
}
