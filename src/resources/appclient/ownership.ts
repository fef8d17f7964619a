/**
 * AppClient settings under three-way ownership (src/reconciler/ownership.ts): which paths of the
 * spec are recorded once applied, and what releasing each does in AWS. Pure functions, no I/O.
 * UpdateUserPoolClient resets every field it is not given, so releasing a setting is leaving it
 * out of the request:
 * - `oauth.callbackUrls`, `oauth.logoutUrls`: the URL list cleared (with the callback URLs, a
 *   default redirect URI kept from AWS goes too: it must be one of them);
 * - `oauth.defaultRedirectUri`: unset;
 * - `analytics`: the Pinpoint analytics configuration removed.
 * - `threatProtection.<section>`: left out of the client's SetRiskConfiguration (a separate call,
 *   src/resources/threatprotection/); with no section left the client uses the pool's again.
 * - `hostedUi`, `hostedUi.logoConfigMapRef`: the client's own classic hosted UI customization
 *   reset, or its logo dropped (a separate call, src/resources/hostedui/).
 */
import type { UpdateUserPoolClientCommandInput, UserPoolClientType } from '@aws-sdk/client-cognito-identity-provider';
import { includesPath } from '../../reconciler/ownership';
import { hostedUiOwnedPaths } from '../hostedui/mapping';
import { riskOwnedPaths } from '../threatprotection/mapping';
import type { AppClientSpec } from './schema';

export const OwnedPath = {
  callbackUrls: 'oauth.callbackUrls',
  logoutUrls: 'oauth.logoutUrls',
  defaultRedirectUri: 'oauth.defaultRedirectUri',
  analytics: 'analytics',
  threatProtection: 'threatProtection',
} as const;

type Settings = Omit<UpdateUserPoolClientCommandInput, 'UserPoolId' | 'ClientId'>;

/** The paths of the spec that ownership records. */
export function appClientOwnedPaths(spec: AppClientSpec): string[] {
  const oauth = spec.oauth;
  return [
    ...(oauth?.callbackUrls ? [OwnedPath.callbackUrls] : []),
    ...(oauth?.logoutUrls ? [OwnedPath.logoutUrls] : []),
    ...(oauth?.defaultRedirectUri ? [OwnedPath.defaultRedirectUri] : []),
    ...(spec.analytics ? [OwnedPath.analytics] : []),
    ...riskOwnedPaths(spec.threatProtection, OwnedPath.threatProtection),
    ...hostedUiOwnedPaths(spec.hostedUi),
  ];
}

/** Released paths that the client in AWS still has. */
export function releasedClientPaths(client: UserPoolClientType, released: readonly string[] | undefined): string[] {
  const has = (path: string, present: boolean) => (includesPath(released, path) && present ? [path] : []);
  return [
    ...has(OwnedPath.callbackUrls, (client.CallbackURLs?.length ?? 0) > 0),
    ...has(OwnedPath.logoutUrls, (client.LogoutURLs?.length ?? 0) > 0),
    ...has(OwnedPath.defaultRedirectUri, client.DefaultRedirectURI !== undefined && client.DefaultRedirectURI !== ''),
    ...has(OwnedPath.analytics, client.AnalyticsConfiguration !== undefined),
  ];
}

/** The UpdateUserPoolClient settings without what the spec released. */
export function withoutReleased<S extends Settings>(settings: S, released: readonly string[] | undefined): S {
  if (!released || released.length === 0) return settings;
  const out = { ...settings };
  if (includesPath(released, OwnedPath.callbackUrls)) {
    delete out.CallbackURLs;
    delete out.DefaultRedirectURI;
  }
  if (includesPath(released, OwnedPath.logoutUrls)) delete out.LogoutURLs;
  if (includesPath(released, OwnedPath.defaultRedirectUri)) delete out.DefaultRedirectURI;
  if (includesPath(released, OwnedPath.analytics)) delete out.AnalyticsConfiguration;
  return out;
}
