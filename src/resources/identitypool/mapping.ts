/**
 * IdentityPool spec ↔ cognito-identity requests and responses. Pure functions, no I/O.
 *
 * Rules every function here follows:
 * - A setting the spec does not name keeps its AWS value (read-merge-write). UpdateIdentityPool
 *   and SetIdentityPoolRoles replace the whole configuration they cover, so their requests are
 *   built from what AWS has now with what the spec names on top.
 * - A list or map the spec names (userPools, supportedLoginProviders, openIdConnectProviderArns,
 *   samlProviderArns, roleMappings) is the complete set: entries AWS has beyond it are removed.
 *   Left out of the spec, AWS's entries are kept.
 * - A userPools entry whose UserPool or AppClient the references resolved as absent (being
 *   deleted, or gone after the pool was created: see kind.ts) is left out of AWS, and so is its
 *   role mapping: the identity pool stops trusting a client that no longer exists.
 * - Comparisons are normalized: AWS leaves out false and empty values and returns sets in any
 *   order, none of which is a difference.
 */
import type {
  CognitoIdentityProvider,
  CreateIdentityPoolInput,
  GetIdentityPoolRolesResponse,
  IdentityPool,
  RoleMapping,
  SetIdentityPoolRolesInput,
} from '@aws-sdk/client-cognito-identity';
import type { IdentityPoolSpec } from './schema';
import { keptLoginProviders, releasedProviderPaths, releasedRoles } from './ownership';
import { keysUnder } from '../../reconciler/ownership';
import type { ObservedPrincipalTags } from './principaltags';
import { principalTagsDiff, wantedPrincipalTags } from './principaltags';
import type { TagsDiff } from '../tags';
import { desiredTags as sharedDesiredTags, tagPaths, tagsDiff as sharedTagsDiff, userTags } from '../tags';

type Spec = IdentityPoolSpec;
type UserPoolEntry = NonNullable<Spec['userPools']>[number];
type RoleMappingEntry = NonNullable<Spec['roleMappings']>[number];

/** Tag keys under the API group are the operator's own (users cannot set them: a CEL rule). */
/** User pool IDs are `<region>_<random>`. */
const UserPoolIdSeparator = '_';

const Message = {
  noId: 'DescribeIdentityPool returned a pool without an IdentityPoolId',
} as const;

import { IncompleteResponseError } from '../../aws/errors';

export { IncompleteResponseError };

// ------------------------------------------------------------------------------ references

/** A user pool app client the identity pool trusts, with the IDs its references resolved to. */
export interface CognitoProvider {
  userPoolId: string;
  clientId: string;
}

/**
 * What the references resolved to. `providers` holds the userPools entries whose UserPool and
 * AppClient are Ready, by pairKey; an entry missing here is absent and left out of AWS.
 */
export interface IdentityPoolRefs {
  providers: Record<string, CognitoProvider>;
}

/** The key of a userPoolRef + appClientRef pair in IdentityPoolRefs.providers. */
export function pairKey(userPool: string, appClient: string): string {
  return `${userPool}/${appClient}`;
}

/** `cognito-idp.<region>.amazonaws.com/<poolId>`, the region read from the pool ID. */
export function providerName(userPoolId: string): string {
  const separator = userPoolId.indexOf(UserPoolIdSeparator);
  const region = separator > 0 ? userPoolId.slice(0, separator) : userPoolId;
  return `cognito-idp.${region}.amazonaws.com/${userPoolId}`;
}

/** The role-mapping key of a user pool app client: `<providerName>:<clientId>`. */
export function cognitoRoleMappingKey(provider: Pick<CognitoIdentityProvider, 'ProviderName' | 'ClientId'>): string {
  return `${provider.ProviderName ?? ''}:${provider.ClientId ?? ''}`;
}

function resolvedPair(refs: IdentityPoolRefs, userPool: string, appClient: string): CognitoProvider | undefined {
  return refs.providers[pairKey(userPool, appClient)];
}

// ---------------------------------------------------------------------------------- helpers

/** The object without its undefined values (requests stay minimal and readable in tests). */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** Order and duplicates do not matter. */
function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const x = [...new Set(a)].sort();
  const y = [...new Set(b)].sort();
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

function sameMap(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => b[k] === a[k]);
}

/** Empty strings mean "not set" in some answers (moto's DeveloperProviderName). */
function nonEmpty(value: string | undefined): string | undefined {
  return value === '' ? undefined : value;
}

// ----------------------------------------------------------------------- spec → providers

/**
 * The user pool providers the spec asks for, or undefined when it names no userPools. An entry
 * that does not name serverSideTokenCheck keeps AWS's setting for that client (default false).
 */
export function wantedProviders(
  spec: Spec,
  refs: IdentityPoolRefs,
  current: readonly CognitoIdentityProvider[] | undefined,
): CognitoIdentityProvider[] | undefined {
  if (!spec.userPools) return undefined;
  return spec.userPools.flatMap((entry: UserPoolEntry) => {
    const resolved = resolvedPair(refs, entry.userPoolRef.name, entry.appClientRef.name);
    if (!resolved) return [];
    const name = providerName(resolved.userPoolId);
    const existing = current?.find((p) => p.ProviderName === name && p.ClientId === resolved.clientId);
    return [{ ProviderName: name, ClientId: resolved.clientId, ServerSideTokenCheck: entry.serverSideTokenCheck ?? existing?.ServerSideTokenCheck ?? false }];
  });
}

function providerIdentity(p: CognitoIdentityProvider): string {
  return `${p.ProviderName ?? ''}|${p.ClientId ?? ''}|${String(p.ServerSideTokenCheck ?? false)}`;
}

// ------------------------------------------------------------------------------- create

/** What create needs besides the spec: the object's name (default pool name) and UID (owner tag). */
export interface Owner {
  name: string;
  uid: string;
}

/**
 * CreateIdentityPool: the pool settings, the resolved user pool providers and the tags (the
 * owner tag included, which makes the create crash-safe). Roles are a separate call
 * (SetIdentityPoolRoles) that update makes on the next reconcile.
 */
export function createIdentityPoolRequest(spec: Spec, refs: IdentityPoolRefs, owner: Owner): CreateIdentityPoolInput {
  return compact({
    IdentityPoolName: spec.identityPoolName ?? owner.name,
    AllowUnauthenticatedIdentities: spec.allowUnauthenticatedIdentities,
    AllowClassicFlow: spec.allowClassicFlow,
    SupportedLoginProviders: spec.supportedLoginProviders && { ...spec.supportedLoginProviders },
    DeveloperProviderName: spec.developerProviderName,
    OpenIdConnectProviderARNs: spec.openIdConnectProviderArns && [...spec.openIdConnectProviderArns],
    CognitoIdentityProviders: wantedProviders(spec, refs, undefined),
    SamlProviderARNs: spec.samlProviderArns && [...spec.samlProviderArns],
    IdentityPoolTags: desiredTags(spec, owner.uid),
  });
}

// ------------------------------------------------------------------------------- update

function requireId(pool: IdentityPool): string {
  if (!pool.IdentityPoolId) throw new IncompleteResponseError(Message.noId);
  return pool.IdentityPoolId;
}

/**
 * UpdateIdentityPool resets every parameter it is not given, so the request is the pool as
 * DescribeIdentityPool answered with what the spec names on top. Tags go along as they will be
 * (AWS's own aws: tags excepted), so that the call cannot reset them either.
 */
export function updateIdentityPoolRequest(spec: Spec, refs: IdentityPoolRefs, current: IdentityPool, ownerUid: string, released?: readonly string[]): IdentityPool {
  return compact({
    IdentityPoolId: requireId(current),
    IdentityPoolName: spec.identityPoolName ?? current.IdentityPoolName,
    AllowUnauthenticatedIdentities: spec.allowUnauthenticatedIdentities,
    AllowClassicFlow: spec.allowClassicFlow ?? current.AllowClassicFlow,
    SupportedLoginProviders: spec.supportedLoginProviders ? { ...spec.supportedLoginProviders } : keptLoginProviders(spec, current, released),
    DeveloperProviderName: spec.developerProviderName ?? nonEmpty(current.DeveloperProviderName),
    OpenIdConnectProviderARNs: spec.openIdConnectProviderArns ? [...spec.openIdConnectProviderArns] : current.OpenIdConnectProviderARNs,
    CognitoIdentityProviders: wantedProviders(spec, refs, current.CognitoIdentityProviders) ?? current.CognitoIdentityProviders,
    SamlProviderARNs: spec.samlProviderArns ? [...spec.samlProviderArns] : current.SamlProviderARNs,
    IdentityPoolTags: tagsAfter(current.IdentityPoolTags, tagsDiff(spec, current.IdentityPoolTags, ownerUid, released)),
  });
}

// -------------------------------------------------------------------------------- diff

/** Spec paths of pool settings (UpdateIdentityPool) that differ from AWS, and released ones AWS still has. */
export function poolSettingsDiff(spec: Spec, refs: IdentityPoolRefs, pool: IdentityPool, released?: readonly string[]): string[] {
  const paths: string[] = releasedProviderPaths(spec, pool, released);
  if (spec.identityPoolName !== undefined && spec.identityPoolName !== pool.IdentityPoolName) paths.push('identityPoolName');
  if (spec.allowUnauthenticatedIdentities !== (pool.AllowUnauthenticatedIdentities === true)) paths.push('allowUnauthenticatedIdentities');
  if (spec.allowClassicFlow !== undefined && spec.allowClassicFlow !== (pool.AllowClassicFlow === true)) paths.push('allowClassicFlow');
  const providers = wantedProviders(spec, refs, pool.CognitoIdentityProviders);
  if (providers && !sameSet(providers.map(providerIdentity), (pool.CognitoIdentityProviders ?? []).map(providerIdentity))) {
    paths.push('userPools');
  }
  if (spec.supportedLoginProviders && !sameMap(spec.supportedLoginProviders, pool.SupportedLoginProviders ?? {})) paths.push('supportedLoginProviders');
  if (spec.developerProviderName !== undefined && spec.developerProviderName !== nonEmpty(pool.DeveloperProviderName)) paths.push('developerProviderName');
  if (spec.openIdConnectProviderArns && !sameSet(spec.openIdConnectProviderArns, pool.OpenIdConnectProviderARNs ?? [])) paths.push('openIdConnectProviderArns');
  if (spec.samlProviderArns && !sameSet(spec.samlProviderArns, pool.SamlProviderARNs ?? [])) paths.push('samlProviderArns');
  return paths;
}

// ---------------------------------------------------------------------------------- roles

const RoleKey = { authenticated: 'authenticated', unauthenticated: 'unauthenticated' } as const;

/** The default roles: AWS's with the spec's on top, without the released ones. */
function wantedRoles(spec: Spec, current: Readonly<Record<string, string>> | undefined, released?: readonly string[]): Record<string, string> {
  const gone = new Set(keysUnder(released, 'roles'));
  const roles: Record<string, string> = Object.fromEntries(Object.entries(current ?? {}).filter(([k]) => !gone.has(k)));
  for (const key of [RoleKey.authenticated, RoleKey.unauthenticated]) {
    const named = spec.roles?.[key];
    if (named !== undefined) roles[key] = named;
  }
  return roles;
}

function roleMapping(entry: RoleMappingEntry): RoleMapping {
  return compact({
    Type: entry.type,
    AmbiguousRoleResolution: entry.ambiguousRoleResolution,
    RulesConfiguration: entry.rules ? { Rules: entry.rules.map((r) => ({ Claim: r.claim, MatchType: r.matchType, Value: r.value, RoleARN: r.roleArn })) } : undefined,
  });
}

/** The provider key of a role mapping entry; undefined when its user pool client is absent. */
function roleMappingKey(entry: RoleMappingEntry, refs: IdentityPoolRefs): string | undefined {
  if (entry.identityProvider !== undefined) return entry.identityProvider;
  if (!entry.userPoolRef || !entry.appClientRef) return undefined;
  const resolved = resolvedPair(refs, entry.userPoolRef.name, entry.appClientRef.name);
  return resolved && cognitoRoleMappingKey({ ProviderName: providerName(resolved.userPoolId), ClientId: resolved.clientId });
}

/** The role mappings the spec asks for, by provider key; undefined when it names none. */
export function wantedRoleMappings(spec: Spec, refs: IdentityPoolRefs): Record<string, RoleMapping> | undefined {
  if (!spec.roleMappings) return undefined;
  const out: Record<string, RoleMapping> = {};
  for (const entry of spec.roleMappings) {
    const key = roleMappingKey(entry, refs);
    if (key !== undefined) out[key] = roleMapping(entry);
  }
  return out;
}

/** A role mapping as one comparable string: AWS leaves out what is empty. */
function mappingIdentity(m: RoleMapping): string {
  const rules = (m.RulesConfiguration?.Rules ?? []).map((r) => [r.Claim ?? '', r.MatchType ?? '', r.Value ?? '', r.RoleARN ?? '']);
  return JSON.stringify([m.Type ?? '', m.AmbiguousRoleResolution ?? '', rules]);
}

/** Spec paths of roles and role mappings (SetIdentityPoolRoles) that differ from AWS, and released roles AWS still has. */
export function rolesDiff(spec: Spec, refs: IdentityPoolRefs, current: GetIdentityPoolRolesResponse, released?: readonly string[]): string[] {
  const paths: string[] = releasedRoles(current, released).map((k) => `roles.${k}`);
  for (const key of [RoleKey.authenticated, RoleKey.unauthenticated]) {
    const want = spec.roles?.[key];
    if (want !== undefined && want !== current.Roles?.[key]) paths.push(`roles.${key}`);
  }
  const want = wantedRoleMappings(spec, refs);
  if (want) {
    const have = current.RoleMappings ?? {};
    for (const key of new Set([...Object.keys(want), ...Object.keys(have)])) {
      const w = want[key];
      const h = have[key];
      if (!w || !h || mappingIdentity(w) !== mappingIdentity(h)) paths.push(`roleMappings[${key}]`);
    }
  }
  return paths;
}

/**
 * SetIdentityPoolRoles for the spec, or undefined when AWS already matches. The call replaces
 * both maps, so the request is complete: a role or the role mappings the spec does not name
 * are sent as AWS has them.
 */
export function setRolesRequest(
  spec: Spec,
  refs: IdentityPoolRefs,
  current: GetIdentityPoolRolesResponse,
  identityPoolId: string,
  released?: readonly string[],
): SetIdentityPoolRolesInput | undefined {
  if (rolesDiff(spec, refs, current, released).length === 0) return undefined;
  const mappings = wantedRoleMappings(spec, refs) ?? current.RoleMappings;
  return compact({
    IdentityPoolId: identityPoolId,
    Roles: wantedRoles(spec, current.Roles, released),
    RoleMappings: mappings && Object.keys(mappings).length > 0 ? mappings : undefined,
  });
}

/**
 * The user pool providers UpdateIdentityPool is about to remove may still have role mappings,
 * and a role mapping must name a provider of the pool. This is the SetIdentityPoolRoles that
 * removes those mappings first (everything else as AWS has it), or undefined when none has one.
 */
export function pruneRoleMappingsRequest(
  spec: Spec,
  refs: IdentityPoolRefs,
  pool: IdentityPool,
  current: GetIdentityPoolRolesResponse,
): SetIdentityPoolRolesInput | undefined {
  const kept = wantedProviders(spec, refs, pool.CognitoIdentityProviders);
  const mappings = current.RoleMappings ?? {};
  if (!kept) return undefined;
  const keptKeys = new Set(kept.map(cognitoRoleMappingKey));
  const doomed = (pool.CognitoIdentityProviders ?? []).map(cognitoRoleMappingKey).filter((key) => !keptKeys.has(key) && key in mappings);
  if (doomed.length === 0) return undefined;
  const remaining = Object.fromEntries(Object.entries(mappings).filter(([key]) => !doomed.includes(key)));
  return compact({
    IdentityPoolId: requireId(pool),
    Roles: { ...current.Roles },
    RoleMappings: Object.keys(remaining).length > 0 ? remaining : undefined,
  });
}

// --------------------------------------------------------------------------------- tags

/** The tags the operator sets: the spec's, plus the owner tag that makes creates crash-safe. */
export const desiredTags = (spec: Spec, ownerUid: string): Record<string, string> => sharedDesiredTags(spec.tags, ownerUid);

/** Tag changes by the shared rule (src/resources/tags.ts): spec tags set, released ones untagged, other tags kept. */
export const tagsDiff = (spec: Spec, current: Readonly<Record<string, string>> | undefined, ownerUid: string, released?: readonly string[]): TagsDiff =>
  sharedTagsDiff(spec.tags, current, ownerUid, released);

/** The user tags once a diff is applied. */
function tagsAfter(current: Readonly<Record<string, string>> | undefined, diff: TagsDiff): Record<string, string> {
  const kept = Object.entries(userTags(current)).filter(([k]) => !diff.keysToRemove.includes(k));
  return { ...Object.fromEntries(kept), ...diff.tagsToAdd };
}

// --------------------------------------------------------------------------- observation

/**
 * What observe reads: DescribeIdentityPool, GetIdentityPoolRoles and GetPrincipalTagAttributeMap
 * of each provider whose map the spec decides (principaltags.ts), by provider name.
 */
export interface ObservedIdentityPool {
  pool: IdentityPool;
  roles: GetIdentityPoolRolesResponse;
  principalTags?: ObservedPrincipalTags;
}

/** Every spec path where AWS differs; the pool is up to date iff this is empty. */
export function diffIdentityPool(spec: Spec, refs: IdentityPoolRefs, observed: ObservedIdentityPool, ownerUid: string, released?: readonly string[]): string[] {
  return [
    ...poolSettingsDiff(spec, refs, observed.pool, released),
    ...rolesDiff(spec, refs, observed.roles, released),
    ...principalTagsDiff(wantedPrincipalTags(spec, refs, released), observed.principalTags),
    ...tagPaths(tagsDiff(spec, observed.pool.IdentityPoolTags, ownerUid, released)),
  ];
}

export interface IdentityPoolOutputs {
  id: string;
  /** Known when the operator knows its AWS account ID (see client.ts). */
  arn?: string;
}

/** aws, aws-cn or aws-us-gov, from the region's name. */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/** `arn:<partition>:cognito-identity:<region>:<account>:identitypool/<id>`, as TagResource wants it. */
export function identityPoolArn(region: string, accountId: string, identityPoolId: string): string {
  return `arn:${partitionOf(region)}:cognito-identity:${region}:${accountId}:identitypool/${identityPoolId}`;
}

export function identityPoolOutputs(pool: IdentityPool, region: string, accountId: string | undefined): IdentityPoolOutputs {
  const id = requireId(pool);
  return compact({ id, arn: accountId === undefined ? undefined : identityPoolArn(region, accountId, id) });
}

export { tagPaths };
export type { TagsDiff };
