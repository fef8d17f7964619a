/**
 * Principal tags (attributes for access control) of the user pool providers: spec ↔
 * Get/SetPrincipalTagAttributeMap. Pure functions, no I/O.
 *
 * AWS keeps one map per provider `cognito-idp.<region>.amazonaws.com/<poolId>`, so the
 * userPools entry of a userPoolRef that names principalTags speaks for that pool (a CEL rule
 * allows one per userPoolRef). A map the spec names is complete: useDefaults left out is false
 * and tags left out are none. Ownership path: `principalTags.<userPoolRef name>`; released, the
 * map is reset (UseDefaults false, no tags), which is what a provider never configured has.
 * A pool the spec never named keeps AWS's map, and is not even read.
 */
import type { GetPrincipalTagAttributeMapResponse, SetPrincipalTagAttributeMapInput } from '@aws-sdk/client-cognito-identity';
import { keysUnder } from '../../reconciler/ownership';
import type { IdentityPoolRefs } from './mapping';
import { pairKey, providerName } from './mapping';
import type { IdentityPoolSpec } from './schema';

export const PrincipalTagsPrefix = 'principalTags';

/** What one provider's map should be. */
export interface WantedPrincipalTags {
  /** The userPoolRef name: the spec path is `principalTags.<userPool>`. */
  userPool: string;
  useDefaults: boolean;
  tags: Record<string, string>;
}

/** The maps observe reads and update writes, by provider name. */
export type ObservedPrincipalTags = Record<string, GetPrincipalTagAttributeMapResponse>;

/** Owned paths: one per userPoolRef whose entry names principalTags. */
export function principalTagsOwnedPaths(spec: IdentityPoolSpec): string[] {
  return (spec.userPools ?? []).filter((e) => e.principalTags !== undefined).map((e) => `${PrincipalTagsPrefix}.${e.userPoolRef.name}`);
}

/** The provider name of a userPoolRef, from any resolved pair of that pool; undefined when none resolved. */
function providerOf(refs: IdentityPoolRefs, spec: IdentityPoolSpec, userPool: string): string | undefined {
  for (const entry of spec.userPools ?? []) {
    if (entry.userPoolRef.name !== userPool) continue;
    const resolved = refs.providers[pairKey(entry.userPoolRef.name, entry.appClientRef.name)];
    if (resolved) return providerName(resolved.userPoolId);
  }
  return undefined;
}

/**
 * Every provider map the spec decides, by provider name: the ones it names, and the released
 * ones (reset) whose pool is still among the resolved userPools. A released pool that left
 * userPools altogether is no provider of the identity pool any more: nothing to reset there.
 */
export function wantedPrincipalTags(spec: IdentityPoolSpec, refs: IdentityPoolRefs, released?: readonly string[]): Record<string, WantedPrincipalTags> {
  const out: Record<string, WantedPrincipalTags> = {};
  for (const userPool of keysUnder(released, PrincipalTagsPrefix)) {
    const provider = providerOf(refs, spec, userPool);
    if (provider) out[provider] = { userPool, useDefaults: false, tags: {} };
  }
  for (const entry of spec.userPools ?? []) {
    if (!entry.principalTags) continue;
    const provider = providerOf(refs, spec, entry.userPoolRef.name);
    if (provider) out[provider] = { userPool: entry.userPoolRef.name, useDefaults: entry.principalTags.useDefaults ?? false, tags: { ...(entry.principalTags.tags ?? {}) } };
  }
  return out;
}

function sameMap(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => b[k] === a[k]);
}

/**
 * Whether AWS's map is the wanted one. With UseDefaults on, the tags AWS reports are its
 * defaults, not a setting: only the flag is compared.
 */
export function principalTagsMatch(want: WantedPrincipalTags, have: GetPrincipalTagAttributeMapResponse | undefined): boolean {
  const useDefaults = have?.UseDefaults === true;
  if (want.useDefaults || useDefaults) return want.useDefaults === useDefaults;
  return sameMap(want.tags, have?.PrincipalTags ?? {});
}

/** Spec paths whose provider map differs from what observe read. */
export function principalTagsDiff(wanted: Record<string, WantedPrincipalTags>, observed: ObservedPrincipalTags | undefined): string[] {
  return Object.entries(wanted)
    .filter(([provider, want]) => !principalTagsMatch(want, observed?.[provider]))
    .map(([, want]) => `${PrincipalTagsPrefix}.${want.userPool}`);
}

/** SetPrincipalTagAttributeMap, with its spec path, for each provider map that differs; none when all match. */
export function setPrincipalTagsRequests(
  identityPoolId: string,
  wanted: Record<string, WantedPrincipalTags>,
  observed: ObservedPrincipalTags | undefined,
): { path: string; request: SetPrincipalTagAttributeMapInput }[] {
  return Object.entries(wanted)
    .filter(([provider, want]) => !principalTagsMatch(want, observed?.[provider]))
    .map(([provider, want]) => ({
      path: `${PrincipalTagsPrefix}.${want.userPool}`,
      request: {
        IdentityPoolId: identityPoolId,
        IdentityProviderName: provider,
        UseDefaults: want.useDefaults,
        // With UseDefaults AWS sets its own tags; an empty map clears custom ones.
        PrincipalTags: want.useDefaults ? {} : want.tags,
      },
    }));
}
