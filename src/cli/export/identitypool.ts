/**
 * An IdentityPool spec from DescribeIdentityPool and GetIdentityPoolRoles. Its user pool
 * providers and role mappings are complete lists in the spec; they are exported only when each
 * entry refers to an exported user pool and app client (by object name), since leaving one out
 * would remove it. Otherwise the spec leaves them out and AWS keeps them.
 */
import type { GetIdentityPoolRolesResponse, IdentityPool, RoleMapping } from '@aws-sdk/client-cognito-identity';
import { cognitoRoleMappingKey, providerName } from '../../resources/identitypool/mapping';
import type { ObservedPrincipalTags } from '../../resources/identitypool/principaltags';
import { specTags } from './manifest';

/** Object names of an exported user pool and its app clients. */
export interface ExportedPool {
  userPoolId: string;
  object: string;
  /** Client ID → AppClient object name. */
  clients: ReadonlyMap<string, string>;
}

interface Pair {
  userPoolRef: { name: string };
  appClientRef: { name: string };
}

/** Provider key (`<providerName>:<clientId>`) → the exported objects it is. */
function pairsByKey(pools: readonly ExportedPool[]): Map<string, Pair> {
  const out = new Map<string, Pair>();
  for (const pool of pools) {
    for (const [clientId, object] of pool.clients) {
      out.set(cognitoRoleMappingKey({ ProviderName: providerName(pool.userPoolId), ClientId: clientId }), { userPoolRef: { name: pool.object }, appClientRef: { name: object } });
    }
  }
  return out;
}

/** True when the identity pool has a user pool provider of one of these pools. */
export function usesPools(pool: IdentityPool, pools: readonly ExportedPool[]): boolean {
  const names = new Set(pools.map((p) => providerName(p.userPoolId)));
  return (pool.CognitoIdentityProviders ?? []).some((p) => names.has(p.ProviderName ?? ''));
}

function roleMapping(key: string, m: RoleMapping, pairs: ReadonlyMap<string, Pair>): Record<string, unknown> | undefined {
  const cognito = key.startsWith('cognito-idp.');
  const pair = pairs.get(key);
  if (cognito && !pair) return undefined;
  const rules = (m.RulesConfiguration?.Rules ?? []).map((r) => ({ claim: r.Claim, matchType: r.MatchType, value: r.Value, roleArn: r.RoleARN }));
  return {
    ...(pair ?? { identityProvider: key }),
    type: m.Type,
    ambiguousRoleResolution: m.AmbiguousRoleResolution,
    ...(rules.length > 0 ? { rules } : {}),
  };
}

/**
 * A provider's principal tags as the spec names them; undefined for what a provider never
 * configured has (no defaults, no tags). With UseDefaults, the tags AWS reports are its own.
 */
function principalTagsOf(map: ObservedPrincipalTags[string] | undefined): Record<string, unknown> | undefined {
  if (map?.UseDefaults === true) return { useDefaults: true };
  const tags = Object.entries(map?.PrincipalTags ?? {}).sort(([a], [b]) => a.localeCompare(b));
  return tags.length > 0 ? { tags: Object.fromEntries(tags) } : undefined;
}

export function identityPoolSpecFrom(
  pool: IdentityPool,
  roles: GetIdentityPoolRolesResponse,
  pools: readonly ExportedPool[],
  principalTags: ObservedPrincipalTags = {},
): { spec: Record<string, unknown>; notes: string[] } {
  const pairs = pairsByKey(pools);
  const notes: string[] = [];
  const providers = pool.CognitoIdentityProviders ?? [];
  // One map per user pool: the spec names it on the pool's first entry (a CEL rule allows one).
  const tagged = new Set<string>();
  const userPools = providers.map((p) => {
    const pair = pairs.get(cognitoRoleMappingKey(p));
    const name = p.ProviderName ?? '';
    const tags = tagged.has(name) ? undefined : principalTagsOf(principalTags[name]);
    tagged.add(name);
    return pair && { ...pair, ...(p.ServerSideTokenCheck === true ? { serverSideTokenCheck: true } : {}), ...(tags ? { principalTags: tags } : {}) };
  });
  const allUserPools = userPools.every((p) => p !== undefined);
  if (!allUserPools) notes.push('userPools left out: some of its user pool clients were not exported, and the list is complete (AWS keeps them while the spec names none)');
  const mappings = Object.entries(roles.RoleMappings ?? {}).sort(([a], [b]) => a.localeCompare(b));
  const roleMappings = mappings.map(([key, m]) => roleMapping(key, m, pairs));
  const allMappings = roleMappings.every((m) => m !== undefined);
  if (!allMappings) notes.push('roleMappings left out: some map clients of user pools that were not exported (AWS keeps them while the spec names none)');
  const roleEntries = Object.entries(roles.Roles ?? {}).filter(([k]) => k === 'authenticated' || k === 'unauthenticated');
  const login = Object.entries(pool.SupportedLoginProviders ?? {});
  const spec: Record<string, unknown> = {
    identityPoolName: pool.IdentityPoolName,
    allowUnauthenticatedIdentities: pool.AllowUnauthenticatedIdentities === true,
    ...(pool.AllowClassicFlow === true ? { allowClassicFlow: true } : {}),
    ...(allUserPools && userPools.length > 0 ? { userPools } : {}),
    ...(login.length > 0 ? { supportedLoginProviders: Object.fromEntries(login.sort(([a], [b]) => a.localeCompare(b))) } : {}),
    ...(pool.DeveloperProviderName ? { developerProviderName: pool.DeveloperProviderName } : {}),
    ...((pool.OpenIdConnectProviderARNs ?? []).length > 0 ? { openIdConnectProviderArns: [...(pool.OpenIdConnectProviderARNs ?? [])].sort() } : {}),
    ...((pool.SamlProviderARNs ?? []).length > 0 ? { samlProviderArns: [...(pool.SamlProviderARNs ?? [])].sort() } : {}),
    ...(roleEntries.length > 0 ? { roles: Object.fromEntries(roleEntries.sort(([a], [b]) => a.localeCompare(b))) } : {}),
    ...(allMappings && roleMappings.length > 0 ? { roleMappings } : {}),
  };
  const tags = specTags(pool.IdentityPoolTags);
  if (tags) spec.tags = tags;
  return { spec, notes };
}
