/** What the generic reconciler needs to know about one kind. */
import type { CustomObject, ResourceRef } from '../kube/objects';
import type { ExternalClient } from './external';

/** Fields every kind's spec has. */
export interface CommonSpec {
  region?: string;
  deletionPolicy: 'Delete' | 'Retain';
}

/** Another object in the same namespace. */
export interface ObjectRef {
  kind: string;
  name: string;
}

/** The result of resolving a kind's references: the values its AWS client needs, or why not yet. */
export type Resolution<Refs> = { ready: true; refs: Refs } | { ready: false; message: string };

/** Read access to every kind's cache, for references and dependents. */
export interface ObjectLookup {
  get(kind: string, namespace: string, name: string): CustomObject | undefined;
  /** Objects that reference kind/namespace/name (from the dependents index). */
  dependentsOf(kind: string, namespace: string, name: string): { kind: string; obj: CustomObject }[];
}

/** What a kind's scheduled work did in one pass. */
export interface Maintenance {
  /** One per write it made (Events count writes); never a secret value. */
  events?: { type: 'Normal' | 'Warning'; reason: string; message: string }[];
  /** When more is due (a rotation, a deferred delete): come back within this many ms. */
  revisitWithinMs?: number;
}

export interface ManagedKind<Spec extends CommonSpec, Outputs, Refs = undefined> {
  resource: ResourceRef;
  /** How messages name the AWS resource: "user pool". */
  noun: string;
  client: ExternalClient<Spec, Outputs, Refs>;
  /**
   * When the reconciler runs `findOwned` before a create: `always` (the default; a search within
   * a parent is a read or two), or only `afterInterruptedCreate`, when the create-pending marker
   * says an earlier create may have happened (a search that lists the whole account).
   */
  searchBeforeCreate?: 'always' | 'afterInterruptedCreate';
  /**
   * The spec as the API server stored it. The CRD schema has validated and defaulted it, so
   * this is a narrowing, not a validation.
   */
  spec(obj: CustomObject): Spec;
  /**
   * The paths of the spec that ownership tracks (map keys such as `tags.env`, optional sections
   * such as `domain.prefix`): recorded once applied, and released when the spec drops them.
   * Kinds without it track nothing.
   */
  ownedPaths?(spec: Spec): string[];
  /** Status fields (identifiers, URLs) from what observe returned. Never secrets. */
  statusOutputs(outputs: Outputs): Record<string, unknown>;
  /** Objects this one refers to; they feed the dependents index, so a change to one wakes this. */
  referencesOf?(obj: CustomObject): ObjectRef[];
  /**
   * The values references give (all targets Ready), or a message naming what is not ready.
   * Kinds without references resolve to `undefined`.
   */
  resolve(obj: CustomObject): Promise<Resolution<Refs>>;
  /**
   * Another object that already records `externalId`, a resource findOwned found by name (for the
   * message: `Kind namespace/name`); this object must then not adopt it.
   */
  claimedBy?(obj: CustomObject, externalId: string): string | undefined;
  /** Before any AWS create: throws (a TerminalError stalls) when what the object will write elsewhere is not its own. */
  preflight?(obj: CustomObject): Promise<void>;
  /** Objects that must be gone before this one's AWS resource is deleted (names, for the message). */
  dependents?(obj: CustomObject): string[];
  /**
   * Work the spec asks for over time rather than as a state (a client secret's rotation): run on
   * every pass where AWS matches the spec, before publish. It decides from the object (status
   * timestamps) without AWS calls when nothing is due, and records what it has started in the
   * object before each AWS write, so that a crash never loses track of it.
   */
  maintenance?: {
    /** For "cannot <step>" messages: "rotate the client secret". */
    step: string;
    run(obj: CustomObject, outputs: Outputs, refs: Refs, externalId: string): Promise<Maintenance>;
  };
  /**
   * After each successful reconcile: write outputs elsewhere (an application's Secret). Idempotent.
   * What it writes is owned by the object (an ownerReference): Kubernetes' garbage collector
   * removes it with the object, and `--cascade=orphan` keeps it.
   */
  publish?(obj: CustomObject, outputs: Outputs, refs: Refs): Promise<void>;
  /**
   * True for a diff path that follows a referenced object (a rotated Secret), so that the update
   * it causes is not reported as drift made outside Kubernetes.
   */
  followsReference?(diffPath: string): boolean;
}

/** For kinds that reference nothing. */
export async function noReferences(): Promise<Resolution<undefined>> {
  return { ready: true, refs: undefined };
}
