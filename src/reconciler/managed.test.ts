/**
 * The generic reconciler's ownership steps: which paths reach the kind's client as released, and
 * when the applied annotation is written (before AWS writes: the union; after: the spec's).
 */
import pino from 'pino';
import { Annotation } from '../api/group';
import type { EventRecorder } from '../kube/events';
import type { CustomObject } from '../kube/objects';
import { KubeApiError } from '../kube/connections';
import { kubeApiUsing } from '../../test/unit/support/fakes';
import type { ExternalClient, ManagedObject, Observation } from './external';
import type { CommonSpec, ManagedKind } from './kind';
import type { AccountGate } from './managed';
import { Finalizer, ManagedReconciler } from './managed';
import { mapPaths } from './ownership';

interface Spec extends CommonSpec {
  tags?: Record<string, string>;
}

/** AWS as a tag map; the client sets the spec's tags and untags released ones. */
function fakeAws(initial: Record<string, string>) {
  const tags = { ...initial };
  const seen: (readonly string[] | undefined)[] = [];
  /** findOwned and create calls, in order. */
  const steps: string[] = [];
  /** The annotation as it was when each update ran. */
  const recordAtUpdate: (string | undefined)[] = [];
  let annotation: () => string | undefined = () => undefined;
  const diff = (obj: ManagedObject<Spec>): string[] => [
    ...Object.entries(obj.spec.tags ?? {}).filter(([k, v]) => tags[k] !== v).map(([k]) => `tags.${k}`),
    ...(obj.released ?? []).filter((p) => p.startsWith('tags.') && p.slice(5) in tags),
  ];
  const client: ExternalClient<Spec, Record<string, never>> = {
    async observe(obj): Promise<Observation<Record<string, never>>> {
      seen.push(obj.released);
      const d = diff(obj);
      return { exists: true, upToDate: d.length === 0, diff: d, outputs: {} };
    },
    async findOwned() {
      steps.push('findOwned');
      return undefined;
    },
    async create() {
      steps.push('create');
      return { externalId: 'id-1' };
    },
    async update(obj) {
      recordAtUpdate.push(annotation());
      const changed = diff(obj);
      Object.assign(tags, obj.spec.tags);
      const gone = new Set((obj.released ?? []).map((p) => p.slice('tags.'.length)));
      for (const key of Object.keys(tags)) if (gone.has(key)) Reflect.deleteProperty(tags, key);
      return { changed };
    },
    async delete() {},
  };
  return { client, tags, seen, steps, recordAtUpdate, watch: (get: () => string | undefined) => (annotation = get) };
}

/** The value with object keys sorted at every depth, as the API server serializes stored objects. */
function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, sortedKeys(v)]));
}

function objectWith(spec: Spec, annotations: Record<string, string>): CustomObject {
  return {
    apiVersion: 'test/v1',
    kind: 'Thing',
    metadata: { name: 'a', namespace: 'ns', uid: 'uid-1', generation: 2, resourceVersion: '1', annotations, finalizers: [Finalizer] },
    spec,
    status: { id: 'id-1' },
  };
}

function setUp(
  spec: Spec,
  annotations: Record<string, string>,
  awsTags: Record<string, string>,
  searchBeforeCreate?: ManagedKind<Spec, Record<string, never>>['searchBeforeCreate'],
  accounts?: AccountGate,
) {
  const aws = fakeAws(awsTags);
  const stored = objectWith(spec, annotations);
  const patches: Record<string, string>[] = [];
  const statusPatches: unknown[] = [];
  const api = kubeApiUsing('the reconciler', {
    patch: async (_r, _ns, _name, body) => {
      const { annotations: annotationsPatch = {}, finalizers, resourceVersion } = (body as { metadata?: { annotations?: Record<string, string>; finalizers?: string[]; resourceVersion?: string } }).metadata ?? {};
      // A compare-and-swap against a version that is no longer stored: what the API server answers.
      if (resourceVersion !== undefined && resourceVersion !== stored.metadata.resourceVersion) throw new KubeApiError(409, 'Conflict', 'PATCH', 'things/a');
      patches.push(annotationsPatch);
      aws.steps.push([...(Object.keys(annotationsPatch).length > 0 ? [`annotate ${Object.keys(annotationsPatch).join(',')}`] : []), ...(finalizers ? [`finalizers ${finalizers.join(',')}`] : [])].join(' + '));
      if (finalizers) stored.metadata.finalizers = finalizers;
      const merged = { ...stored.metadata.annotations, ...annotationsPatch };
      stored.metadata.annotations = Object.fromEntries(Object.entries(merged).filter(([, v]) => v !== null));
      stored.metadata.resourceVersion = String(Number(stored.metadata.resourceVersion) + 1);
      return structuredClone(stored);
    },
    patchStatus: async (_r, _ns, _name, body) => {
      stored.status = (body as { status: unknown }).status;
      stored.metadata.resourceVersion = String(Number(stored.metadata.resourceVersion) + 1);
      statusPatches.push(stored.status);
      return structuredClone(stored);
    },
  });
  aws.watch(() => stored.metadata.annotations[Annotation.applied]);
  const events: string[] = [];
  const recorder: EventRecorder = { record: (_o, _t, reason, message) => events.push(`${reason}: ${message}`) };
  const kind: ManagedKind<Spec, Record<string, never>> = {
    resource: { group: 'test', version: 'v1', plural: 'things', kind: 'Thing' },
    noun: 'thing',
    client: aws.client,
    spec: (obj) => obj.spec as Spec,
    ownedPaths: (s) => mapPaths('tags', s.tags),
    statusOutputs: () => ({}),
    resolve: async () => ({ ready: true, refs: undefined }),
    ...(searchBeforeCreate ? { searchBeforeCreate } : {}),
  };
  const reconciler = new ManagedReconciler(kind, { api, recorder, logger: pino({ level: 'silent' }), ...(accounts ? { accounts } : {}) });
  return { reconciler, kind, stored, aws, patches, statusPatches, events };
}

describe('ManagedReconciler ownership', () => {
  const external = { [Annotation.externalId]: 'id-1' };

  it('removes a recorded path the spec dropped, recording the union before the update and the spec after', async () => {
    const t = setUp({ deletionPolicy: 'Retain', tags: { team: 'a' } }, { ...external, [Annotation.applied]: '["tags.env","tags.team"]' }, { team: 'a', env: 'dev', cost: '1' });
    await expect(t.reconciler.reconcile(structuredClone(t.stored))).resolves.toEqual({ next: 'resync' });
    expect(t.aws.seen[0]).toEqual(['tags.env']);
    expect(t.aws.tags).toEqual({ team: 'a', cost: '1' });
    expect(t.aws.recordAtUpdate).toEqual(['["tags.env","tags.team"]']);
    expect(t.stored.metadata.annotations[Annotation.applied]).toBe('["tags.team"]');
    expect(t.events).toContainEqual(expect.stringMatching(/^Updated: .*removed tags\.env \(no longer in the spec\)/));
  });

  it('adds a new path to the record before AWS is written, so a crash cannot forget it', async () => {
    const t = setUp({ deletionPolicy: 'Retain', tags: { team: 'a', env: 'dev' } }, { ...external, [Annotation.applied]: '["tags.team"]' }, { team: 'a' });
    await t.reconciler.reconcile(structuredClone(t.stored));
    expect(t.aws.recordAtUpdate).toEqual(['["tags.env","tags.team"]']);
    expect(t.aws.tags).toEqual({ team: 'a', env: 'dev' });
  });

  it('without a record (adoption, objects from before it) owns only what the spec names: nothing is released', async () => {
    const t = setUp({ deletionPolicy: 'Retain', tags: { team: 'a' } }, external, { team: 'a', env: 'dev' });
    await t.reconciler.reconcile(structuredClone(t.stored));
    expect(t.aws.seen[0]).toBeUndefined();
    expect(t.aws.tags).toEqual({ team: 'a', env: 'dev' });
    expect(t.stored.metadata.annotations[Annotation.applied]).toBe('["tags.team"]');
  });

  it('an up-to-date pass with the record in place writes nothing to Kubernetes or AWS', async () => {
    const t = setUp({ deletionPolicy: 'Retain', tags: { team: 'a' } }, { ...external, [Annotation.applied]: '["tags.team"]' }, { team: 'a' });
    t.stored.status = undefined;
    await t.reconciler.reconcile(structuredClone(t.stored));
    const statusDone = structuredClone(t.stored);
    t.patches.length = 0;
    await t.reconciler.reconcile(statusDone);
    expect(t.patches).toEqual([]);
    expect(t.aws.recordAtUpdate).toEqual([]);
  });

  it('compares the stored status by value: keys sorted as the API server returns them are no change', async () => {
    const t = setUp({ deletionPolicy: 'Retain', tags: { team: 'a' } }, { ...external, [Annotation.applied]: '["tags.team"]' }, { team: 'a' });
    t.stored.status = undefined;
    await t.reconciler.reconcile(structuredClone(t.stored));
    expect(t.statusPatches).toHaveLength(1);
    const asServed = structuredClone(t.stored);
    asServed.status = sortedKeys(asServed.status);
    expect(JSON.stringify(asServed.status)).not.toBe(JSON.stringify(t.stored.status));
    await t.reconciler.reconcile(asServed);
    expect(t.statusPatches).toHaveLength(1);
  });

  it('an unreadable record reads as empty rather than failing the pass', async () => {
    const t = setUp({ deletionPolicy: 'Retain', tags: { team: 'a' } }, { ...external, [Annotation.applied]: 'not json' }, { team: 'a', env: 'dev' });
    await expect(t.reconciler.reconcile(structuredClone(t.stored))).resolves.toEqual({ next: 'resync' });
    expect(t.aws.tags).toEqual({ team: 'a', env: 'dev' });
    expect(t.stored.metadata.annotations[Annotation.applied]).toBe('["tags.team"]');
  });
});

describe('ManagedReconciler create-pending marker', () => {
  const pending = Annotation.createPending;
  const fresh = (t: ReturnType<typeof setUp>) => {
    t.stored.status = undefined;
    return structuredClone(t.stored);
  };

  it('a kind that searches always looks before every create, with no marker', async () => {
    const t = setUp({ deletionPolicy: 'Retain' }, {}, {});
    await t.reconciler.reconcile(fresh(t));
    expect(t.aws.steps).toEqual(['findOwned', 'create', `annotate ${Annotation.externalId}`]);
  });

  it('a kind whose search lists the account marks the object before creating and does not search', async () => {
    const t = setUp({ deletionPolicy: 'Retain' }, {}, {}, 'afterInterruptedCreate');
    await t.reconciler.reconcile(fresh(t));
    expect(t.aws.steps).toEqual([`annotate ${pending}`, 'create', `annotate ${Annotation.externalId},${pending}`]);
    expect(t.patches[0]?.[pending]).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(t.patches[1]?.[pending]).toBeNull();
    expect(t.stored.metadata.annotations).toEqual({ [Annotation.externalId]: 'id-1' });
  });

  it('a new object gets its finalizer in the marker\'s write, before the create; an adopted one first, in a write of its own', async () => {
    const t = setUp({ deletionPolicy: 'Retain' }, {}, {}, 'afterInterruptedCreate');
    t.stored.metadata.finalizers = [];
    await t.reconciler.reconcile(fresh(t));
    expect(t.aws.steps).toEqual([`annotate ${pending} + finalizers ${Finalizer}`, 'create', `annotate ${Annotation.externalId},${pending}`]);
    expect(t.stored.metadata.finalizers).toEqual([Finalizer]);

    const adopting = setUp({ deletionPolicy: 'Retain' }, { [Annotation.externalId]: 'id-1' }, {}, 'afterInterruptedCreate');
    adopting.stored.metadata.finalizers = [];
    await adopting.reconciler.reconcile(structuredClone(adopting.stored));
    expect(adopting.aws.steps[0]).toBe(`finalizers ${Finalizer}`);
  });

  it('a create that answers with what it made: the rest of the spec is written onto that at once, then one observe', async () => {
    const t = setUp({ deletionPolicy: 'Retain', tags: { team: 'a' } }, {}, {}, 'afterInterruptedCreate');
    t.aws.client.create = async () => (t.aws.steps.push('create'), { externalId: 'id-1', seen: 'the create answer' });
    const updatedOnto: unknown[] = [];
    const update = t.aws.client.update;
    t.aws.client.update = async (obj, id, seen) => (updatedOnto.push(seen), update(obj, id, seen));
    await expect(t.reconciler.reconcile(fresh(t))).resolves.toEqual({ next: 'resync' });
    expect(updatedOnto).toEqual(['the create answer']);
    expect(t.aws.seen).toHaveLength(1);
    expect(t.aws.tags).toEqual({ team: 'a' });
    expect(t.events).toEqual(['Created: Created thing id-1']);
  });

  it('a create whose answer already matches the spec is Ready with no read back and no update', async () => {
    const t = setUp({ deletionPolicy: 'Retain' }, {}, {}, 'afterInterruptedCreate');
    const shown = { exists: true as const, upToDate: true, diff: [], outputs: {}, seen: 'the create answer' };
    t.aws.client.create = async () => (t.aws.steps.push('create'), { externalId: 'id-1', seen: 'the create answer', observation: shown });
    const updatedOnto: unknown[] = [];
    t.aws.client.update = async (_obj, _id, seen) => (updatedOnto.push(seen), { changed: [] });
    await expect(t.reconciler.reconcile(fresh(t))).resolves.toEqual({ next: 'resync' });
    expect(updatedOnto).toEqual([]);
    expect(t.aws.seen).toHaveLength(0);
    expect(t.stored.status).toMatchObject({ id: 'id-1', conditions: expect.arrayContaining([expect.objectContaining({ type: 'Ready', status: 'True', reason: 'Available' })]) });
    expect(t.events).toEqual(['Created: Created thing id-1']);

    // An answer that still differs (what the create could not carry) goes through update and one observe.
    const rest = setUp({ deletionPolicy: 'Retain', tags: { team: 'a' } }, {}, {}, 'afterInterruptedCreate');
    rest.aws.client.create = async () => (rest.aws.steps.push('create'), { externalId: 'id-1', seen: 'the create answer', observation: { ...shown, upToDate: false, diff: ['tags.team'] } });
    await expect(rest.reconciler.reconcile(fresh(rest))).resolves.toEqual({ next: 'resync' });
    expect(rest.aws.seen).toHaveLength(1);
    expect(rest.aws.tags).toEqual({ team: 'a' });
  });

  it('a fresh object says Creating before the create; one that waited for a reference goes on to Created', async () => {
    const reasons = (t: ReturnType<typeof setUp>) => t.statusPatches.map((st) => (st as { conditions: { type: string; reason: string }[] }).conditions.find((c) => c.type === 'Ready')?.reason);
    const fresh1 = setUp({ deletionPolicy: 'Retain' }, {}, {});
    await fresh1.reconciler.reconcile(fresh(fresh1));
    expect(reasons(fresh1)).toEqual(['Creating', 'Creating', 'Available']);
    const waited = setUp({ deletionPolicy: 'Retain' }, {}, {});
    waited.stored.status = { conditions: [{ type: 'Ready', status: 'False', reason: 'ReferenceNotReady', message: 'Waiting for UserPool p to be Ready', lastTransitionTime: '2026-12-02T10:00:00.000Z', observedGeneration: 2 }] };
    await waited.reconciler.reconcile(structuredClone(waited.stored));
    expect(reasons(waited)).toEqual(['Creating', 'Available']);
  });

  it('searches when status names a resource whose annotation is gone', async () => {
    const t = setUp({ deletionPolicy: 'Retain' }, {}, {}, 'afterInterruptedCreate');
    await t.reconciler.reconcile(structuredClone(t.stored));
    expect(t.aws.steps[0]).toBe('findOwned');
  });

  it('searches when the marker says an earlier create may have happened', async () => {
    const t = setUp({ deletionPolicy: 'Retain' }, { [pending]: '2026-12-02T10:00:00.000Z' }, {}, 'afterInterruptedCreate');
    await t.reconciler.reconcile(fresh(t));
    expect(t.aws.steps.slice(0, 2)).toEqual(['findOwned', `annotate ${pending}`]);
    expect(t.stored.metadata.annotations).toEqual({ [Annotation.externalId]: 'id-1' });
  });
});

describe('ManagedReconciler immutable mismatches', () => {
  const external = { [Annotation.externalId]: 'id-1' };
  const mismatchOf = (note?: string) => ({ path: 'role', want: null, have: 'r1', ...(note ? { note } : {}) });

  it.each([
    { name: 'fixed at create', note: undefined, want: 'thing id-1: role is null in the spec but "r1" in AWS. Cognito cannot change this after create, and the operator' },
    { name: 'with a note saying why', note: 'it cannot be cleared', want: 'thing id-1: role is null in the spec but "r1" in AWS (it cannot be cleared). The operator' },
  ])('stalls with no write, the message $name', async ({ note, want }) => {
    const t = setUp({ deletionPolicy: 'Retain' }, external, {});
    t.aws.client.observe = async () => ({ exists: true, upToDate: true, diff: [], outputs: {}, immutableMismatches: [mismatchOf(note)] });
    await expect(t.reconciler.reconcile(structuredClone(t.stored))).resolves.toEqual({ next: 'resync', failed: true });
    expect(t.events).toEqual([expect.stringContaining(`ImmutableMismatch: ${want}`)]);
    expect(t.aws.recordAtUpdate).toEqual([]);
  });

  it('does not hold up a deletion', async () => {
    const t = setUp({ deletionPolicy: 'Delete' }, external, {});
    t.stored.metadata.deletionTimestamp = '2025-01-01T00:00:00Z';
    t.aws.client.observe = async () => ({ exists: true, upToDate: true, diff: [], outputs: {}, immutableMismatches: [mismatchOf('it cannot be cleared')] });
    const deleted: string[] = [];
    t.aws.client.delete = async (_obj, externalId) => {
      deleted.push(externalId);
    };
    await expect(t.reconciler.reconcile(structuredClone(t.stored))).resolves.toEqual({ next: 'wait' });
    expect(deleted).toEqual(['id-1']);
    expect(t.events).toContainEqual(expect.stringMatching(/^Deleted: /));
  });
});

describe('ManagedReconciler accounts', () => {
  const shop: AccountGate = { check: async () => ({ ok: true, account: { key: 'binding/shop', id: '210987654321' } }) };

  it('records the account with the ID of what it creates, and in status', async () => {
    const t = setUp({ deletionPolicy: 'Retain', tags: { team: 'a' } }, {}, {}, undefined, shop);
    t.stored.status = {};
    await t.reconciler.reconcile(structuredClone(t.stored));
    expect(t.aws.steps).toContain('create');
    expect(t.patches).toContainEqual(expect.objectContaining({ [Annotation.externalId]: 'id-1', [Annotation.accountId]: '210987654321' }));
    expect(t.stored.status).toMatchObject({ id: 'id-1', accountId: '210987654321' });
  });

  it('stalls with the gate’s reason and makes no AWS call when the account is refused', async () => {
    const refused: AccountGate = { check: async () => ({ ok: false, reason: 'AccountChanged', message: 'lives in 111122223333, now 210987654321' }) };
    const t = setUp({ deletionPolicy: 'Delete', tags: { team: 'a' } }, { [Annotation.externalId]: 'id-1' }, {}, undefined, refused);
    await expect(t.reconciler.reconcile(structuredClone(t.stored))).resolves.toEqual({ next: 'resync', failed: true });
    expect(t.aws.steps).toEqual([]);
    expect(t.aws.seen).toEqual([]);
    expect(t.stored.status).toMatchObject({ conditions: expect.arrayContaining([expect.objectContaining({ type: 'Stalled', status: 'True', reason: 'AccountChanged' })]) });
    expect(t.events).toEqual(['AccountChanged: lives in 111122223333, now 210987654321']);
    // The next pass says nothing new: no second Event.
    await t.reconciler.reconcile(structuredClone(t.stored));
    expect(t.events).toHaveLength(1);
  });
});

describe('ManagedReconciler on a cache behind its own writes', () => {
  /** A new object whose reference is not ready: its first pass adds the finalizer and writes status. */
  const waiting = () => {
    const t = setUp({ deletionPolicy: 'Retain' }, {}, {});
    t.kind.resolve = async () => ({ ready: false, message: 'Waiting for UserPool p to be Ready' });
    t.stored.metadata.finalizers = [];
    t.stored.status = undefined;
    return t;
  };

  it('a pass that starts on the copy from before its last writes works on what the API server answered', async () => {
    const t = waiting();
    // The cache's copy; a pass may update the very copy it is given, so each gets a clone.
    const cached = structuredClone(t.stored);
    await expect(t.reconciler.reconcile(structuredClone(cached))).resolves.toEqual({ next: 'wait' });
    expect([t.aws.steps, t.statusPatches.length]).toEqual([[`finalizers ${Finalizer}`], 1]);

    // Woken again (its reference changed) before the watch brought either write: no 409, no repeat.
    await expect(t.reconciler.reconcile(structuredClone(cached))).resolves.toEqual({ next: 'wait' });
    expect([t.aws.steps, t.statusPatches.length]).toEqual([[`finalizers ${Finalizer}`], 1]);
  });

  it('a copy no write of ours replaced (someone else wrote) is used as it is, and so is one the cache caught up with', async () => {
    const t = waiting();
    const cached = structuredClone(t.stored);
    await t.reconciler.reconcile(structuredClone(cached));
    // Someone removes the finalizer after our writes: the pass sees that and adds it again.
    t.stored.metadata.finalizers = [];
    t.stored.metadata.resourceVersion = '10';
    t.reconciler.observed(structuredClone(t.stored));
    await expect(t.reconciler.reconcile(structuredClone(t.stored))).resolves.toEqual({ next: 'wait' });
    expect(t.aws.steps).toEqual([`finalizers ${Finalizer}`, `finalizers ${Finalizer}`]);

    // The cache caught up, and an old copy shows up again (a relist from a lagging cache): it is used as it is.
    t.reconciler.observed(structuredClone(t.stored));
    await expect(t.reconciler.reconcile(structuredClone(cached))).resolves.toEqual({ next: 'backoff' });
  });
});
