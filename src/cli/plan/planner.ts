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
import { clientFields } from '../../resources/appclient/mapping';
import { registerKinds } from '../../resources/kinds';
import { poolFields } from '../../resources/userpool/mapping';
import { withDefaults } from './defaults';
import type { LoadedObject } from './load';
import { PlanObjects, planKubeApi } from './source';

export type PlanAction = 'create' | 'update' | 'up-to-date' | 'stall' | 'wait';

export interface PathChange {
  path: string;
  /** AWS's value where the kind's comparison table knows it; values of secret paths are masked. */
  old?: unknown;
  new?: unknown;
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
const SecretPath = /(^|\.)(clientSecretRef|privateKeyRef|metadataFileRef)$/;

/** A value of the spec by dotted path; map keys may hold dots (`tags.cognito.example/x`). */
export function valueAt(spec: unknown, path: string): unknown {
  if (path === '') return spec;
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) return undefined;
  const record = spec as Record<string, unknown>;
  if (path in record) return record[path];
  const parts = path.split('.');
  for (let i = 1; i < parts.length; i++) {
    const head = parts.slice(0, i).join('.');
    if (head in record) return valueAt(record[head], parts.slice(i).join('.'));
  }
  return undefined;
}

/** AWS's value of a path, from the comparison tables of the kinds that have one. */
function awsValue(kind: string, seen: unknown, path: string): unknown {
  if (typeof seen !== 'object' || seen === null) return undefined;
  if (kind === 'UserPool' && 'pool' in seen) return poolFields.find((f) => f.path === path)?.have((seen as { pool: object }).pool);
  if (kind === 'AppClient') return clientFields.find((f) => f.path === path)?.have(seen);
  return undefined;
}

function change(kind: string, spec: unknown, seen: unknown, path: string): PathChange {
  if (SecretPath.test(path)) return { path, old: Masked, new: Masked };
  const now = awsValue(kind, seen, path);
  const wanted = valueAt(spec, path);
  return { path, ...(now !== undefined ? { old: now } : {}), ...(wanted !== undefined ? { new: wanted } : {}) };
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
    const managed: ManagedObject<S, R> = { namespace: base.namespace, name: base.name, uid: obj.metadata.uid, generation: 1, spec: kind.spec(obj), refs: resolution.refs, externalId };
    const seen = await kind.client.observe(managed, externalId);
    if (!seen.exists) return { ...base, externalId, action: 'stall', changes: [], reason: `AdoptionTargetNotFound: no ${kind.noun} ${externalId} in AWS; the operator never creates one in its place` };
    objects.put({ ...obj, status: readyStatus(externalId, kind.statusOutputs(seen.outputs)) });
    const mismatches = seen.immutableMismatches ?? [];
    if (mismatches.length > 0) {
      const changes = mismatches.map((m) => ({ path: m.path, old: m.have, new: m.want }));
      return { ...base, externalId, action: 'stall', changes, reason: `ImmutableMismatch: ${mismatches.map((m) => m.note ?? `Cognito fixes ${m.path} when the ${kind.noun} is created`).join('; ')}` };
    }
    if (seen.upToDate) return { ...base, externalId, action: 'up-to-date', changes: [] };
    return { ...base, externalId, action: 'update', changes: seen.diff.map((path) => change(obj.kind, obj.spec, seen.seen, path)) };
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
  if (deps.cluster) await fetchReferences(managed, planners, objects, deps.cluster);
  const plans: ObjectPlan[] = [];
  for (const obj of managed) plans.push(await (planners.get(obj.kind)?.planner ?? (() => Promise.reject(new Error(obj.kind))))(obj));
  return plans;
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
