/**
 * ResourceServer plugged into the generic reconciler: its one reference is the UserPool (Ready,
 * for its ID and region). AppClients that name it in resourceServerRefs wait for it to be Ready.
 */
import { Group, Version } from '../../api/group';
import { isRecord } from '../../kube/objects';
import type { CustomObject } from '../../kube/objects';
import { claimantOf } from '../../reconciler/claims';
import type { ManagedKind, ObjectLookup, ObjectRef, Resolution } from '../../reconciler/kind';
import type { KindDeps } from '../kinds';
import { readyParentPool } from '../userpool/parent';
import { createResourceServerClient } from './client';
import type { ResourceServerOutputs, ResourceServerRefs } from './mapping';
import { resourceServerOwnedPaths } from './ownership';
import type { ResourceServerSpec } from './schema';

export const ResourceServerKindName = 'ResourceServer';
const UserPoolKindName = 'UserPool';

type Spec = ResourceServerSpec;

const Message = {
  noSpec: 'ResourceServer has no spec',
  poolGone: (pool: string) => `UserPool ${pool} no longer has a user pool ID`,
} as const;

function specOf(obj: CustomObject): Spec {
  if (!isRecord(obj.spec)) throw new Error(Message.noSpec);
  // The API server validated and defaulted the spec against the schema this type comes from.
  return obj.spec as Spec;
}

/** The pool's region: its spec.region, else the operator's. */
function poolRegion(pool: CustomObject, defaultRegion: string): string {
  const spec = isRecord(pool.spec) ? pool.spec : {};
  return typeof spec.region === 'string' ? spec.region : defaultRegion;
}

interface ResolveDeps {
  lookup: ObjectLookup;
  defaultRegion: string;
}

/**
 * The pool must be Ready. While the ResourceServer is being deleted, only the pool's ID is
 * needed, and the pool may itself be waiting for this object to go (DependentsExist): its
 * recorded ID is used then. Without it (the pool object is gone) there is nothing to delete.
 */
export function resolveResourceServer({ lookup, defaultRegion }: ResolveDeps, obj: CustomObject): Resolution<ResourceServerRefs> {
  const spec = specOf(obj);
  const { namespace } = obj.metadata;
  const poolName = spec.userPoolRef.name;
  if (obj.metadata.deletionTimestamp) {
    const pool = lookup.get(UserPoolKindName, namespace, poolName);
    const id = pool && isRecord(pool.status) && typeof pool.status.id === 'string' && pool.status.id !== '' ? pool.status.id : undefined;
    if (!pool || !id) return { ready: false, message: Message.poolGone(poolName) };
    return { ready: true, refs: { userPoolId: id, region: poolRegion(pool, defaultRegion) } };
  }
  return readyParentPool(lookup, defaultRegion, { namespace, poolName, region: spec.region, noun: 'a resource server' });
}

export function resourceServerKind({ aws, lookup }: KindDeps): ManagedKind<Spec, ResourceServerOutputs, ResourceServerRefs> {
  return {
    resource: { group: Group, version: Version, plural: 'resourceservers', kind: ResourceServerKindName },
    noun: 'resource server',
    client: createResourceServerClient(aws),
    spec: specOf,
    ownedPaths: resourceServerOwnedPaths,
    statusOutputs: ({ identifier, userPoolId, scopes }) => ({ identifier, userPoolId, scopes }),
    claimedBy: (obj, identifier) => claimantOf(lookup, obj, ResourceServerKindName, { kind: UserPoolKindName, name: specOf(obj).userPoolRef.name }, identifier),
    referencesOf: (obj): ObjectRef[] => [{ kind: UserPoolKindName, name: specOf(obj).userPoolRef.name }],
    resolve: async (obj) => resolveResourceServer({ lookup, defaultRegion: aws.defaultRegion }, obj),
  };
}
