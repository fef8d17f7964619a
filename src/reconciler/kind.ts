/** What the generic reconciler needs to know about one kind. */
import type { CustomObject, ResourceRef } from '../kube/objects';
import type { ExternalClient } from './external';

/** Fields every kind's spec has. */
export interface CommonSpec {
  region?: string;
  deletionPolicy: 'Delete' | 'Retain';
}

/** The result of resolving a kind's references to other objects. */
export type References = { ready: true } | { ready: false; message: string };

export interface ManagedKind<Spec extends CommonSpec, Outputs> {
  resource: ResourceRef;
  /** How messages name the AWS resource: "user pool". */
  noun: string;
  client: ExternalClient<Spec, Outputs>;
  /**
   * The spec as the API server stored it. The CRD schema has validated and defaulted it, so
   * this is a narrowing, not a validation.
   */
  spec(obj: CustomObject): Spec;
  /** Status fields (identifiers, URLs) from what observe returned. */
  statusOutputs(outputs: Outputs): Record<string, unknown>;
  /** Objects this one needs; it waits with ReferenceNotReady until they are Ready. */
  references?(obj: CustomObject): Promise<References> | References;
  /** Objects that must be gone before this one's AWS resource is deleted (names, for the message). */
  dependents?(obj: CustomObject): string[];
}
