/**
 * Three-way ownership end to end: what leaves the spec leaves AWS; what the spec never named
 * keeps its AWS value. Each case applies a spec, removes paths from it with `kubectl apply` (as
 * git would), and reads AWS afterwards with the AWS SDK, not through the operator. Resync is
 * 3 s here so "survives three resyncs" takes seconds.
 */
import {
  CreateUserPoolCommand,
  DescribeIdentityProviderCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolDomainCommand,
  GetUserPoolMfaConfigCommand,
  TagResourceCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { IdentityProviderType, UserPoolClientType } from '@aws-sdk/client-cognito-identity-provider';
import { DescribeIdentityPoolCommand, GetIdentityPoolRolesCommand } from '@aws-sdk/client-cognito-identity';
import type { IdentityPool } from '@aws-sdk/client-cognito-identity';
import { changeUserPoolInAws, cognito, cognitoIdentity, describeUserPool } from './support/aws';
import { kubectlOk } from './support/kubectl';
import { useNamespace } from './support/namespace';
import { apply, condition, eventsFor, getObject, releaseAll } from './support/objects';
import type { StoredObject } from './support/objects';
import type { OperatorProcess } from './support/operator';
import { startOperator } from './support/operator';
import { waitFor } from './support/wait';

const ns = useNamespace(__filename);
/** AWS names are unique per run: a ground may be reused. */
const run = ns.name.slice(-6);
const awsName = (name: string) => `it-own-${name}-${run}`;
const aws = cognito();
const identity = cognitoIdentity();
const resyncSeconds = 3;
const account = '123456789012';
const operatorEnv = { AWS_ACCOUNT_ID: account };
const appliedAnnotation = 'cognito.operator.dev/applied';
const lambda = (name: string) => `arn:aws:lambda:eu-west-1:${account}:function:${name}`;
const role = (name: string) => `arn:aws:iam::${account}:role/${name}`;
let operator: OperatorProcess;
let poolId = '';

const base = { deletionPolicy: 'Delete', deletionProtection: false };

beforeAll(async () => {
  operator = await startOperator({ namespace: ns.name, resyncInterval: `${resyncSeconds}s`, env: operatorEnv });
  // The parent of the AppClient and IdentityProvider cases.
  applyObject('UserPool', 'parent', { ...base, poolName: awsName('parent') });
  poolId = statusString(await waitForGeneration('userpool', 'parent'), 'id');
}, 120_000);

afterAll(async () => {
  await releaseAll(ns.name, 'identitypools');
  await releaseAll(ns.name, 'identityproviders');
  await releaseAll(ns.name, 'appclients');
  await releaseAll(ns.name, 'userpools');
  await operator.stop();
  aws.destroy();
  identity.destroy();
});

// ------------------------------------------------------------------------------ helpers

function applyObject(kind: string, name: string, spec: Record<string, unknown>, annotations?: Record<string, string>): void {
  apply(ns.name, JSON.stringify({ apiVersion: 'cognito.operator.dev/v1alpha1', kind, metadata: { name, annotations }, spec }));
}

function statusString(obj: StoredObject, key: string): string {
  const value = obj.status?.[key];
  if (typeof value !== 'string') throw new Error(`status.${key} is not set`);
  return value;
}

/** Waits until the operator has acted on the object's current generation and is Ready. */
function waitForGeneration(kind: string, name: string, generation?: number): Promise<StoredObject> {
  return waitFor(
    `${kind} ${name} Ready at ${generation === undefined ? 'its latest generation' : `generation ${generation}`}`,
    () => {
      const obj = getObject(ns.name, kind, name);
      const ready = condition(obj, 'Ready');
      const at = generation ?? obj?.metadata.generation;
      if (obj && ready?.status === 'True' && obj.metadata.generation === at && obj.status?.observedGeneration === at) return obj;
      // Thrown, so that a timeout says where the object is.
      throw new Error(`Ready=${ready?.status ?? '?'} ${ready?.reason ?? ''}: ${ready?.message ?? ''}`);
    },
    { timeoutMs: 90_000 },
  );
}

/** Applies a new spec and waits until the operator has made AWS match it. */
async function reapply(kind: string, name: string, spec: Record<string, unknown>): Promise<StoredObject> {
  const resource = kind.toLowerCase();
  const before = getObject(ns.name, resource, name)?.metadata.generation ?? 0;
  applyObject(kind, name, spec);
  return waitForGeneration(resource, name, before + 1);
}

/** A copy of `value` without the named keys: a spec with lines deleted. */
function without<T extends object>(value: T, ...keys: string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([k]) => !keys.includes(k)));
}

function applied(obj: StoredObject | undefined): string[] {
  return JSON.parse(obj?.metadata.annotations?.[appliedAnnotation] ?? '[]') as string[];
}

/** The Updated Event that names the removed paths. */
function waitForRemovedEvent(name: string, paths: string[]) {
  return waitFor(`an Updated Event of ${name} naming ${paths.join(', ')} as removed`, () =>
    eventsFor(ns.name, name).find((e) => e.reason === 'Updated' && e.message.includes('removed') && paths.every((p) => e.message.includes(p))),
  );
}

async function describeClient(clientId: string): Promise<UserPoolClientType> {
  const out = await aws.send(new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: clientId }));
  if (!out.UserPoolClient) throw new Error(`no client ${clientId}`);
  return out.UserPoolClient;
}

async function describeProvider(name: string): Promise<IdentityProviderType> {
  const out = await aws.send(new DescribeIdentityProviderCommand({ UserPoolId: poolId, ProviderName: name }));
  if (!out.IdentityProvider) throw new Error(`no provider ${name}`);
  return out.IdentityProvider;
}

async function describeIdentityPool(id: string): Promise<IdentityPool> {
  return identity.send(new DescribeIdentityPoolCommand({ IdentityPoolId: id }));
}

/**
 * Waits for `count` more resyncs of every object of a kind: the time they take, and as many
 * observe calls (each pass of each object makes `readCall` once).
 */
async function waitForResyncs(plural: string, readCall: string, count: number): Promise<void> {
  const objects = kubectlOk(['get', plural, '-n', ns.name, '-o', 'name']).split('\n').filter((n) => n !== '').length;
  const start = (await operator.awsCalls()).get(readCall) ?? 0;
  const earliest = Date.now() + count * resyncSeconds * 1000;
  await waitFor(
    `${count} resyncs of ${objects} ${plural} (${readCall})`,
    async () => (Date.now() >= earliest && ((await operator.awsCalls()).get(readCall) ?? 0) >= start + count * objects) || undefined,
    { timeoutMs: (count + 4) * resyncSeconds * 1000 * 2 },
  );
}

// ---------------------------------------------------------------------------- UserPool

describe('UserPool', () => {
  it('detaches a removed trigger and untags a removed tag; the rest stays', async () => {
    const spec = {
      ...base,
      poolName: awsName('triggers'),
      triggers: { preSignUp: lambda('pre-sign-up'), postConfirmation: lambda('post-confirmation'), preTokenGeneration: lambda('pre-token') },
      tags: { team: 'a', env: 'dev' },
    };
    applyObject('UserPool', 'triggers', spec);
    const first = await waitForGeneration('userpool', 'triggers');
    const id = statusString(first, 'id');
    expect(applied(first)).toEqual(['tags.env', 'tags.team', 'triggers.postConfirmation', 'triggers.preSignUp', 'triggers.preTokenGeneration']);
    expect((await describeUserPool(aws, id)).LambdaConfig?.PostConfirmation).toBe(lambda('post-confirmation'));

    const after = await reapply('UserPool', 'triggers', { ...spec, triggers: { preSignUp: lambda('pre-sign-up') }, tags: { team: 'a' } });

    const pool = await describeUserPool(aws, id);
    expect(pool.LambdaConfig?.PreSignUp).toBe(lambda('pre-sign-up'));
    expect(pool.LambdaConfig?.PostConfirmation).toBeUndefined();
    expect(pool.LambdaConfig?.PreTokenGeneration).toBeUndefined();
    expect(pool.LambdaConfig?.PreTokenGenerationConfig).toBeUndefined();
    expect(pool.UserPoolTags?.team).toBe('a');
    expect(pool.UserPoolTags).not.toHaveProperty('env');
    expect(applied(after)).toEqual(['tags.team', 'triggers.preSignUp']);
    await waitForRemovedEvent('triggers', ['tags.env', 'triggers.postConfirmation', 'triggers.preTokenGeneration']);
  });

  it('turns device tracking and SMS MFA off and deletes a removed domain', async () => {
    const spec = {
      ...base,
      poolName: awsName('sections'),
      messaging: { sms: { snsRoleArn: role('cognito-sms'), externalId: 'sections' } },
      security: {
        mfa: { mode: 'OPTIONAL', totp: true, sms: { enabled: true, message: 'Your code is {####}' } },
        deviceTracking: { challengeRequiredOnNewDevice: true, onlyRememberedOnUserPrompt: true },
      },
      domain: { prefix: awsName('sections') },
    };
    applyObject('UserPool', 'sections', spec);
    const id = statusString(await waitForGeneration('userpool', 'sections'), 'id');
    expect((await describeUserPool(aws, id)).DeviceConfiguration?.ChallengeRequiredOnNewDevice).toBe(true);
    expect((await aws.send(new GetUserPoolMfaConfigCommand({ UserPoolId: id }))).SmsMfaConfiguration).toBeDefined();

    await reapply('UserPool', 'sections', { ...without(spec, 'domain'), security: { mfa: { mode: 'OPTIONAL', totp: true } } });

    const pool = await describeUserPool(aws, id);
    expect(pool.DeviceConfiguration?.ChallengeRequiredOnNewDevice ?? false).toBe(false);
    expect(pool.DeviceConfiguration?.DeviceOnlyRememberedOnUserPrompt ?? false).toBe(false);
    expect(pool.Domain).toBeUndefined();
    const domain = await aws.send(new DescribeUserPoolDomainCommand({ Domain: awsName('sections') }));
    expect(domain.DomainDescription?.Domain).toBeUndefined();
    const mfa = await aws.send(new GetUserPoolMfaConfigCommand({ UserPoolId: id }));
    expect(mfa.SmsMfaConfiguration ?? undefined).toBeUndefined();
    expect(mfa.MfaConfiguration).toBe('OPTIONAL');
    expect(mfa.SoftwareTokenMfaConfiguration?.Enabled).toBe(true);
    await waitForRemovedEvent('sections', ['domain.prefix', 'security.deviceTracking', 'security.mfa.sms']);
  });

  it('deletes a removed custom domain', async () => {
    const customDomain = `auth-${run}.own.example.com`;
    const spec = { ...base, poolName: awsName('custom'), domain: { customDomain, certificateArn: `arn:aws:acm:us-east-1:${account}:certificate/abc-123` } };
    applyObject('UserPool', 'custom', spec);
    const id = statusString(await waitForGeneration('userpool', 'custom'), 'id');
    const created = await describeUserPool(aws, id);
    expect([created.CustomDomain, created.Domain]).toContain(customDomain);

    await reapply('UserPool', 'custom', without(spec, 'domain'));

    const pool = await describeUserPool(aws, id);
    expect(pool.CustomDomain).toBeUndefined();
    expect(pool.Domain).toBeUndefined();
    expect((await aws.send(new DescribeUserPoolDomainCommand({ Domain: customDomain }))).DomainDescription?.Domain).toBeUndefined();
  });

  it('adopting owns only what the spec names: AWS settings it never named stay', async () => {
    const created = await aws.send(
      new CreateUserPoolCommand({
        PoolName: awsName('adopted'),
        LambdaConfig: { PostConfirmation: lambda('console-post-confirmation') },
        UserPoolTags: { 'cost-center': '42' },
      }),
    );
    const id = created.UserPool?.Id ?? '';
    const spec = { ...base, poolName: awsName('adopted'), triggers: { preSignUp: lambda('pre-sign-up') }, tags: { team: 'a' } };
    applyObject('UserPool', 'adopted', spec, { 'cognito.operator.dev/external-id': id });
    const first = await waitForGeneration('userpool', 'adopted');
    expect(applied(first)).toEqual(['tags.team', 'triggers.preSignUp']);

    // Removing what the spec named removes only that.
    await reapply('UserPool', 'adopted', { ...base, poolName: awsName('adopted') });
    const pool = await describeUserPool(aws, id);
    expect(pool.LambdaConfig?.PreSignUp).toBeUndefined();
    expect(pool.LambdaConfig?.PostConfirmation).toBe(lambda('console-post-confirmation'));
    expect(pool.UserPoolTags).not.toHaveProperty('team');
    expect(pool.UserPoolTags?.['cost-center']).toBe('42');
  });

  it('settings made directly in AWS that the spec never named survive three resyncs', async () => {
    const spec = { ...base, poolName: awsName('console'), triggers: { preSignUp: lambda('pre-sign-up') }, tags: { team: 'a' } };
    applyObject('UserPool', 'console', spec);
    const obj = await waitForGeneration('userpool', 'console');
    const id = statusString(obj, 'id');
    const arn = statusString(obj, 'arn');
    await changeUserPoolInAws(aws, id, (pool) => ({
      LambdaConfig: { ...pool.LambdaConfig, PostAuthentication: lambda('console-post-auth') },
      DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: false },
    }));
    await aws.send(new TagResourceCommand({ ResourceArn: arn, Tags: { 'backup-plan': 'daily' } }));

    await waitForResyncs('userpools', 'DescribeUserPool', 3);

    const pool = await describeUserPool(aws, id);
    expect(pool.LambdaConfig?.PostAuthentication).toBe(lambda('console-post-auth'));
    expect(pool.LambdaConfig?.PreSignUp).toBe(lambda('pre-sign-up'));
    expect(pool.DeviceConfiguration?.ChallengeRequiredOnNewDevice).toBe(true);
    expect(pool.UserPoolTags?.['backup-plan']).toBe('daily');
    expect(applied(getObject(ns.name, 'userpool', 'console'))).toEqual(['tags.team', 'triggers.preSignUp']);
  });

  it('the record outlives the operator: a path removed while it is down is removed after restart', async () => {
    const spec = { ...base, poolName: awsName('restart'), tags: { team: 'a', env: 'dev' } };
    applyObject('UserPool', 'restart', spec);
    const id = statusString(await waitForGeneration('userpool', 'restart'), 'id');
    await operator.stop();
    applyObject('UserPool', 'restart', { ...spec, tags: { team: 'a' } });
    operator = await startOperator({ namespace: ns.name, resyncInterval: `${resyncSeconds}s`, env: operatorEnv });
    await waitForGeneration('userpool', 'restart', 2);
    expect((await describeUserPool(aws, id)).UserPoolTags).not.toHaveProperty('env');
  });
});

// --------------------------------------------------------------------------- AppClient

describe('AppClient', () => {
  it('clears removed OAuth URLs and the default redirect, removes analytics, then clears callback URLs with oauth', async () => {
    const oauth = {
      flows: ['code'],
      scopes: ['openid'],
      callbackUrls: ['https://own.example.com/callback', 'https://own.example.com/other'],
      logoutUrls: ['https://own.example.com/'],
      defaultRedirectUri: 'https://own.example.com/callback',
    };
    const spec = {
      userPoolRef: { name: 'parent' },
      clientName: awsName('web'),
      oauth,
      analytics: { applicationArn: `arn:aws:mobiletargeting:eu-west-1:${account}:apps/abc`, roleArn: role('analytics') },
    };
    applyObject('AppClient', 'web', spec);
    const clientId = statusString(await waitForGeneration('appclient', 'web'), 'clientId');
    const created = await describeClient(clientId);
    expect(created.LogoutURLs).toEqual(['https://own.example.com/']);
    expect(created.AnalyticsConfiguration?.ApplicationArn).toBeDefined();

    const fewer = without(oauth, 'logoutUrls', 'defaultRedirectUri');
    const after = await reapply('AppClient', 'web', { userPoolRef: spec.userPoolRef, clientName: spec.clientName, oauth: fewer });
    const client = await describeClient(clientId);
    expect(client.LogoutURLs ?? []).toEqual([]);
    expect(client.DefaultRedirectURI).toBeUndefined();
    expect(client.AnalyticsConfiguration).toBeUndefined();
    expect(client.CallbackURLs).toEqual(oauth.callbackUrls);
    expect(applied(after)).toEqual(['oauth.callbackUrls']);
    await waitForRemovedEvent('web', ['analytics', 'oauth.defaultRedirectUri', 'oauth.logoutUrls']);

    await reapply('AppClient', 'web', { userPoolRef: spec.userPoolRef, clientName: spec.clientName });
    const off = await describeClient(clientId);
    expect(off.CallbackURLs ?? []).toEqual([]);
    expect(off.AllowedOAuthFlowsUserPoolClient ?? false).toBe(false);
  });
});

// --------------------------------------------------------------------- IdentityProvider

describe('IdentityProvider', () => {
  it('deletes a removed provider detail and, once attributeMapping is gone, its mappings', async () => {
    apply(ns.name, JSON.stringify({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'oidc' }, type: 'Opaque', stringData: { secret: 'not-a-real-secret' } }));
    const spec = {
      userPoolRef: { name: 'parent' },
      providerType: 'OIDC',
      providerName: 'own-oidc',
      providerDetails: { client_id: 'own-app', oidc_issuer: 'https://login.own.example.com', authorize_scopes: 'openid email', attributes_request_method: 'POST' },
      clientSecretRef: { name: 'oidc', key: 'secret' },
      attributeMapping: { email: 'email', name: 'name' },
    };
    applyObject('IdentityProvider', 'oidc', spec);
    await waitForGeneration('identityprovider', 'oidc');
    expect((await describeProvider('own-oidc')).ProviderDetails?.attributes_request_method).toBe('POST');

    const details = without(spec.providerDetails, 'attributes_request_method');
    await reapply('IdentityProvider', 'oidc', { ...spec, providerDetails: details, attributeMapping: { email: 'email' } });
    const provider = await describeProvider('own-oidc');
    expect(provider.ProviderDetails).not.toHaveProperty('attributes_request_method');
    expect(provider.ProviderDetails?.client_id).toBe('own-app');
    expect(provider.AttributeMapping).not.toHaveProperty('name');
    expect(provider.AttributeMapping?.email).toBe('email');

    const after = await reapply('IdentityProvider', 'oidc', { ...without(spec, 'attributeMapping'), providerDetails: details });
    expect((await describeProvider('own-oidc')).AttributeMapping ?? {}).not.toHaveProperty('email');
    expect(applied(after)).toEqual(['providerDetails.authorize_scopes', 'providerDetails.client_id', 'providerDetails.oidc_issuer']);
    await waitForRemovedEvent('oidc', ['attributeMapping.email']);
  });
});

// ------------------------------------------------------------------------ IdentityPool

describe('IdentityPool', () => {
  it('removes login providers, unsets a role and untags a tag the spec dropped', async () => {
    const spec = {
      deletionPolicy: 'Delete',
      identityPoolName: awsName('ids').replace(/-/g, '_'),
      allowUnauthenticatedIdentities: true,
      supportedLoginProviders: { 'accounts.google.com': 'own.apps.googleusercontent.com', 'graph.facebook.com': '1234' },
      roles: { authenticated: role('auth'), unauthenticated: role('guest') },
      tags: { team: 'a', env: 'dev' },
    };
    applyObject('IdentityPool', 'ids', spec);
    const id = statusString(await waitForGeneration('identitypool', 'ids'), 'id');
    expect(Object.keys((await describeIdentityPool(id)).SupportedLoginProviders ?? {})).toHaveLength(2);

    const after = await reapply('IdentityPool', 'ids', { ...without(spec, 'supportedLoginProviders'), roles: { authenticated: role('auth') }, tags: { team: 'a' } });

    const pool = await describeIdentityPool(id);
    expect(pool.SupportedLoginProviders ?? {}).toEqual({});
    expect(pool.IdentityPoolTags?.team).toBe('a');
    expect(pool.IdentityPoolTags).not.toHaveProperty('env');
    const roles = await identity.send(new GetIdentityPoolRolesCommand({ IdentityPoolId: id }));
    expect(roles.Roles).toEqual({ authenticated: role('auth') });
    expect(applied(after)).toEqual(['roles.authenticated', 'tags.team']);
    await waitForRemovedEvent('ids', ['roles.unauthenticated', 'tags.env']);
  });
});
