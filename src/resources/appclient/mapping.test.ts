import { inspect } from 'node:util';
import type { Case } from '../../../test/unit/support/fakes';
import type { UserPoolClientType } from '@aws-sdk/client-cognito-identity-provider';
import type { AppClientOutputs, AppClientRefs } from './mapping';
import {
  IncompleteResponseError,
  SecretValue,
  appClientOutputs,
  createUserPoolClientRequest,
  diffAppClient,
  durationSeconds,
  parseDuration,
  secretData,
  secretNameOf,
  updateUserPoolClientRequest,
  wantedProviders,
} from './mapping';
import type { AppClientSpec } from './schema';

const poolId = 'eu-west-1_AbCdEf123';
const clientId = '1example23456789';
const issuerUrl = `https://cognito-idp.eu-west-1.amazonaws.com/${poolId}`;
const refs: AppClientRefs = { userPoolId: poolId, region: 'eu-west-1', issuerUrl, providerNames: [] };
const callback = 'https://shop.example.com/callback';
const home = 'https://shop.example.com/';
const pinpointArn = 'arn:aws:mobiletargeting:eu-west-1:123456789012:apps/abc123';
const roleArn = 'arn:aws:iam::123456789012:role/pinpoint';

/** A spec with the API server's defaults filled in, plus what a case names. */
function spec(named: Partial<AppClientSpec> = {}): AppClientSpec {
  return { deletionPolicy: 'Delete', userPoolRef: { name: 'shop-users' }, generateSecret: false, ...named };
}

/** A client as DescribeUserPoolClient returns one made with AWS's defaults, plus what a case sets. */
function awsClient(overrides: Partial<UserPoolClientType> = {}): UserPoolClientType {
  return {
    UserPoolId: poolId,
    ClientId: clientId,
    ClientName: 'web',
    CreationDate: new Date(0),
    LastModifiedDate: new Date(0),
    RefreshTokenValidity: 30,
    AccessTokenValidity: 60,
    IdTokenValidity: 60,
    TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'days' },
    ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    SupportedIdentityProviders: ['COGNITO'],
    AllowedOAuthFlowsUserPoolClient: false,
    PreventUserExistenceErrors: 'ENABLED',
    EnableTokenRevocation: true,
    EnablePropagateAdditionalUserContextData: false,
    AuthSessionValidity: 3,
    ...overrides,
  };
}

describe('parseDuration', () => {
  const cases: Case<[string], { value: number; unit: string; seconds: number }>[] = [
    { name: 'seconds', reason: 'AWS takes seconds as they are', args: ['300s'], want: { value: 300, unit: 'seconds', seconds: 300 } },
    { name: 'minutes', reason: 'the unit the spec used is the unit AWS gets', args: ['15m'], want: { value: 15, unit: 'minutes', seconds: 900 } },
    { name: 'hours', reason: 'hours stay hours', args: ['1h'], want: { value: 1, unit: 'hours', seconds: 3600 } },
    { name: 'days', reason: 'days stay days', args: ['3650d'], want: { value: 3650, unit: 'days', seconds: 3650 * 86400 } },
  ];
  it.each(cases)('$name: $reason', ({ args, want }) => {
    const { value, unit } = parseDuration(...args);
    expect({ value, unit, seconds: durationSeconds(...args) }).toEqual(want);
  });

  it.each(['', '1w', '0h', '1.5h', 'h', '-1h'])('rejects %p, which the CRD does not admit', (text) => {
    expect(() => parseDuration(text)).toThrow('not a duration');
  });
});

describe('createUserPoolClientRequest', () => {
  const cases: Case<[AppClientSpec, AppClientRefs], Record<string, unknown>>[] = [
    {
      name: 'minimal spec',
      reason: 'the client is named after the object, has no secret, and OAuth is off (the schema says leaving oauth out turns it off)',
      args: [spec(), refs],
      want: { UserPoolId: poolId, ClientName: 'web', GenerateSecret: false, AllowedOAuthFlowsUserPoolClient: false },
    },
    {
      name: 'every section',
      reason: 'one CreateUserPoolClient carries the whole spec, so nothing is left for an update',
      args: [
        spec({
          clientName: 'Web Shop',
          generateSecret: true,
          explicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
          oauth: { flows: ['code'], scopes: ['openid', 'email'], callbackUrls: [callback], logoutUrls: [home], defaultRedirectUri: callback },
          identityProviders: ['COGNITO'],
          identityProviderRefs: [{ name: 'google' }],
          tokenValidity: { accessToken: '15m', idToken: '1h', refreshToken: '30d', authSession: '5m' },
          preventUserExistenceErrors: true,
          enableTokenRevocation: true,
          enablePropagateAdditionalUserContextData: true,
          readAttributes: ['email', 'custom:tier'],
          writeAttributes: ['email'],
          analytics: { applicationArn: pinpointArn, userDataShared: true },
        }),
        { ...refs, providerNames: ['Google'] },
      ],
      want: {
        UserPoolId: poolId,
        ClientName: 'Web Shop',
        GenerateSecret: true,
        ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
        AllowedOAuthFlowsUserPoolClient: true,
        AllowedOAuthFlows: ['code'],
        AllowedOAuthScopes: ['openid', 'email'],
        CallbackURLs: [callback],
        LogoutURLs: [home],
        DefaultRedirectURI: callback,
        SupportedIdentityProviders: ['COGNITO', 'Google'],
        AccessTokenValidity: 15,
        IdTokenValidity: 1,
        RefreshTokenValidity: 30,
        TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'hours', RefreshToken: 'days' },
        AuthSessionValidity: 5,
        PreventUserExistenceErrors: 'ENABLED',
        EnableTokenRevocation: true,
        EnablePropagateAdditionalUserContextData: true,
        ReadAttributes: ['email', 'custom:tier'],
        WriteAttributes: ['email'],
        AnalyticsConfiguration: { ApplicationArn: pinpointArn, UserDataShared: true },
      },
    },
    {
      name: 'one token named',
      reason: 'units are spelled out for all three tokens, AWS defaults for the unnamed ones',
      args: [spec({ tokenValidity: { refreshToken: '12h' } }), refs],
      want: {
        UserPoolId: poolId,
        ClientName: 'web',
        GenerateSecret: false,
        AllowedOAuthFlowsUserPoolClient: false,
        RefreshTokenValidity: 12,
        TokenValidityUnits: { AccessToken: 'hours', IdToken: 'hours', RefreshToken: 'hours' },
      },
    },
    {
      name: 'refresh token rotation and machine-to-machine OAuth',
      reason: 'rotation maps to Feature ENABLED; client_credentials needs no callback URLs',
      args: [
        spec({
          generateSecret: true,
          explicitAuthFlows: ['ALLOW_USER_SRP_AUTH'],
          oauth: { flows: ['client_credentials'], scopes: ['orders/read'] },
          refreshTokenRotation: { enabled: true, retryGracePeriodSeconds: 10 },
          preventUserExistenceErrors: false,
        }),
        refs,
      ],
      want: {
        UserPoolId: poolId,
        ClientName: 'web',
        GenerateSecret: true,
        ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH'],
        AllowedOAuthFlowsUserPoolClient: true,
        AllowedOAuthFlows: ['client_credentials'],
        AllowedOAuthScopes: ['orders/read'],
        RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 10 },
        PreventUserExistenceErrors: 'LEGACY',
      },
    },
  ];
  it.each(cases)('$name: $reason', ({ args, want }) => {
    expect(createUserPoolClientRequest(...args, 'web')).toEqual(want);
  });
});

describe('updateUserPoolClientRequest', () => {
  /** A client a console user has configured beyond what any spec below names. */
  const configured = awsClient({
    ClientSecret: 'never-copied',
    ReadAttributes: ['email', 'name'],
    WriteAttributes: ['email'],
    AllowedOAuthFlowsUserPoolClient: true,
    AllowedOAuthFlows: ['code'],
    AllowedOAuthScopes: ['openid'],
    CallbackURLs: [callback],
    LogoutURLs: [home],
    DefaultRedirectURI: callback,
    AnalyticsConfiguration: { ApplicationId: 'abc', RoleArn: roleArn, ExternalId: 'shop', UserDataShared: true },
    RefreshTokenRotation: { Feature: 'DISABLED', RetryGracePeriodSeconds: 0 },
  });
  /** Everything UpdateUserPoolClient accepts from `configured`, none of it read-only. */
  const kept = {
    UserPoolId: poolId,
    ClientId: clientId,
    ClientName: 'web',
    RefreshTokenValidity: 30,
    AccessTokenValidity: 60,
    IdTokenValidity: 60,
    TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'days' },
    ReadAttributes: ['email', 'name'],
    WriteAttributes: ['email'],
    ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    SupportedIdentityProviders: ['COGNITO'],
    CallbackURLs: [callback],
    LogoutURLs: [home],
    DefaultRedirectURI: callback,
    AllowedOAuthFlows: ['code'],
    AllowedOAuthScopes: ['openid'],
    AllowedOAuthFlowsUserPoolClient: true,
    AnalyticsConfiguration: { ApplicationId: 'abc', RoleArn: roleArn, ExternalId: 'shop', UserDataShared: true },
    PreventUserExistenceErrors: 'ENABLED',
    EnableTokenRevocation: true,
    EnablePropagateAdditionalUserContextData: false,
    AuthSessionValidity: 3,
    RefreshTokenRotation: { Feature: 'DISABLED', RetryGracePeriodSeconds: 0 },
  };
  const oauth = { flows: ['code' as const], scopes: ['openid'] };

  const cases: Case<[AppClientSpec, AppClientRefs, UserPoolClientType], Record<string, unknown>>[] = [
    {
      name: 'one setting named',
      reason: 'UpdateUserPoolClient resets what it is not given: every other setting is sent as AWS has it, the secret and dates never',
      args: [spec({ oauth, preventUserExistenceErrors: false }), refs, configured],
      want: { ...kept, PreventUserExistenceErrors: 'LEGACY' },
    },
    {
      name: 'oauth left out',
      reason: 'the schema turns OAuth off then; flows and scopes are dropped (AWS refuses them with OAuth off), URLs kept',
      args: [spec(), refs, configured],
      want: { ...kept, AllowedOAuthFlowsUserPoolClient: false, AllowedOAuthFlows: undefined, AllowedOAuthScopes: undefined },
    },
    {
      name: 'new callback URLs without the old default redirect',
      reason: 'a kept DefaultRedirectURI must be one of the callback URLs, or AWS rejects the request',
      args: [spec({ oauth: { ...oauth, callbackUrls: ['https://shop.example.com/v2'] } }), refs, configured],
      want: { ...kept, CallbackURLs: ['https://shop.example.com/v2'], DefaultRedirectURI: undefined },
    },
    {
      name: 'one token named',
      reason: 'the others keep their values and their units',
      args: [spec({ oauth, tokenValidity: { idToken: '2h' } }), refs, configured],
      want: { ...kept, IdTokenValidity: 2, TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'hours', RefreshToken: 'days' } },
    },
    {
      name: 'a token kept without units',
      reason: 'AWS reads a missing unit as its default; spelled out, it stays the same',
      args: [spec({ oauth, tokenValidity: { accessToken: '30m' } }), refs, { ...configured, TokenValidityUnits: undefined, IdTokenValidity: 2 }],
      want: { ...kept, AccessTokenValidity: 30, IdTokenValidity: 2, TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'hours', RefreshToken: 'days' } },
    },
    {
      name: 'identity providers',
      reason: 'built-in names and the references’ provider names replace the list',
      args: [spec({ oauth, identityProviders: ['COGNITO'], identityProviderRefs: [{ name: 'google' }, { name: 'corp' }] }), { ...refs, providerNames: ['Google', 'Corp'] }, configured],
      want: { ...kept, SupportedIdentityProviders: ['COGNITO', 'Google', 'Corp'] },
    },
    {
      name: 'identity provider names unknown (deletion)',
      reason: 'the client’s providers are left as they are',
      args: [spec({ oauth, identityProviderRefs: [{ name: 'google' }] }), { ...refs, providerNames: undefined }, configured],
      want: kept,
    },
    {
      name: 'analytics by ARN',
      reason: 'the configuration is replaced, not merged: an ARN excludes the ID, role and external ID; userDataShared kept',
      args: [spec({ oauth, analytics: { applicationArn: pinpointArn } }), refs, configured],
      want: { ...kept, AnalyticsConfiguration: { ApplicationArn: pinpointArn, UserDataShared: true } },
    },
    {
      name: 'rotation grace period only',
      reason: 'a rotation setting the spec does not name keeps its AWS value',
      args: [spec({ oauth, refreshTokenRotation: { enabled: true } }), refs, configured],
      want: { ...kept, RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 0 } },
    },
    {
      name: 'every section',
      reason: 'what the spec names wins everywhere',
      args: [
        spec({
          clientName: 'web-v2',
          explicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
          oauth: { flows: ['code', 'implicit'], scopes: ['openid', 'profile'], callbackUrls: [callback, home], logoutUrls: [callback], defaultRedirectUri: home },
          identityProviders: ['COGNITO'],
          tokenValidity: { accessToken: '1h', idToken: '1h', refreshToken: '7d', authSession: '15m' },
          preventUserExistenceErrors: true,
          enableTokenRevocation: false,
          enablePropagateAdditionalUserContextData: true,
          readAttributes: ['email'],
          writeAttributes: ['email', 'name'],
          analytics: { applicationId: 'def', roleArn, externalId: 'shop-2', userDataShared: false },
        }),
        refs,
        configured,
      ],
      want: {
        ...kept,
        ClientName: 'web-v2',
        ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
        AllowedOAuthFlows: ['code', 'implicit'],
        AllowedOAuthScopes: ['openid', 'profile'],
        CallbackURLs: [callback, home],
        LogoutURLs: [callback],
        DefaultRedirectURI: home,
        AccessTokenValidity: 1,
        IdTokenValidity: 1,
        RefreshTokenValidity: 7,
        TokenValidityUnits: { AccessToken: 'hours', IdToken: 'hours', RefreshToken: 'days' },
        AuthSessionValidity: 15,
        PreventUserExistenceErrors: 'ENABLED',
        EnableTokenRevocation: false,
        EnablePropagateAdditionalUserContextData: true,
        ReadAttributes: ['email'],
        WriteAttributes: ['email', 'name'],
        AnalyticsConfiguration: { ApplicationId: 'def', RoleArn: roleArn, ExternalId: 'shop-2', UserDataShared: false },
      },
    },
  ];
  it.each(cases)('$name: $reason', ({ args, want }) => {
    const got = updateUserPoolClientRequest(...args);
    // Absent and undefined are the same on the wire.
    expect(JSON.parse(JSON.stringify(got))).toEqual(JSON.parse(JSON.stringify(want)));
    expect(got).not.toHaveProperty('ClientSecret');
  });

  it('makes the client up to date: the request, read back, has no difference', () => {
    const wanted = spec({ oauth: { ...oauth, callbackUrls: [home] }, tokenValidity: { accessToken: '2h', authSession: '10m' }, readAttributes: ['email'] });
    const request = updateUserPoolClientRequest(wanted, refs, configured);
    expect(diffAppClient(wanted, refs, { ...configured, ...request })).toEqual([]);
  });

  it('refuses a client without an ID', () => {
    expect(() => updateUserPoolClientRequest(spec(), refs, awsClient({ ClientId: undefined }))).toThrow(IncompleteResponseError);
  });
});

describe('diffAppClient', () => {
  const cases: Case<[AppClientSpec, AppClientRefs, UserPoolClientType], string[]>[] = [
    {
      name: 'minimal spec on a default client',
      reason: 'nothing named, OAuth off on both sides: no write',
      args: [spec(), refs, awsClient()],
      want: [],
    },
    {
      name: 'token validity in other units',
      reason: '1h is 60 minutes; 30d is AWS’s 30 days; no perpetual diff',
      args: [spec({ tokenValidity: { accessToken: '1h', idToken: '60m', refreshToken: '30d', authSession: '3m' } }), refs, awsClient()],
      want: [],
    },
    {
      name: 'token validity AWS leaves out',
      reason: 'absent values and units read as AWS’s defaults (1h, 1h, 30d, 3m)',
      args: [
        spec({ tokenValidity: { accessToken: '3600s', idToken: '1h', refreshToken: '720h', authSession: '180s' } }),
        refs,
        awsClient({ AccessTokenValidity: undefined, IdTokenValidity: undefined, RefreshTokenValidity: undefined, TokenValidityUnits: undefined, AuthSessionValidity: undefined }),
      ],
      want: [],
    },
    {
      name: 'token validity values as strings',
      reason: 'an emulator may answer numbers as text',
      args: [spec({ tokenValidity: { accessToken: '1h' } }), refs, awsClient({ AccessTokenValidity: '60' as unknown as number })],
      want: [],
    },
    {
      name: 'token validity differs',
      reason: 'each token is its own path',
      args: [spec({ tokenValidity: { accessToken: '2h', refreshToken: '30d', authSession: '5m' } }), refs, awsClient()],
      want: ['tokenValidity.accessToken', 'tokenValidity.authSession'],
    },
    {
      name: 'sets in another order',
      reason: 'flows, scopes, URLs, providers and attributes are sets',
      args: [
        spec({
          explicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_SRP_AUTH'],
          oauth: { flows: ['implicit', 'code'], scopes: ['email', 'openid'], callbackUrls: [home, callback] },
          identityProviders: ['Google', 'COGNITO'],
          readAttributes: ['name', 'email'],
        }),
        refs,
        awsClient({
          AllowedOAuthFlowsUserPoolClient: true,
          AllowedOAuthFlows: ['code', 'implicit'],
          AllowedOAuthScopes: ['openid', 'email'],
          CallbackURLs: [callback, home],
          SupportedIdentityProviders: ['COGNITO', 'Google'],
          ReadAttributes: ['email', 'name'],
        }),
      ],
      want: [],
    },
    {
      name: 'explicit auth flows never set',
      reason: 'AWS’s documented default is SRP, refresh and custom auth',
      args: [spec({ explicitAuthFlows: ['ALLOW_CUSTOM_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }), refs, awsClient({ ExplicitAuthFlows: undefined })],
      want: [],
    },
    {
      name: 'OAuth turned on',
      reason: 'the flag and every list differ from a client without OAuth',
      args: [spec({ oauth: { flows: ['code'], scopes: ['openid'], callbackUrls: [callback], logoutUrls: [home], defaultRedirectUri: callback } }), refs, awsClient()],
      want: ['oauth', 'oauth.flows', 'oauth.scopes', 'oauth.callbackUrls', 'oauth.logoutUrls', 'oauth.defaultRedirectUri'],
    },
    {
      name: 'OAuth left out of the spec, on in AWS',
      reason: 'leaving oauth out turns it off',
      args: [spec(), refs, awsClient({ AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ['code'] })],
      want: ['oauth'],
    },
    {
      name: 'provider references',
      reason: 'the references’ provider names count as wanted providers',
      args: [spec({ identityProviders: ['COGNITO'], identityProviderRefs: [{ name: 'google' }] }), { ...refs, providerNames: ['Google'] }, awsClient()],
      want: ['identityProviders'],
    },
    {
      name: 'provider names unknown',
      reason: 'while deleting, the providers are not compared',
      args: [spec({ identityProviderRefs: [{ name: 'google' }] }), { ...refs, providerNames: undefined }, awsClient()],
      want: [],
    },
    {
      name: 'booleans and defaults',
      reason: 'absent flags read as AWS’s defaults: LEGACY, revocation on, no context data, rotation off',
      args: [
        spec({ preventUserExistenceErrors: false, enableTokenRevocation: true, enablePropagateAdditionalUserContextData: false, refreshTokenRotation: { enabled: false, retryGracePeriodSeconds: 0 } }),
        refs,
        awsClient({ PreventUserExistenceErrors: undefined, EnableTokenRevocation: undefined, EnablePropagateAdditionalUserContextData: undefined }),
      ],
      want: [],
    },
    {
      name: 'everything else differs',
      reason: 'each named setting reports its own path',
      args: [
        spec({
          clientName: 'web-v2',
          preventUserExistenceErrors: false,
          enableTokenRevocation: false,
          enablePropagateAdditionalUserContextData: true,
          refreshTokenRotation: { enabled: true, retryGracePeriodSeconds: 5 },
          readAttributes: ['email'],
          writeAttributes: ['email'],
          analytics: { applicationId: 'abc', roleArn, externalId: 'shop', userDataShared: true },
        }),
        refs,
        awsClient(),
      ],
      want: [
        'clientName',
        'preventUserExistenceErrors',
        'enableTokenRevocation',
        'enablePropagateAdditionalUserContextData',
        'refreshTokenRotation.enabled',
        'refreshTokenRotation.retryGracePeriodSeconds',
        'readAttributes',
        'writeAttributes',
        'analytics.applicationId',
        'analytics.roleArn',
        'analytics.externalId',
        'analytics.userDataShared',
      ],
    },
    {
      name: 'unnamed settings',
      reason: 'settings the spec does not name are never a difference',
      args: [spec(), refs, awsClient({ ClientName: 'renamed', ReadAttributes: ['email'], PreventUserExistenceErrors: 'LEGACY', AccessTokenValidity: 5 })],
      want: [],
    },
  ];
  it.each(cases)('$name: $reason', ({ args, want }) => {
    expect(diffAppClient(...args)).toEqual(want);
  });
});

describe('wantedProviders', () => {
  const cases: Case<[AppClientSpec, AppClientRefs], string[] | undefined>[] = [
    { name: 'none named', reason: 'the client’s providers are kept', args: [spec(), refs], want: undefined },
    { name: 'built-in only', reason: 'the names as given', args: [spec({ identityProviders: ['COGNITO'] }), refs], want: ['COGNITO'] },
    {
      name: 'references',
      reason: 'the built-in names and the references’ provider names, each once',
      args: [spec({ identityProviders: ['COGNITO', 'Google'], identityProviderRefs: [{ name: 'google' }] }), { ...refs, providerNames: ['Google'] }],
      want: ['COGNITO', 'Google'],
    },
    { name: 'empty list', reason: 'an empty list is a wish for no providers', args: [spec({ identityProviders: [] }), refs], want: [] },
  ];
  it.each(cases)('$name: $reason', ({ args, want }) => {
    expect(wantedProviders(...args)).toEqual(want);
  });
});

describe('outputs and the output Secret', () => {
  it('gives the client ID, name, Secret name and pool ID, and wraps the client secret', () => {
    const out = appClientOutputs(awsClient({ ClientSecret: 's3cr3t' }), 'web-cognito', 'eu-west-1_pool');
    expect(out.clientId).toBe(clientId);
    expect(out.clientName).toBe('web');
    expect(out.secretName).toBe('web-cognito');
    expect(out.userPoolId).toBe('eu-west-1_pool');
    expect(out.clientSecret?.reveal()).toBe('s3cr3t');
  });

  it('never prints the client secret: JSON, string and inspect all redact it', () => {
    const out = appClientOutputs(awsClient({ ClientSecret: 's3cr3t' }), 'web-cognito', 'eu-west-1_pool');
    expect(JSON.stringify(out)).not.toContain('s3cr3t');
    expect(String(out.clientSecret)).toBe('[redacted]');
    expect(inspect(out)).not.toContain('s3cr3t');
    expect(`${JSON.stringify({ err: new SecretValue('x') })}`).toBe('{"err":"[redacted]"}');
  });

  it('has no client secret for a public client', () => {
    expect(appClientOutputs(awsClient(), 'web-cognito', 'eu-west-1_pool')).not.toHaveProperty('clientSecret');
  });

  it('refuses a client without an ID', () => {
    expect(() => appClientOutputs(awsClient({ ClientId: undefined }), 'x', 'eu-west-1_pool')).toThrow(IncompleteResponseError);
  });

  const outputs: AppClientOutputs = { clientId, secretName: 'web-cognito', userPoolId: poolId, clientSecret: new SecretValue('s3cr3t') };
  const cases: Case<[AppClientOutputs, AppClientRefs], Record<string, string>>[] = [
    {
      name: 'pool with a domain',
      reason: 'the OAuth endpoints hang off the hosted UI',
      args: [outputs, { ...refs, hostedUiUrl: 'https://shop-login.auth.eu-west-1.amazoncognito.com' }],
      want: {
        clientId,
        clientSecret: 's3cr3t',
        userPoolId: poolId,
        region: 'eu-west-1',
        issuerUrl,
        authorizeUrl: 'https://shop-login.auth.eu-west-1.amazoncognito.com/oauth2/authorize',
        tokenUrl: 'https://shop-login.auth.eu-west-1.amazoncognito.com/oauth2/token',
        userInfoUrl: 'https://shop-login.auth.eu-west-1.amazoncognito.com/oauth2/userInfo',
        logoutUrl: 'https://shop-login.auth.eu-west-1.amazoncognito.com/logout',
      },
    },
    {
      name: 'public client, no domain',
      reason: 'no secret and no endpoints: only what exists is written',
      args: [{ clientId, secretName: 'web-cognito', userPoolId: poolId }, refs],
      want: { clientId, userPoolId: poolId, region: 'eu-west-1', issuerUrl },
    },
  ];
  it.each(cases)('$name: $reason', ({ args, want }) => {
    expect(secretData(...args)).toEqual(want);
  });

  it.each([
    { named: {}, want: 'web-cognito' },
    { named: { writeSecretTo: { name: 'shop-web' } }, want: 'shop-web' },
  ])('names the Secret $want', ({ named, want }) => {
    expect(secretNameOf(spec(named), 'web')).toBe(want);
  });
});
