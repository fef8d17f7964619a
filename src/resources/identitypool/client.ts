/**
 * The IdentityPool external client: cognito-identity calls for the generic reconciler. Mapping
 * and comparison live in mapping.ts; this file only reads, decides which writes are due, and
 * makes them. AWS errors propagate unchanged: the reconciler classifies them (src/aws/errors.ts).
 */
import { identitySdk } from '../../aws/sdk';
import type { CognitoIdentityClient, GetIdentityPoolRolesResponse, IdentityPool } from '@aws-sdk/client-cognito-identity';
import { OwnerUidTag } from '../../api/group';
import type { AwsClients } from '../../aws/clients';
import { unlessNotFound } from '../../aws/errors';
import type { NamedResource } from '../../aws/listing';
import { SharedListing } from '../../aws/listing';
import type { ExternalClient, ManagedObject, Observation } from '../../reconciler/external';
import { immutableMismatches } from '../../reconciler/external';
import { identityPoolImmutableFields } from './immutable';
import type { IdentityPoolOutputs, IdentityPoolRefs, ObservedIdentityPool } from './mapping';
import {
  IncompleteResponseError,
  createIdentityPoolRequest,
  diffIdentityPool,
  identityPoolArn,
  identityPoolOutputs,
  poolSettingsDiff,
  pruneRoleMappingsRequest,
  rolesDiff,
  setRolesRequest,
  tagPaths,
  tagsDiff,
  updateIdentityPoolRequest,
} from './mapping';
import type { ObservedPrincipalTags } from './principaltags';
import { setPrincipalTagsRequests, wantedPrincipalTags } from './principaltags';
import type { IdentityPoolSpec } from './schema';

export type { IdentityPoolOutputs, IdentityPoolRefs } from './mapping';

/** ListIdentityPools accepts 1 to 60 per page. */
const MaxListPageSize = 60;
const Message = {
  noPoolId: 'CreateIdentityPool returned no identity pool ID',
  accountUnknown:
    'cannot change the identity pool’s tags: TagResource needs its ARN, and the AWS account ID is unknown (the credentials do not name it). Set AWS_ACCOUNT_ID in the operator’s environment.',
} as const;

/** The account ID, which an identity pool ARN needs, could not be found. */
export class AccountUnknownError extends Error {
  override readonly name = 'AccountUnknownError';
}

export interface IdentityPoolClientOptions {
  /** ListIdentityPools page size for findOwned (1-60); tests use a small one to exercise paging. */
  listPageSize?: number;
  /**
   * The AWS account the region's client acts in, for the pool's ARN (status.arn, TagResource).
   * Default: the SDK credentials' accountId, which AWS_ACCOUNT_ID, SSO, web identity (IRSA) and
   * credential_process supply; undefined when they do not.
   */
  accountId?: (region: string) => Promise<string | undefined>;
}

type Obj = ManagedObject<IdentityPoolSpec, IdentityPoolRefs>;

/** The account ID the SDK's credentials carry, if any. */
function credentialsAccountId(aws: AwsClients): (region: string) => Promise<string | undefined> {
  return async (region) => {
    try {
      const credentials = await aws.identity(region).config.credentials();
      return credentials.accountId;
    } catch {
      // No credentials: the AWS calls themselves report that, with the reason.
      return undefined;
    }
  };
}

export function createIdentityPoolClient(aws: AwsClients, opts: IdentityPoolClientOptions = {}) {
  const pageSize = Math.min(Math.max(opts.listPageSize ?? MaxListPageSize, 1), MaxListPageSize);
  const accountId = opts.accountId ?? credentialsAccountId(aws);
  const regionOf = (obj: Obj) => obj.spec.region ?? aws.defaultRegion;
  const identity = (obj: Obj): CognitoIdentityClient => aws.identity(regionOf(obj));

  async function describePool(client: CognitoIdentityClient, id: string): Promise<IdentityPool | undefined> {
    return unlessNotFound(client.send(new identitySdk.DescribeIdentityPoolCommand({ IdentityPoolId: id })));
  }

  async function getRoles(client: CognitoIdentityClient, id: string): Promise<GetIdentityPoolRolesResponse> {
    return client.send(new identitySdk.GetIdentityPoolRolesCommand({ IdentityPoolId: id }));
  }

  /**
   * GetPrincipalTagAttributeMap of each provider whose map the spec decides, and only those. A
   * provider the pool does not have yet (update adds it first) has no map to read: it reads as
   * never configured, so that no read is sent for a provider AWS may not know.
   */
  async function getPrincipalTags(client: CognitoIdentityClient, obj: Obj, pool: IdentityPool): Promise<ObservedPrincipalTags> {
    const observed: ObservedPrincipalTags = {};
    const inPool = new Set((pool.CognitoIdentityProviders ?? []).map((p) => p.ProviderName));
    for (const provider of Object.keys(wantedPrincipalTags(obj.spec, obj.refs, obj.released))) {
      observed[provider] = inPool.has(provider)
        ? await client.send(new identitySdk.GetPrincipalTagAttributeMapCommand({ IdentityPoolId: pool.IdentityPoolId, IdentityProviderName: provider }))
        : { UseDefaults: false, PrincipalTags: {} };
    }
    return observed;
  }

  /** Every identity pool of the region, across every page of ListIdentityPools. */
  async function listPools(region: string): Promise<NamedResource[]> {
    const pools: NamedResource[] = [];
    let token: string | undefined;
    do {
      const page = await aws.identity(region).send(new identitySdk.ListIdentityPoolsCommand({ MaxResults: pageSize, NextToken: token }));
      for (const p of page.IdentityPools ?? []) if (p.IdentityPoolName !== undefined && p.IdentityPoolId) pools.push({ name: p.IdentityPoolName, id: p.IdentityPoolId });
      token = page.NextToken;
    } while (token);
    return pools;
  }
  const listing = new SharedListing(listPools);
  const poolNameOf = (obj: Obj) => obj.spec.identityPoolName ?? obj.name;

  /** TagResource / UntagResource for what still differs from `current`; the ARN needs the account. */
  async function applyTags(client: CognitoIdentityClient, obj: Obj, id: string, current: Record<string, string> | undefined): Promise<void> {
    const diff = tagsDiff(obj.spec, current, obj.uid, obj.released);
    if (tagPaths(diff).length === 0) return;
    const region = regionOf(obj);
    const account = await accountId(region);
    if (account === undefined) throw new AccountUnknownError(Message.accountUnknown);
    const arn = identityPoolArn(region, account, id);
    if (Object.keys(diff.tagsToAdd).length > 0) await client.send(new identitySdk.TagResourceCommand({ ResourceArn: arn, Tags: diff.tagsToAdd }));
    if (diff.keysToRemove.length > 0) await client.send(new identitySdk.UntagResourceCommand({ ResourceArn: arn, TagKeys: diff.keysToRemove }));
  }

  return {
    /**
     * Reads only: DescribeIdentityPool (settings and tags), GetIdentityPoolRoles, and
     * GetPrincipalTagAttributeMap for the user pools whose principal tags the spec decides.
     */
    async observe(obj, externalId): Promise<Observation<IdentityPoolOutputs, ObservedIdentityPool>> {
      const client = identity(obj);
      const pool = await describePool(client, externalId);
      if (!pool) return { exists: false };
      const roles = await unlessNotFound(getRoles(client, externalId));
      if (!roles) return { exists: false };
      // Not "gone" on ResourceNotFound: the pool was just found, and reading that as absence
      // could recreate it. The error surfaces; the next pass's DescribeIdentityPool decides.
      const principalTags = await getPrincipalTags(client, obj, pool);
      // A pool whose spec decides no principal tags read none: its seen carries none.
      const seen: ObservedIdentityPool = { pool, roles, ...(Object.keys(principalTags).length > 0 ? { principalTags } : {}) };
      const diff = diffIdentityPool(obj.spec, obj.refs, seen, obj.uid, obj.released);
      const region = regionOf(obj);
      const mismatches = immutableMismatches(identityPoolImmutableFields, obj.spec, pool);
      const outputs = identityPoolOutputs(pool, region, await accountId(region));
      return { exists: true, upToDate: diff.length === 0 && mismatches.length === 0, diff, outputs, seen, ...(mismatches.length > 0 ? { immutableMismatches: mismatches } : {}) };
    },

    /** An identity pool with this object's name whose owner tag is this object's UID, or the one its status records (names are not unique). */
    async findOwned(obj) {
      const client = identity(obj);
      for (const id of await listing.idsNamed(regionOf(obj), poolNameOf(obj))) {
        const pool = await describePool(client, id);
        if (pool && (pool.IdentityPoolTags?.[OwnerUidTag] === obj.uid || id === obj.recordedId)) return id;
      }
      return undefined;
    },

    /**
     * CreateIdentityPool only, tagged with the owner: the reconciler records the ID at once, and
     * update sets the roles onto the answer (a new pool has none), with no read in between.
     */
    async create(obj) {
      const out = await identity(obj)
        .send(new identitySdk.CreateIdentityPoolCommand(createIdentityPoolRequest(obj.spec, obj.refs, obj)))
        .finally(() => listing.createEnded(regionOf(obj), poolNameOf(obj)));
      if (!out.IdentityPoolId) throw new IncompleteResponseError(Message.noPoolId);
      return { externalId: out.IdentityPoolId, seen: { pool: out, roles: { IdentityPoolId: out.IdentityPoolId } } };
    },

    /**
     * Read-merge-write, each call only when its part differs: an up-to-date pool costs no write.
     * Order: role mappings of providers about to go, the pool settings, the roles (a new role
     * mapping needs its provider in the pool), principal tag maps (likewise), then whatever tags
     * UpdateIdentityPool left.
     */
    async update(obj, externalId, seen?: ObservedIdentityPool) {
      const client = identity(obj);
      // The merge starts from what AWS has: this pass's observe read it, or it is read now.
      const pool = seen?.pool ?? (await client.send(new identitySdk.DescribeIdentityPoolCommand({ IdentityPoolId: externalId })));
      let roles = seen?.roles ?? (await getRoles(client, externalId));
      const changed = tagPaths(tagsDiff(obj.spec, pool.IdentityPoolTags, obj.uid, obj.released));
      let tags = pool.IdentityPoolTags;

      const settings = poolSettingsDiff(obj.spec, obj.refs, pool, obj.released);
      if (settings.length > 0) {
        const prune = pruneRoleMappingsRequest(obj.spec, obj.refs, pool, roles);
        if (prune) {
          await client.send(new identitySdk.SetIdentityPoolRolesCommand(prune));
          roles = { ...roles, Roles: prune.Roles, RoleMappings: prune.RoleMappings };
        }
        const updated = await client.send(new identitySdk.UpdateIdentityPoolCommand(updateIdentityPoolRequest(obj.spec, obj.refs, pool, obj.uid, obj.released)));
        // The answer is the pool as it is now: the tags sent along may already be in place.
        tags = updated.IdentityPoolTags;
        changed.push(...settings);
      }
      const rolesRequest = setRolesRequest(obj.spec, obj.refs, roles, externalId, obj.released);
      if (rolesRequest) {
        changed.push(...rolesDiff(obj.spec, obj.refs, roles, obj.released));
        await client.send(new identitySdk.SetIdentityPoolRolesCommand(rolesRequest));
      }
      // After UpdateIdentityPool: a map is set for a provider the pool has.
      const principalTags = seen ? (seen.principalTags ?? {}) : await getPrincipalTags(client, obj, pool);
      for (const { path, request } of setPrincipalTagsRequests(externalId, wantedPrincipalTags(obj.spec, obj.refs, obj.released), principalTags)) {
        changed.push(path);
        await client.send(new identitySdk.SetPrincipalTagAttributeMapCommand(request));
      }
      await applyTags(client, obj, externalId, tags);
      return { changed };
    },

    /** DeleteIdentityPool; a pool that is already gone counts as deleted. */
    async delete(obj, externalId) {
      await unlessNotFound(identity(obj).send(new identitySdk.DeleteIdentityPoolCommand({ IdentityPoolId: externalId })));
    },
  } satisfies ExternalClient<IdentityPoolSpec, IdentityPoolOutputs, IdentityPoolRefs, ObservedIdentityPool>;
}

export type IdentityPoolClient = ReturnType<typeof createIdentityPoolClient>;
