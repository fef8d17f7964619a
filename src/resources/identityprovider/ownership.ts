/**
 * IdentityProvider settings under three-way ownership (src/reconciler/ownership.ts): which paths
 * of the spec are recorded once applied, and what releasing each does in AWS. Pure functions.
 *
 * - `providerDetails.<key>`: the detail deleted (left out of UpdateIdentityProvider's full map).
 *   A key Cognito derives itself (an endpoint URL) comes back as Cognito fills it in: it is not
 *   reported as a difference, so it cannot cause a perpetual update.
 * - `attributeMapping.<attribute>`: the mapping deleted. While the spec names attributeMapping
 *   the spec's map is complete anyway; releasing matters once it names none. Cognito's own
 *   `username` mapping comes back by itself and is not reported either.
 */
import type { IdentityProviderType } from '@aws-sdk/client-cognito-identity-provider';
import { keysUnder, mapPaths } from '../../reconciler/ownership';
import type { IdentityProviderSpec } from './schema';

const UsernameAttribute = 'username';

/** The paths of the spec that ownership records. */
export function identityProviderOwnedPaths(spec: IdentityProviderSpec): string[] {
  return [...mapPaths('providerDetails', spec.providerDetails), ...mapPaths('attributeMapping', spec.attributeMapping)];
}

/** Detail keys the spec released. */
export function releasedDetailKeys(released: readonly string[] | undefined): Set<string> {
  return new Set(keysUnder(released, 'providerDetails'));
}

/** Released details AWS still has, except those Cognito derives (it fills them in again). */
export function releasedDetailPaths(current: IdentityProviderType, released: readonly string[] | undefined, derived: readonly string[]): string[] {
  const details = current.ProviderDetails ?? {};
  return [...releasedDetailKeys(released)].filter((k) => k in details && !derived.includes(k)).map((k) => `providerDetails.${k}`);
}

/** Released attribute mappings AWS still has (Cognito's own `username` aside). */
function releasedMappingKeys(current: IdentityProviderType, released: readonly string[] | undefined): string[] {
  const mapping = current.AttributeMapping ?? {};
  return keysUnder(released, 'attributeMapping').filter((k) => k in mapping && k !== UsernameAttribute);
}

/** Paths of released attribute mappings AWS still has; only when the spec names no attributeMapping. */
export function releasedMappingPaths(spec: IdentityProviderSpec, current: IdentityProviderType, released: readonly string[] | undefined): string[] {
  if (spec.attributeMapping) return [];
  return releasedMappingKeys(current, released).map((k) => `attributeMapping.${k}`);
}

/**
 * The AttributeMapping to send when the spec names none: AWS's without the released keys, or
 * undefined (not sent, AWS keeps its map) when nothing is to go.
 */
export function releasedAttributeMapping(current: IdentityProviderType, released: readonly string[] | undefined): Record<string, string> | undefined {
  const gone = new Set(keysUnder(released, 'attributeMapping'));
  const mapping = current.AttributeMapping ?? {};
  if (releasedMappingKeys(current, released).length === 0) return undefined;
  return Object.fromEntries(Object.entries(mapping).filter(([k]) => !gone.has(k)));
}
