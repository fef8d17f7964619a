/**
 * `cognito-operator export` round trip on the test ground: pools built directly through the AWS
 * SDK with many settings (every UserPool section, several clients, a Google and a SAML provider,
 * a resource server, a group, an identity pool) → export (the CLI as a process) → kubectl apply
 * → every object Ready with reason Adopted and not one AWS write by the operator (its metrics).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateGroupCommand,
  CreateIdentityProviderCommand,
  CreateManagedLoginBrandingCommand,
  CreateResourceServerCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  CreateUserPoolDomainCommand,
  SetLogDeliveryConfigurationCommand,
  SetRiskConfigurationCommand,
  SetUICustomizationCommand,
  SetUserPoolMfaConfigCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { CreateIdentityPoolCommand, SetIdentityPoolRolesCommand, SetPrincipalTagAttributeMapCommand } from '@aws-sdk/client-cognito-identity';
import { parseAllDocuments } from 'yaml';
import { repoRoot } from '../env/paths';
import { cognito, cognitoIdentity, describeUserPool } from './support/aws';
import { kubectlOk } from './support/kubectl';
import { useNamespace } from './support/namespace';
import { condition, releaseAll, waitForReady } from './support/objects';
import type { OperatorProcess } from './support/operator';
import { callsBetween, startOperator, writeCalls } from './support/operator';
import { waitFor } from './support/wait';

const ns = useNamespace(__filename);
const aws = cognito();
const identity = cognitoIdentity();
const region = process.env.AWS_REGION ?? 'eu-west-1';
const googleSecret = 'it-google-client-secret';
const account = '123456789012';
const lambda = (name: string) => `arn:aws:lambda:${region}:${account}:function:${name}`;
const role = (name: string) => `arn:aws:iam::${account}:role/${name}`;
const sesIdentity = `arn:aws:ses:${region}:${account}:identity/shop.example.com`;
const shopCss = '.banner-customizable { background-color: #0b3d91; }';
const mobileCss = '.submitButton-customizable { background-color: #2e7d32; }';
const brandingSettings = { components: { pageBackground: { lightMode: { color: 'f5f7faff' } } }, categories: { global: { colorSchemeMode: 'LIGHT' } } };
const logo = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><text>Shop</text></svg>');
const samlMetadata = '<?xml version="1.0"?><EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://idp.example.com"><IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"><SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://idp.example.com/sso"/></IDPSSODescriptor></EntityDescriptor>';

let operator: OperatorProcess | undefined;
let outDir = '';
const poolIds: string[] = [];

/** The pool with every section of the UserPool spec set, the way a console or CloudFormation user would. */
async function buildShop(): Promise<string> {
  const created = await aws.send(
    new CreateUserPoolCommand({
      PoolName: 'it-export-shop',
      DeletionProtection: 'ACTIVE',
      UserPoolTier: 'PLUS',
      UserPoolAddOns: { AdvancedSecurityMode: 'AUDIT' },
      UsernameAttributes: ['email'],
      UsernameConfiguration: { CaseSensitive: false },
      Policies: { PasswordPolicy: { MinimumLength: 12, RequireLowercase: true, RequireUppercase: true, RequireNumbers: true, RequireSymbols: false, TemporaryPasswordValidityDays: 3 } },
      AutoVerifiedAttributes: ['email'],
      UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ['email'] },
      Schema: [
        { Name: 'email', AttributeDataType: 'String', Required: true, Mutable: true },
        { Name: 'tier', AttributeDataType: 'String', Mutable: true, StringAttributeConstraints: { MinLength: '1', MaxLength: '16' } },
      ],
      AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }, { Name: 'verified_phone_number', Priority: 2 }] },
      DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: true },
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true, InviteMessageTemplate: { EmailSubject: 'Welcome to the shop', EmailMessage: 'Hello {username}, your password is {####}', SMSMessage: 'Hi {username}: {####}' } },
      VerificationMessageTemplate: { DefaultEmailOption: 'CONFIRM_WITH_CODE', EmailSubject: 'Your shop code', EmailMessage: 'Your code is {####}', SmsMessage: 'Shop code {####}' },
      EmailConfiguration: { EmailSendingAccount: 'COGNITO_DEFAULT', ReplyToEmailAddress: 'help@shop.example.com' },
      SmsConfiguration: { SnsCallerArn: role('it-export-sms'), ExternalId: 'it-export' },
      SmsAuthenticationMessage: 'Your sign-in code is {####}',
      LambdaConfig: { PreSignUp: lambda('pre-sign-up'), PostConfirmation: lambda('post-confirmation'), DefineAuthChallenge: lambda('define'), CreateAuthChallenge: lambda('create'), VerifyAuthChallengeResponse: lambda('verify') },
      UserPoolTags: { team: 'shop', 'cost-center': '42' },
    }),
  );
  const id = created.UserPool?.Id ?? '';
  await aws.send(
    new SetUserPoolMfaConfigCommand({
      UserPoolId: id,
      MfaConfiguration: 'OPTIONAL',
      SoftwareTokenMfaConfiguration: { Enabled: true },
      SmsMfaConfiguration: { SmsAuthenticationMessage: 'Your sign-in code is {####}', SmsConfiguration: { SnsCallerArn: role('it-export-sms'), ExternalId: 'it-export' } },
      WebAuthnConfiguration: { RelyingPartyId: 'auth.shop.example.com', UserVerification: 'required' },
    }),
  );
  await aws.send(new CreateUserPoolDomainCommand({ UserPoolId: id, Domain: `it-export-shop-${ns.name.slice(-6)}` }));
  await aws.send(
    new SetRiskConfigurationCommand({
      UserPoolId: id,
      CompromisedCredentialsRiskConfiguration: { EventFilter: ['SIGN_IN', 'SIGN_UP'], Actions: { EventAction: 'BLOCK' } },
      AccountTakeoverRiskConfiguration: {
        NotifyConfiguration: { SourceArn: sesIdentity, From: 'security@shop.example.com', BlockEmail: { Subject: 'Sign-in blocked', TextBody: 'We blocked a sign-in to your account.' } },
        Actions: { HighAction: { Notify: true, EventAction: 'BLOCK' }, MediumAction: { Notify: false, EventAction: 'MFA_IF_CONFIGURED' } },
      },
      RiskExceptionConfiguration: { SkippedIPRangeList: ['192.0.2.0/24'] },
    }),
  );
  await aws.send(
    new SetLogDeliveryConfigurationCommand({
      UserPoolId: id,
      LogConfigurations: [
        { EventSource: 'userNotification', LogLevel: 'ERROR', CloudWatchLogsConfiguration: { LogGroupArn: `arn:aws:logs:${region}:${account}:log-group:/cognito/it-export` } },
        { EventSource: 'userAuthEvents', LogLevel: 'INFO', S3Configuration: { BucketArn: 'arn:aws:s3:::it-export-auth-events' } },
      ],
    }),
  );
  await aws.send(new SetUICustomizationCommand({ UserPoolId: id, ClientId: 'ALL', CSS: shopCss }));
  await aws.send(
    new CreateIdentityProviderCommand({
      UserPoolId: id,
      ProviderName: 'Google',
      ProviderType: 'Google',
      ProviderDetails: { client_id: 'it-google.apps.googleusercontent.com', client_secret: googleSecret, authorize_scopes: 'openid email profile' },
      AttributeMapping: { email: 'email', username: 'sub' },
    }),
  );
  await aws.send(
    new CreateIdentityProviderCommand({
      UserPoolId: id,
      ProviderName: 'corp-saml',
      ProviderType: 'SAML',
      ProviderDetails: { MetadataFile: samlMetadata, IDPSignout: 'true' },
      AttributeMapping: { email: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress' },
      IdpIdentifiers: ['corp.example.com'],
    }),
  );
  await aws.send(
    new CreateResourceServerCommand({
      UserPoolId: id,
      Identifier: 'https://api.shop.example.com',
      Name: 'Shop API',
      Scopes: [{ ScopeName: 'orders.read', ScopeDescription: 'Read orders' }, { ScopeName: 'orders.write', ScopeDescription: 'orders.write' }],
    }),
  );
  await aws.send(new CreateGroupCommand({ UserPoolId: id, GroupName: 'admins', Description: 'Shop administrators', Precedence: 1, RoleArn: role('it-export-admins') }));
  await aws.send(new CreateGroupCommand({ UserPoolId: id, GroupName: 'staff' }));
  const web = await aws.send(
    new CreateUserPoolClientCommand({
      UserPoolId: id,
      ClientName: 'web',
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: ['openid', 'email', 'https://api.shop.example.com/orders.read'],
      CallbackURLs: ['https://shop.example.com/callback'],
      LogoutURLs: ['https://shop.example.com/'],
      SupportedIdentityProviders: ['COGNITO', 'Google', 'corp-saml'],
      PreventUserExistenceErrors: 'ENABLED',
      AccessTokenValidity: 30,
      IdTokenValidity: 30,
      RefreshTokenValidity: 7,
      TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'days' },
      ReadAttributes: ['email', 'custom:tier'],
      WriteAttributes: ['email'],
    }),
  );
  // The web client's own risk configuration, instead of the pool's.
  await aws.send(
    new SetRiskConfigurationCommand({
      UserPoolId: id,
      ClientId: web.UserPoolClient?.ClientId,
      CompromisedCredentialsRiskConfiguration: { Actions: { EventAction: 'NO_ACTION' } },
      RiskExceptionConfiguration: { BlockedIPRangeList: ['198.51.100.0/24'] },
    }),
  );
  await aws.send(
    new CreateUserPoolClientCommand({
      UserPoolId: id,
      ClientName: 'orders-worker',
      GenerateSecret: true,
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['client_credentials'],
      AllowedOAuthScopes: ['https://api.shop.example.com/orders.read', 'https://api.shop.example.com/orders.write'],
    }),
  );
  const mobile = await aws.send(new CreateUserPoolClientCommand({ UserPoolId: id, ClientName: 'mobile', ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'], RefreshTokenValidity: 90 }));
  // Managed login styles: the web client's own settings and logo, the mobile client's Cognito's look.
  await aws.send(
    new CreateManagedLoginBrandingCommand({
      UserPoolId: id,
      ClientId: web.UserPoolClient?.ClientId,
      Settings: brandingSettings,
      Assets: [{ Category: 'PAGE_HEADER_LOGO', ColorMode: 'LIGHT', Extension: 'SVG', Bytes: logo }],
    }),
  );
  await aws.send(new CreateManagedLoginBrandingCommand({ UserPoolId: id, ClientId: mobile.UserPoolClient?.ClientId, UseCognitoProvidedValues: true }));
  // The classic hosted UI: the mobile client's own CSS over the pool's.
  await aws.send(new SetUICustomizationCommand({ UserPoolId: id, ClientId: mobile.UserPoolClient?.ClientId, CSS: mobileCss }));
  const idp = await identity.send(
    new CreateIdentityPoolCommand({
      IdentityPoolName: 'it_export_shop_identities',
      AllowUnauthenticatedIdentities: true,
      CognitoIdentityProviders: [{ ProviderName: `cognito-idp.${region}.amazonaws.com/${id}`, ClientId: web.UserPoolClient?.ClientId, ServerSideTokenCheck: false }],
      SupportedLoginProviders: { 'accounts.google.com': 'it-google.apps.googleusercontent.com' },
      IdentityPoolTags: { team: 'shop' },
    }),
  );
  await identity.send(new SetIdentityPoolRolesCommand({ IdentityPoolId: idp.IdentityPoolId, Roles: { authenticated: role('it-export-auth'), unauthenticated: role('it-export-guest') } }));
  await identity.send(
    new SetPrincipalTagAttributeMapCommand({ IdentityPoolId: idp.IdentityPoolId, IdentityProviderName: `cognito-idp.${region}.amazonaws.com/${id}`, UseDefaults: false, PrincipalTags: { department: 'custom:tier', user: 'sub' } }),
  );
  return id;
}

/** A pool with nothing set: its export is the pool name and little else. */
async function buildPlain(): Promise<string> {
  const created = await aws.send(new CreateUserPoolCommand({ PoolName: 'it-export-plain' }));
  return created.UserPool?.Id ?? '';
}

function cli(args: string[]): { stdout: string } {
  const stdout = execFileSync(process.execPath, [join(repoRoot, 'dist', 'cli', 'main.js'), ...args], { encoding: 'utf8', env: process.env, stdio: ['ignore', 'pipe', 'inherit'] });
  return { stdout };
}

/** plan as a process: its exit code and JSON report. */
function planFiles(args: string[] = ['-f', outDir]): { code: number | null; objects: { kind: string; name: string; action: string; changes: { path: string; old?: unknown; new?: unknown }[] }[] } {
  const run = spawnSync(process.execPath, [join(repoRoot, 'dist', 'cli', 'main.js'), 'plan', ...args, '--namespace', ns.name, '--region', region, '--output', 'json'], { encoding: 'utf8', env: process.env });
  if (run.status === 1) throw new Error(`plan failed: ${run.stderr}`);
  return { code: run.status, ...(JSON.parse(run.stdout) as { objects: [] }) };
}

interface ExportedObject {
  kind: string;
  metadata: { name: string; annotations?: Record<string, string> };
  spec?: Record<string, unknown>;
}

function exported(): ExportedObject[] {
  return readdirSync(outDir)
    .filter((f) => f.endsWith('.yaml'))
    .flatMap((f) => parseAllDocuments(readFileSync(join(outDir, f), 'utf8')).map((d) => d.toJS() as ExportedObject | null))
    .filter((o): o is ExportedObject => o !== null);
}

function running(): OperatorProcess {
  if (!operator) throw new Error('no operator is running');
  return operator;
}

const operatorKinds = new Set(['UserPool', 'AppClient', 'IdentityProvider', 'ResourceServer', 'UserPoolGroup', 'ManagedLoginBranding', 'IdentityPool']);

beforeAll(async () => {
  poolIds.push(await buildShop(), await buildPlain());
  outDir = mkdtempSync(join(tmpdir(), 'cognito-export-'));
  operator = await startOperator({ namespace: ns.name });
}, 120_000);

afterAll(async () => {
  if (operator) {
    for (const plural of ['managedloginbrandings', 'appclients', 'identitypools', 'identityproviders', 'resourceservers', 'userpoolgroups', 'userpools']) await releaseAll(ns.name, plural);
    await operator.stop();
  }
}, 180_000);

describe('export', () => {
  it('writes objects that adopt every resource of the pools and the identity pool, with no secret value', () => {
    cli(['export', '--region', region, ...poolIds.flatMap((id) => ['--user-pool-id', id]), '--namespace', ns.name, '--output', outDir]);
    const objects = exported();
    const count = (kind: string) => objects.filter((o) => o.kind === kind).length;
    const kinds = ['UserPool', 'AppClient', 'IdentityProvider', 'ResourceServer', 'UserPoolGroup', 'ManagedLoginBranding', 'IdentityPool', 'Secret', 'ConfigMap'];
    expect(Object.fromEntries(kinds.map((k) => [k, count(k)]))).toEqual({
      UserPool: 2, AppClient: 3, IdentityProvider: 2, ResourceServer: 1, UserPoolGroup: 2, ManagedLoginBranding: 2, IdentityPool: 1, Secret: 1, ConfigMap: 2,
    });
    for (const o of objects.filter((x) => operatorKinds.has(x.kind))) {
      expect(o.metadata.annotations?.['cognito.operator.dev/external-id']).toBeTruthy();
      expect(o.spec?.deletionPolicy).toBe('Retain');
    }
    const text = readdirSync(outDir).map((f) => readFileSync(join(outDir, f), 'utf8')).join('\n');
    expect(text).not.toContain(googleSecret);
    const web = objects.find((o) => o.kind === 'AppClient' && o.spec?.clientName === 'web');
    expect(web?.spec).toMatchObject({
      userPoolRef: { name: 'it-export-shop' },
      identityProviders: ['COGNITO'],
      identityProviderRefs: [{ name: 'it-export-shop-corp-saml' }, { name: 'it-export-shop-google' }],
      resourceServerRefs: [{ name: 'it-export-shop-shop-api' }],
      threatProtection: { compromisedCredentials: { action: 'NO_ACTION' }, riskExceptions: { blockedIpRanges: ['198.51.100.0/24'] } },
    });
    const others = objects.filter((o) => o.kind === 'AppClient' && o.spec?.clientName !== 'web');
    expect(others.map((o) => o.spec?.threatProtection)).toEqual([undefined, undefined]);
    // Only the mobile client has a hosted UI customization of its own; the others show the pool's.
    expect(Object.fromEntries(objects.filter((o) => o.kind === 'AppClient').map((o) => [o.spec?.clientName, o.spec?.hostedUi]))).toEqual({ web: undefined, 'orders-worker': undefined, mobile: { css: mobileCss } });
    const shop = objects.find((o) => o.kind === 'UserPool' && o.metadata.name === 'it-export-shop');
    expect(shop?.spec).toMatchObject({
      security: {
        passkeys: { relyingPartyId: 'auth.shop.example.com', userVerification: 'required' },
        threatProtection: {
          mode: 'AUDIT',
          compromisedCredentials: { events: ['SIGN_IN', 'SIGN_UP'], action: 'BLOCK' },
          accountTakeover: { notifyConfiguration: { sourceArn: sesIdentity }, actions: { highAction: { notify: true, eventAction: 'BLOCK' } } },
          riskExceptions: { skippedIpRanges: ['192.0.2.0/24'] },
        },
      },
      logging: [
        { eventSource: 'userAuthEvents', level: 'INFO', s3BucketArn: 'arn:aws:s3:::it-export-auth-events' },
        { eventSource: 'userNotification', level: 'ERROR', cloudWatchLogsGroupArn: `arn:aws:logs:${region}:${account}:log-group:/cognito/it-export` },
      ],
      hostedUi: { css: shopCss },
    });
    const styles = objects.filter((o) => o.kind === 'ManagedLoginBranding');
    expect(styles.map((o) => o.spec)).toEqual([
      {
        deletionPolicy: 'Retain',
        appClientRef: { name: 'it-export-shop-web' },
        settings: brandingSettings,
        assets: [{ category: 'PAGE_HEADER_LOGO', colorMode: 'LIGHT', extension: 'SVG', configMapRef: { name: 'it-export-shop-web-assets', key: 'page_header_logo-light.svg' } }],
      },
      { deletionPolicy: 'Retain', appClientRef: { name: 'it-export-shop-mobile' }, useCognitoProvidedValues: true },
    ]);
    const assets = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'it-export-shop-web-assets') as { binaryData?: Record<string, string> } | undefined;
    expect(Buffer.from(assets?.binaryData?.['page_header_logo-light.svg'] ?? '', 'base64')).toEqual(logo);
    const identityPool = objects.find((o) => o.kind === 'IdentityPool');
    expect(identityPool?.spec?.userPools).toEqual([
      { userPoolRef: { name: 'it-export-shop' }, appClientRef: { name: 'it-export-shop-web' }, principalTags: { tags: { department: 'custom:tier', user: 'sub' } } },
    ]);
  });

  it('applied, every object is Ready with reason Adopted and the operator writes nothing to AWS', async () => {
    // What a person does with the stub: put the provider's secret in.
    const secretFile = readdirSync(outDir).find((f) => readFileSync(join(outDir, f), 'utf8').includes('kind: Secret')) ?? '';
    const path = join(outDir, secretFile);
    writeFileSync(path, readFileSync(path, 'utf8').replace('  # clientSecret: REPLACE-ME', `  clientSecret: ${googleSecret}`));
    const before = await running().awsCalls();
    kubectlOk(['apply', '-n', ns.name, '-f', outDir]);
    const objects = exported().filter((o) => operatorKinds.has(o.kind));
    for (const o of objects) {
      const ready = await waitForReady(ns.name, o.kind.toLowerCase(), o.metadata.name, 150_000);
      expect(`${o.kind}/${o.metadata.name} ${condition(ready, 'Ready')?.reason ?? ''}`).toBe(`${o.kind}/${o.metadata.name} Adopted`);
    }
    const during = callsBetween(before, await running().awsCalls());
    console.log(`adopting ${objects.length} exported objects: AWS calls ${JSON.stringify(Object.fromEntries(during))}`);
    expect(Object.fromEntries([...during].filter(([op]) => writeCalls(new Map([[op, 1]])) > 0))).toEqual({});
  }, 300_000);

  it('plan on the exported files says up to date for every object, with exit code 0', () => {
    const { code, objects } = planFiles();
    expect(objects.filter((o) => o.action !== 'up-to-date')).toEqual([]);
    expect(objects).toHaveLength(exported().filter((o) => operatorKinds.has(o.kind)).length);
    expect(code).toBe(0);
  });

  it('a field changed in the YAML shows in plan as exactly that path, and after apply is the only write', async () => {
    const file = join(outDir, 'it-export-shop.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('minimumLength: 12', 'minimumLength: 14'));
    const { code, objects } = planFiles();
    expect(objects.filter((o) => o.action !== 'up-to-date')).toEqual([
      { kind: 'UserPool', namespace: ns.name, name: 'it-export-shop', externalId: poolIds[0], action: 'update', changes: [{ path: 'security.passwordPolicy.minimumLength', old: 12, new: 14 }] },
    ]);
    expect(code).toBe(2);
    const before = await running().awsCalls();
    kubectlOk(['apply', '-n', ns.name, '-f', outDir]);
    await waitFor('the pool to have the new minimum length', async () => (await describeUserPool(aws, poolIds[0] ?? '')).Policies?.PasswordPolicy?.MinimumLength === 14);
    await new Promise((r) => setTimeout(r, 2000));
    const during = callsBetween(before, await running().awsCalls());
    expect(Object.fromEntries([...during].filter(([op]) => writeCalls(new Map([[op, 1]])) > 0))).toEqual({ UpdateUserPool: 1 });
    expect(planFiles().code).toBe(0);
  }, 120_000);

  it('a setting dropped from the YAML shows with --kubeconfig as a removal, by the record the operator applied', async () => {
    const file = join(outDir, 'it-export-shop.yaml');
    const original = readFileSync(file, 'utf8');
    await waitFor('the pool to record the tags it applied', async () => {
      const live = JSON.parse(kubectlOk(['get', 'userpool', 'it-export-shop', '-n', ns.name, '-o', 'json'])) as ExportedObject;
      return live.metadata.annotations?.['cognito.operator.dev/applied']?.includes('tags.cost-center') ? true : undefined;
    });
    try {
      writeFileSync(file, original.replace(/^ {4}cost-center: .*\n/m, ''));
      expect(planFiles().objects.filter((o) => o.action !== 'up-to-date')).toEqual([]);
      const { code, objects } = planFiles(['-f', outDir, '--kubeconfig', process.env.KUBECONFIG ?? '']);
      expect(objects.filter((o) => o.action !== 'up-to-date').map((o) => [o.kind, o.name, o.changes])).toEqual([['UserPool', 'it-export-shop', [{ path: 'tags.cost-center', old: '42', remove: true }]]]);
      expect(code).toBe(2);
    } finally {
      writeFileSync(file, original);
    }
  });

  it('plan gives AWS’s value → the spec’s for every kind, not only those with a comparison table', () => {
    const files = ['it-export-shop.yaml', 'identitypools.yaml'].map((f) => join(outDir, f));
    const originals = files.map((f) => readFileSync(f, 'utf8'));
    try {
      writeFileSync(files[0] ?? '', (originals[0] ?? '').replace('description: Read orders', 'description: Read all orders').replace('description: Shop administrators', 'description: Shop admins'));
      writeFileSync(files[1] ?? '', (originals[1] ?? '').replace('user: sub', 'user: sub\n          team: custom:team'));
      const changed = planFiles().objects.filter((o) => o.action !== 'up-to-date').map((o) => [o.kind, o.changes]);
      expect(changed).toEqual([
        ['ResourceServer', [{ path: 'scopes[orders.read].description', old: 'Read orders', new: 'Read all orders' }]],
        ['UserPoolGroup', [{ path: 'description', old: 'Shop administrators', new: 'Shop admins' }]],
        ['IdentityPool', [{ path: 'principalTags.it-export-shop', old: { tags: { department: 'custom:tier', user: 'sub' } }, new: { tags: { department: 'custom:tier', user: 'sub', team: 'custom:team' } } }]],
      ]);
    } finally {
      files.forEach((f, i) => writeFileSync(f, originals[i] ?? ''));
    }
  });

  it('plan of one file resolves what it references from the cluster with --kubeconfig', () => {
    const mobile = exported().find((o) => o.kind === 'AppClient' && o.spec?.clientName === 'mobile');
    const file = join(mkdtempSync(join(tmpdir(), 'cognito-plan-')), 'mobile.yaml');
    writeFileSync(file, JSON.stringify(mobile));
    const alone = planFiles(['-f', file]);
    expect(alone.objects.map((o) => o.action)).toEqual(['wait']);
    const withCluster = planFiles(['-f', file, '--kubeconfig', process.env.KUBECONFIG ?? '']);
    expect(withCluster.objects.map((o) => `${o.kind}/${o.name} ${o.action}`)).toEqual(['AppClient/it-export-shop-mobile up-to-date']);
    expect(withCluster.code).toBe(0);
  });
});
