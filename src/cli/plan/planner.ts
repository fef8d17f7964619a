/**
 * What applying the files would do, object by object, decided by each kind's own resolve,
 * observe and diff (read-only AWS calls). Objects go in dependency order; one found in AWS gets
 * the status the operator would give it (its outputs, Ready), so its dependents resolve from it.
 */
import type { Logger } from 'pino';
import { pino } from 'pino';
import { Annotation } from '../../api/group';
import { kinds as kindDefinitions } from '../../api/kinds';
import type { AwsClients } from '../../aws/clients';
import type { KubeApi } from '../../kube/client';
import type { CustomObject } from '../../kube/objects';
import type { ManagedObject } from '../../reconciler/external';
import type { CommonSpec, ManagedKind } from '../../reconciler/kind';
import { parseApplied, releasedPaths } from '../../reconciler/ownership';
import { registerKinds } from '../../resources/kinds';
import type { PlannedObject } from './aws-values';
import { awsValue, specValue } from './aws-values';
import { withDefaults } from './defaults';
import type { LoadedObject } from './load';
import { PlanObjects, planKubeApi } from './source';

export type PlanAction = 'create' | 'update' | 'up-to-date' | 'stall' | 'wait';

export interface PathChange {
  path: string;
  /** AWS's value where it can be said; values of secret paths are masked. */
  old?: unknown;
  new?: unknown;
  /** The applied record names the path and the spec no longer does: it would be removed, or reset to AWS's default. */
  remove?: true;
}

export interface ObjectPlan {
  kind: string;
  namespace: string;
  name: string;
  action: PlanAction;
  externalId?: string;
  changes: PathChange[];
  /** Why it would stall or wait. */
  reason?: string;
}

/** Dependency order: a kind's references are planned before it. */
const Order = ['UserPool', 'IdentityProvider', 'ResourceServer', 'UserPoolGroup', 'AppClient', 'ManagedLoginBranding', 'IdentityPool'];

const Masked = '(secret: masked)';
/** Paths whose values are secrets, or name where one is: never printed. */
const SecretPath = /(^|\.)(clientSecretRef|privateKeyRef|metadataFileRef|client_secret|private_key)$/;

/** True when `path` is a released path or lies under one. */
const underAny = (path: string, released: ReadonlySet<string>): boolean => [...released].some((r) => path === r || path.startsWith(`${r}.`) || path.startsWith(`${r}[`));

function change(kind: string, obj: PlannedObject, seen: unknown, path: string, released: ReadonlySet<string>): PathChange {
  // A released path has no new value: the spec no longer names it.
  const removed = underAny(path, released);
  if (SecretPath.test(path)) return { path, old: Masked, ...(removed ? { remove: true } : { new: Masked }) };
  const now = awsValue(kind, seen, path, obj);
  const wanted = specValue(kind, obj.spec, path);
  return { path, ...(now !== undefined ? { old: now } : {}), ...(removed ? { remove: true } : wanted !== undefined ? { new: wanted } : {}) };
}

function asCustomObject(o: LoadedObject, spec: unknown): CustomObject {
  return {
    apiVersion: o.apiVersion,
    kind: o.kind,
    metadata: { name: o.metadata.name, namespace: o.metadata.namespace, uid: `plan-${o.metadata.namespace}-${o.metadata.name}`, resourceVersion: '1', generation: 1, annotations: o.metadata.annotations, finalizers: [] },
    spec,
    status: {},
  };
}

/** The status the operator writes for a Ready object: its ID, outputs and Ready condition. */
function readyStatus(id: string, outputs: Record<string, unknown>): Record<string, unknown> {
  return { id, ...outputs, observedGeneration: 1, conditions: [{ type: 'Ready', status: 'True', reason: 'Available', message: 'planned', lastTransitionTime: new Date(0).toISOString() }] };
}

export interface PlanDeps {
  aws: AwsClients;
  /** The cluster, for references and Secrets not in the files. */
  cluster?: KubeApi;
  logger?: Logger;
}

type Planner = (obj: CustomObject) => Promise<ObjectPlan>;

function plannerFor<S extends CommonSpec, O, R>(kind: ManagedKind<S, O, R>, objects: PlanObjects): Planner {
  return async (obj) => {
    const base = { kind: obj.kind, namespace: obj.metadata.namespace, name: obj.metadata.name };
    const externalId = obj.metadata.annotations[Annotation.externalId];
    const resolution = await kind.resolve(obj);
    if (!resolution.ready) return { ...base, action: 'wait', changes: [], reason: resolution.message, ...(externalId ? { externalId } : {}) };
    if (!externalId) return { ...base, action: 'create', changes: [] };
    const spec = kind.spec(obj);
    // What the operator applied before (the file's annotation, or the cluster object's): a path it names and the spec no longer does would be released.
    const released = releasedPaths(parseApplied(obj.metadata.annotations[Annotation.applied]), kind.ownedPaths?.(spec) ?? []);
    const managed: ManagedObject<S, R> = { namespace: base.namespace, name: base.name, uid: obj.metadata.uid, generation: 1, spec, refs: resolution.refs, externalId, ...(released.length > 0 ? { released } : {}) };
    const seen = await kind.client.observe(managed, externalId);
    if (!seen.exists) return { ...base, externalId, action: 'stall', changes: [], reason: `AdoptionTargetNotFound: no ${kind.noun} ${externalId} in AWS; the operator never creates one in its place` };
    objects.put({ ...obj, status: readyStatus(externalId, kind.statusOutputs(seen.outputs)) });
    const mismatches = seen.immutableMismatches ?? [];
    if (mismatches.length > 0) {
      const changes = mismatches.map((m) => ({ path: m.path, old: m.have, new: m.want }));
      return { ...base, externalId, action: 'stall', changes, reason: `ImmutableMismatch: ${mismatches.map((m) => m.note ?? `Cognito fixes ${m.path} when the ${kind.noun} is created`).join('; ')}` };
    }
    if (seen.upToDate) return { ...base, externalId, action: 'up-to-date', changes: [] };
    const planned: PlannedObject = { name: base.name, namespace: base.namespace, spec: obj.spec as Record<string, unknown>, refs: resolution.refs };
    return { ...base, externalId, action: 'update', changes: seen.diff.map((path) => change(obj.kind, planned, seen.seen, path, new Set(released))) };
  };
}

/** Plans every object of the operator's kinds in the files (others, such as Secrets, are read, not planned). */
export async function plan(loaded: readonly LoadedObject[], deps: PlanDeps): Promise<ObjectPlan[]> {
  const objects = new PlanObjects(loaded);
  const api = planKubeApi(objects, deps.cluster);
  const planners = new Map<string, { planner: Planner; referencesOf?: (obj: CustomObject) => { kind: string; name: string }[] }>();
  registerKinds(
    { aws: deps.aws, lookup: objects, api, logger: deps.logger ?? pino({ level: 'silent' }) },
    { register: (kind) => planners.set(kind.resource.kind, { planner: plannerFor(kind, objects), referencesOf: kind.referencesOf?.bind(kind) }) },
  );
  const schemas = new Map(kindDefinitions.map((d) => [d.kind, d.spec.props]));
  const managed = loaded
    .filter((o) => planners.has(o.kind))
    .map((o) => asCustomObject(o, withDefaults(schemas.get(o.kind) ?? {}, o.spec)))
    .sort((a, b) => Order.indexOf(a.kind) - Order.indexOf(b.kind));
  // Known but not yet Ready: a dependent of an object that would stall or be created waits for it by name.
  for (const obj of managed) objects.put(obj);
  if (deps.cluster) {
    await fetchReferences(managed, planners, objects, deps.cluster);
    await recordedFromCluster(managed, deps.cluster);
  }
  const plans: ObjectPlan[] = [];
  for (const obj of managed) plans.push(await (planners.get(obj.kind)?.planner ?? (() => Promise.reject(new Error(obj.kind))))(obj));
  return plans;
}

/**
 * The applied record of each object whose file has none, from the cluster's object of that
 * name: what the operator applied there, so that a setting the files dropped shows as a removal.
 */
async function recordedFromCluster(managed: readonly CustomObject[], cluster: KubeApi): Promise<void> {
  for (const obj of managed) {
    if (obj.metadata.annotations[Annotation.applied] !== undefined) continue;
    const resource = kindDefinitions.find((d) => d.kind === obj.kind);
    if (!resource) continue;
    const live = await cluster.get({ group: 'cognito.operator.dev', version: 'v1alpha1', plural: resource.plural, kind: obj.kind }, obj.metadata.namespace, obj.metadata.name);
    const applied = live?.metadata.annotations[Annotation.applied];
    if (applied !== undefined) obj.metadata.annotations = { ...obj.metadata.annotations, [Annotation.applied]: applied };
  }
}

/** Referenced objects the files lack, as the cluster has them (status included). */
async function fetchReferences(managed: readonly CustomObject[], planners: Map<string, { referencesOf?: (obj: CustomObject) => { kind: string; name: string }[] }>, objects: PlanObjects, cluster: KubeApi): Promise<void> {
  const inFiles = new Set(managed.map((o) => `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`));
  for (const obj of managed) {
    for (const ref of planners.get(obj.kind)?.referencesOf?.(obj) ?? []) {
      const id = `${ref.kind}/${obj.metadata.namespace}/${ref.name}`;
      if (inFiles.has(id)) continue;
      const resource = kindDefinitions.find((d) => d.kind === ref.kind);
      if (!resource) continue;
      const live = await cluster.get({ group: 'cognito.operator.dev', version: 'v1alpha1', plural: resource.plural, kind: ref.kind }, obj.metadata.namespace, ref.name);
      if (live) objects.put({ ...live, kind: ref.kind });
    }
  }
}
