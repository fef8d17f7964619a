/**
 * ManagedLoginBranding spec ↔ Cognito requests and responses. Pure functions, no I/O.
 *
 * The style is read with ReturnMergedResources false: AWS then answers only what was customized,
 * which is what the spec names. UpdateManagedLoginBranding keeps what a request leaves out, and
 * a given Assets list replaces the style's whole list, so:
 * - useCognitoProvidedValues: true is one request with only that flag (it resets the style);
 * - settings are sent as a whole when they differ (the spec's document is the style's);
 * - assets are sent, as the complete list, only when one differs: the spec's assets, plus the
 *   assets AWS has in slots the spec never named (the branding editor's), less the released ones.
 * An asset is compared by slot (category and color mode): its extension and its bytes.
 */
import type {
  AssetType,
  CreateManagedLoginBrandingCommandInput,
  ManagedLoginBrandingType,
  UpdateManagedLoginBrandingCommandInput,
} from '@aws-sdk/client-cognito-identity-provider';
import { IncompleteResponseError } from '../../aws/errors';
import { jsonEqual } from '../../kube/json';
import { assetPath, releasedSlots, slotOf } from './ownership';
import type { ManagedLoginBrandingSpec } from './schema';

type Spec = ManagedLoginBrandingSpec;
type Document = Exclude<CreateManagedLoginBrandingCommandInput['Settings'], undefined>;

/** What the kind's `resolve` gives the client. */
export interface ManagedLoginBrandingRefs {
  userPoolId: string;
  clientId: string;
  /** The pool's region: a style lives in its client's pool. */
  region: string;
  /** The bytes of each spec asset, by slot, as its ConfigMap holds them; a slot left out is unknown (left as AWS has it). */
  assetBytes: ReadonlyMap<string, Uint8Array>;
}

/** Identifiers for status. */
export interface ManagedLoginBrandingOutputs {
  id: string;
  clientId: string;
  userPoolId: string;
}

const Message = {
  noStyle: 'Cognito returned no managed login branding style',
  notJson: (path: string) => `settings${path} is not a JSON value`,
} as const;

export const Path = {
  useCognitoProvidedValues: 'useCognitoProvidedValues',
  settings: 'settings',
} as const;

/** The spec's settings as the SDK's document type: a narrowing of the JSON the API server stored. */
export function toDocument(value: unknown, path = ''): Document {
  if (value === null || typeof value === 'string' || typeof value === 'boolean' || typeof value === 'number') return value;
  if (Array.isArray(value)) return value.map((v, i) => toDocument(v, `${path}[${i}]`));
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toDocument(v, `${path}.${k}`)]));
  throw new Error(Message.notJson(path));
}

const usesCognitoValues = (spec: Spec): boolean => spec.useCognitoProvidedValues === true;

/** AWS's assets by slot. */
function assetsBySlot(assets: readonly AssetType[] | undefined): Map<string, AssetType> {
  return new Map((assets ?? []).flatMap((a) => (a.Category && a.ColorMode ? [[slotOf({ category: a.Category, colorMode: a.ColorMode }), a] as const] : [])));
}

/** The spec's assets whose bytes are known, as AWS takes them. */
function specAssets(spec: Spec, refs: ManagedLoginBrandingRefs): Map<string, AssetType> {
  return new Map(
    (spec.assets ?? []).flatMap((a) => {
      const bytes = refs.assetBytes.get(slotOf(a));
      return bytes ? [[slotOf(a), { Category: a.category, ColorMode: a.colorMode, Extension: a.extension, Bytes: bytes }] as const] : [];
    }),
  );
}

/** The complete asset list AWS should have (see the file comment). */
export function wantedAssets(spec: Spec, refs: ManagedLoginBrandingRefs, current: ManagedLoginBrandingType, released?: readonly string[]): AssetType[] {
  const gone = releasedSlots(released);
  const named = new Set((spec.assets ?? []).map(slotOf));
  const own = specAssets(spec, refs);
  const kept = [...assetsBySlot(current.Assets)].filter(([slot]) => !gone.has(slot) && (!named.has(slot) || !own.has(slot)));
  return [...own.values(), ...kept.map(([, a]) => a)];
}

function sameBytes(a: Uint8Array | undefined, b: Uint8Array | undefined): boolean {
  // AWS may leave a stored asset's bytes out of an answer: then only the extension is compared.
  if (a === undefined || b === undefined) return true;
  return Buffer.from(a).equals(Buffer.from(b));
}

function sameAsset(a: AssetType, b: AssetType): boolean {
  return a.Extension === b.Extension && sameBytes(a.Bytes, b.Bytes);
}

// -------------------------------------------------------------------------- spec → requests

export function createBrandingRequest(spec: Spec, refs: ManagedLoginBrandingRefs): CreateManagedLoginBrandingCommandInput {
  const target = { UserPoolId: refs.userPoolId, ClientId: refs.clientId };
  if (usesCognitoValues(spec)) return { ...target, UseCognitoProvidedValues: true };
  const assets = [...specAssets(spec, refs).values()];
  return {
    ...target,
    ...(spec.settings !== undefined ? { Settings: toDocument(spec.settings) } : {}),
    ...(assets.length > 0 ? { Assets: assets } : {}),
  };
}

/** UpdateManagedLoginBranding with what differs (see the file comment); undefined when nothing does. */
export function updateBrandingRequest(
  spec: Spec,
  refs: ManagedLoginBrandingRefs,
  current: ManagedLoginBrandingType,
  brandingId: string,
  released?: readonly string[],
): UpdateManagedLoginBrandingCommandInput | undefined {
  const diff = diffBranding(spec, refs, current, released);
  if (diff.length === 0) return undefined;
  const target = { UserPoolId: refs.userPoolId, ManagedLoginBrandingId: brandingId };
  if (usesCognitoValues(spec)) return { ...target, UseCognitoProvidedValues: true };
  const assetsDiffer = diff.some((p) => p !== Path.settings);
  return {
    ...target,
    UseCognitoProvidedValues: false,
    ...(spec.settings !== undefined ? { Settings: toDocument(spec.settings) } : {}),
    ...(assetsDiffer ? { Assets: wantedAssets(spec, refs, current, released) } : {}),
  };
}

// ----------------------------------------------------------------------------- comparison

/**
 * The spec paths where AWS differs: `useCognitoProvidedValues`, `settings`, and
 * `assets[<category>/<colorMode>]` for an asset to add, change or remove.
 */
export function diffBranding(spec: Spec, refs: ManagedLoginBrandingRefs, current: ManagedLoginBrandingType, released?: readonly string[]): string[] {
  // Cognito's values are a reset of the whole style: the flag says whether AWS has them.
  if (usesCognitoValues(spec)) return current.UseCognitoProvidedValues === true ? [] : [Path.useCognitoProvidedValues];
  const paths: string[] = [];
  if (spec.settings !== undefined && !jsonEqual(spec.settings, current.Settings)) paths.push(Path.settings);
  const have = assetsBySlot(current.Assets);
  const want = assetsBySlot(wantedAssets(spec, refs, current, released));
  for (const [slot, asset] of want) {
    const existing = have.get(slot);
    if (!existing || !sameAsset(asset, existing)) paths.push(assetPath(slot));
  }
  for (const slot of have.keys()) if (!want.has(slot)) paths.push(assetPath(slot));
  return paths;
}

export function requireStyle(style: ManagedLoginBrandingType | undefined): ManagedLoginBrandingType {
  if (!style) throw new IncompleteResponseError(Message.noStyle);
  return style;
}

export function brandingOutputs(id: string, refs: ManagedLoginBrandingRefs): ManagedLoginBrandingOutputs {
  return { id, clientId: refs.clientId, userPoolId: refs.userPoolId };
}
