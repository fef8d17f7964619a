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
import { parentPoolForDeletion, readyParentPool } from '../userpool/parent';
import { createResourceServerClient } from './client';
import type { ResourceServerOutputs, ResourceServerRefs } from './mapping';
import { resourceServerOwnedPaths } from './ownership';
import type { ResourceServerSpec } from './schema';

export const ResourceServerKindName = 'ResourceServer';
const UserPoolKindName = 'UserPool';

type Spec = ResourceServerSpec;

const Message = {
  noSpec: 'ResourceServer has no spec',
} as const;

function specOf(obj: CustomObject): Spec {
  if (!isRecord(obj.spec)) throw new Error(Message.noSpec);
  // The API server validated and defaulted the spec against the schema this type comes from.
  return obj.spec as Spec;
}

interface ResolveDeps {
  lookup: ObjectLookup;
  defaultRegion: string;
}

/** The pool must be Ready; while the ResourceServer is being deleted, its ID is enough (parentPoolForDeletion). */
export function resolveResourceServer({ lookup, defaultRegion }: ResolveDeps, obj: CustomObject): Resolution<ResourceServerRefs> {
  const spec = specOf(obj);
  const poolName = spec.userPoolRef.name;
  if (obj.metadata.deletionTimestamp) return parentPoolForDeletion(lookup, defaultRegion, obj, poolName);
  return readyParentPool(lookup, defaultRegion, { namespace: obj.metadata.namespace, poolName, region: spec.region, noun: 'a resource server' });
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
