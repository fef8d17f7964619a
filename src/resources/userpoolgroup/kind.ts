/** UserPoolGroup plugged into the generic reconciler: its one reference is the UserPool (Ready, for its ID and region). */
import { Group, Version } from '../../api/group';
import { isRecord } from '../../kube/objects';
import type { CustomObject } from '../../kube/objects';
import type { ManagedKind, ObjectRef, Resolution } from '../../reconciler/kind';
import { claimantOf } from '../../reconciler/claims';
import { parentPoolForDeletion, readyParentPool } from '../userpool/parent';
import type { KindDeps } from '../kinds';
import { createUserPoolGroupClient } from './client';
import type { UserPoolGroupOutputs, UserPoolGroupRefs } from './mapping';
import { userPoolGroupOwnedPaths } from './ownership';
import type { UserPoolGroupSpec } from './schema';

export const UserPoolGroupKindName = 'UserPoolGroup';
const UserPoolKindName = 'UserPool';

type Spec = UserPoolGroupSpec;

const Message = {
  noSpec: 'UserPoolGroup has no spec',
} as const;

function specOf(obj: CustomObject): Spec {
  if (!isRecord(obj.spec)) throw new Error(Message.noSpec);
  // The API server validated and defaulted the spec against the schema this type comes from.
  return obj.spec as Spec;
}

export function userPoolGroupKind({ aws, lookup }: KindDeps): ManagedKind<Spec, UserPoolGroupOutputs, UserPoolGroupRefs> {
  return {
    resource: { group: Group, version: Version, plural: 'userpoolgroups', kind: UserPoolGroupKindName },
    noun: 'user pool group',
    client: createUserPoolGroupClient(aws),
    spec: specOf,
    ownedPaths: userPoolGroupOwnedPaths,
    statusOutputs: ({ groupName, userPoolId }) => ({ groupName, userPoolId }),
    claimedBy: (obj, groupName) => claimantOf(lookup, obj, UserPoolGroupKindName, { kind: UserPoolKindName, name: specOf(obj).userPoolRef.name }, groupName),

    referencesOf(obj): ObjectRef[] {
      return [{ kind: UserPoolKindName, name: specOf(obj).userPoolRef.name }];
    },

    /** The pool must be Ready: its ID, and its region, which is the group's. Deleting needs the ID only. */
    async resolve(obj): Promise<Resolution<UserPoolGroupRefs>> {
      const spec = specOf(obj);
      if (obj.metadata.deletionTimestamp) return parentPoolForDeletion(lookup, aws.defaultRegion, obj, spec.userPoolRef.name);
      return readyParentPool(lookup, aws.defaultRegion, { namespace: obj.metadata.namespace, poolName: spec.userPoolRef.name, region: spec.region, noun: 'a group' });
    },
  };
}
