/**
 * ManagedLoginBranding settings under three-way ownership (src/reconciler/ownership.ts). Pure functions.
 *
 * - `assets[<category>/<colorMode>]`: the asset of one slot. Released, it is removed from the
 *   style; an asset the spec never named (added in the branding editor) is kept.
 *
 * `settings` needs no record: the spec names either settings (applied as a whole) or
 * useCognitoProvidedValues: true, which resets the style, so dropping settings is the reset.
 */
import type { ManagedLoginBrandingSpec } from './schema';

const Prefix = 'assets[';
const End = ']';

/** An asset's slot: one per category and color mode in a style. */
export const slotOf = (a: { category: string; colorMode: string }): string => `${a.category}/${a.colorMode}`;
export const assetPath = (slot: string): string => `${Prefix}${slot}${End}`;

/** The paths of the spec that ownership records. */
export function managedLoginBrandingOwnedPaths(spec: ManagedLoginBrandingSpec): string[] {
  return (spec.assets ?? []).map((a) => assetPath(slotOf(a)));
}

/** The slots a set of released paths names. */
export function releasedSlots(released: readonly string[] | undefined): Set<string> {
  return new Set((released ?? []).filter((p) => p.startsWith(Prefix) && p.endsWith(End)).map((p) => p.slice(Prefix.length, -End.length)));
}

/** True for a diff path of an asset (its bytes follow a ConfigMap). */
export const isAssetPath = (path: string): boolean => path.startsWith(Prefix);
