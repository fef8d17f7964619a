/**
 * The classic hosted UI customization (Set/GetUICustomization) of a pool (ClientId ALL) or of one
 * client, compared with `hostedUi` and written back. Pure functions, no I/O.
 *
 * SetUICustomization replaces the whole customization, and AWS answers the logo as an ImageUrl,
 * never its bytes: the CSS and the logo go together in every write, and the logo is compared by
 * the sha256 fingerprint of the bytes last applied (status.hostedUiLogoFingerprint).
 *
 * Ownership: `hostedUi` released resets the customization (a write with neither CSS nor logo);
 * `hostedUi.logoConfigMapRef` released (the CSS still named) drops the logo (a write with the CSS
 * only). What the spec never named is not even read.
 *
 * A client's own customization removed: AWS has no call that deletes one, so the reset is a
 * SetUICustomization with the client's ID and neither CSS nor logo (what Terraform's delete does
 * too). Copying the pool's into the client instead would freeze a copy that no longer follows
 * the pool, and a logo cannot be copied (AWS returns only its URL).
 */
import { createHash } from 'node:crypto';
import type { SetUICustomizationCommandInput, UICustomizationType } from '@aws-sdk/client-cognito-identity-provider';
import { includesPath } from '../../reconciler/ownership';
import type { HostedUiSpec } from './schema';

export const HostedUiPath = {
  section: 'hostedUi',
  css: 'hostedUi.css',
  logo: 'hostedUi.logoConfigMapRef',
  /** The referenced ConfigMap's bytes differ from the logo applied: they follow the ConfigMap, not drift. */
  logoContent: 'hostedUi.logoConfigMapRef.content',
} as const;

/** SetUICustomization's ClientId for the customization of every client. */
export const AllClients = 'ALL';

/**
 * A client's own customization from GetUICustomization's answer. For a client without one AWS
 * answers the pool's, with ClientId ALL: that is not the client's (undefined), or every resync
 * would find the client's differing from its spec, and a reset would never seem done.
 */
export function ownCustomization(answer: UICustomizationType | undefined, clientId: string): UICustomizationType | undefined {
  return answer?.ClientId === clientId ? answer : undefined;
}

/** What the comparison needs besides AWS's answer. */
export interface HostedUiWanted {
  spec: HostedUiSpec | undefined;
  /** The bytes of the spec's logo, as its ConfigMap holds them now. */
  logo?: Uint8Array;
  /** Fingerprint of the logo last applied: this process's last write, else status. Unknown counts as different. */
  appliedLogo?: string;
  released: readonly string[] | undefined;
}

export function logoFingerprint(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The owned paths: the section when named, and its logo. */
export function hostedUiOwnedPaths(spec: HostedUiSpec | undefined): string[] {
  if (!spec) return [];
  return [HostedUiPath.section, ...(spec.logoConfigMapRef ? [HostedUiPath.logo] : [])];
}

/** Whether GetUICustomization must be read: the spec names hostedUi, or released it. */
export function hostedUiDecided(spec: HostedUiSpec | undefined, released: readonly string[] | undefined): boolean {
  return spec !== undefined || includesPath(released, HostedUiPath.section);
}

function logoPaths(wanted: HostedUiWanted, current: UICustomizationType | undefined): string[] {
  const hasImage = Boolean(current?.ImageUrl);
  if (!wanted.spec?.logoConfigMapRef) return includesPath(wanted.released, HostedUiPath.logo) && hasImage ? [HostedUiPath.logo] : [];
  if (!hasImage) return [HostedUiPath.logo];
  if (wanted.logo === undefined) return [];
  return logoFingerprint(wanted.logo) === wanted.appliedLogo ? [] : [HostedUiPath.logoContent];
}

/**
 * Spec paths where AWS differs. `current` is the target's own customization: for a client, not
 * the pool's one that GetUICustomization answers in its place (undefined: it has none).
 */
export function hostedUiDiff(wanted: HostedUiWanted, current: UICustomizationType | undefined): string[] {
  if (!wanted.spec) {
    if (!includesPath(wanted.released, HostedUiPath.section)) return [];
    return current?.CSS || current?.ImageUrl ? [HostedUiPath.section] : [];
  }
  const css = (wanted.spec.css ?? '') === (current?.CSS ?? '') ? [] : [HostedUiPath.css];
  return [...css, ...logoPaths(wanted, current)];
}

/** SetUICustomization with everything the spec names (it replaces the whole), or undefined when AWS already matches. */
export function uiCustomizationRequest(
  wanted: HostedUiWanted,
  current: UICustomizationType | undefined,
  target: { UserPoolId: string; ClientId: string },
): SetUICustomizationCommandInput | undefined {
  if (hostedUiDiff(wanted, current).length === 0) return undefined;
  const css = wanted.spec?.css;
  const logo = wanted.spec?.logoConfigMapRef ? wanted.logo : undefined;
  return { ...target, ...(css ? { CSS: css } : {}), ...(logo ? { ImageFile: logo } : {}) };
}

/** The fingerprint status records: that of the spec's logo, when it names one. */
export function hostedUiOutputs(wanted: HostedUiWanted): { hostedUiLogoFingerprint?: string } {
  return wanted.spec?.logoConfigMapRef && wanted.logo ? { hostedUiLogoFingerprint: logoFingerprint(wanted.logo) } : {};
}

/** True for the diff path of a logo whose ConfigMap changed: an update, not drift. */
export function followsLogoConfigMap(diffPath: string): boolean {
  return diffPath === HostedUiPath.logoContent;
}

/**
 * Fingerprints of the logos this process sent, by target: they bridge the time between a write
 * and the status that records it (read back after a restart through `appliedLogo`).
 */
export function sentLogos() {
  const sent = new Map<string, string | undefined>();
  return {
    applied: (target: string, fromStatus: string | undefined): string | undefined => (sent.has(target) ? sent.get(target) : fromStatus),
    remember: (target: string, request: SetUICustomizationCommandInput): void => {
      sent.set(target, request.ImageFile ? logoFingerprint(request.ImageFile) : undefined);
    },
  };
}

/** The spec's hostedUi for AWS's customization: its CSS (AWS returns the logo only as a URL); undefined without one. */
export function hostedUiSpecOf(current: UICustomizationType | undefined): HostedUiSpec | undefined {
  return current?.CSS ? { css: current.CSS } : undefined;
}
