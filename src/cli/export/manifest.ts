/** The objects export writes: the operator's kinds, and Secrets / ConfigMaps they reference. */
import { Annotation, ApiVersion } from '../../api/group';

export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace: string; annotations?: Record<string, string> };
  spec?: Record<string, unknown>;
  type?: string;
  data?: Record<string, string>;
  /** ConfigMap files, base64. */
  binaryData?: Record<string, string>;
  /** Printed as a YAML comment above the object: what to do with it. */
  comment?: string;
  /** A Secret key to fill in: printed as a commented-out stringData entry, so nothing is sent until it is. */
  placeholder?: string;
}

/** An object that adopts the AWS resource `externalId` and keeps it when deleted. */
export function adopting(kind: string, name: string, namespace: string, externalId: string, spec: Record<string, unknown>): Manifest {
  return {
    apiVersion: ApiVersion,
    kind,
    metadata: { name, namespace, annotations: { [Annotation.externalId]: externalId } },
    spec: { deletionPolicy: 'Retain', ...spec },
  };
}

/** Tags a user may write in a spec: neither AWS's (aws:) nor the operator's own. */
export function specTags(tags: Readonly<Record<string, string>> | undefined): Record<string, string> | undefined {
  const kept = Object.entries(tags ?? {}).filter(([k]) => !k.startsWith('aws:') && !k.startsWith('cognito.operator.dev/'));
  return kept.length > 0 ? Object.fromEntries(kept.sort(([a], [b]) => a.localeCompare(b))) : undefined;
}
