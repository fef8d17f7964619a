import {
  CognitoIdentityProviderClient,
  DescribeIdentityProviderCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  DescribeUserPoolDomainCommand,
  DescribeManagedLoginBrandingByClientCommand,
  DescribeRiskConfigurationCommand,
  GetLogDeliveryConfigurationCommand,
  GetUICustomizationCommand,
  GetUserPoolMfaConfigCommand,
  ListGroupsCommand,
  ListIdentityProvidersCommand,
  ListResourceServersCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { UserPoolClientType, UserPoolType } from '@aws-sdk/client-cognito-identity-provider';
import { CognitoIdentityClient, DescribeIdentityPoolCommand, GetIdentityPoolRolesCommand, GetPrincipalTagAttributeMapCommand, ListIdentityPoolsCommand } from '@aws-sdk/client-cognito-identity';
import { mockClient } from 'aws-sdk-client-mock';
import { parseAllDocuments } from 'yaml';
import { diffAppClient } from '../../resources/appclient/mapping';
import type { AppClientSpec } from '../../resources/appclient/schema';
import { diffUserPool, poolSettingsDiff, mfaDiff } from '../../resources/userpool/mapping';
import type { ObservedUserPool } from '../../resources/userpool/mapping';
import { riskDiff } from '../../resources/threatprotection/mapping';
import { hostedUiDiff } from '../../resources/hostedui/mapping';
import type { HostedUiSpec } from '../../resources/hostedui/schema';
import type { UserPoolSpec } from '../../resources/userpool/schema';
import { appClientSpecFrom, durationText } from './appclient';
import { brandingSpecFrom } from './branding';
import { diffBranding } from '../../resources/managedloginbranding/mapping';
import type { ManagedLoginBrandingSpec } from '../../resources/managedloginbranding/schema';
import { principalTagsMatch } from '../../resources/identitypool/principaltags';
import { parseExportArgs, runExport } from './command';
import { identityPoolSpecFrom } from './identitypool';
import { identityProviderSpecFrom } from './identityprovider';
import { objectName, NameRegistry } from './names';
import { userPoolSpecFrom } from './userpool';

const idp = mockClient(CognitoIdentityProviderClient);
const identity = mockClient(CognitoIdentityClient);
const poolId = 'eu-west-1_Shop1';

beforeEach(() => {
  idp.reset();
  identity.reset();
});

const shopPool: UserPoolType = {
  Id: poolId,
  Arn: `arn:aws:cognito-idp:eu-west-1:123456789012:userpool/${poolId}`,
  Name: 'Shop Users',
  DeletionProtection: 'ACTIVE',
  UserPoolTier: 'ESSENTIALS',
  Policies: { PasswordPolicy: { MinimumLength: 8, RequireLowercase: true, RequireUppercase: false, RequireNumbers: false, RequireSymbols: false, TemporaryPasswordValidityDays: 7 } },
  LambdaConfig: { PreSignUp: 'arn:aws:lambda:eu-west-1:123456789012:function:pre' },
  AutoVerifiedAttributes: ['email'],
  UsernameAttributes: ['email'],
  AdminCreateUserConfig: { AllowAdminCreateUserOnly: false },
  EmailConfiguration: { EmailSendingAccount: 'COGNITO_DEFAULT' },
  UserPoolAddOns: { AdvancedSecurityMode: 'OFF', AdvancedSecurityAdditionalFlows: { CustomAuthMode: 'AUDIT' } },
  SchemaAttributes: [
    { Name: 'sub', AttributeDataType: 'String', Mutable: false, Required: true },
    { Name: 'email', AttributeDataType: 'String', Mutable: true, Required: true },
    { Name: 'name', AttributeDataType: 'String', Mutable: true, Required: false },
    { Name: 'custom:tier', AttributeDataType: 'String', Mutable: true, StringAttributeConstraints: { MaxLength: '16' } },
  ],
  Domain: 'shop-login',
  UserPoolTags: { team: 'shop', 'aws:cloudformation:stack-name': 'shop', 'cognito.operator.dev/owner-uid': 'u1' },
};

const webClient: UserPoolClientType = {
  UserPoolId: poolId,
  ClientId: 'web1',
  ClientName: 'web',
  ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
  AllowedOAuthFlowsUserPoolClient: true,
  AllowedOAuthFlows: ['code'],
  AllowedOAuthScopes: ['openid', 'https://api.shop.example.com/orders.read'],
  CallbackURLs: ['https://shop.example.com/cb'],
  SupportedIdentityProviders: ['COGNITO', 'Google'],
  AccessTokenValidity: 90,
  TokenValidityUnits: { AccessToken: 'minutes' },
  RefreshTokenValidity: 30,
  AuthSessionValidity: 3,
  PreventUserExistenceErrors: 'ENABLED',
  EnableTokenRevocation: true,
};

const context = { poolObject: 'shop-users', providerObjects: new Map([['Google', 'shop-users-google']]), resourceServerObjects: new Map([['https://api.shop.example.com', 'shop-users-shop-api']]) };

describe('userPoolSpecFrom', () => {
  const spec = userPoolSpecFrom({ pool: shopPool, mfa: { MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true } } });

  it('names what differs from AWS’s defaults, and nothing AWS chose by itself', () => {
    expect(spec).toEqual({
      poolName: 'Shop Users',
      tier: 'ESSENTIALS',
      signIn: { usernameAttributes: ['email'], caseSensitive: true },
      security: { passwordPolicy: { requireLowercase: true }, threatProtection: { mode: 'OFF', customAuthMode: 'AUDIT' }, mfa: { mode: 'OPTIONAL', totp: true } },
      signUp: {
        autoVerifiedAttributes: ['email'],
        attributes: [{ name: 'email', required: true }, { name: 'tier', custom: true, type: 'String', mutable: true, maxLength: 16 }],
      },
      triggers: { preSignUp: 'arn:aws:lambda:eu-west-1:123456789012:function:pre' },
      domain: { prefix: 'shop-login' },
      tags: { team: 'shop' },
    });
  });

  it('compares equal with the pool it came from, by the kind’s own diff', () => {
    const typed = { deletionPolicy: 'Retain', deletionProtection: true, ...spec } as UserPoolSpec;
    expect(poolSettingsDiff(typed, shopPool)).toEqual([]);
    expect(mfaDiff(typed, { MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true } })).toEqual([]);
  });

  it('turns deletion protection off explicitly (the spec defaults to on) and leaves MFA out when off', () => {
    const plain = userPoolSpecFrom({ pool: { Id: poolId, Name: 'plain' }, mfa: { MfaConfiguration: 'OFF' } });
    expect(plain).toEqual({ poolName: 'plain', deletionProtection: false, signIn: { caseSensitive: true } });
  });
});

describe('userPoolSpecFrom: passkeys, threat protection, logging, hosted UI', () => {
  const ses = 'arn:aws:ses:eu-west-1:123456789012:identity/shop.example.com';
  const observed: ObservedUserPool = {
    pool: { ...shopPool, UserPoolTier: 'PLUS', UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' } },
    mfa: { MfaConfiguration: 'OFF', WebAuthnConfiguration: { RelyingPartyId: 'auth.shop.example.com', UserVerification: 'required', FactorConfiguration: 'SINGLE_FACTOR' } },
    risk: {
      CompromisedCredentialsRiskConfiguration: { EventFilter: ['SIGN_UP', 'SIGN_IN'], Actions: { EventAction: 'BLOCK' } },
      AccountTakeoverRiskConfiguration: { NotifyConfiguration: { SourceArn: ses, BlockEmail: { Subject: 'Blocked', TextBody: 'We blocked a sign-in.' } }, Actions: { HighAction: { Notify: true, EventAction: 'BLOCK' } } },
      RiskExceptionConfiguration: { BlockedIPRangeList: ['192.0.2.0/24'], SkippedIPRangeList: [] },
    },
    logging: [{ EventSource: 'userNotification', LogLevel: 'ERROR', CloudWatchLogsConfiguration: { LogGroupArn: 'arn:aws:logs:eu-west-1:123456789012:log-group:/shop' } }],
    hostedUi: { CSS: '.banner-customizable { background: #123456; }', ImageUrl: 'https://example.com/logo.png' },
  };
  const spec = userPoolSpecFrom(observed);

  it('names each section as the spec writes it, AWS’s defaults left out', () => {
    expect(spec.security).toMatchObject({
      passkeys: { relyingPartyId: 'auth.shop.example.com', userVerification: 'required' },
      threatProtection: {
        mode: 'ENFORCED',
        compromisedCredentials: { events: ['SIGN_IN', 'SIGN_UP'], action: 'BLOCK' },
        accountTakeover: { notifyConfiguration: { sourceArn: ses, blockEmail: { subject: 'Blocked', textBody: 'We blocked a sign-in.' } }, actions: { highAction: { notify: true, eventAction: 'BLOCK' } } },
        riskExceptions: { blockedIpRanges: ['192.0.2.0/24'] },
      },
    });
    expect(spec.logging).toEqual([{ eventSource: 'userNotification', level: 'ERROR', cloudWatchLogsGroupArn: 'arn:aws:logs:eu-west-1:123456789012:log-group:/shop' }]);
    expect(spec.hostedUi).toEqual({ css: '.banner-customizable { background: #123456; }' });
  });

  it('compares equal with the pool it came from, by the kind’s whole diff', () => {
    const typed = { deletionPolicy: 'Retain', deletionProtection: true, ...spec } as UserPoolSpec;
    expect(diffUserPool(typed, observed, 'u1', [])).toEqual([]);
  });

  it('leaves passkeys at AWS’s defaults, log delivery off and a pool without CSS out', () => {
    const plain = userPoolSpecFrom({
      pool: { Id: poolId, Name: 'plain', Domain: 'plain-login' },
      mfa: { MfaConfiguration: 'OFF', WebAuthnConfiguration: { RelyingPartyId: 'plain-login.auth.eu-west-1.amazoncognito.com', UserVerification: 'preferred', FactorConfiguration: 'SINGLE_FACTOR' } },
      logging: [],
      hostedUi: {},
    });
    expect(plain).toEqual({ poolName: 'plain', deletionProtection: false, signIn: { caseSensitive: true }, domain: { prefix: 'plain-login' } });
  });

  it('leaves the risk configuration out while threat protection is off (the spec refuses sections then)', () => {
    const off = userPoolSpecFrom({ ...observed, pool: shopPool });
    expect((off.security as Record<string, unknown>).threatProtection).toEqual({ mode: 'OFF', customAuthMode: 'AUDIT' });
  });
});

describe('appClientSpecFrom', () => {
  const spec = appClientSpecFrom(webClient, context);

  it('refers to the pool, providers and resource servers by object name, with durations as the CRD writes them', () => {
    expect(spec).toEqual({
      userPoolRef: { name: 'shop-users' },
      clientName: 'web',
      explicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      oauth: { flows: ['code'], scopes: ['openid', 'https://api.shop.example.com/orders.read'], callbackUrls: ['https://shop.example.com/cb'] },
      tokenValidity: { accessToken: '90m' },
      preventUserExistenceErrors: true,
      identityProviders: ['COGNITO'],
      identityProviderRefs: [{ name: 'shop-users-google' }],
      resourceServerRefs: [{ name: 'shop-users-shop-api' }],
    });
  });

  it('compares equal with the client it came from, by the kind’s own diff', () => {
    const typed = { deletionPolicy: 'Retain', generateSecret: false, ...spec } as AppClientSpec;
    expect(diffAppClient(typed, { providerNames: ['Google'] }, webClient)).toEqual([]);
  });

  it('exports the client’s own risk configuration as its threatProtection override, equal by the kind’s diff', () => {
    const own = { RiskExceptionConfiguration: { SkippedIPRangeList: ['198.51.100.0/24'] }, CompromisedCredentialsRiskConfiguration: { Actions: { EventAction: 'NO_ACTION' as const } } };
    const withRisk = appClientSpecFrom(webClient, context, { risk: own });
    expect(withRisk.threatProtection).toEqual({ compromisedCredentials: { action: 'NO_ACTION' }, riskExceptions: { skippedIpRanges: ['198.51.100.0/24'] } });
    expect(riskDiff((withRisk as AppClientSpec).threatProtection, own, 'threatProtection', [])).toEqual([]);
    expect(spec.threatProtection).toBeUndefined();
  });

  it('exports the client’s own hosted UI CSS as its hostedUi, equal by the kind’s diff', () => {
    const own = { UserPoolId: poolId, ClientId: 'web1', CSS: '.banner-customizable { background-color: #123456; }' };
    const withCss = appClientSpecFrom(webClient, context, { hostedUi: own });
    expect(withCss.hostedUi).toEqual({ css: own.CSS });
    expect(hostedUiDiff({ spec: withCss.hostedUi as HostedUiSpec, released: undefined }, own)).toEqual([]);
    expect(spec.hostedUi).toBeUndefined();
  });

  it('says a client has a secret, never what it is, and leaves OAuth out when the client has it off', () => {
    const text = JSON.stringify(appClientSpecFrom({ ClientId: 'm1', ClientName: 'm2m', ClientSecret: 's3cr3t', AllowedOAuthFlowsUserPoolClient: false, CallbackURLs: ['https://x.example.com'] }, context));
    expect(text).not.toContain('s3cr3t');
    expect(JSON.parse(text)).toEqual({ userPoolRef: { name: 'shop-users' }, clientName: 'm2m', generateSecret: true });
  });

  it.each([
    { seconds: 3600, want: '1h' },
    { seconds: 5400, want: '90m' },
    { seconds: 30 * 86400, want: '30d' },
    { seconds: 45, want: '45s' },
  ])('durationText($seconds) = $want', ({ seconds, want }) => expect(durationText(seconds)).toBe(want));
});

describe('identityProviderSpecFrom', () => {
  it('references a stub Secret for the client secret and leaves out what Cognito derives', () => {
    const { spec, extra } = identityProviderSpecFrom(
      {
        ProviderName: 'Google',
        ProviderType: 'Google',
        ProviderDetails: { client_id: 'cid', client_secret: 'top-secret', authorize_scopes: 'openid', authorize_url: 'https://accounts.google.com/o/oauth2/v2/auth' },
        AttributeMapping: { username: 'sub', email: 'email' },
      },
      { poolObject: 'shop-users', objectName: 'shop-users-google', namespace: 'shop' },
    );
    expect(spec).toEqual({
      userPoolRef: { name: 'shop-users' },
      providerName: 'Google',
      providerType: 'Google',
      providerDetails: { authorize_scopes: 'openid', client_id: 'cid' },
      clientSecretRef: { name: 'shop-users-google-client-secret', key: 'clientSecret' },
      attributeMapping: { email: 'email', username: 'sub' },
    });
    expect(extra).toMatchObject([{ kind: 'Secret', metadata: { name: 'shop-users-google-client-secret', namespace: 'shop' }, placeholder: 'clientSecret' }]);
    expect(JSON.stringify(extra)).not.toContain('top-secret');
  });
});

describe('identityPoolSpecFrom', () => {
  const provider = { ProviderName: `cognito-idp.eu-west-1.amazonaws.com/${poolId}`, ClientId: 'web1' };
  const pools = [{ userPoolId: poolId, object: 'shop-users', clients: new Map([['web1', 'shop-users-web']]) }];

  it('names user pools and their role mappings by object', () => {
    const { spec, notes } = identityPoolSpecFrom(
      { IdentityPoolId: 'eu-west-1:1', IdentityPoolName: 'shop', AllowUnauthenticatedIdentities: false, CognitoIdentityProviders: [provider] },
      { Roles: { authenticated: 'arn:aws:iam::123456789012:role/auth' }, RoleMappings: { [`${provider.ProviderName}:web1`]: { Type: 'Token', AmbiguousRoleResolution: 'Deny' } } },
      pools,
    );
    expect(notes).toEqual([]);
    expect(spec).toEqual({
      identityPoolName: 'shop',
      allowUnauthenticatedIdentities: false,
      userPools: [{ userPoolRef: { name: 'shop-users' }, appClientRef: { name: 'shop-users-web' } }],
      roles: { authenticated: 'arn:aws:iam::123456789012:role/auth' },
      roleMappings: [{ userPoolRef: { name: 'shop-users' }, appClientRef: { name: 'shop-users-web' }, type: 'Token', ambiguousRoleResolution: 'Deny' }],
    });
  });

  it('leaves userPools out (AWS keeps them) when one of its clients was not exported: the list is complete', () => {
    const { spec, notes } = identityPoolSpecFrom({ IdentityPoolId: 'eu-west-1:1', IdentityPoolName: 'shop', AllowUnauthenticatedIdentities: false, CognitoIdentityProviders: [provider, { ProviderName: 'cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Other', ClientId: 'x' }] }, {}, pools);
    expect(spec.userPools).toBeUndefined();
    expect(notes).toHaveLength(1);
  });
});

describe('brandingSpecFrom', () => {
  const bytes = Buffer.from('<svg/>');
  const style = { ManagedLoginBrandingId: 'b1', UseCognitoProvidedValues: false, Settings: { categories: { global: { colorSchemeMode: 'DARK' } } }, Assets: [{ Category: 'FAVICON_SVG' as const, ColorMode: 'DYNAMIC' as const, Extension: 'SVG' as const, Bytes: bytes }] };
  const ctx = { clientObject: 'shop-users-web', assetsObject: 'shop-users-web-assets', namespace: 'shop' };

  it('puts the images in a ConfigMap’s binaryData and refers to each by key, equal to the style by the kind’s diff', () => {
    const { spec, extra } = brandingSpecFrom(style, ctx);
    expect(spec).toEqual({
      appClientRef: { name: 'shop-users-web' },
      settings: style.Settings,
      assets: [{ category: 'FAVICON_SVG', colorMode: 'DYNAMIC', extension: 'SVG', configMapRef: { name: 'shop-users-web-assets', key: 'favicon_svg-dynamic.svg' } }],
    });
    expect(extra).toEqual([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'shop-users-web-assets', namespace: 'shop' }, binaryData: { 'favicon_svg-dynamic.svg': bytes.toString('base64') } }]);
    const refs = { userPoolId: poolId, clientId: 'web1', region: 'eu-west-1', assetBytes: new Map([['FAVICON_SVG/DYNAMIC', new Uint8Array(bytes)]]) };
    expect(diffBranding({ deletionPolicy: 'Retain', ...spec } as ManagedLoginBrandingSpec, refs, style)).toEqual([]);
  });

  it('says Cognito’s look in one flag, with no ConfigMap', () => {
    expect(brandingSpecFrom({ ManagedLoginBrandingId: 'b2', UseCognitoProvidedValues: true }, ctx)).toEqual({ spec: { appClientRef: { name: 'shop-users-web' }, useCognitoProvidedValues: true }, extra: [] });
  });
});

describe('identityPoolSpecFrom: principal tags', () => {
  const provider = { ProviderName: `cognito-idp.eu-west-1.amazonaws.com/${poolId}`, ClientId: 'web1' };
  const pools = [{ userPoolId: poolId, object: 'shop-users', clients: new Map([['web1', 'shop-users-web'], ['m1', 'shop-users-mobile']]) }];
  const pool = { IdentityPoolId: 'eu-west-1:1', IdentityPoolName: 'shop', AllowUnauthenticatedIdentities: false, CognitoIdentityProviders: [provider, { ...provider, ClientId: 'm1' }] };
  const entries = (map: { UseDefaults?: boolean; PrincipalTags?: Record<string, string> }) => identityPoolSpecFrom(pool, {}, pools, { [provider.ProviderName]: map }).spec.userPools as Record<string, unknown>[];

  it('names the pool’s map once, on its first entry, equal to AWS’s by the kind’s comparison', () => {
    const [first, second] = entries({ UseDefaults: false, PrincipalTags: { user: 'sub' } });
    expect(first?.principalTags).toEqual({ tags: { user: 'sub' } });
    expect(second?.principalTags).toBeUndefined();
    expect(principalTagsMatch({ userPool: 'shop-users', useDefaults: false, tags: { user: 'sub' } }, { UseDefaults: false, PrincipalTags: { user: 'sub' } })).toBe(true);
  });

  it('says useDefaults alone (AWS’s tags are then its own), and nothing for a map never configured', () => {
    expect(entries({ UseDefaults: true, PrincipalTags: { username: 'sub', client: 'aud' } })[0]?.principalTags).toEqual({ useDefaults: true });
    expect(entries({ UseDefaults: false, PrincipalTags: {} })[0]?.principalTags).toBeUndefined();
  });
});

describe('names', () => {
  it('makes DNS labels and keeps them unique per kind', () => {
    const names = new NameRegistry();
    expect(objectName('Shop Users_2024!')).toBe('shop-users-2024');
    expect([names.claim('UserPool', 'shop'), names.claim('UserPool', 'shop'), names.claim('AppClient', 'shop')]).toEqual(['shop', 'shop-2', 'shop']);
  });
});

describe('parseExportArgs', () => {
  it('takes repeated pool IDs and defaults to stdout and namespace default', () => {
    expect(parseExportArgs(['--region', 'eu-west-1', '--user-pool-id', 'a', '--user-pool-id', 'b'], {})).toEqual({ region: 'eu-west-1', userPoolIds: ['a', 'b'], all: false, namespace: 'default', output: '-', concurrency: 4 });
  });
  it.each([
    { args: ['--user-pool-id', 'a'], env: {}, error: /--region/ },
    { args: ['--region', 'r'], env: {}, error: /needs --user-pool-id \(one or more\) or --all/ },
    { args: ['--region', 'r', '--all', '--user-pool-id', 'a'], env: {}, error: /not both/ },
  ])('refuses $args', ({ args, env, error }) => expect(() => parseExportArgs(args, env)).toThrow(error));
});

describe('runExport', () => {
  function givenAccount(): void {
    idp.on(ListUserPoolsCommand).resolves({ UserPools: [{ Id: poolId, Name: 'Shop Users' }] });
    idp.on(DescribeUserPoolCommand).resolves({ UserPool: shopPool });
    idp.on(GetUserPoolMfaConfigCommand).resolves({ MfaConfiguration: 'OFF' });
    idp.on(DescribeUserPoolDomainCommand).resolves({ DomainDescription: { Domain: 'shop-login', UserPoolId: poolId } });
    idp.on(ListUserPoolClientsCommand).resolves({ UserPoolClients: [{ ClientId: 'web1', ClientName: 'web' }] });
    idp.on(DescribeUserPoolClientCommand).resolves({ UserPoolClient: webClient });
    idp.on(ListIdentityProvidersCommand).resolves({ Providers: [{ ProviderName: 'Google', ProviderType: 'Google' }] });
    idp.on(DescribeIdentityProviderCommand).resolves({ IdentityProvider: { ProviderName: 'Google', ProviderType: 'Google', ProviderDetails: { client_id: 'cid', client_secret: 'top-secret' } } });
    idp.on(ListResourceServersCommand).resolves({ ResourceServers: [{ Identifier: 'https://api.shop.example.com', Name: 'Shop API', Scopes: [{ ScopeName: 'orders.read', ScopeDescription: 'Read orders' }] }] });
    idp.on(ListGroupsCommand).resolves({ Groups: [{ GroupName: 'admins', Precedence: 1 }] });
    idp.on(GetLogDeliveryConfigurationCommand).resolves({ LogDeliveryConfiguration: { UserPoolId: poolId, LogConfigurations: [] } });
    idp.on(GetUICustomizationCommand).resolves({ UICustomization: { UserPoolId: poolId, ClientId: 'ALL', CSS: '.banner-customizable { color: red; }' } });
    identity.on(ListIdentityPoolsCommand).resolves({ IdentityPools: [{ IdentityPoolId: 'eu-west-1:1' }, { IdentityPoolId: 'eu-west-1:2' }] });
    identity.on(DescribeIdentityPoolCommand, { IdentityPoolId: 'eu-west-1:1' }).resolves({ IdentityPoolId: 'eu-west-1:1', IdentityPoolName: 'shop', AllowUnauthenticatedIdentities: false, CognitoIdentityProviders: [{ ProviderName: `cognito-idp.eu-west-1.amazonaws.com/${poolId}`, ClientId: 'web1' }] });
    identity.on(DescribeIdentityPoolCommand, { IdentityPoolId: 'eu-west-1:2' }).resolves({ IdentityPoolId: 'eu-west-1:2', IdentityPoolName: 'unrelated', AllowUnauthenticatedIdentities: false });
    identity.on(GetIdentityPoolRolesCommand).resolves({ Roles: {} });
    identity.on(GetPrincipalTagAttributeMapCommand).resolves({ UseDefaults: false, PrincipalTags: {} });
    idp.on(DescribeManagedLoginBrandingByClientCommand).rejects(Object.assign(new Error('no style'), { name: 'ResourceNotFoundException' }));
  }

  it('exports a client’s own hosted UI customization on its AppClient', async () => {
    givenAccount();
    const css = '.submitButton-customizable { background-color: #0a0; }';
    idp.on(GetUICustomizationCommand, { UserPoolId: poolId, ClientId: 'web1' }).resolves({ UICustomization: { UserPoolId: poolId, ClientId: 'web1', CSS: css } });
    let out = '';
    await runExport({ region: 'eu-west-1', userPoolIds: [poolId], all: false, namespace: 'shop', output: '-', concurrency: 1 }, { stdout: (t) => (out += t), progress: () => undefined });
    const client = parseAllDocuments(out).map((d) => d.toJS() as { kind: string; spec: Record<string, unknown> }).find((d) => d.kind === 'AppClient');
    expect(client?.spec.hostedUi).toEqual({ css });
  });

  it('prints every object of the account’s pools and the identity pools using them, with read calls only', async () => {
    givenAccount();
    let out = '';
    const progress: string[] = [];
    const summary = await runExport({ region: 'eu-west-1', userPoolIds: [], all: true, namespace: 'shop', output: '-', concurrency: 2 }, { stdout: (t) => (out += t), progress: (t) => progress.push(t) });
    const docs = parseAllDocuments(out).map((d) => d.toJS() as { kind: string; metadata: { name: string; annotations?: Record<string, string> } });
    expect(docs.map((d) => `${d.kind}/${d.metadata.name}`)).toEqual([
      'UserPool/shop-users',
      'IdentityProvider/shop-users-google',
      'Secret/shop-users-google-client-secret',
      'ResourceServer/shop-users-shop-api',
      'UserPoolGroup/shop-users-admins',
      'AppClient/shop-users-web',
      'IdentityPool/shop',
    ]);
    expect(docs[0]?.metadata.annotations).toEqual({ 'cognito.operator.dev/external-id': poolId });
    expect(out).not.toContain('top-secret');
    expect(out).toContain('# clientSecret: REPLACE-ME');
    const operations = [...idp.calls(), ...identity.calls()].map((c) => (c.args[0] as { constructor: { name: string } }).constructor.name);
    expect(operations.filter((op) => !/^(Describe|List|Get)/.test(op))).toEqual([]);
    expect(identity.commandCalls(GetIdentityPoolRolesCommand)).toHaveLength(1);
    // Threat protection is off: no risk configuration is read. The pool has a domain: its client's style is.
    expect(idp.commandCalls(DescribeRiskConfigurationCommand)).toHaveLength(0);
    expect(idp.commandCalls(DescribeManagedLoginBrandingByClientCommand)).toHaveLength(1);
    expect(identity.commandCalls(GetPrincipalTagAttributeMapCommand)).toHaveLength(1);
    // The client has no customization of its own: AWS answers the pool's, which the UserPool carries.
    expect(idp.commandCalls(GetUICustomizationCommand).map((c) => c.args[0].input.ClientId)).toEqual(['ALL', 'web1']);
    expect(out).toContain('color: red');
    expect(docs.find((d) => d.kind === 'AppClient')).not.toHaveProperty('spec.hostedUi');
    expect(summary).toMatchObject({ userPools: 1, identityPools: 1, objects: 7 });
    expect(progress.at(-1)).toMatch(/^exported 1 user pools and 1 identity pools as 7 objects: \d+ AWS calls \(reads only\)/);
  });
});
