/**
 * The generic managed-resource reconciler: one pass over one object, for any kind. It owns
 * finalizers, deletion policy, adoption, crash-safe creates, conditions, Events and the outcome
 * the work queue acts on; the kind's external client owns the AWS calls.
 *
 * Every step has one shape: on failure it logs "cannot <step>", records a Warning Event, sets
 * the conditions and tells the queue when to come back.
 */
import type { Logger } from 'pino';
import { currentAccount, withAccount } from '../accounts/account';
import type { AccountRefusal, AccountVerdict } from '../accounts/gate';
import { awsErrorMessage, classifyAwsError } from '../aws/errors';
import type { AwsErrorClass } from '../aws/errors';
import { Annotation, Group } from '../api/group';
import type { KubeApi } from '../kube/client';
import { isConflict, isNotFound as isKubeNotFound, kubeErrorMessage } from '../kube/client';
import type { EventRecorder } from '../kube/events';
import type { CustomObject } from '../kube/objects';
import { isRecord } from '../kube/objects';
import { jsonEqual } from '../kube/json';
import type { Verdict } from './conditions';
import { TerminalError } from './errors';
import { clipMessage, clipValue } from './text';
import { Reason, conditionsFor, storedConditions } from './conditions';
import type { Creation, ImmutableMismatch, ManagedObject, Observation } from './external';
import type { CommonSpec, Maintenance, ManagedKind, ObjectRef } from './kind';
import type { AppliedPaths } from './ownership';
import { parseApplied, releasedPaths, serializeApplied, unionPaths } from './ownership';
import { OwnWrites } from './own-writes';

export const Finalizer = `${Group}/finalizer`;

/** The metadata patch that adds the finalizer: empty when the object has it already. */
function withFinalizer(obj: CustomObject): { finalizers?: string[] } {
  return obj.metadata.finalizers.includes(Finalizer) ? {} : { finalizers: [...obj.metadata.finalizers, Finalizer] };
}

/** What the work queue does with the key after a pass. */
export type Outcome =
  /** Done (or stalled: `failed`); check again after the resync interval, or within `within` ms when sooner. */
  | { next: 'resync'; failed?: boolean; within?: number }
  /** Failed; retry after the item's backoff. */
  | { next: 'backoff' }
  /** Come back after a fixed delay (waiting on something that will not send an event). */
  | { next: 'after'; ms: number }
  /** Nothing to do until the object changes. */
  | { next: 'wait' };

export interface ReconcilerHooks {
  /** A resource differed from its spec although the spec had not changed: drift corrected. */
  onDriftCorrected?(kind: string): void;
}

/** Which AWS account an object's calls go to (src/accounts/): absent, the operator's own. */
export interface AccountGate {
  /** The object's account, or why it may make no AWS call (its references are checked too). */
  check(obj: CustomObject, references: readonly ObjectRef[]): Promise<AccountVerdict>;
}

export interface ReconcilerDeps {
  api: KubeApi;
  accounts?: AccountGate;
  recorder: EventRecorder;
  logger: Logger;
  now?: () => Date;
  hooks?: ReconcilerHooks;
}

/** How long to wait before looking again at something that sends no event. */
const pollMs = 5000;

/** A failure that already carries its verdict (conditions) and Event reason. */
class StepError extends Error {
  constructor(
    readonly step: string,
    readonly verdict: Verdict,
    cause: unknown,
  ) {
    super(`cannot ${step}: ${verdict.message}`, { cause });
  }
}

const verdictByClass: { [c in AwsErrorClass]: (message: string) => Verdict } = {
  throttled: (message) => ({ state: 'retrying', reason: Reason.Throttled, message }),
  transient: (message) => ({ state: 'retrying', reason: Reason.AWSError, message }),
  invalid: (message) => ({ state: 'stalled', reason: Reason.InvalidSpec, message }),
  credentials: (message) => ({ state: 'retrying', reason: Reason.CredentialsError, message }),
  notFound: (message) => ({ state: 'retrying', reason: Reason.AWSError, message }),
  conflict: (message) => ({ state: 'retrying', reason: Reason.AWSError, message }),
  unknown: (message) => ({ state: 'retrying', reason: Reason.AWSError, message }),
};

/** Failures that say nothing about the resource itself: the next pass will likely succeed. */
const transientClasses: ReadonlySet<AwsErrorClass> = new Set(['throttled', 'transient']);

/** A failure outside an AWS step: terminal errors stall, anything else is retried. */
function verdictOf(err: unknown): Verdict {
  const message = kubeErrorMessage(err) ?? (err instanceof Error ? err.message : String(err));
  if (err instanceof TerminalError) return { state: 'stalled', reason: Reason.InvalidSpec, message };
  return { state: 'retrying', reason: Reason.AWSError, message };
}

/** Runs one AWS step; a failure becomes a StepError with the verdict its error class calls for. */
async function awsStep<T>(step: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof StepError || err instanceof TerminalError) throw err;
    const verdict = verdictByClass[classifyAwsError(err)](`${step}: ${awsErrorMessage(err)}`);
    throw new StepError(step, verdict, err);
  }
}

/** The paths an update changed, those it removed (released from the spec) named apart. */
function describeChanges(paths: readonly string[], released: readonly string[] | undefined): string {
  const gone = new Set(released ?? []);
  const set = paths.filter((p) => !gone.has(p));
  const removed = paths.filter((p) => gone.has(p));
  const parts = [...(set.length > 0 ? [set.join(', ')] : []), ...(removed.length > 0 ? [`removed ${removed.join(', ')} (no longer in the spec)`] : [])];
  return parts.join('; ');
}

export class ManagedReconciler<Spec extends CommonSpec, Outputs, Refs = undefined> {
  private readonly now: () => Date;
  /** The external IDs this process wrote, by object UID: their watch event is our own echo. */
  private readonly writtenExternalIds = new Map<string, string>();
  /** Our writes the cache may not show yet: a pass works on the newest. */
  private readonly ownWrites = new OwnWrites();

  constructor(
    private readonly kind: ManagedKind<Spec, Outputs, Refs>,
    private readonly deps: ReconcilerDeps,
  ) {
    this.now = deps.now ?? (() => new Date());
  }

  /** One pass over the object as the cache holds it, or as this process last wrote it when that is newer. */
  async reconcile(cached: CustomObject): Promise<Outcome> {
    const obj = this.ownWrites.current(cached);
    const log = this.deps.logger.child({ kind: this.kind.resource.kind, namespace: obj.metadata.namespace, name: obj.metadata.name });
    try {
      const verdict = await this.deps.accounts?.check(obj, this.kind.referencesOf?.(obj) ?? []);
      if (verdict && !verdict.ok && !this.releasesWithoutAws(obj)) return await this.accountRefused(obj, verdict, log);
      const account = verdict?.ok ? verdict.account : undefined;
      return await withAccount(account, () => (obj.metadata.deletionTimestamp ? this.finalize(obj, log) : this.sync(obj, log)));
    } catch (err) {
      return this.fail(obj, err, log);
    }
  }

  /** A deletion that touches nothing in AWS (Retain, or never created) needs no account. */
  private releasesWithoutAws(obj: CustomObject): boolean {
    if (!obj.metadata.deletionTimestamp) return false;
    return this.kind.spec(obj).deletionPolicy === 'Retain' || obj.metadata.annotations[Annotation.externalId] === undefined;
  }

  /** No account, or not this object's: stalled with 0 AWS calls until a binding changes (which wakes it). */
  private async accountRefused(obj: CustomObject, refusal: AccountRefusal, log: Logger): Promise<Outcome> {
    const stalled = storedConditions(obj.status).find((c) => c.type === 'Stalled' && c.status === 'True');
    if (stalled?.reason !== refusal.reason) {
      log.warn({ reason: refusal.reason }, refusal.message);
      this.deps.recorder.record(obj, 'Warning', refusal.reason, refusal.message);
    }
    await this.writeStatus(obj, { state: 'stalled', reason: refusal.reason, message: refusal.message });
    return { next: 'resync', failed: true };
  }

  /** The account the pass runs in, for status.accountId and the account-id annotation. */
  private accountOutputs(): { accountId?: string } {
    const id = currentAccount()?.id;
    return id !== undefined ? { accountId: id } : {};
  }

  private accountAnnotation(): Record<string, string> {
    const { accountId } = this.accountOutputs();
    return accountId !== undefined ? { [Annotation.accountId]: accountId } : {};
  }

  /** Records the account of a resource found or adopted before accounts were recorded (one write, once). */
  private async recordAccount(obj: CustomObject): Promise<void> {
    const { accountId } = this.accountOutputs();
    if (accountId === undefined || obj.metadata.annotations[Annotation.accountId] === accountId) return;
    const written = await this.deps.api.patch(this.kind.resource, obj.metadata.namespace, obj.metadata.name, {
      metadata: { annotations: { [Annotation.accountId]: accountId } },
    });
    this.remember(obj, written);
  }

  // ---- the main path: make AWS match the spec -------------------------------------------

  private async sync(obj: CustomObject, log: Logger): Promise<Outcome> {
    // A create that is marked first takes the finalizer with its marker: one write, and still
    // before anything can exist in AWS. Every other path adds it before anything else.
    if (!this.createsWithMarker(obj)) await this.ensureFinalizer(obj);
    const resolution = await this.kind.resolve(obj);
    if (!resolution.ready) {
      // The dependents index wakes this object when the reference changes: no polling.
      await this.writeStatus(obj, { state: 'progressing', reason: Reason.ReferenceNotReady, message: resolution.message });
      return { next: 'wait' };
    }
    const managed = this.managedObject(obj, resolution.refs);
    let externalId = managed.externalId;
    // Adopted stays the reason on later passes: an extra reconcile must not turn it into Available.
    let adopted = externalId !== undefined && (this.statusId(obj) === undefined || this.readyReason(obj) === Reason.Adopted);
    // What a create made, as its answer showed it (kinds whose create answers with the resource).
    let creation: Creation<unknown, Outputs> | undefined;
    if (externalId === undefined) {
      const found = this.mayHaveCreated(obj) ? await awsStep(`look for an existing ${this.kind.noun}`, () => this.kind.client.findOwned(managed)) : undefined;
      const holder = found === undefined ? undefined : this.kind.claimedBy?.(obj, found);
      if (found !== undefined && holder !== undefined) return this.nameConflict(obj, found, holder);
      if (found === undefined) {
        await this.kind.preflight?.(obj);
        creation = await this.create(obj, managed, log);
        externalId = creation.externalId;
      } else {
        externalId = found;
        log.info({ externalId: found }, `found the ${this.kind.noun} this object created earlier; not creating another`);
        await this.recordExternalId(obj, found);
        await this.writeStatus(obj, { state: 'progressing', reason: Reason.Creating, message: `Found ${this.kind.noun} ${found}, created earlier by this object` }, { id: found });
        adopted = false;
      }
    }
    const observation =
      creation?.seen !== undefined
        ? await this.completeCreate({ ...managed, externalId }, externalId, creation.seen, creation.observation)
        : await this.observeAndUpdate(obj, { ...managed, externalId }, externalId, log);
    if (!observation.exists) return this.adoptionTargetMissing(obj, externalId);
    if (observation.immutableMismatches?.length) return this.immutableMismatch(obj, observation.immutableMismatches, externalId);
    const verdict: Verdict = adopted
      ? { state: 'ready', reason: Reason.Adopted, message: `Adopted existing ${this.kind.noun} ${externalId}; AWS matches the spec` }
      : { state: 'ready', reason: Reason.Available, message: `AWS matches the spec` };
    if (!observation.upToDate) {
      return this.stillUpdating(obj, observation, externalId);
    }
    // AWS matches the spec: what it names is now all this object owns.
    await this.recordApplied(obj, this.ownership(obj).owned);
    await this.recordAccount(obj);
    const maintained = await this.maintain(obj, observation.outputs, resolution.refs, externalId);
    await this.kind.publish?.(obj, observation.outputs, resolution.refs);
    await this.writeStatus(obj, verdict, { id: externalId, ...this.accountOutputs(), ...this.kind.statusOutputs(observation.outputs) });
    return maintained?.revisitWithinMs !== undefined ? { next: 'resync', within: maintained.revisitWithinMs } : { next: 'resync' };
  }

  private async create(obj: CustomObject, managed: ManagedObject<Spec, Refs>, log: Logger): Promise<Creation<unknown, Outputs>> {
    // The first status says Reconciling at once; an object that already waited (ReferenceNotReady)
    // says so already, and its next write reports the create itself.
    if (storedConditions(obj.status).length === 0) {
      await this.writeStatus(obj, { state: 'progressing', reason: Reason.Creating, message: `Creating the ${this.kind.noun}` });
    }
    if (this.kind.searchBeforeCreate === 'afterInterruptedCreate') await this.markCreatePending(obj);
    const created = await awsStep(`create the ${this.kind.noun}`, () => this.kind.client.create(managed));
    const { externalId } = created;
    // Recorded before anything else, so no later failure can make us create it twice.
    await this.recordExternalId(obj, externalId);
    // status.id tells later passes that this object created it (not adopted).
    await this.writeStatus(obj, { state: 'progressing', reason: Reason.Creating, message: `Created ${this.kind.noun} ${externalId}; applying the rest of the spec` }, { id: externalId, ...this.accountOutputs() });
    log.info({ externalId }, `created the ${this.kind.noun}`);
    this.deps.recorder.record(obj, 'Normal', 'Created', `Created ${this.kind.noun} ${externalId}`);
    return created;
  }

  /**
   * Right after a create that showed what it made: when that already matches the spec, nothing
   * more is called. Otherwise the rest of the spec is merged onto it and written (part of
   * creating it: no Updated event), then one observe checks everything.
   */
  private async completeCreate(managed: ManagedObject<Spec, Refs>, externalId: string, seen: unknown, shown: Observation<Outputs> | undefined): Promise<Observation<Outputs>> {
    if (shown?.exists && shown.upToDate) return shown;
    await awsStep(this.updateStep(), () => this.kind.client.update(managed, externalId, seen));
    return awsStep(`observe the ${this.kind.noun}`, () => this.kind.client.observe(managed, externalId));
  }

  /** Observes; when AWS differs from the spec, updates and observes again. */
  private async observeAndUpdate(obj: CustomObject, managed: ManagedObject<Spec, Refs>, externalId: string, log: Logger): Promise<Observation<Outputs>> {
    const observe = () => awsStep(`observe the ${this.kind.noun}`, () => this.kind.client.observe(managed, externalId));
    const first = await observe();
    // An immutable mismatch gets no write: AWS cannot apply it, and the rest waits for a spec that matches.
    if (!first.exists || first.upToDate || first.immutableMismatches?.length) return first;
    // Drift: AWS changed under a spec that did not; a rotated referenced Secret is not drift.
    const drift = this.wasReadyAtThisGeneration(obj) && first.diff.some((path) => !this.kind.followsReference?.(path));
    // Before AWS is written: a crash after the write must not forget a path it applied.
    const { recorded, owned } = this.ownership(obj);
    await this.recordApplied(obj, unionPaths(recorded, owned));
    const { changed } = await awsStep(this.updateStep(), () => this.kind.client.update(managed, externalId, first.seen));
    const what = describeChanges(changed.length > 0 ? changed : first.diff, managed.released);
    if (drift) {
      log.info({ externalId, changed: what }, `corrected drift of the ${this.kind.noun}`);
      this.deps.recorder.record(obj, 'Normal', 'DriftCorrected', `${this.kind.noun} ${externalId} had been changed outside Kubernetes; restored ${what}`);
      this.deps.hooks?.onDriftCorrected?.(this.kind.resource.kind);
    } else {
      log.info({ externalId, changed: what }, `updated the ${this.kind.noun}`);
      this.deps.recorder.record(obj, 'Normal', 'Updated', `Updated ${this.kind.noun} ${externalId}: ${what}`);
    }
    return observe();
  }

  /** The kind's scheduled work on an up-to-date resource; each write it made becomes an Event. */
  private async maintain(obj: CustomObject, outputs: Outputs, refs: Refs, externalId: string): Promise<Maintenance | undefined> {
    const maintenance = this.kind.maintenance;
    if (!maintenance) return undefined;
    const done = await awsStep(maintenance.step, () => maintenance.run(obj, outputs, refs, externalId));
    for (const event of done.events ?? []) this.deps.recorder.record(obj, event.type, event.reason, event.message);
    return done;
  }

  /** AWS has not caught up with an update (or cannot apply part of it yet): look again soon. */
  private async stillUpdating(obj: CustomObject, observation: Observation<Outputs>, externalId: string): Promise<Outcome> {
    const diff = observation.exists ? observation.diff.join(', ') : '';
    await this.writeStatus(obj, { state: 'progressing', reason: Reason.Updating, message: `Waiting for AWS to apply ${diff} to ${externalId}` });
    return { next: 'backoff' };
  }

  /**
   * The spec names a value AWS fixed at create (signIn on an adopted pool): never Ready, never a
   * replacement. status.id stays unset so that the spec can still be corrected to match AWS.
   */
  private async immutableMismatch(obj: CustomObject, mismatches: ImmutableMismatch[], externalId: string): Promise<Outcome> {
    const what = mismatches
      .map((m) => `${m.path} is ${JSON.stringify(m.want)} in the spec but ${JSON.stringify(m.have)} in AWS${m.note ? ` (${m.note})` : ''}`)
      .join('; ');
    const fixedAtCreate = mismatches.some((m) => m.note === undefined);
    const message = `${this.kind.noun} ${externalId}: ${what}. ${fixedAtCreate ? 'Cognito cannot change this after create, and the' : 'The'} operator does not replace the ${this.kind.noun}: make the spec match AWS, or create a new ${this.kind.resource.kind}.`;
    this.deps.recorder.record(obj, 'Warning', Reason.ImmutableMismatch, message);
    await this.writeStatus(obj, { state: 'stalled', reason: Reason.ImmutableMismatch, message });
    return { next: 'resync', failed: true };
  }

  /** The resource found by name is another object's: taking it over would make both fight over it. */
  private async nameConflict(obj: CustomObject, externalId: string, holder: string): Promise<Outcome> {
    const message = `${this.kind.noun} ${clipValue(externalId)} has this object's name in AWS but is already managed by ${holder}; two objects cannot manage one ${this.kind.noun}. Give this object another name, or delete one of the two.`;
    this.deps.recorder.record(obj, 'Warning', Reason.NameConflict, message);
    await this.writeStatus(obj, { state: 'stalled', reason: Reason.NameConflict, message });
    return { next: 'resync', failed: true };
  }

  private async adoptionTargetMissing(obj: CustomObject, annotated: string): Promise<Outcome> {
    const ours = this.statusId(obj) === annotated;
    const externalId = clipValue(annotated);
    const message = ours
      ? `${this.kind.noun} ${externalId} no longer exists in AWS (deleted outside Kubernetes?). The operator does not create a replacement by itself: remove the ${Annotation.externalId} annotation to create a new one.`
      : `${this.kind.noun} ${externalId} named by the ${Annotation.externalId} annotation does not exist in AWS. Fix the annotation, or remove it to create a new ${this.kind.noun}.`;
    this.deps.recorder.record(obj, 'Warning', Reason.AdoptionTargetNotFound, message);
    await this.writeStatus(obj, { state: 'stalled', reason: Reason.AdoptionTargetNotFound, message });
    return { next: 'after', ms: 10 * pollMs };
  }

  // ---- deletion --------------------------------------------------------------------------

  private async finalize(obj: CustomObject, log: Logger): Promise<Outcome> {
    if (!obj.metadata.finalizers.includes(Finalizer)) return { next: 'wait' };
    const spec = this.kind.spec(obj);
    const externalId = obj.metadata.annotations[Annotation.externalId];
    if (spec.deletionPolicy === 'Retain' || externalId === undefined) {
      if (externalId !== undefined) {
        log.info({ externalId }, `released the ${this.kind.noun}; it stays in AWS (deletionPolicy Retain)`);
        this.deps.recorder.record(obj, 'Normal', 'Retained', `Left ${this.kind.noun} ${externalId} in AWS (deletionPolicy Retain)`);
      }
      await this.removeFinalizer(obj);
      return { next: 'wait' };
    }
    const dependents = this.kind.dependents?.(obj) ?? [];
    if (dependents.length > 0) {
      // Each dependent's deletion wakes this object through the dependents index.
      await this.writeStatus(obj, { state: 'progressing', reason: Reason.DependentsExist, message: `Waiting for ${dependents.join(', ')} to be deleted first` });
      return { next: 'wait' };
    }
    const resolution = await this.kind.resolve(obj);
    if (!resolution.ready) {
      // Without its parent (a deleted user pool) there is nothing left in AWS to delete.
      log.info({ externalId, reason: resolution.message }, `references are gone; releasing without deleting in AWS`);
      await this.removeFinalizer(obj);
      return { next: 'wait' };
    }
    await this.writeStatus(obj, { state: 'progressing', reason: Reason.Deleting, message: `Deleting ${this.kind.noun} ${externalId}` });
    const managed = { ...this.managedObject(obj, resolution.refs), externalId };
    // A spec change made while deleting (deletionProtection: false) must reach AWS first.
    await this.observeAndUpdate(obj, managed, externalId, log);
    await this.deleteExternal(managed, externalId);
    log.info({ externalId }, `deleted the ${this.kind.noun}`);
    this.deps.recorder.record(obj, 'Normal', 'Deleted', `Deleted ${this.kind.noun} ${externalId}`);
    await this.removeFinalizer(obj);
    return { next: 'wait' };
  }

  private async deleteExternal(managed: ManagedObject<Spec, Refs>, externalId: string): Promise<void> {
    try {
      await awsStep(`delete the ${this.kind.noun}`, () => this.kind.client.delete(managed, externalId));
    } catch (err) {
      if (err instanceof StepError && err.verdict.state === 'stalled') {
        const message = `AWS refused to delete ${this.kind.noun} ${externalId}: ${awsErrorMessage(err.cause)}. Turn deletion protection off in the spec, or set deletionPolicy: Retain to release it.`;
        throw new StepError(`delete the ${this.kind.noun}`, { state: 'stalled', reason: Reason.DeletionBlocked, message }, err.cause);
      }
      throw err;
    }
  }

  // ---- Kubernetes writes -----------------------------------------------------------------

  private async ensureFinalizer(obj: CustomObject): Promise<void> {
    const added = withFinalizer(obj);
    if (!added.finalizers) return;
    // resourceVersion makes this a compare-and-swap: a concurrent change gets 409 and a retry.
    const written = await this.deps.api.patch(this.kind.resource, obj.metadata.namespace, obj.metadata.name, {
      metadata: { ...added, resourceVersion: obj.metadata.resourceVersion },
    });
    this.remember(obj, written);
  }

  private async removeFinalizer(obj: CustomObject): Promise<void> {
    this.writtenExternalIds.delete(obj.metadata.uid);
    this.ownWrites.forget(obj.metadata.uid);
    const finalizers = obj.metadata.finalizers.filter((f) => f !== Finalizer);
    try {
      await this.deps.api.patch(this.kind.resource, obj.metadata.namespace, obj.metadata.name, {
        metadata: { finalizers, resourceVersion: obj.metadata.resourceVersion },
      });
    } catch (err) {
      if (!isKubeNotFound(err)) throw err;
    }
  }

  private async recordExternalId(obj: CustomObject, externalId: string): Promise<void> {
    // The create applied the spec: its paths are recorded in the same write, and the marker goes.
    const { recorded, owned } = this.ownership(obj);
    const applied = unionPaths(recorded, owned);
    this.writtenExternalIds.set(obj.metadata.uid, externalId);
    const pending = obj.metadata.annotations[Annotation.createPending] !== undefined ? { [Annotation.createPending]: null } : {};
    const account = this.accountAnnotation();
    const written = await this.deps.api.patch(this.kind.resource, obj.metadata.namespace, obj.metadata.name, {
      metadata: { annotations: { [Annotation.externalId]: externalId, ...account, ...(applied.length > 0 ? { [Annotation.applied]: serializeApplied(applied) } : {}), ...pending } },
    });
    this.remember(obj, written);
  }

  /** Before the create call: from here until the ID is recorded, a crash may leave a resource to find. */
  private async markCreatePending(obj: CustomObject): Promise<void> {
    const finalizers = withFinalizer(obj);
    const written = await this.deps.api.patch(this.kind.resource, obj.metadata.namespace, obj.metadata.name, {
      // The account goes with the marker: a create found again later is looked for in this account only.
      metadata: { annotations: { [Annotation.createPending]: this.now().toISOString(), ...this.accountAnnotation() }, ...finalizers, resourceVersion: obj.metadata.resourceVersion },
    });
    this.remember(obj, written);
  }

  /** Whether this pass, if it goes on, creates after marking: no resource recorded, none to look for. */
  private createsWithMarker(obj: CustomObject): boolean {
    return this.kind.searchBeforeCreate === 'afterInterruptedCreate' && !obj.metadata.annotations[Annotation.externalId] && !this.mayHaveCreated(obj);
  }

  /**
   * Whether a resource this object created or managed may exist unrecorded, so that findOwned
   * must look: a create was interrupted (the marker), or status names a resource whose
   * annotation is gone (`kubectl apply` of a manifest that no longer carries it).
   */
  private mayHaveCreated(obj: CustomObject): boolean {
    if (this.kind.searchBeforeCreate !== 'afterInterruptedCreate') return true;
    return obj.metadata.annotations[Annotation.createPending] !== undefined || this.statusId(obj) !== undefined;
  }

  /** Whether the object's external-id annotation is the one this process wrote (no news to act on). */
  wroteExternalId(obj: CustomObject): boolean {
    const written = this.writtenExternalIds.get(obj.metadata.uid);
    return written !== undefined && written === obj.metadata.annotations[Annotation.externalId];
  }

  /** A copy of an object reached the cache (a watch event): our newer write, if any, may be in it. */
  observed(obj: CustomObject): void {
    this.ownWrites.seen(obj);
  }

  /** The object is gone from the cache. */
  removed(obj: CustomObject): void {
    this.ownWrites.forget(obj.metadata.uid);
  }

  /**
   * Later writes in this pass compare against what is stored now, and the finalizer's
   * compare-and-swap needs the current resourceVersion. A later pass that starts before the
   * watch has brought this write works on it too (OwnWrites).
   */
  private remember(obj: CustomObject, written: CustomObject): void {
    this.ownWrites.wrote(obj.metadata.resourceVersion, written);
    obj.status = written.status;
    obj.metadata.resourceVersion = written.metadata.resourceVersion;
    obj.metadata.annotations = written.metadata.annotations;
    obj.metadata.finalizers = written.metadata.finalizers;
  }

  /** Writes conditions (and outputs) through the status subresource, only when something changed. */
  private async writeStatus(obj: CustomObject, verdict: Verdict, outputs: Record<string, unknown> = {}): Promise<void> {
    const current = isRecord(obj.status) ? obj.status : {};
    const conditions = conditionsFor({ ...verdict, message: clipMessage(verdict.message) }, storedConditions(obj.status), obj.metadata.generation, this.now());
    const status = { ...outputs, observedGeneration: obj.metadata.generation, conditions };
    // By value: what the API server stores comes back with its keys sorted.
    const unchanged = Object.entries(status).every(([k, v]) => jsonEqual(current[k], v));
    if (unchanged) return;
    const written = await this.deps.api.patchStatus(this.kind.resource, obj.metadata.namespace, obj.metadata.name, { status });
    this.remember(obj, written);
  }

  // ---- failures --------------------------------------------------------------------------

  private async fail(obj: CustomObject, err: unknown, log: Logger): Promise<Outcome> {
    if (isConflict(err) || isKubeNotFound(err)) {
      // The object changed or went away under us; the watch brings the new version.
      log.debug({ err }, 'object changed during reconcile; retrying');
      return { next: 'backoff' };
    }
    const stepError = err instanceof StepError ? err : undefined;
    const failed: Verdict = stepError?.verdict ?? verdictOf(err);
    const verdict: Verdict = failed.state === 'retrying' && this.keepsReady(obj, stepError) ? { ...failed, state: 'retryingReady' } : failed;
    log.warn({ err: stepError?.cause ?? err, reason: verdict.reason }, stepError?.message ?? 'cannot reconcile');
    this.deps.recorder.record(obj, 'Warning', verdict.reason, verdict.message);
    try {
      await this.writeStatus(obj, verdict);
    } catch (statusErr) {
      log.warn({ err: statusErr }, 'cannot write status');
    }
    return verdict.state === 'stalled' ? { next: 'resync', failed: true } : { next: 'backoff' };
  }

  // ---- helpers ---------------------------------------------------------------------------

  /**
   * Ready survives a transient AWS failure (throttling, 5xx, network) of an object that was
   * Ready for this generation, unless the pass had seen AWS differ from the spec (a failed update)
   * or the object is going away.
   */
  private keepsReady(obj: CustomObject, stepError: StepError | undefined): boolean {
    if (stepError === undefined || obj.metadata.deletionTimestamp) return false;
    if (stepError.step === this.updateStep()) return false;
    return transientClasses.has(classifyAwsError(stepError.cause)) && this.wasReadyAtThisGeneration(obj);
  }

  private updateStep(): string {
    return `update the ${this.kind.noun}`;
  }

  private managedObject(obj: CustomObject, refs: Refs): ManagedObject<Spec, Refs> {
    const { namespace, name, uid, generation, annotations } = obj.metadata;
    const externalId = annotations[Annotation.externalId];
    const { released } = this.ownership(obj);
    const recordedId = this.statusId(obj);
    return {
      namespace,
      name,
      uid,
      generation,
      spec: this.kind.spec(obj),
      refs,
      ...(externalId ? { externalId } : {}),
      ...(recordedId ? { recordedId } : {}),
      ...(released.length > 0 ? { released } : {}),
    };
  }

  /** The applied record, the paths the spec names now, and those it names no longer. */
  private ownership(obj: CustomObject): { recorded: AppliedPaths; owned: string[]; released: string[] } {
    const recorded = parseApplied(obj.metadata.annotations[Annotation.applied]);
    const owned = this.kind.ownedPaths?.(this.kind.spec(obj)) ?? [];
    return { recorded, owned, released: releasedPaths(recorded, owned) };
  }

  /** Writes the applied annotation, only when it changes (an up-to-date pass writes nothing). */
  private async recordApplied(obj: CustomObject, paths: readonly string[]): Promise<void> {
    const text = serializeApplied(paths);
    const current = obj.metadata.annotations[Annotation.applied];
    if (current === text || (current === undefined && paths.length === 0)) return;
    const written = await this.deps.api.patch(this.kind.resource, obj.metadata.namespace, obj.metadata.name, {
      metadata: { annotations: { [Annotation.applied]: text } },
    });
    this.remember(obj, written);
  }

  private readyReason(obj: CustomObject): string | undefined {
    return storedConditions(obj.status).find((c) => c.type === 'Ready' && c.status === 'True')?.reason;
  }

  private statusId(obj: CustomObject): string | undefined {
    return isRecord(obj.status) && typeof obj.status.id === 'string' ? obj.status.id : undefined;
  }

  /** Drift: the object was Ready for exactly this generation, so the spec did not cause the difference. */
  private wasReadyAtThisGeneration(obj: CustomObject): boolean {
    const status = isRecord(obj.status) ? obj.status : {};
    const ready = storedConditions(obj.status).find((c) => c.type === 'Ready');
    return status.observedGeneration === obj.metadata.generation && ready?.status === 'True';
  }
}
