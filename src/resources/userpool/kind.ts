/** UserPool plugged into the generic reconciler. */
import { Group, Version } from '../../api/group';
import type { CustomObject } from '../../kube/objects';
import { isRecord } from '../../kube/objects';
import type { ManagedKind, Resolution } from '../../reconciler/kind';
import type { KindDeps } from '../kinds';
import { followsLogoConfigMap } from '../hostedui/mapping';
import { logoReferences, resolveLogo } from '../hostedui/logo';
import { createUserPoolClient } from './client';
import type { UserPoolOutputs, UserPoolRefs } from './mapping';
import type { UserPoolSpec } from './schema';
import { userPoolOwnedPaths } from './ownership';

export const UserPoolKindName = 'UserPool';

/** Kinds whose AWS resources live inside a user pool. */
const PoolDependents: ReadonlySet<string> = new Set(['AppClient', 'IdentityProvider', 'ResourceServer', 'UserPoolGroup']);

function specOf(obj: CustomObject): UserPoolSpec {
  if (!isRecord(obj.spec)) throw new Error('UserPool has no spec');
  // The API server validated and defaulted the spec against the schema this type comes from.
  return obj.spec as UserPoolSpec;
}

export function userPoolKind({ aws, lookup, api }: KindDeps): ManagedKind<UserPoolSpec, UserPoolOutputs, UserPoolRefs> {
  return {
    resource: { group: Group, version: Version, plural: 'userpools', kind: UserPoolKindName },
    noun: 'user pool',
    // Its search lists every pool in the account: only worth it after an interrupted create.
    searchBeforeCreate: 'afterInterruptedCreate',
    client: createUserPoolClient(aws),
    spec: specOf,
    ownedPaths: userPoolOwnedPaths,
    statusOutputs: (outputs) => ({ ...outputs }),
    // The hostedUi logo's ConfigMap: watched, so a new logo is applied at once (an update, not drift).
    referencesOf: (obj) => logoReferences(specOf(obj).hostedUi),
    followsReference: followsLogoConfigMap,
    /** The logo's bytes; a missing ConfigMap or key waits, with no AWS call. A deletion needs no logo. */
    async resolve(obj): Promise<Resolution<UserPoolRefs>> {
      if (obj.metadata.deletionTimestamp) return { ready: true, refs: {} };
      return resolveLogo(api, obj, specOf(obj).hostedUi);
    },
    // AppClients, IdentityProviders, ResourceServers and UserPoolGroups in AWS live inside the pool: delete them
    // first, so none is left pointing at a deleted pool.
    dependents: (obj) =>
      lookup
        .dependentsOf(UserPoolKindName, obj.metadata.namespace, obj.metadata.name)
        .filter((d) => PoolDependents.has(d.kind))
        .map((d) => `${d.kind} ${d.obj.metadata.name}`),
  };
}
