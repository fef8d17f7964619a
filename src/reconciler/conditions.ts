/**
 * The four kstatus-compatible conditions, always written together, from one verdict on the
 * last reconcile. A condition keeps its lastTransitionTime while its status does not change.
 */

export const Reason = {
  Creating: 'Creating',
  Updating: 'Updating',
  Available: 'Available',
  Adopted: 'Adopted',
  ReferenceNotReady: 'ReferenceNotReady',
  InvalidSpec: 'InvalidSpec',
  AWSError: 'AWSError',
  Throttled: 'Throttled',
  CredentialsError: 'CredentialsError',
  Deleting: 'Deleting',
  DeletionBlocked: 'DeletionBlocked',
  DependentsExist: 'DependentsExist',
  AdoptionTargetNotFound: 'AdoptionTargetNotFound',
  ImmutableMismatch: 'ImmutableMismatch',
  NameConflict: 'NameConflict',
  NoAccountBinding: 'NoAccountBinding',
  AmbiguousAccountBinding: 'AmbiguousAccountBinding',
  AccountChanged: 'AccountChanged',
  CrossAccountReference: 'CrossAccountReference',
  ReconcileSuccess: 'ReconcileSuccess',
} as const;
export type Reason = (typeof Reason)[keyof typeof Reason];

export const conditionTypes = ['Ready', 'Synced', 'Reconciling', 'Stalled'] as const;
export type ConditionType = (typeof conditionTypes)[number];

export interface Condition {
  type: ConditionType;
  status: 'True' | 'False' | 'Unknown';
  reason: string;
  message: string;
  lastTransitionTime: string;
  observedGeneration: number;
}

/** What the reconcile concluded. */
export type Verdict =
  /** AWS matches the spec. */
  | { state: 'ready'; reason: typeof Reason.Available | typeof Reason.Adopted; message: string }
  /** Work under way (creating, updating, waiting for a reference or dependents, deleting). */
  | { state: 'progressing'; reason: Reason; message: string }
  /** The last attempt failed; it will be retried. */
  | { state: 'retrying'; reason: Reason; message: string }
  /**
   * A transient failure (throttling, 5xx, network) of an object that was Ready for this
   * generation: the resource is there and matched the spec when last seen, so Ready stays True
   * and dependents keep working; Synced=False carries the error.
   */
  | { state: 'retryingReady'; reason: Reason; message: string }
  /** Retrying cannot help until the spec or AWS changes. */
  | { state: 'stalled'; reason: Reason; message: string };

type Statuses = Record<ConditionType, Condition['status']>;

const statusesByState: Record<Verdict['state'], Statuses> = {
  ready: { Ready: 'True', Synced: 'True', Reconciling: 'False', Stalled: 'False' },
  progressing: { Ready: 'False', Synced: 'True', Reconciling: 'True', Stalled: 'False' },
  retrying: { Ready: 'False', Synced: 'False', Reconciling: 'True', Stalled: 'False' },
  retryingReady: { Ready: 'True', Synced: 'False', Reconciling: 'False', Stalled: 'False' },
  stalled: { Ready: 'False', Synced: 'False', Reconciling: 'False', Stalled: 'True' },
};

/** The reason a condition carries: the verdict's own where it speaks of that condition. */
function reasonFor(type: ConditionType, verdict: Verdict, status: Condition['status']): string {
  if (type === 'Synced' && status === 'True') return Reason.ReconcileSuccess;
  if ((type === 'Reconciling' || type === 'Stalled') && status === 'False') return verdict.state === 'progressing' || verdict.state === 'stalled' ? Reason.ReconcileSuccess : verdict.reason;
  return verdict.reason;
}

export function conditionsFor(verdict: Verdict, previous: readonly Condition[], generation: number, now: Date): Condition[] {
  const statuses = statusesByState[verdict.state];
  return conditionTypes.map((type) => {
    const status = statuses[type];
    const before = previous.find((c) => c.type === type);
    // Ready kept through a transient failure says what it said when AWS was last seen matching.
    if (verdict.state === 'retryingReady' && type === 'Ready' && before?.status === 'True') return { ...before, observedGeneration: generation };
    const relevant = status === 'True' || type === 'Ready' || (type === 'Synced' && verdict.state !== 'ready');
    return {
      type,
      status,
      reason: reasonFor(type, verdict, status),
      message: relevant ? verdict.message : '',
      lastTransitionTime: before && before.status === status ? before.lastTransitionTime : now.toISOString(),
      observedGeneration: generation,
    };
  });
}

/** Narrows stored conditions (from status) to ours; anything unrecognized is dropped. */
export function storedConditions(status: unknown): Condition[] {
  if (typeof status !== 'object' || status === null || !('conditions' in status) || !Array.isArray(status.conditions)) return [];
  return status.conditions.filter(
    (c: unknown): c is Condition =>
      typeof c === 'object' && c !== null && 'type' in c && conditionTypes.some((t) => t === c.type) && 'status' in c && 'lastTransitionTime' in c,
  );
}
