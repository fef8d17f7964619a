/**
 * The contract between the generic reconciler and one kind's AWS mapping (the shape of
 * crossplane-runtime's ExternalClient). The reconciler owns finalizers, conditions, deletion
 * policy, adoption, requeues, Events and metrics; a kind's client owns only its AWS calls.
 */

/**
 * The Kubernetes object as a kind's client sees it: spec, identity, the AWS ID when known, and
 * what its references resolved to (a parent pool's ID, secret values...).
 */
export interface ManagedObject<Spec, Refs = undefined> {
  namespace: string;
  name: string;
  uid: string;
  generation: number;
  spec: Spec;
  /** The AWS identifier from the external-id annotation; undefined before the first create. */
  externalId?: string;
  refs: Refs;
  /**
   * The AWS identifier status recorded (status.id) when an earlier pass managed a resource. With
   * the external-id annotation gone, findOwned takes that resource back even when it carries no
   * owner tag (an adopted one is never tagged).
   */
  recordedId?: string;
  /**
   * Paths this object applied before (the applied annotation) that its spec names no longer:
   * observe reports each that AWS still has, and update removes it or resets it to AWS's
   * default. Undefined or empty: nothing to release.
   */
  released?: readonly string[];
}

/** What observe found. */
export type Observation<Outputs, Seen = unknown> =
  | { exists: false }
  | {
      exists: true;
      /**
       * What observe read from AWS, handed to `update` in the same pass so that the merge starts
       * from it instead of reading everything again (nothing is read twice in one pass).
       */
      seen?: Seen;
      /** True when AWS matches the spec; an up-to-date resource gets no write call. */
      upToDate: boolean;
      /** The spec paths that differ, for Events and logs (never values: they may be secret). */
      diff: string[];
      /** Identifiers and URLs for status and for dependents. */
      outputs: Outputs;
      /** Settings AWS cannot change that differ from the spec: the object stalls, with no write. */
      immutableMismatches?: ImmutableMismatch[];
    };

export interface Creation<Seen = unknown, Outputs = unknown> {
  /** The new resource's AWS identifier, written to the external-id annotation at once. */
  externalId: string;
  /**
   * The new resource as the create's answer shows it, in the form `update` merges onto. Given,
   * what the create could not carry (a user pool's MFA) is written at once and one observe
   * checks it all, instead of an observe to find it missing and another after writing it.
   */
  seen?: Seen;
  /**
   * The create's answer judged against the spec, when that answer shows everything observe
   * would read (an app client: CreateUserPoolClient answers with the whole client). Up to date,
   * it stands for the observe: AWS has just said what it made, and reading it back adds nothing.
   */
  observation?: Observation<Outputs, Seen>;
}

export interface Update {
  /** The spec paths that were changed in AWS. */
  changed: string[];
}

/**
 * One kind's AWS mapping.
 * - `observe` never mutates AWS; a resource that is gone yields `{ exists: false }`.
 * - `findOwned` looks for a resource this object already created (by name plus the owner-uid
 *   tag, or by name within a parent), so a crash between create and recording the ID never
 *   leaves a duplicate. It runs before every create, or, for a kind whose search lists the
 *   whole account, only while the create-pending marker says a create may have happened.
 * - `create` makes the resource and everything the spec asks for on it (domain, MFA, tags...).
 *   It may stop after the first AWS call that gives the resource an ID; the next reconcile
 *   observes it and completes the rest through `update`.
 * - `update` is read-merge-write: settings the spec does not name keep their AWS values, except
 *   the `released` ones, which it removes (and reports in `changed`). It merges onto `seen`, what
 *   the observe of the same pass read, and reads AWS itself only without it.
 * - `delete` is idempotent: deleting what is gone succeeds.
 */
export interface ExternalClient<Spec, Outputs, Refs = undefined, Seen = unknown> {
  observe(obj: ManagedObject<Spec, Refs>, externalId: string): Promise<Observation<Outputs, Seen>>;
  findOwned(obj: ManagedObject<Spec, Refs>): Promise<string | undefined>;
  create(obj: ManagedObject<Spec, Refs>): Promise<Creation<Seen, Outputs>>;
  update(obj: ManagedObject<Spec, Refs>, externalId: string, seen?: Seen): Promise<Update>;
  delete(obj: ManagedObject<Spec, Refs>, externalId: string): Promise<void>;
}

/**
 * A setting AWS fixes when the resource is created (signIn, generateSecret...). Where the spec
 * names it, it must equal what AWS has: the operator cannot change it, and never replaces a
 * resource to do so. `want` is undefined when the spec does not name the setting, `have` when
 * AWS does not have the thing yet (an attribute still to be added); both are normalized
 * (sorted sets, defaults filled in) so that equal settings compare equal.
 */
export interface ImmutableField<Spec, Observed> {
  path: string;
  want(spec: Spec): unknown;
  have(observed: Observed): unknown;
}

/** A spec path whose value differs from the one AWS fixed at create. Values are never secrets. */
export interface ImmutableMismatch {
  path: string;
  want: unknown;
  have: unknown;
  /** Why AWS cannot apply the spec's value, when it is not that AWS fixed it at create. */
  note?: string;
}

/** The immutable settings the spec names that differ from AWS. */
export function immutableMismatches<Spec, Observed>(
  fields: readonly ImmutableField<Spec, Observed>[],
  spec: Spec,
  observed: Observed,
): ImmutableMismatch[] {
  return fields.flatMap((f) => {
    const want = f.want(spec);
    const have = f.have(observed);
    if (want === undefined || have === undefined || JSON.stringify(want) === JSON.stringify(have)) return [];
    return [{ path: f.path, want, have }];
  });
}

/**
 * What a create's answer gives the reconciler: the resource it shows, judged like a read. An
 * answer without the resource leaves it to the observe that follows.
 */
export function answered<Resource, Outputs, Seen>(
  resource: Resource | undefined,
  judge: (resource: Resource) => Observation<Outputs, Seen>,
): Pick<Creation<Seen, Outputs>, 'seen' | 'observation'> {
  if (resource === undefined) return {};
  const observation = judge(resource);
  return observation.exists && observation.seen !== undefined ? { seen: observation.seen, observation } : {};
}
