/**
 * AppClient spec ↔ Cognito requests and responses. Pure functions, no I/O.
 *
 * Rules every function here follows:
 * - A setting the spec does not name keeps its AWS value (read-merge-write): UpdateUserPoolClient
 *   resets every field it is not given, so an update request is the client's current settings
 *   with what the spec names on top. The one exception is `oauth`: the schema says leaving it
 *   out turns the OAuth features off.
 * - Comparisons are normalized: token validities compare as durations whatever their units,
 *   AWS's defaults stand in for fields a response leaves out, and sets compare without order.
 * - generateSecret is fixed by AWS at create time; it is sent on create only and never reported
 *   as a difference (nothing could apply it): a client that differs stalls instead
 *   (ImmutableMismatch, immutable.ts).
 * - The client secret leaves DescribeUserPoolClient wrapped in a SecretValue, which prints and
 *   serializes as "[redacted]": only the output Secret ever sees the value.
 */
import type { LogoRefs } from '../hostedui/logo';
import { inspect } from 'node:util';
import type {
  AnalyticsConfigurationType,
  CreateUserPoolClientCommandInput,
  RefreshTokenRotationType,
  TimeUnitsType,
  TokenValidityUnitsType,
  UpdateUserPoolClientCommandInput,
  UserPoolClientType,
} from '@aws-sdk/client-cognito-identity-provider';
import type { AppClientSpec } from './schema';
import { releasedClientPaths, withoutReleased } from './ownership';

type Spec = AppClientSpec;

/** What the AppClient's references resolved to: its user pool, and its identity providers' names. */
/** With the hostedUi logo (LogoRefs). */
export interface AppClientRefs extends LogoRefs {
  userPoolId: string;
  /** The pool's region: every call about the client goes there. */
  region: string;
  issuerUrl: string;
  /** The pool's hosted UI base URL, when it has a domain. */
  hostedUiUrl?: string;
  /**
   * The AWS provider names of spec.identityProviderRefs. Undefined while the AppClient is being
   * deleted (its providers may be going too): the client's providers are then left as they are.
   */
  providerNames?: readonly string[];
}

/** AWS's values for settings a DescribeUserPoolClient answer may leave out. */
export const AwsDefault = {
  /** "If you don't specify a value for ExplicitAuthFlows, your app client supports ..." */
  explicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_CUSTOM_AUTH'],
  accessTokenSeconds: 3600,
  idTokenSeconds: 3600,
  refreshTokenSeconds: 30 * 86400,
  authSessionMinutes: 3,
  /** Units when TokenValidityUnits leaves a token out. */
  units: { AccessToken: 'hours', IdToken: 'hours', RefreshToken: 'days' },
  preventUserExistenceErrors: 'LEGACY',
  enableTokenRevocation: true,
  enablePropagateAdditionalUserContextData: false,
  refreshTokenRotation: 'DISABLED',
  retryGracePeriodSeconds: 0,
} as const satisfies { units: Required<TokenValidityUnitsType> } & Record<string, unknown>;

const Message = {
  noClientId: 'DescribeUserPoolClient returned a client without a ClientId',
  badDuration: (value: string) => `not a duration: ${value} (the CRD allows a whole number and one of s, m, h, d)`,
} as const;

import { IncompleteResponseError } from '../../aws/errors';

export { IncompleteResponseError };

/** A value that must not reach logs, Events or status: it prints as "[redacted]"; `reveal()` gives it. */
export class SecretValue {
  readonly #value: string;
  constructor(value: string) {
    this.#value = value;
  }
  reveal(): string {
    return this.#value;
  }
  toJSON(): string {
    return '[redacted]';
  }
  toString(): string {
    return '[redacted]';
  }
  [inspect.custom](): string {
    return '[redacted]';
  }
}

// ---------------------------------------------------------------------------------- helpers

/** The object without its undefined values (requests stay minimal and readable in tests). */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function unique(values: Iterable<string>): string[] {
  return [...new Set(values)];
}

// -------------------------------------------------------------------------------- durations

const UnitSeconds: { [u in TimeUnitsType]: number } = { seconds: 1, minutes: 60, hours: 3600, days: 86400 };
const SuffixUnit: { [s in 's' | 'm' | 'h' | 'd']: TimeUnitsType } = { s: 'seconds', m: 'minutes', h: 'hours', d: 'days' };

/** A spec duration (`15m`, `1h`, `30d`) as AWS's number and unit. */
export function parseDuration(text: string): { value: number; unit: TimeUnitsType } {
  const match = /^([1-9][0-9]*)([smhd])$/.exec(text);
  const suffix = match?.[2] as keyof typeof SuffixUnit | undefined;
  if (!match || !suffix) throw new Error(Message.badDuration(text));
  return { value: Number(match[1]), unit: SuffixUnit[suffix] };
}

export function durationSeconds(text: string): number {
  const { value, unit } = parseDuration(text);
  return value * UnitSeconds[unit];
}

type Token = keyof Required<TokenValidityUnitsType>;
type ValidityField = 'AccessTokenValidity' | 'IdTokenValidity' | 'RefreshTokenValidity';

/** The three tokens: where the spec names them and where AWS keeps them. */
const tokens: readonly { token: Token; field: ValidityField; path: string; want: (s: Spec) => string | undefined; defaultSeconds: number }[] = [
  { token: 'AccessToken', field: 'AccessTokenValidity', path: 'tokenValidity.accessToken', want: (s) => s.tokenValidity?.accessToken, defaultSeconds: AwsDefault.accessTokenSeconds },
  { token: 'IdToken', field: 'IdTokenValidity', path: 'tokenValidity.idToken', want: (s) => s.tokenValidity?.idToken, defaultSeconds: AwsDefault.idTokenSeconds },
  { token: 'RefreshToken', field: 'RefreshTokenValidity', path: 'tokenValidity.refreshToken', want: (s) => s.tokenValidity?.refreshToken, defaultSeconds: AwsDefault.refreshTokenSeconds },
];

/** How long AWS says a token is valid, in seconds; its default when the client has no value. */
function currentSeconds(client: UserPoolClientType, t: (typeof tokens)[number]): number {
  const value = client[t.field];
  if (value === undefined) return t.defaultSeconds;
  const unit = client.TokenValidityUnits?.[t.token] ?? AwsDefault.units[t.token];
  return Number(value) * UnitSeconds[unit];
}

// ------------------------------------------------------------------------- spec → settings

/** The request fields UpdateUserPoolClient accepts (it resets each one it is not given). */
export type ClientSettings = Omit<UpdateUserPoolClientCommandInput, 'UserPoolId' | 'ClientId'>;

/**
 * SupportedIdentityProviders the spec asks for: its built-in names plus the provider names of
 * its IdentityProvider references. Undefined when it names neither, or when the references'
 * names are unknown (deletion).
 */
export function wantedProviders(spec: Spec, refs: Pick<AppClientRefs, 'providerNames'>): string[] | undefined {
  const hasRefs = (spec.identityProviderRefs?.length ?? 0) > 0;
  if (spec.identityProviders === undefined && !hasRefs) return undefined;
  if (hasRefs && refs.providerNames === undefined) return undefined;
  return unique([...(spec.identityProviders ?? []), ...(refs.providerNames ?? [])]);
}

function tokenSettings(spec: Spec, current: ClientSettings): ClientSettings {
  const named = tokens.filter((t) => t.want(spec) !== undefined);
  const auth = spec.tokenValidity?.authSession;
  const out: ClientSettings = {
    AccessTokenValidity: current.AccessTokenValidity,
    IdTokenValidity: current.IdTokenValidity,
    RefreshTokenValidity: current.RefreshTokenValidity,
    TokenValidityUnits: current.TokenValidityUnits,
    AuthSessionValidity: auth === undefined ? current.AuthSessionValidity : durationSeconds(auth) / 60,
  };
  if (named.length === 0) return out;
  // Every unit is spelled out: a value kept from AWS keeps the unit it was given in.
  const units: Required<TokenValidityUnitsType> = {
    AccessToken: current.TokenValidityUnits?.AccessToken ?? AwsDefault.units.AccessToken,
    IdToken: current.TokenValidityUnits?.IdToken ?? AwsDefault.units.IdToken,
    RefreshToken: current.TokenValidityUnits?.RefreshToken ?? AwsDefault.units.RefreshToken,
  };
  for (const t of named) {
    const { value, unit } = parseDuration(t.want(spec) ?? '');
    out[t.field] = value;
    units[t.token] = unit;
  }
  return { ...out, TokenValidityUnits: units };
}

/**
 * OAuth: the spec's `oauth` turns the authorization server features on with its flows and
 * scopes; URLs it does not name are kept. Without `oauth` they are off, and AWS refuses flows
 * and scopes on a client whose OAuth features are off, so those are left out.
 */
function oauthSettings(spec: Spec, current: ClientSettings): ClientSettings {
  const oauth = spec.oauth;
  const kept = { CallbackURLs: current.CallbackURLs, LogoutURLs: current.LogoutURLs, DefaultRedirectURI: current.DefaultRedirectURI };
  if (!oauth) return { ...kept, AllowedOAuthFlowsUserPoolClient: false, AllowedOAuthFlows: undefined, AllowedOAuthScopes: undefined };
  const callbackUrls = oauth.callbackUrls ? [...oauth.callbackUrls] : current.CallbackURLs;
  // A kept default redirect must stay one of the callback URLs, or AWS rejects the request.
  const keptDefault = current.DefaultRedirectURI && callbackUrls?.includes(current.DefaultRedirectURI) ? current.DefaultRedirectURI : undefined;
  return {
    AllowedOAuthFlowsUserPoolClient: true,
    AllowedOAuthFlows: [...oauth.flows],
    AllowedOAuthScopes: [...oauth.scopes],
    CallbackURLs: callbackUrls,
    LogoutURLs: oauth.logoutUrls ? [...oauth.logoutUrls] : current.LogoutURLs,
    DefaultRedirectURI: oauth.defaultRedirectUri ?? keptDefault,
  };
}

function analyticsSettings(spec: Spec, current: AnalyticsConfigurationType | undefined): AnalyticsConfigurationType | undefined {
  const a = spec.analytics;
  if (!a) return current;
  // Replaced, not merged: a project named by ARN and one named by ID exclude each other.
  return compact({
    ApplicationArn: a.applicationArn,
    ApplicationId: a.applicationId,
    RoleArn: a.roleArn,
    ExternalId: a.externalId,
    UserDataShared: a.userDataShared ?? current?.UserDataShared,
  });
}

function rotationSettings(spec: Spec, current: RefreshTokenRotationType | undefined): RefreshTokenRotationType | undefined {
  const r = spec.refreshTokenRotation;
  if (!r) return current;
  return compact<RefreshTokenRotationType>({ Feature: r.enabled ? 'ENABLED' : 'DISABLED', RetryGracePeriodSeconds: r.retryGracePeriodSeconds ?? current?.RetryGracePeriodSeconds });
}

function preventUserExistenceErrors(value: boolean | undefined): ClientSettings['PreventUserExistenceErrors'] {
  if (value === undefined) return undefined;
  return value ? 'ENABLED' : 'LEGACY';
}

/** `current` (the client's settings now, empty on create) with what the spec names on top. */
function overlaySettings(spec: Spec, refs: Pick<AppClientRefs, 'providerNames'>, current: ClientSettings): ClientSettings {
  return compact({
    ...current,
    ClientName: spec.clientName ?? current.ClientName,
    ExplicitAuthFlows: spec.explicitAuthFlows ? [...spec.explicitAuthFlows] : current.ExplicitAuthFlows,
    SupportedIdentityProviders: wantedProviders(spec, refs) ?? current.SupportedIdentityProviders,
    ...oauthSettings(spec, current),
    ...tokenSettings(spec, current),
    PreventUserExistenceErrors: preventUserExistenceErrors(spec.preventUserExistenceErrors) ?? current.PreventUserExistenceErrors,
    EnableTokenRevocation: spec.enableTokenRevocation ?? current.EnableTokenRevocation,
    EnablePropagateAdditionalUserContextData: spec.enablePropagateAdditionalUserContextData ?? current.EnablePropagateAdditionalUserContextData,
    RefreshTokenRotation: rotationSettings(spec, current.RefreshTokenRotation),
    ReadAttributes: spec.readAttributes ? [...spec.readAttributes] : current.ReadAttributes,
    WriteAttributes: spec.writeAttributes ? [...spec.writeAttributes] : current.WriteAttributes,
    AnalyticsConfiguration: analyticsSettings(spec, current.AnalyticsConfiguration),
  });
}

// ------------------------------------------------------------------------------ create

/** The client's name in AWS: spec.clientName, else the object's name. */
export function clientNameOf(spec: Spec, objectName: string): string {
  return spec.clientName ?? objectName;
}

/** CreateUserPoolClient: every section of the spec, and whether the client gets a secret. */
export function createUserPoolClientRequest(spec: Spec, refs: AppClientRefs, objectName: string): CreateUserPoolClientCommandInput {
  const settings = overlaySettings(spec, refs, {});
  return compact({
    ...settings,
    UserPoolId: refs.userPoolId,
    ClientName: clientNameOf(spec, objectName),
    GenerateSecret: spec.generateSecret,
  });
}

// ------------------------------------------------------------------------------ update

/** The settings of a DescribeUserPoolClient answer that UpdateUserPoolClient accepts, and nothing read-only. */
export function currentSettings(client: UserPoolClientType): ClientSettings {
  return compact({
    ClientName: client.ClientName,
    RefreshTokenValidity: client.RefreshTokenValidity,
    AccessTokenValidity: client.AccessTokenValidity,
    IdTokenValidity: client.IdTokenValidity,
    TokenValidityUnits: client.TokenValidityUnits,
    ReadAttributes: client.ReadAttributes,
    WriteAttributes: client.WriteAttributes,
    ExplicitAuthFlows: client.ExplicitAuthFlows,
    SupportedIdentityProviders: client.SupportedIdentityProviders,
    CallbackURLs: client.CallbackURLs,
    LogoutURLs: client.LogoutURLs,
    DefaultRedirectURI: client.DefaultRedirectURI,
    AllowedOAuthFlows: client.AllowedOAuthFlows,
    AllowedOAuthScopes: client.AllowedOAuthScopes,
    AllowedOAuthFlowsUserPoolClient: client.AllowedOAuthFlowsUserPoolClient,
    AnalyticsConfiguration: client.AnalyticsConfiguration,
    PreventUserExistenceErrors: client.PreventUserExistenceErrors,
    EnableTokenRevocation: client.EnableTokenRevocation,
    EnablePropagateAdditionalUserContextData: client.EnablePropagateAdditionalUserContextData,
    AuthSessionValidity: client.AuthSessionValidity,
    RefreshTokenRotation: client.RefreshTokenRotation,
  });
}

function requireClientId(client: UserPoolClientType): string {
  if (!client.ClientId) throw new IncompleteResponseError(Message.noClientId);
  return client.ClientId;
}

/**
 * UpdateUserPoolClient: the client's current settings with what the spec names on top, less what
 * the spec released (src/resources/appclient/ownership.ts), which AWS then resets.
 */
export function updateUserPoolClientRequest(spec: Spec, refs: AppClientRefs, current: UserPoolClientType, released?: readonly string[]): UpdateUserPoolClientCommandInput {
  const settings = withoutReleased(overlaySettings(spec, refs, currentSettings(current)), released);
  return { UserPoolId: refs.userPoolId, ClientId: requireClientId(current), ...settings };
}

// -------------------------------------------------------------------------------- diff

type Value = string | number | boolean | readonly string[];

/** One spec field: what the spec asks for (undefined: not named) and what AWS has, normalized. */
export interface Field {
  path: string;
  /** `set`: order and repeats do not matter. */
  set?: true;
  want(spec: Spec, refs: Pick<AppClientRefs, 'providerNames'>): Value | undefined;
  have(client: UserPoolClientType): Value | undefined;
}

function field(path: string, want: Field['want'], have: Field['have'], set?: true): Field {
  return { path, want, have, ...(set ? { set } : {}) };
}

const oauth = (s: Spec) => s.oauth;
const analytics = (s: Spec) => s.analytics;
const rotation = (s: Spec) => s.refreshTokenRotation;

/** Every setting the spec can name, in the order of the spec. An absent AWS value reads as AWS's default. */
export const clientFields: readonly Field[] = [
  field('clientName', (s) => s.clientName, (c) => c.ClientName),
  field('explicitAuthFlows', (s) => s.explicitAuthFlows, (c) => c.ExplicitAuthFlows ?? AwsDefault.explicitAuthFlows, true),
  // Leaving oauth out turns the features off: the flag is always compared.
  field('oauth', (s) => s.oauth !== undefined, (c) => c.AllowedOAuthFlowsUserPoolClient ?? false),
  field('oauth.flows', (s) => oauth(s)?.flows, (c) => c.AllowedOAuthFlows ?? [], true),
  field('oauth.scopes', (s) => oauth(s)?.scopes, (c) => c.AllowedOAuthScopes ?? [], true),
  field('oauth.callbackUrls', (s) => oauth(s)?.callbackUrls, (c) => c.CallbackURLs ?? [], true),
  field('oauth.logoutUrls', (s) => oauth(s)?.logoutUrls, (c) => c.LogoutURLs ?? [], true),
  field('oauth.defaultRedirectUri', (s) => oauth(s)?.defaultRedirectUri, (c) => c.DefaultRedirectURI),
  field('identityProviders', (s, refs) => wantedProviders(s, refs), (c) => c.SupportedIdentityProviders ?? [], true),
  ...tokens.map((t) =>
    field(t.path, (s) => {
      const d = t.want(s);
      return d === undefined ? undefined : durationSeconds(d);
    }, (c) => currentSeconds(c, t)),
  ),
  field(
    'tokenValidity.authSession',
    (s) => (s.tokenValidity?.authSession === undefined ? undefined : durationSeconds(s.tokenValidity.authSession) / 60),
    (c) => c.AuthSessionValidity ?? AwsDefault.authSessionMinutes,
  ),
  field('preventUserExistenceErrors', (s) => preventUserExistenceErrors(s.preventUserExistenceErrors), (c) => c.PreventUserExistenceErrors ?? AwsDefault.preventUserExistenceErrors),
  field('enableTokenRevocation', (s) => s.enableTokenRevocation, (c) => c.EnableTokenRevocation ?? AwsDefault.enableTokenRevocation),
  field(
    'enablePropagateAdditionalUserContextData',
    (s) => s.enablePropagateAdditionalUserContextData,
    (c) => c.EnablePropagateAdditionalUserContextData ?? AwsDefault.enablePropagateAdditionalUserContextData,
  ),
  field(
    'refreshTokenRotation.enabled',
    (s) => rotation(s)?.enabled,
    (c) => (c.RefreshTokenRotation?.Feature ?? AwsDefault.refreshTokenRotation) === 'ENABLED',
  ),
  field(
    'refreshTokenRotation.retryGracePeriodSeconds',
    (s) => rotation(s)?.retryGracePeriodSeconds,
    (c) => c.RefreshTokenRotation?.RetryGracePeriodSeconds ?? AwsDefault.retryGracePeriodSeconds,
  ),
  field('readAttributes', (s) => s.readAttributes, (c) => c.ReadAttributes ?? [], true),
  field('writeAttributes', (s) => s.writeAttributes, (c) => c.WriteAttributes ?? [], true),
  field('analytics.applicationArn', (s) => analytics(s)?.applicationArn, (c) => c.AnalyticsConfiguration?.ApplicationArn),
  field('analytics.applicationId', (s) => analytics(s)?.applicationId, (c) => c.AnalyticsConfiguration?.ApplicationId),
  field('analytics.roleArn', (s) => analytics(s)?.roleArn, (c) => c.AnalyticsConfiguration?.RoleArn),
  field('analytics.externalId', (s) => analytics(s)?.externalId, (c) => c.AnalyticsConfiguration?.ExternalId),
  field('analytics.userDataShared', (s) => analytics(s)?.userDataShared, (c) => c.AnalyticsConfiguration?.UserDataShared ?? false),
];

/** Primitives compare by their text: an emulator or an older API may send 12 as "12". */
function sameValue(want: Value, have: Value | undefined, set: boolean): boolean {
  if (typeof want === 'string' || typeof want === 'number' || typeof want === 'boolean') {
    return (typeof have === 'string' || typeof have === 'number' || typeof have === 'boolean') && String(want) === String(have);
  }
  if (!Array.isArray(have)) return false;
  const a = set ? unique(want).sort() : want;
  const b = set ? unique(have as readonly string[]).sort() : have;
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/**
 * Spec paths where AWS differs from the spec, and released paths AWS still has. The client is up
 * to date iff this is empty.
 */
export function diffAppClient(spec: Spec, refs: Pick<AppClientRefs, 'providerNames'>, client: UserPoolClientType, released?: readonly string[]): string[] {
  const named = clientFields
    .filter((f) => {
      const want = f.want(spec, refs);
      return want !== undefined && !sameValue(want, f.have(client), f.set === true);
    })
    .map((f) => f.path);
  return [...named, ...releasedClientPaths(client, released)];
}

// ------------------------------------------------------------------------------ outputs

export interface AppClientOutputs {
  clientId: string;
  clientName?: string;
  /** The Secret the credentials are written to. */
  secretName: string;
  /** The pool the client lives in, recorded in status: deleting the client needs it. */
  userPoolId: string;
  /** Only for the output Secret: never in status, logs or Events. */
  clientSecret?: SecretValue;
  /** sha256 of the hostedUi logo applied (AWS returns a URL, not the bytes). */
  hostedUiLogoFingerprint?: string;
}

/** The output Secret's name: writeSecretTo, else `<metadata.name>-cognito`. */
export function secretNameOf(spec: Spec, objectName: string): string {
  return spec.writeSecretTo?.name ?? `${objectName}-cognito`;
}

export function appClientOutputs(client: UserPoolClientType, secretName: string, userPoolId: string): AppClientOutputs {
  return compact({
    clientId: requireClientId(client),
    clientName: client.ClientName,
    secretName,
    userPoolId,
    clientSecret: client.ClientSecret ? new SecretValue(client.ClientSecret) : undefined,
  });
}

/**
 * What an application needs, as the output Secret's keys: the client's credentials, the pool's
 * identity and, when the pool has a domain, its OAuth 2.0 endpoints.
 */
export function secretData(outputs: AppClientOutputs, refs: AppClientRefs): Record<string, string> {
  const hostedUi = refs.hostedUiUrl?.replace(/\/+$/, '');
  const endpoint = (path: string) => (hostedUi ? `${hostedUi}${path}` : undefined);
  const data: Record<string, string | undefined> = {
    clientId: outputs.clientId,
    clientSecret: outputs.clientSecret?.reveal(),
    userPoolId: refs.userPoolId,
    region: refs.region,
    issuerUrl: refs.issuerUrl,
    authorizeUrl: endpoint('/oauth2/authorize'),
    tokenUrl: endpoint('/oauth2/token'),
    userInfoUrl: endpoint('/oauth2/userInfo'),
    logoutUrl: endpoint('/logout'),
  };
  return Object.fromEntries(Object.entries(data).filter((e): e is [string, string] => e[1] !== undefined));
}
