/**
 * UserPool `hostedUi` ↔ Set/GetUICustomization with ClientId ALL (the classic hosted UI of
 * every client). Pure functions, no I/O.
 *
 * Ownership path `hostedUi`: released (the spec named it and names it no longer), the
 * customization is reset (SetUICustomization without CSS). A pool whose spec never named it keeps
 * AWS's, and is not even read. SetUICustomization replaces the whole customization and AWS
 * returns the logo as a URL, not its bytes: writing the CSS drops a logo set in the console.
 */
import type { SetUICustomizationCommandInput, UICustomizationType } from '@aws-sdk/client-cognito-identity-provider';
import { includesPath } from '../../reconciler/ownership';
import type { UserPoolSpec } from './schema';

export const HostedUiPath = 'hostedUi';
/** SetUICustomization's ClientId for the customization of every client. */
export const AllClients = 'ALL';

/** The owned path when the spec names hostedUi. */
export function hostedUiOwnedPaths(spec: UserPoolSpec): string[] {
  return spec.hostedUi ? [HostedUiPath] : [];
}

/** Whether GetUICustomization must be read: the spec names hostedUi, or released it. */
export function hostedUiDecided(spec: UserPoolSpec, released: readonly string[] | undefined): boolean {
  return spec.hostedUi !== undefined || includesPath(released, HostedUiPath);
}

/** Spec paths where AWS differs: `hostedUi.css`; `hostedUi` when released and AWS still has one. */
export function hostedUiDiff(spec: UserPoolSpec, current: UICustomizationType | undefined, released: readonly string[] | undefined): string[] {
  if (spec.hostedUi) return (spec.hostedUi.css ?? '') === (current?.CSS ?? '') ? [] : [`${HostedUiPath}.css`];
  if (!includesPath(released, HostedUiPath)) return [];
  return current?.CSS || current?.ImageUrl ? [HostedUiPath] : [];
}

/** SetUICustomization for the spec (it replaces the whole customization), or undefined when AWS already matches. */
export function uiCustomizationRequest(
  spec: UserPoolSpec,
  current: UICustomizationType | undefined,
  userPoolId: string,
  released: readonly string[] | undefined,
): SetUICustomizationCommandInput | undefined {
  if (hostedUiDiff(spec, current, released).length === 0) return undefined;
  const css = spec.hostedUi?.css;
  return { UserPoolId: userPoolId, ClientId: AllClients, ...(css ? { CSS: css } : {}) };
}

/** The spec's hostedUi for AWS's customization: its CSS (the logo AWS returns only as a URL); undefined without one. */
export function hostedUiSpecOf(current: UICustomizationType | undefined): UserPoolSpec['hostedUi'] {
  return current?.CSS ? { css: current.CSS } : undefined;
}
