/**
 * The read-only AWS calls of an export: what each kind's observe reads, and the listings that
 * find the resources of a pool. Nothing here writes.
 */
import type { CognitoIdentityProviderClient, GroupType, IdentityProviderType, ManagedLoginBrandingType, ResourceServerType, UICustomizationType, UserPoolClientType } from '@aws-sdk/client-cognito-identity-provider';
import {
  DescribeIdentityProviderCommand,
  DescribeManagedLoginBrandingByClientCommand,
  DescribeRiskConfigurationCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  DescribeUserPoolDomainCommand,
  GetLogDeliveryConfigurationCommand,
  GetUICustomizationCommand,
  GetUserPoolMfaConfigCommand,
  ListGroupsCommand,
  ListIdentityProvidersCommand,
  ListResourceServersCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { CognitoIdentityClient, GetIdentityPoolRolesResponse, IdentityPool } from '@aws-sdk/client-cognito-identity';
import { DescribeIdentityPoolCommand, GetIdentityPoolRolesCommand, GetPrincipalTagAttributeMapCommand, ListIdentityPoolsCommand } from '@aws-sdk/client-cognito-identity';
import type { ObservedPrincipalTags } from '../../resources/identitypool/principaltags';
import { unlessNotFound } from '../../aws/errors';
import type { RiskSections } from '../../resources/threatprotection/mapping';
import { clientSectionsOf, sectionsOf } from '../../resources/threatprotection/mapping';
import { AllClients, ownCustomization } from '../../resources/hostedui/mapping';
import type { ClientOwn } from './appclient';
import type { PoolDescription } from './userpool';
import { exportedDomain } from './userpool';

export interface PoolContents extends PoolDescription {
  clients: UserPoolClientType[];
  /** Client ID → the client's own risk configuration (threatProtection override), for clients that have one. */
  clientRisks: ReadonlyMap<string, RiskSections>;
  /** Client ID → the client's own classic hosted UI customization, for clients that have one. */
  clientHostedUis: ReadonlyMap<string, UICustomizationType>;
  /** Client ID → the client's managed login style, for clients that have one. */
  brandings: ReadonlyMap<string, ManagedLoginBrandingType>;
  providers: IdentityProviderType[];
  resourceServers: ResourceServerType[];
  groups: GroupType[];
}

const Message = {
  noPool: (id: string) => `DescribeUserPool returned no pool for ${id}`,
} as const;

/** Every page of a listing: `page` returns the items and the next token. */
async function allPages<T>(page: (token: string | undefined) => Promise<{ items: T[] | undefined; next: string | undefined }>): Promise<T[]> {
  const out: T[] = [];
  let token: string | undefined;
  do {
    const { items, next } = await page(token);
    out.push(...(items ?? []));
    token = next;
  } while (token);
  return out;
}

export async function listUserPoolIds(idp: CognitoIdentityProviderClient): Promise<string[]> {
  const pools = await allPages(async (NextToken) => {
    const out = await idp.send(new ListUserPoolsCommand({ MaxResults: 60, NextToken }));
    return { items: out.UserPools, next: out.NextToken };
  });
  return pools.flatMap((p) => (p.Id ? [p.Id] : []));
}

export async function readPool(idp: CognitoIdentityProviderClient, userPoolId: string): Promise<PoolContents> {
  const UserPoolId = userPoolId;
  const described = await idp.send(new DescribeUserPoolCommand({ UserPoolId }));
  const pool = described.UserPool;
  if (!pool) throw new Error(Message.noPool(userPoolId));
  const domainName = exportedDomain(pool);
  // A risk configuration applies only with threat protection on (and the spec refuses one without).
  const threatOn = (pool.UserPoolAddOns?.AdvancedSecurityMode ?? 'OFF') !== 'OFF';
  const [mfa, domain, risk, logging, hostedUi, clientIds, providerNames, resourceServers, groups] = await Promise.all([
    idp.send(new GetUserPoolMfaConfigCommand({ UserPoolId })),
    domainName ? idp.send(new DescribeUserPoolDomainCommand({ Domain: domainName })).then((d) => d.DomainDescription) : Promise.resolve(undefined),
    threatOn ? idp.send(new DescribeRiskConfigurationCommand({ UserPoolId })).then((r) => sectionsOf(r.RiskConfiguration) ?? {}) : Promise.resolve(undefined),
    idp.send(new GetLogDeliveryConfigurationCommand({ UserPoolId })).then((l) => l.LogDeliveryConfiguration?.LogConfigurations ?? []),
    // The classic hosted UI needs a domain: AWS has no customization without one.
    domainName ? idp.send(new GetUICustomizationCommand({ UserPoolId, ClientId: AllClients })).then((u) => u.UICustomization ?? {}) : Promise.resolve(undefined),
    allPages(async (NextToken) => {
      const out = await idp.send(new ListUserPoolClientsCommand({ UserPoolId, MaxResults: 60, NextToken }));
      return { items: out.UserPoolClients, next: out.NextToken };
    }),
    allPages(async (NextToken) => {
      const out = await idp.send(new ListIdentityProvidersCommand({ UserPoolId, MaxResults: 60, NextToken }));
      return { items: out.Providers, next: out.NextToken };
    }),
    allPages(async (NextToken) => {
      const out = await idp.send(new ListResourceServersCommand({ UserPoolId, MaxResults: 50, NextToken }));
      return { items: out.ResourceServers, next: out.NextToken };
    }),
    allPages(async (NextToken) => {
      const out = await idp.send(new ListGroupsCommand({ UserPoolId, Limit: 60, NextToken }));
      return { items: out.Groups, next: out.NextToken };
    }),
  ]);
  const ids = clientIds.flatMap((c) => (c.ClientId ? [c.ClientId] : []));
  const [clients, providers, clientRisks, brandings, clientHostedUis] = await Promise.all([
    Promise.all(clientIds.map(async (c) => (await idp.send(new DescribeUserPoolClientCommand({ UserPoolId, ClientId: c.ClientId }))).UserPoolClient ?? {})),
    Promise.all(providerNames.map(async (p) => (await idp.send(new DescribeIdentityProviderCommand({ UserPoolId, ProviderName: p.ProviderName }))).IdentityProvider ?? {})),
    threatOn ? readClientRisks(idp, UserPoolId, ids) : Promise.resolve(new Map<string, RiskSections>()),
    // Managed login shows a style only through a domain: a pool without one is not asked.
    domainName ? readBrandings(idp, UserPoolId, ids) : Promise.resolve(new Map<string, ManagedLoginBrandingType>()),
    domainName ? readClientHostedUis(idp, UserPoolId, ids) : Promise.resolve(new Map<string, UICustomizationType>()),
  ]);
  const optional = { ...(risk ? { risk } : {}), ...(domain ? { domain } : {}), ...(hostedUi ? { hostedUi } : {}) };
  return { pool, mfa, logging, ...optional, clients, clientRisks, clientHostedUis, brandings, providers, resourceServers, groups };
}

/** What a client has of its own in place of the pool's, for its AppClient spec. */
export function ownOf(contents: PoolContents, clientId: string): ClientOwn {
  const risk = contents.clientRisks.get(clientId);
  const hostedUi = contents.clientHostedUis.get(clientId);
  return { ...(risk ? { risk } : {}), ...(hostedUi ? { hostedUi } : {}) };
}

/** What each client has of its own, read once per client, for the clients that have it (read answers undefined otherwise). */
async function perClient<T>(clientIds: readonly string[], read: (ClientId: string) => Promise<T | undefined>): Promise<Map<string, T>> {
  const answers = await Promise.all(clientIds.map(async (ClientId) => [ClientId, await read(ClientId)] as const));
  return new Map(answers.flatMap(([id, own]) => (own === undefined ? [] : [[id, own] as const])));
}

/** Each client's own classic hosted UI customization; AWS answers the pool's (ClientId ALL) for a client without one. */
function readClientHostedUis(idp: CognitoIdentityProviderClient, UserPoolId: string, clientIds: readonly string[]): Promise<Map<string, UICustomizationType>> {
  return perClient(clientIds, async (ClientId) => {
    const own = ownCustomization((await idp.send(new GetUICustomizationCommand({ UserPoolId, ClientId }))).UICustomization, ClientId);
    return own?.CSS ? own : undefined;
  });
}

/** Each client's style as the operator reads it (only what was customized); a client without one answers not found. */
function readBrandings(idp: CognitoIdentityProviderClient, UserPoolId: string, clientIds: readonly string[]): Promise<Map<string, ManagedLoginBrandingType>> {
  return perClient(clientIds, async (ClientId) => (await unlessNotFound(idp.send(new DescribeManagedLoginBrandingByClientCommand({ UserPoolId, ClientId, ReturnMergedResources: false }))))?.ManagedLoginBranding);
}

/** Each client's own risk configuration; AWS answers the pool's (ClientId ALL) for a client without one. */
function readClientRisks(idp: CognitoIdentityProviderClient, UserPoolId: string, clientIds: readonly string[]): Promise<Map<string, RiskSections>> {
  return perClient(clientIds, async (ClientId) => clientSectionsOf((await idp.send(new DescribeRiskConfigurationCommand({ UserPoolId, ClientId }))).RiskConfiguration, ClientId));
}

export interface IdentityPoolContents {
  pool: IdentityPool;
  roles: GetIdentityPoolRolesResponse;
  /** Principal tag map of each user pool provider, by provider name. */
  principalTags: ObservedPrincipalTags;
}

async function readPrincipalTags(identity: CognitoIdentityClient, pool: IdentityPool): Promise<ObservedPrincipalTags> {
  const providers = [...new Set((pool.CognitoIdentityProviders ?? []).flatMap((p) => (p.ProviderName ? [p.ProviderName] : [])))];
  const maps = await Promise.all(
    providers.map(async (IdentityProviderName) => [IdentityProviderName, await identity.send(new GetPrincipalTagAttributeMapCommand({ IdentityPoolId: pool.IdentityPoolId, IdentityProviderName }))] as const),
  );
  return Object.fromEntries(maps);
}

/** Every identity pool of the account and region that `uses` keeps, with its roles. */
export async function readIdentityPools(identity: CognitoIdentityClient, uses: (pool: IdentityPool) => boolean): Promise<IdentityPoolContents[]> {
  const listed = await allPages(async (NextToken) => {
    const out = await identity.send(new ListIdentityPoolsCommand({ MaxResults: 60, NextToken }));
    return { items: out.IdentityPools, next: out.NextToken };
  });
  const described = await Promise.all(listed.map((p) => identity.send(new DescribeIdentityPoolCommand({ IdentityPoolId: p.IdentityPoolId }))));
  const used = described.filter(uses);
  return Promise.all(
    used.map(async (pool) => {
      const [roles, principalTags] = await Promise.all([identity.send(new GetIdentityPoolRolesCommand({ IdentityPoolId: pool.IdentityPoolId })), readPrincipalTags(identity, pool)]);
      return { pool, roles, principalTags };
    }),
  );
}
