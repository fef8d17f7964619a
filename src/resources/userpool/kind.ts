/** UserPool plugged into the generic reconciler. */
import { Group, Version } from '../../api/group';
import { isRecord } from '../../kube/objects';
import type { ManagedKind } from '../../reconciler/kind';
import type { KindDeps } from '../kinds';
import { noReferences } from '../../reconciler/kind';
import { createUserPoolClient } from './client';
import type { UserPoolOutputs } from './mapping';
import type { UserPoolSpec } from './schema';
import { userPoolOwnedPaths } from './ownership';

export const UserPoolKindName = 'UserPool';

/** Kinds whose AWS resources live inside a user pool. */
const PoolDependents: ReadonlySet<string> = new Set(['AppClient', 'IdentityProvider', 'ResourceServer', 'UserPoolGroup']);

export function userPoolKind({ aws, lookup }: KindDeps): ManagedKind<UserPoolSpec, UserPoolOutputs> {
  return {
    resource: { group: Group, version: Version, plural: 'userpools', kind: UserPoolKindName },
    noun: 'user pool',
    // Its search lists every pool in the account: only worth it after an interrupted create.
    searchBeforeCreate: 'afterInterruptedCreate',
    client: createUserPoolClient(aws),
    spec: (obj) => {
      if (!isRecord(obj.spec)) throw new Error('UserPool has no spec');
      // The API server validated and defaulted the spec against the schema this type comes from.
      return obj.spec as UserPoolSpec;
    },
    ownedPaths: userPoolOwnedPaths,
    statusOutputs: (outputs) => ({ ...outputs }),
    resolve: noReferences,
    // AppClients, IdentityProviders, ResourceServers and UserPoolGroups in AWS live inside the pool: delete them
    // first, so none is left pointing at a deleted pool.
    dependents: (obj) =>
      lookup
        .dependentsOf(UserPoolKindName, obj.metadata.namespace, obj.metadata.name)
        .filter((d) => PoolDependents.has(d.kind))
        .map((d) => `${d.kind} ${d.obj.metadata.name}`),
  };
}
