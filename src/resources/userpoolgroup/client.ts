/**
 * The UserPoolGroup external client: Cognito calls for the generic reconciler. Mapping and
 * comparison live in mapping.ts; this file only reads, decides whether a write is due, and makes
 * it. AWS errors propagate unchanged: the reconciler classifies them (src/aws/errors.ts).
 *
 * The external ID is the group's name: Cognito identifies a group by user pool and name, and a
 * pool holds at most one group of a name. Groups cannot be tagged, so a group of this object's
 * name in its pool is taken to be the one this object created (a crash between CreateGroup and
 * recording the name leaves exactly that); the reconciler refuses it when another object
 * records it (NameConflict).
 */
import { identityProviderSdk } from '../../aws/sdk';
import type { CognitoIdentityProviderClient, GroupType } from '@aws-sdk/client-cognito-identity-provider';
import type { AwsClients } from '../../aws/clients';
import { unlessNotFound } from '../../aws/errors';
import type { ExternalClient, ManagedObject, Observation } from '../../reconciler/external';
import { answered } from '../../reconciler/external';
import type { UserPoolGroupOutputs, UserPoolGroupRefs } from './mapping';
import { createGroupRequest, diffGroup, groupNameOf, requireGroup, updateGroupRequest, userPoolGroupOutputs } from './mapping';
import { unclearableSettings } from './ownership';
import type { UserPoolGroupSpec } from './schema';

export type { UserPoolGroupOutputs, UserPoolGroupRefs } from './mapping';

type Obj = ManagedObject<UserPoolGroupSpec, UserPoolGroupRefs>;

export function createUserPoolGroupClient(aws: AwsClients) {
  const cognito = (obj: Obj): CognitoIdentityProviderClient => aws.identityProvider(obj.refs.region);

  /** The group, or undefined when it (or its pool) does not exist. */
  async function getGroup(client: CognitoIdentityProviderClient, obj: Obj, name: string): Promise<GroupType | undefined> {
    const out = await unlessNotFound(client.send(new identityProviderSdk.GetGroupCommand({ UserPoolId: obj.refs.userPoolId, GroupName: name })));
    return out && requireGroup(out.Group);
  }

  /** The group as AWS showed it, compared with the spec. */
  function judge(obj: Obj, name: string, current: GroupType): Observation<UserPoolGroupOutputs, GroupType> {
    const diff = diffGroup(obj.spec, current, obj.released);
    const mismatches = unclearableSettings(current, obj.released);
    return {
      exists: true,
      seen: current,
      upToDate: diff.length === 0,
      diff,
      outputs: userPoolGroupOutputs(name, obj.refs),
      ...(mismatches.length > 0 ? { immutableMismatches: mismatches } : {}),
    };
  }

  return {
    /** GetGroup only. A released precedence or roleArn the group still has is a mismatch (ownership.ts). */
    async observe(obj, externalId): Promise<Observation<UserPoolGroupOutputs>> {
      const current = await getGroup(cognito(obj), obj, externalId);
      return current ? judge(obj, externalId, current) : { exists: false };
    },

    /** The group of this object's name in its pool, if there is one (names are unique in a pool). */
    async findOwned(obj) {
      const name = groupNameOf(obj.spec, obj.name);
      return (await getGroup(cognito(obj), obj, name)) ? name : undefined;
    },

    /** CreateGroup with everything the spec names: one call, whose answer (the whole group) is judged like a read. */
    async create(obj) {
      const name = groupNameOf(obj.spec, obj.name);
      const out = await cognito(obj).send(new identityProviderSdk.CreateGroupCommand(createGroupRequest(obj.spec, obj.refs, name)));
      return { externalId: name, ...answered(out.Group, (made) => judge(obj, name, made)) };
    },

    /**
     * Read-merge-write from a fresh read: UpdateGroup with every setting, only when something
     * differs. Returns the spec paths it changed.
     */
    async update(obj, externalId) {
      const client = cognito(obj);
      // Fresh, and required: AWS's not-found error reaches the reconciler.
      const out = await client.send(new identityProviderSdk.GetGroupCommand({ UserPoolId: obj.refs.userPoolId, GroupName: externalId }));
      const current = requireGroup(out.Group);
      const changed = diffGroup(obj.spec, current, obj.released);
      if (changed.length === 0) return { changed };
      await client.send(new identityProviderSdk.UpdateGroupCommand(updateGroupRequest(obj.spec, obj.refs, current, externalId, obj.released)));
      return { changed };
    },

    /** DeleteGroup; a group (or pool) that is gone counts as deleted. Its members stay users of the pool. */
    async delete(obj, externalId) {
      await unlessNotFound(cognito(obj).send(new identityProviderSdk.DeleteGroupCommand({ UserPoolId: obj.refs.userPoolId, GroupName: externalId })));
    },
  } satisfies ExternalClient<UserPoolGroupSpec, UserPoolGroupOutputs, UserPoolGroupRefs>;
}

export type UserPoolGroupClient = ReturnType<typeof createUserPoolGroupClient>;
