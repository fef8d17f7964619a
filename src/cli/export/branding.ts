/**
 * A ManagedLoginBranding spec from DescribeManagedLoginBrandingByClient (ReturnMergedResources
 * false: only what was customized, what the spec names). The style's images go to a ConfigMap's
 * binaryData beside it, one key per slot, which the assets reference by name.
 */
import type { AssetType, ManagedLoginBrandingType } from '@aws-sdk/client-cognito-identity-provider';
import type { Manifest } from './manifest';

export interface BrandingContext {
  /** The AppClient object the style is for. */
  clientObject: string;
  /** The ConfigMap that holds the images. */
  assetsObject: string;
  namespace: string;
}

/** A ConfigMap key for an asset's slot: `page_header_logo-light.png`. */
export function assetKey(a: AssetType): string {
  return `${a.Category ?? ''}-${a.ColorMode ?? ''}.${a.Extension ?? ''}`.toLowerCase();
}

export function brandingSpecFrom(style: ManagedLoginBrandingType, ctx: BrandingContext): { spec: Record<string, unknown>; extra: Manifest[] } {
  const appClientRef = { name: ctx.clientObject };
  if (style.UseCognitoProvidedValues === true) return { spec: { appClientRef, useCognitoProvidedValues: true }, extra: [] };
  // An asset AWS answers without its bytes cannot be exported: left out, the style keeps it.
  const assets = (style.Assets ?? []).filter((a) => a.Category && a.ColorMode && a.Extension && a.Bytes);
  const spec: Record<string, unknown> = {
    appClientRef,
    // The spec needs settings or useCognitoProvidedValues: a style of assets alone has an empty document.
    settings: (style.Settings as Record<string, unknown> | undefined) ?? {},
    ...(assets.length > 0
      ? { assets: assets.map((a) => ({ category: a.Category, colorMode: a.ColorMode, extension: a.Extension, configMapRef: { name: ctx.assetsObject, key: assetKey(a) } })) }
      : {}),
  };
  const extra: Manifest[] =
    assets.length > 0
      ? [
          {
            apiVersion: 'v1',
            kind: 'ConfigMap',
            metadata: { name: ctx.assetsObject, namespace: ctx.namespace },
            binaryData: Object.fromEntries(assets.map((a) => [assetKey(a), Buffer.from(a.Bytes ?? new Uint8Array()).toString('base64')])),
          },
        ]
      : [];
  return { spec, extra };
}
