/**
 * IdentityPool settings under three-way ownership (src/reconciler/ownership.ts): which paths of
 * the spec are recorded once applied, and what releasing each does in AWS. Pure functions.
 *
 * - `tags.<key>`: untagged (src/resources/tags.ts).
 * - `supportedLoginProviders.<provider>`: the provider removed. While the spec names the map it
 *   is complete anyway; releasing matters once it names none.
 * - `roles.authenticated`, `roles.unauthenticated`: the default role unset (SetIdentityPoolRoles
 *   replaces the map, so it is left out).
 * - `principalTags.<userPoolRef name>`: that pool's principal tag map reset (principaltags.ts).
 */
import type { GetIdentityPoolRolesResponse, IdentityPool } from '@aws-sdk/client-cognito-identity';
import { keysUnder, mapPaths } from '../../reconciler/ownership';
import { tagOwnedPaths } from '../tags';
import { principalTagsOwnedPaths } from './principaltags';
import type { IdentityPoolSpec } from './schema';

const RoleKeys = ['authenticated', 'unauthenticated'] as const;

/** The paths of the spec that ownership records. */
export function identityPoolOwnedPaths(spec: IdentityPoolSpec): string[] {
  return [
    ...tagOwnedPaths(spec.tags),
    ...mapPaths('supportedLoginProviders', spec.supportedLoginProviders),
    ...RoleKeys.filter((k) => spec.roles?.[k] !== undefined).map((k) => `roles.${k}`),
    ...principalTagsOwnedPaths(spec),
  ];
}

/** Released login providers AWS still has; only when the spec names no supportedLoginProviders. */
function releasedProviders(spec: IdentityPoolSpec, pool: IdentityPool, released: readonly string[] | undefined): string[] {
  if (spec.supportedLoginProviders) return [];
  const have = pool.SupportedLoginProviders ?? {};
  return keysUnder(released, 'supportedLoginProviders').filter((k) => k in have);
}

export function releasedProviderPaths(spec: IdentityPoolSpec, pool: IdentityPool, released: readonly string[] | undefined): string[] {
  return releasedProviders(spec, pool, released).map((k) => `supportedLoginProviders.${k}`);
}

/**
 * SupportedLoginProviders for UpdateIdentityPool when the spec names none: AWS's map without the
 * released providers (empty when none is left), else AWS's map as it is.
 */
export function keptLoginProviders(spec: IdentityPoolSpec, pool: IdentityPool, released: readonly string[] | undefined): Record<string, string> | undefined {
  const gone = new Set(releasedProviders(spec, pool, released));
  if (gone.size === 0) return pool.SupportedLoginProviders;
  return Object.fromEntries(Object.entries(pool.SupportedLoginProviders ?? {}).filter(([k]) => !gone.has(k)));
}

/** Released default roles AWS still has. */
export function releasedRoles(current: GetIdentityPoolRolesResponse, released: readonly string[] | undefined): string[] {
  const have = current.Roles ?? {};
  return keysUnder(released, 'roles').filter((k) => k in have);
}
