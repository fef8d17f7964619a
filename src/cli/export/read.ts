/**
 * The read-only AWS calls of an export: what each kind's observe reads, and the listings that
 * find the resources of a pool. Nothing here writes.
 */
import type { CognitoIdentityProviderClient, GroupType, IdentityProviderType, ResourceServerType, UserPoolClientType } from '@aws-sdk/client-cognito-identity-provider';
import {
  DescribeIdentityProviderCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  DescribeUserPoolDomainCommand,
  GetUserPoolMfaConfigCommand,
  ListGroupsCommand,
  ListIdentityProvidersCommand,
  ListResourceServersCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { CognitoIdentityClient, GetIdentityPoolRolesResponse, IdentityPool } from '@aws-sdk/client-cognito-identity';
import { DescribeIdentityPoolCommand, GetIdentityPoolRolesCommand, ListIdentityPoolsCommand } from '@aws-sdk/client-cognito-identity';
import type { PoolDescription } from './userpool';
import { exportedDomain } from './userpool';

export interface PoolContents extends PoolDescription {
  clients: UserPoolClientType[];
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
  const [mfa, domain, clientIds, providerNames, resourceServers, groups] = await Promise.all([
    idp.send(new GetUserPoolMfaConfigCommand({ UserPoolId })),
    domainName ? idp.send(new DescribeUserPoolDomainCommand({ Domain: domainName })).then((d) => d.DomainDescription) : Promise.resolve(undefined),
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
  const [clients, providers] = await Promise.all([
    Promise.all(clientIds.map(async (c) => (await idp.send(new DescribeUserPoolClientCommand({ UserPoolId, ClientId: c.ClientId }))).UserPoolClient ?? {})),
    Promise.all(providerNames.map(async (p) => (await idp.send(new DescribeIdentityProviderCommand({ UserPoolId, ProviderName: p.ProviderName }))).IdentityProvider ?? {})),
  ]);
  return { pool, mfa, domain, clients, providers, resourceServers, groups };
}

export interface IdentityPoolContents {
  pool: IdentityPool;
  roles: GetIdentityPoolRolesResponse;
}

/** Every identity pool of the account and region that `uses` keeps, with its roles. */
export async function readIdentityPools(identity: CognitoIdentityClient, uses: (pool: IdentityPool) => boolean): Promise<IdentityPoolContents[]> {
  const listed = await allPages(async (NextToken) => {
    const out = await identity.send(new ListIdentityPoolsCommand({ MaxResults: 60, NextToken }));
    return { items: out.IdentityPools, next: out.NextToken };
  });
  const described = await Promise.all(listed.map((p) => identity.send(new DescribeIdentityPoolCommand({ IdentityPoolId: p.IdentityPoolId }))));
  const used = described.filter(uses);
  return Promise.all(used.map(async (pool) => ({ pool, roles: await identity.send(new GetIdentityPoolRolesCommand({ IdentityPoolId: pool.IdentityPoolId })) })));
}
