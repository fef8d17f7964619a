/**
 * ResourceServer settings under three-way ownership (src/reconciler/ownership.ts). Pure functions.
 *
 * - `scopes[<name>]`: the scope. Released while the spec names no scopes, it is removed from AWS
 *   (while it names scopes the list is complete anyway).
 * - `scopes[<name>].description`: the scope's description. Cognito requires one, so a released
 *   description is reset to the scope's name, the description this object gives a scope it
 *   creates without one.
 *
 * Scope names may contain dots, so a scope is named in brackets, not as a dotted map key.
 */
import type { ResourceServerSpec } from './schema';

const Prefix = 'scopes[';
const ScopeEnd = ']';
const DescriptionEnd = '].description';

export const scopePath = (name: string): string => `${Prefix}${name}${ScopeEnd}`;
export const descriptionPath = (name: string): string => `${Prefix}${name}${DescriptionEnd}`;

/** The paths of the spec that ownership records. */
export function resourceServerOwnedPaths(spec: ResourceServerSpec): string[] {
  return (spec.scopes ?? []).flatMap((s) => [scopePath(s.name), ...(s.description !== undefined ? [descriptionPath(s.name)] : [])]);
}

/** The scopes and descriptions a set of released paths names, by scope name. */
export function releasedScopes(released: readonly string[] | undefined): { scopes: Set<string>; descriptions: Set<string> } {
  const scopes = new Set<string>();
  const descriptions = new Set<string>();
  for (const path of released ?? []) {
    if (!path.startsWith(Prefix)) continue;
    // A description path ends in "].description"; a scope path in "]" (never in "n").
    if (path.endsWith(DescriptionEnd)) descriptions.add(path.slice(Prefix.length, -DescriptionEnd.length));
    else if (path.endsWith(ScopeEnd)) scopes.add(path.slice(Prefix.length, -ScopeEnd.length));
  }
  return { scopes, descriptions };
}
