/**
 * IdentityPool plugged into the generic reconciler.
 *
 * References: each userPools entry names a UserPool and an AppClient (roleMappings name the
 * same pairs). The pair becomes a provider of the identity pool,
 * `cognito-idp.<region>.amazonaws.com/<UserPool status.id>` with ClientId = AppClient
 * status.clientId, once both are Ready.
 *
 * An identity pool whose provider is being deleted is updated, not broken (DESIGN §2). Each
 * pair resolves to one of three outcomes:
 * - use it: both targets are Ready (and the AppClient belongs to that UserPool);
 * - leave it out (absent): a target is being deleted (deletionTimestamp set), or a target no
 *   longer exists although this IdentityPool was Ready at its current generation (then every
 *   target existed when it was last made Ready, so a missing one has gone). Before a missing
 *   target counts as gone, the API server is asked: at start-up the other kinds' caches may not
 *   be filled yet, and a provider must not be dropped for that. The pair's provider and role
 *   mapping are removed from AWS and the pool stays Ready. A target created again under the
 *   same name wakes this object and is added back once Ready;
 * - wait (ReferenceNotReady, naming the target): a target that does not exist yet (a new
 *   IdentityPool, or a spec change that added the pair) or exists but is not Ready.
 * While the IdentityPool itself is being deleted every unresolved pair is left out: deleting it
 * in AWS needs none of them, and waiting could keep it forever.
 */
import type { Logger } from 'pino';
import { Group, Version } from '../../api/group';
import type { KubeApi } from '../../kube/client';
import type { CustomObject, ResourceRef } from '../../kube/objects';
import { isRecord } from '../../kube/objects';
import { storedConditions } from '../../reconciler/conditions';
import type { ManagedKind, ObjectLookup, ObjectRef, Resolution } from '../../reconciler/kind';
import { readyTarget } from '../../reconciler/references';
import type { KindDeps } from '../kinds';
import { identityPoolOwnedPaths } from './ownership';
import { createIdentityPoolClient } from './client';
import type { CognitoProvider, IdentityPoolOutputs, IdentityPoolRefs } from './mapping';
import { pairKey } from './mapping';
import type { IdentityPoolSpec } from './schema';

export const IdentityPoolKindName = 'IdentityPool';
const UserPoolKindName = 'UserPool';
const AppClientKindName = 'AppClient';
const UserPoolResource: ResourceRef = { group: Group, version: Version, plural: 'userpools', kind: UserPoolKindName };
const AppClientResource: ResourceRef = { group: Group, version: Version, plural: 'appclients', kind: AppClientKindName };

const Message = {
  noSpec: 'IdentityPool has no spec',
  leftOut: 'leaving the user pool app client out of the identity pool',
} as const;

interface Pair {
  userPool: string;
  appClient: string;
}

/** One referenced object, as the cache (or, to confirm it is gone, the API server) has it. */
type TargetState =
  | { state: 'ready'; obj: CustomObject; status: Record<string, unknown> }
  | { state: 'leaving'; why: string }
  | { state: 'missing'; waitWhy: string; goneWhy: string }
  | { state: 'waiting'; why: string };

/** What resolving needs: the caches, and the API server to confirm that a target is gone. */
interface ResolveDeps {
  lookup: ObjectLookup;
  api: KubeApi;
  logger: Logger;
}

/** What to do with one userPools pair. */
type PairOutcome = { use: CognitoProvider } | { leaveOut: string } | { wait: string };

function specOf(obj: CustomObject): IdentityPoolSpec {
  if (!isRecord(obj.spec)) throw new Error(Message.noSpec);
  // The API server validated and defaulted the spec against the schema this type comes from.
  return obj.spec as IdentityPoolSpec;
}

/** Every pair the spec names: userPools entries and role mappings by reference (deduplicated). */
function pairsOf(spec: IdentityPoolSpec): Pair[] {
  const pairs = new Map<string, Pair>();
  for (const p of spec.userPools ?? []) pairs.set(pairKey(p.userPoolRef.name, p.appClientRef.name), { userPool: p.userPoolRef.name, appClient: p.appClientRef.name });
  for (const m of spec.roleMappings ?? []) {
    if (m.userPoolRef && m.appClientRef) pairs.set(pairKey(m.userPoolRef.name, m.appClientRef.name), { userPool: m.userPoolRef.name, appClient: m.appClientRef.name });
  }
  return [...pairs.values()];
}

/** A lookup that knows one object: readyTarget's rules applied to what the API server answered. */
function lookupOfOne(obj: CustomObject): ObjectLookup {
  return { get: (kind, namespace, name) => (obj.kind === kind && obj.metadata.namespace === namespace && obj.metadata.name === name ? obj : undefined), dependentsOf: () => [] };
}

/**
 * The state of one target. `confirmMissing`: an object missing from the cache is looked up in
 * the API server before it counts as missing (the cache may not have been filled yet).
 */
async function targetState(deps: ResolveDeps, resource: ResourceRef, namespace: string, name: string, confirmMissing: boolean): Promise<TargetState> {
  const { kind } = resource;
  const cached = deps.lookup.get(kind, namespace, name);
  const live = !cached && confirmMissing ? await deps.api.get(resource, namespace, name) : undefined;
  const obj = cached ?? live;
  if (!obj) return { state: 'missing', waitWhy: `Waiting for ${kind} ${name}: it does not exist in namespace ${namespace}`, goneWhy: `${kind} ${name} no longer exists` };
  if (obj.metadata.deletionTimestamp) return { state: 'leaving', why: `${kind} ${name} is being deleted` };
  const target = readyTarget(cached ? deps.lookup : lookupOfOne({ ...obj, kind }), kind, namespace, name);
  return target.ready ? { state: 'ready', obj: target.obj, status: target.status } : { state: 'waiting', why: target.message };
}

/** Ready for exactly this generation: every reference resolved when the spec was last applied. */
function wasReadyAtThisGeneration(obj: CustomObject): boolean {
  const status = isRecord(obj.status) ? obj.status : {};
  const ready = storedConditions(obj.status).find((c) => c.type === 'Ready');
  return status.observedGeneration === obj.metadata.generation && ready?.status === 'True';
}

function statusField(target: { obj: CustomObject; status: Record<string, unknown> }, field: string): string | undefined {
  const value = target.status[field];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function appClientPool(appClient: CustomObject): string | undefined {
  const spec = isRecord(appClient.spec) ? appClient.spec : {};
  const ref = isRecord(spec.userPoolRef) ? spec.userPoolRef : {};
  return typeof ref.name === 'string' ? ref.name : undefined;
}

/**
 * The outcome for one pair. `settled`: the IdentityPool was Ready at this generation, so a
 * missing target has gone. `deleting`: the IdentityPool is being deleted, so nothing waits.
 */
async function resolvePair(deps: ResolveDeps, namespace: string, pair: Pair, mode: { settled: boolean; deleting: boolean }): Promise<PairOutcome> {
  // Only a settled pool that is not being deleted acts on "missing" by changing AWS: confirm it.
  const confirm = mode.settled && !mode.deleting;
  const pool = await targetState(deps, UserPoolResource, namespace, pair.userPool, confirm);
  const client = await targetState(deps, AppClientResource, namespace, pair.appClient, confirm);
  const targets = [pool, client];
  const leaving = targets.find((t) => t.state === 'leaving');
  if (leaving?.state === 'leaving') return { leaveOut: leaving.why };
  const missing = targets.find((t) => t.state === 'missing');
  if (missing?.state === 'missing') return mode.settled || mode.deleting ? { leaveOut: missing.goneWhy } : { wait: missing.waitWhy };
  const waiting = targets.find((t) => t.state === 'waiting');
  if (waiting?.state === 'waiting') return mode.deleting ? { leaveOut: waiting.why } : { wait: waiting.why };
  if (pool.state !== 'ready' || client.state !== 'ready') return { wait: `Waiting for ${pair.userPool} and ${pair.appClient}` };

  const owner = appClientPool(client.obj);
  if (owner !== pair.userPool) {
    const why = `AppClient ${pair.appClient} belongs to UserPool ${owner ?? '(none)'}, not ${pair.userPool}: fix userPoolRef or appClientRef`;
    return mode.deleting ? { leaveOut: why } : { wait: why };
  }
  const userPoolId = statusField(pool, 'id');
  const clientId = statusField(client, 'clientId');
  if (!userPoolId || !clientId) {
    const why = `Waiting for ${userPoolId ? `AppClient ${pair.appClient} status.clientId` : `UserPool ${pair.userPool} status.id`}`;
    return mode.deleting ? { leaveOut: why } : { wait: why };
  }
  return { use: { userPoolId, clientId } };
}

/** The providers each pair resolves to, or the first reason to wait. */
async function resolveProviders(deps: ResolveDeps, obj: CustomObject): Promise<Resolution<IdentityPoolRefs>> {
  const { namespace, name } = obj.metadata;
  const mode = { settled: wasReadyAtThisGeneration(obj), deleting: obj.metadata.deletionTimestamp !== undefined };
  const providers: Record<string, CognitoProvider> = {};
  for (const pair of pairsOf(specOf(obj))) {
    const outcome = await resolvePair(deps, namespace, pair, mode);
    if ('wait' in outcome) return { ready: false, message: outcome.wait };
    if ('leaveOut' in outcome) {
      deps.logger.info({ kind: IdentityPoolKindName, namespace, name, userPool: pair.userPool, appClient: pair.appClient, reason: outcome.leaveOut }, Message.leftOut);
      continue;
    }
    providers[pairKey(pair.userPool, pair.appClient)] = outcome.use;
  }
  return { ready: true, refs: { providers } };
}

export function identityPoolKind({ aws, lookup, api, logger }: KindDeps): ManagedKind<IdentityPoolSpec, IdentityPoolOutputs, IdentityPoolRefs> {
  return {
    resource: { group: Group, version: Version, plural: 'identitypools', kind: IdentityPoolKindName },
    noun: 'identity pool',
    // Its search lists every pool in the account: only worth it after an interrupted create.
    searchBeforeCreate: 'afterInterruptedCreate',
    client: createIdentityPoolClient(aws),
    spec: specOf,
    ownedPaths: identityPoolOwnedPaths,
    statusOutputs: (outputs) => ({ ...outputs }),
    referencesOf: (obj): ObjectRef[] => {
      const pairs = pairsOf(specOf(obj));
      const pools = new Set(pairs.map((p) => p.userPool));
      const clients = new Set(pairs.map((p) => p.appClient));
      return [...[...pools].map((name) => ({ kind: UserPoolKindName, name })), ...[...clients].map((name) => ({ kind: AppClientKindName, name }))];
    },
    resolve: (obj) => resolveProviders({ lookup, api, logger }, obj),
  };
}
