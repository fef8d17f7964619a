/**
 * The UserPool external client: Cognito calls for the generic reconciler. Mapping and
 * comparison live in mapping.ts; this file only reads, decides which writes are due, and
 * makes them. AWS errors propagate unchanged: the reconciler classifies them (src/aws/errors.ts).
 */
import { identityProviderSdk } from '../../aws/sdk';
import type { CognitoIdentityProviderClient, DomainDescriptionType, UserPoolType } from '@aws-sdk/client-cognito-identity-provider';
import { OwnerUidTag } from '../../api/group';
import type { AwsClients } from '../../aws/clients';
import { unlessNotFound } from '../../aws/errors';
import type { NamedResource } from '../../aws/listing';
import { SharedListing } from '../../aws/listing';
import type { ExternalClient, ManagedObject, Observation } from '../../reconciler/external';
import { immutableMismatches } from '../../reconciler/external';
import { userPoolImmutableFields } from './immutable';
import type { DomainPlan, ObservedUserPool, UserPoolOutputs, UserPoolRefs } from './mapping';
import {
  IncompleteResponseError,
  attributePaths,
  createUserPoolRequest,
  customAttributesToAdd,
  diffUserPool,
  domainPlan,
  mfaDiff,
  mfaRequest,
  poolDomains,
  poolSettingsDiff,
  releasedDomainDeletes,
  tagsDiff,
  tagPaths,
  updateUserPoolRequest,
  userPoolOutputs,
  wantedDomain,
} from './mapping';
import type { UserPoolSpec } from './schema';
import type { HostedUiWanted } from '../hostedui/mapping';
import { AllClients, hostedUiDecided, hostedUiDiff, hostedUiOutputs, sentLogos, uiCustomizationRequest } from '../hostedui/mapping';
import { logDeliveryRequest, loggingDecided, loggingDiff } from './logging';
import { OwnedPath } from './ownership';
import { riskConfigurationDecided, riskDiff, riskRequestSections, sectionsOf } from '../threatprotection/mapping';

export type { UserPoolOutputs, UserPoolRefs } from './mapping';

/** ListUserPools accepts at most 60 per page. */
const MaxListPageSize = 60;
/** AddCustomAttributes accepts at most 25 attributes per call (CustomAttributesListType). */
const MaxCustomAttributesPerCall = 25;
const Message = {
  noPoolId: 'CreateUserPool returned no user pool ID',
  noArn: 'DescribeUserPool returned a pool without an Arn',
  noPool: 'DescribeUserPool returned no user pool',
} as const;

export interface UserPoolClientOptions {
  /** ListUserPools page size for findOwned (1-60); tests use a small one to exercise paging. */
  listPageSize?: number;
}

type Obj = ManagedObject<UserPoolSpec, UserPoolRefs>;

export function createUserPoolClient(aws: AwsClients, opts: UserPoolClientOptions = {}) {
  const pageSize = Math.min(Math.max(opts.listPageSize ?? MaxListPageSize, 1), MaxListPageSize);
  const regionOf = (obj: Obj) => obj.spec.region ?? aws.defaultRegion;
  const cognito = (obj: Obj): CognitoIdentityProviderClient => aws.identityProvider(regionOf(obj));
  const logos = sentLogos();
  const hostedUiOf = (obj: Obj, id: string): HostedUiWanted => ({
    spec: obj.spec.hostedUi,
    logo: obj.refs.hostedUiLogo,
    appliedLogo: logos.applied(`${regionOf(obj)}/${id}`, obj.refs.appliedLogoFingerprint),
    released: obj.released,
  });

  async function describePool(client: CognitoIdentityProviderClient, id: string): Promise<UserPoolType | undefined> {
    const out = await unlessNotFound(client.send(new identityProviderSdk.DescribeUserPoolCommand({ UserPoolId: id })));
    return out?.UserPool;
  }

  /** DescribeUserPool where the pool must exist: AWS's not-found error reaches the caller. */
  async function requirePool(client: CognitoIdentityProviderClient, id: string): Promise<UserPoolType> {
    const out = await client.send(new identityProviderSdk.DescribeUserPoolCommand({ UserPoolId: id }));
    if (!out.UserPool) throw new IncompleteResponseError(Message.noPool);
    return out.UserPool;
  }

  /** DescribeUserPoolDomain answers an empty description for a domain that does not exist. */
  async function describeDomain(client: CognitoIdentityProviderClient, domain: string): Promise<DomainDescriptionType | undefined> {
    const out = await client.send(new identityProviderSdk.DescribeUserPoolDomainCommand({ Domain: domain }));
    return out.DomainDescription?.Domain ? out.DomainDescription : undefined;
  }

  /**
   * The rest of what diffUserPool compares. The domain is read only when the spec's one exists;
   * the risk configuration and log delivery only when the spec decides them, so a pool that
   * names neither costs no extra call.
   */
  /** The optional parts of a pool the spec decides (names, or released): only those are read and compared. */
  function decidedParts(obj: Obj): { risk: boolean; logging: boolean; hostedUi: boolean } {
    return {
      risk: riskConfigurationDecided(obj.spec.security?.threatProtection, OwnedPath.threatProtection, obj.released),
      logging: loggingDecided(obj.spec, obj.released),
      hostedUi: hostedUiDecided(obj.spec.hostedUi, obj.released),
    };
  }

  async function readMfaAndDomain(client: CognitoIdentityProviderClient, obj: Obj, pool: UserPoolType, id: string): Promise<ObservedUserPool> {
    const mfa = await client.send(new identityProviderSdk.GetUserPoolMfaConfigCommand({ UserPoolId: id }));
    const wanted = wantedDomain(obj.spec);
    const hasWanted = wanted !== undefined && poolDomains(pool)[wanted.kind] === wanted.name;
    const domain = hasWanted ? await describeDomain(client, wanted.name) : undefined;
    const decided = decidedParts(obj);
    const risk = decided.risk ? (sectionsOf((await client.send(new identityProviderSdk.DescribeRiskConfigurationCommand({ UserPoolId: id }))).RiskConfiguration) ?? {}) : undefined;
    const logging = decided.logging
      ? ((await client.send(new identityProviderSdk.GetLogDeliveryConfigurationCommand({ UserPoolId: id }))).LogDeliveryConfiguration?.LogConfigurations ?? [])
      : undefined;
    const hostedUi = decided.hostedUi
      ? ((await client.send(new identityProviderSdk.GetUICustomizationCommand({ UserPoolId: id, ClientId: AllClients }))).UICustomization ?? {})
      : undefined;
    return { pool, mfa, domain, ...(risk ? { risk } : {}), ...(logging ? { logging } : {}), ...(hostedUi ? { hostedUi } : {}) };
  }

  /**
   * A pool the moment CreateUserPool answers: as the answer shows it, MFA as the request set it
   * (OFF), and nothing of what other calls set (domain, risk, logging, hosted UI) yet.
   */
  function createdPool(obj: Obj, pool: UserPoolType): ObservedUserPool {
    const decided = decidedParts(obj);
    return {
      pool,
      mfa: { MfaConfiguration: pool.MfaConfiguration ?? 'OFF' },
      ...(decided.risk ? { risk: {} } : {}),
      ...(decided.logging ? { logging: [] } : {}),
      ...(decided.hostedUi ? { hostedUi: {} } : {}),
    };
  }

  /** One SetRiskConfiguration (it replaces the whole configuration) when a section differs. */
  async function applyRisk(client: CognitoIdentityProviderClient, obj: Obj, observed: ObservedUserPool, id: string): Promise<string[]> {
    const threat = obj.spec.security?.threatProtection;
    const paths = riskDiff(threat, observed.risk, OwnedPath.threatProtection, obj.released);
    if (paths.length === 0) return [];
    const sections = riskRequestSections(threat, observed.risk, OwnedPath.threatProtection, obj.released);
    await client.send(new identityProviderSdk.SetRiskConfigurationCommand({ UserPoolId: id, ...sections }));
    return paths;
  }

  async function applyLogging(client: CognitoIdentityProviderClient, obj: Obj, observed: ObservedUserPool, id: string): Promise<string[]> {
    const request = logDeliveryRequest(obj.spec, observed.logging, id, obj.released);
    if (!request) return [];
    await client.send(new identityProviderSdk.SetLogDeliveryConfigurationCommand(request));
    return loggingDiff(obj.spec, observed.logging, obj.released);
  }

  /** One SetUICustomization (it replaces the whole customization); AWS refuses it while the pool has no domain. */
  async function applyHostedUi(client: CognitoIdentityProviderClient, obj: Obj, observed: ObservedUserPool, id: string): Promise<string[]> {
    const wanted = hostedUiOf(obj, id);
    const request = uiCustomizationRequest(wanted, observed.hostedUi, { UserPoolId: id, ClientId: AllClients });
    if (!request) return [];
    await client.send(new identityProviderSdk.SetUICustomizationCommand(request));
    logos.remember(`${regionOf(obj)}/${id}`, request);
    return hostedUiDiff(wanted, observed.hostedUi);
  }

  async function applyDomainPlan(client: CognitoIdentityProviderClient, plan: DomainPlan): Promise<string[]> {
    switch (plan.action) {
      case 'none':
        return [];
      case 'create':
        await client.send(new identityProviderSdk.CreateUserPoolDomainCommand(plan.create));
        return plan.paths;
      case 'update':
        await client.send(new identityProviderSdk.UpdateUserPoolDomainCommand(plan.update));
        return plan.paths;
      case 'delete-then-create':
        await client.send(new identityProviderSdk.DeleteUserPoolDomainCommand(plan.delete));
        await client.send(new identityProviderSdk.CreateUserPoolDomainCommand(plan.create));
        return plan.paths;
      default: {
        const unknown: never = plan;
        return unknown;
      }
    }
  }

  async function applyTags(client: CognitoIdentityProviderClient, obj: Obj, pool: UserPoolType): Promise<string[]> {
    const diff = tagsDiff(obj.spec, pool.UserPoolTags, obj.uid, obj.released);
    const paths = tagPaths(diff);
    if (paths.length === 0) return [];
    if (!pool.Arn) throw new IncompleteResponseError(Message.noArn);
    if (Object.keys(diff.tagsToAdd).length > 0) await client.send(new identityProviderSdk.TagResourceCommand({ ResourceArn: pool.Arn, Tags: diff.tagsToAdd }));
    if (diff.keysToRemove.length > 0) await client.send(new identityProviderSdk.UntagResourceCommand({ ResourceArn: pool.Arn, TagKeys: diff.keysToRemove }));
    return paths;
  }

  async function deleteReleasedDomains(client: CognitoIdentityProviderClient, pool: UserPoolType, released: readonly string[] | undefined): Promise<string[]> {
    const deletes = releasedDomainDeletes(pool, released);
    for (const d of deletes) await unlessNotFound(client.send(new identityProviderSdk.DeleteUserPoolDomainCommand(d.request)));
    return deletes.map((d) => d.path);
  }

  /** Every pool of the region, across every page of ListUserPools. */
  async function listPools(region: string): Promise<NamedResource[]> {
    const pools: NamedResource[] = [];
    let token: string | undefined;
    do {
      const page = await aws.identityProvider(region).send(new identityProviderSdk.ListUserPoolsCommand({ MaxResults: pageSize, NextToken: token }));
      for (const p of page.UserPools ?? []) if (p.Name !== undefined && p.Id) pools.push({ name: p.Name, id: p.Id });
      token = page.NextToken;
    } while (token);
    return pools;
  }
  const listing = new SharedListing(listPools);
  const poolNameOf = (obj: Obj) => obj.spec.poolName ?? obj.name;

  return {
    /**
     * Reads only: DescribeUserPool, GetUserPoolMfaConfig and, when due, DescribeUserPoolDomain,
     * DescribeRiskConfiguration, GetLogDeliveryConfiguration and GetUICustomization.
     */
    async observe(obj, externalId): Promise<Observation<UserPoolOutputs, ObservedUserPool>> {
      const client = cognito(obj);
      const pool = await describePool(client, externalId);
      if (!pool) return { exists: false };
      const observed = await readMfaAndDomain(client, obj, pool, externalId);
      const hostedUi = hostedUiOf(obj, externalId);
      const diff = [...diffUserPool(obj.spec, observed, obj.uid, obj.released), ...hostedUiDiff(hostedUi, observed.hostedUi)];
      const mismatches = immutableMismatches(userPoolImmutableFields(obj.spec), obj.spec, pool);
      const outputs = { ...userPoolOutputs(observed.pool, regionOf(obj), obj.spec.domain), ...hostedUiOutputs(hostedUi) };
      return { exists: true, upToDate: diff.length === 0 && mismatches.length === 0, diff, outputs, seen: observed, ...(mismatches.length > 0 ? { immutableMismatches: mismatches } : {}) };
    },

    /** A pool with this object's name whose owner tag is this object's UID, or the one its status records (names are not unique). */
    async findOwned(obj) {
      const client = cognito(obj);
      for (const id of await listing.idsNamed(regionOf(obj), poolNameOf(obj))) {
        const pool = await describePool(client, id);
        if (pool && (pool.UserPoolTags?.[OwnerUidTag] === obj.uid || id === obj.recordedId)) return id;
      }
      return undefined;
    },

    /**
     * CreateUserPool only: the reconciler records the ID at once, and the next observe finds
     * MFA and domain still to do, which update completes. A crash never orphans a pool.
     */
    async create(obj) {
      const out = await cognito(obj)
        .send(new identityProviderSdk.CreateUserPoolCommand(createUserPoolRequest(obj.spec, obj)))
        .finally(() => listing.createEnded(regionOf(obj), poolNameOf(obj)));
      const id = out.UserPool?.Id;
      if (!id) throw new IncompleteResponseError(Message.noPoolId);
      return { externalId: id, seen: createdPool(obj, out.UserPool ?? {}) };
    },

    /** Read-merge-write, each call only when its part differs: an up-to-date pool costs no write. */
    async update(obj, externalId, seen?: ObservedUserPool) {
      const client = cognito(obj);
      // The merge starts from what AWS has: this pass's observe read it, or it is read now.
      const observed = seen ?? (await readMfaAndDomain(client, obj, await requirePool(client, externalId), externalId));
      const { pool } = observed;
      const changed: string[] = [];
      // SetRiskConfiguration needs threat protection on: while AWS has it on, the risk
      // configuration goes first (UpdateUserPool may turn it off); while off, after (it may turn it on).
      const riskFirst = (pool.UserPoolAddOns?.AdvancedSecurityMode ?? 'OFF') !== 'OFF';
      if (riskFirst) changed.push(...(await applyRisk(client, obj, observed, externalId)));

      const settings = poolSettingsDiff(obj.spec, pool, obj.released);
      if (settings.length > 0) {
        await client.send(new identityProviderSdk.UpdateUserPoolCommand(updateUserPoolRequest(obj.spec, pool, obj.released)));
        changed.push(...settings);
      }
      // After UpdateUserPool, so an SMS role it sets is in place before SMS MFA needs it.
      const mfa = mfaRequest(obj.spec, observed.mfa, externalId, obj.released);
      if (mfa) {
        await client.send(new identityProviderSdk.SetUserPoolMfaConfigCommand(mfa));
        changed.push(...mfaDiff(obj.spec, observed.mfa, obj.released));
      }
      if (!riskFirst) changed.push(...(await applyRisk(client, obj, observed, externalId)));
      changed.push(...(await applyLogging(client, obj, observed, externalId)));
      for (const batch of batches(customAttributesToAdd(obj.spec, pool), MaxCustomAttributesPerCall)) {
        await client.send(new identityProviderSdk.AddCustomAttributesCommand({ UserPoolId: externalId, CustomAttributes: batch }));
        changed.push(...attributePaths(batch));
      }
      changed.push(...(await applyTags(client, obj, pool)));
      // A domain the spec dropped goes before a new one is made (one domain of each kind).
      changed.push(...(await deleteReleasedDomains(client, pool, obj.released)));
      changed.push(...(await applyDomainPlan(client, domainPlan(obj.spec, pool, observed.domain))));
      // After the domain: SetUICustomization needs one.
      changed.push(...(await applyHostedUi(client, obj, observed, externalId)));
      return { changed };
    },

    /**
     * Domains first (AWS refuses to delete a pool that has one), then the pool. A protected pool
     * is left whole: DeleteUserPool is sent as is and AWS's refusal reaches the reconciler.
     */
    async delete(obj, externalId) {
      const client = cognito(obj);
      const pool = await describePool(client, externalId);
      if (!pool) return;
      if (pool.DeletionProtection !== 'ACTIVE') {
        for (const domain of Object.values(poolDomains(pool))) {
          await unlessNotFound(client.send(new identityProviderSdk.DeleteUserPoolDomainCommand({ Domain: domain, UserPoolId: externalId })));
        }
      }
      await unlessNotFound(client.send(new identityProviderSdk.DeleteUserPoolCommand({ UserPoolId: externalId })));
    },
  } satisfies ExternalClient<UserPoolSpec, UserPoolOutputs, UserPoolRefs, ObservedUserPool>;
}

export type UserPoolClient = ReturnType<typeof createUserPoolClient>;

/** `items` in order, in slices of at most `size`. */
function batches<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
