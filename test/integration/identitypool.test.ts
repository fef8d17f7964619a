/**
 * IdentityPool end to end: the operator process against the real API server and the Cognito
 * emulator, with UserPools and AppClients made by the operator too. Resync is 4 s here so drift
 * tests finish quickly. The operator learns its account ID from AWS_ACCOUNT_ID (the emulator's
 * default account): TagResource needs the identity pool's ARN.
 */
import {
  CreateIdentityPoolCommand,
  DescribeIdentityPoolCommand,
  GetIdentityPoolRolesCommand,
  ListTagsForResourceCommand,
  SetIdentityPoolRolesCommand,
  TagResourceCommand,
  UpdateIdentityPoolCommand,
} from '@aws-sdk/client-cognito-identity';
import type { IdentityPool } from '@aws-sdk/client-cognito-identity';
import { cognitoIdentity, identityPoolsNamed } from './support/aws';
import { kubectl, kubectlOk } from './support/kubectl';
import { useNamespace } from './support/namespace';
import { apply, condition, eventsFor, getObject, releaseAll, waitForCondition, waitForEvent, waitForGone, waitForReady, waitForReadyGeneration } from './support/objects';
import type { StoredObject } from './support/objects';
import type { OperatorProcess } from './support/operator';
import { callsBetween, startOperator, writeCalls } from './support/operator';
import { waitFor } from './support/wait';

const ns = useNamespace(__filename);
/** AWS names are unique per run: a ground may be reused, and Retain leaves pools behind. */
const run = ns.name.slice(-6);
const awsName = (name: string) => `it-ip-${name}-${run}`;
const identity = cognitoIdentity();
const resyncSeconds = 4;
const account = '123456789012';
const region = process.env.AWS_REGION ?? 'eu-west-1';
const operatorEnv = { AWS_ACCOUNT_ID: account };
const ownerTag = 'cognito.operator.dev/owner-uid';
const role = (name: string) => `arn:aws:iam::${account}:role/${name}`;
let operator: OperatorProcess;

beforeAll(async () => {
  operator = await startOperator({ namespace: ns.name, resyncInterval: `${resyncSeconds}s`, env: operatorEnv });
});

afterAll(async () => {
  await releaseAll(ns.name, 'identitypools');
  await releaseAll(ns.name, 'appclients');
  await releaseAll(ns.name, 'userpools');
  await operator.stop();
  identity.destroy();
});

function applyKind(kind: string, name: string, spec: Record<string, unknown>, annotations?: Record<string, string>): void {
  apply(ns.name, JSON.stringify({ apiVersion: 'cognito.operator.dev/v1alpha1', kind, metadata: { name, annotations }, spec }));
}
const applyPool = (name: string, spec: Record<string, unknown>, annotations?: Record<string, string>) => applyKind('IdentityPool', name, spec, annotations);

function statusId(obj: StoredObject | undefined, field = 'id'): string {
  const id = obj?.status?.[field];
  if (typeof id !== 'string') throw new Error(`status.${field} is not set`);
  return id;
}

const arnOf = (id: string) => `arn:aws:cognito-identity:${region}:${account}:identitypool/${id}`;

async function describePool(id: string): Promise<IdentityPool> {
  return identity.send(new DescribeIdentityPoolCommand({ IdentityPoolId: id }));
}

async function tagsOf(id: string): Promise<Record<string, string>> {
  return (await identity.send(new ListTagsForResourceCommand({ ResourceArn: arnOf(id) }))).Tags ?? {};
}

const waitForGeneration = (name: string) => waitForReadyGeneration(ns.name, 'identitypool', name);

/** Changes a pool directly in AWS the way a console user would: everything else kept. */
async function changeInAws(id: string, change: (pool: IdentityPool) => Partial<IdentityPool>): Promise<void> {
  const described = await describePool(id);
  const pool: IdentityPool = {
    IdentityPoolId: described.IdentityPoolId,
    IdentityPoolName: described.IdentityPoolName,
    AllowUnauthenticatedIdentities: described.AllowUnauthenticatedIdentities,
    AllowClassicFlow: described.AllowClassicFlow,
    SupportedLoginProviders: described.SupportedLoginProviders,
    DeveloperProviderName: described.DeveloperProviderName || undefined,
    OpenIdConnectProviderARNs: described.OpenIdConnectProviderARNs,
    CognitoIdentityProviders: described.CognitoIdentityProviders,
    SamlProviderARNs: described.SamlProviderARNs,
    IdentityPoolTags: described.IdentityPoolTags,
  };
  await identity.send(new UpdateIdentityPoolCommand({ ...pool, ...change(pool) }));
}

const cognitoOnly = (calls: Map<string, number>) =>
  Object.fromEntries([...calls].filter(([op]) => /IdentityPool|ListTagsForResource|TagResource|UntagResource/.test(op)));

const fullSpec = {
  identityPoolName: awsName('full'),
  deletionPolicy: 'Delete',
  allowUnauthenticatedIdentities: true,
  allowClassicFlow: true,
  supportedLoginProviders: { 'accounts.google.com': '1234.apps.googleusercontent.com', 'graph.facebook.com': '7346241598935552' },
  developerProviderName: 'login.shop.example.com',
  openIdConnectProviderArns: [`arn:aws:iam::${account}:oidc-provider/login.partner.example.com`],
  samlProviderArns: [`arn:aws:iam::${account}:saml-provider/shop-idp`],
  roles: { authenticated: role('shop-auth'), unauthenticated: role('shop-guest') },
  roleMappings: [
    { identityProvider: 'accounts.google.com', type: 'Token', ambiguousRoleResolution: 'AuthenticatedRole' },
    {
      identityProvider: 'graph.facebook.com',
      type: 'Rules',
      ambiguousRoleResolution: 'Deny',
      rules: [{ claim: 'locale', matchType: 'StartsWith', value: 'de', roleArn: role('shop-de') }],
    },
  ],
  tags: { team: 'shop', env: 'test' },
};

describe('an IdentityPool with guest access, every provider kind, roles, role mappings and tags', () => {
  let id: string;

  it('becomes Ready with its ID and ARN in status', async () => {
    const before = await operator.awsCalls();
    applyPool('full', fullSpec);
    const obj = await waitForReady(ns.name, 'identitypool', 'full');
    const during = callsBetween(before, await operator.awsCalls());
    id = statusId(obj);
    expect(obj.metadata.annotations?.['cognito.operator.dev/external-id']).toBe(id);
    expect(obj.metadata.finalizers).toContain('cognito.operator.dev/finalizer');
    expect(obj.status).toMatchObject({ observedGeneration: obj.metadata.generation, arn: arnOf(id) });
    const byType = Object.fromEntries((obj.status?.conditions ?? []).map((c) => [c.type, `${c.status}/${c.reason}`]));
    expect(byType).toEqual({ Ready: 'True/Available', Synced: 'True/ReconcileSuccess', Reconciling: 'False/Available', Stalled: 'False/Available' });
    await waitForEvent(ns.name, 'full', 'Created');
    // The create itself, then the roles on the next observe; tags went with CreateIdentityPool.
    expect(during.get('CreateIdentityPool')).toBe(1);
    expect(during.get('SetIdentityPoolRoles')).toBe(1);
    expect(writeCalls(during)).toBe(2);
    console.log(`IdentityPool create: AWS calls until Ready: ${JSON.stringify(cognitoOnly(during))}`);
  });

  it('made AWS match the spec', async () => {
    const pool = await describePool(id);
    expect(pool).toMatchObject({
      IdentityPoolName: awsName('full'),
      AllowUnauthenticatedIdentities: true,
      AllowClassicFlow: true,
      SupportedLoginProviders: fullSpec.supportedLoginProviders,
      DeveloperProviderName: 'login.shop.example.com',
      OpenIdConnectProviderARNs: fullSpec.openIdConnectProviderArns,
      SamlProviderARNs: fullSpec.samlProviderArns,
    });
    const roles = await identity.send(new GetIdentityPoolRolesCommand({ IdentityPoolId: id }));
    expect(roles.Roles).toEqual({ authenticated: role('shop-auth'), unauthenticated: role('shop-guest') });
    expect(roles.RoleMappings).toEqual({
      'accounts.google.com': { Type: 'Token', AmbiguousRoleResolution: 'AuthenticatedRole' },
      'graph.facebook.com': {
        Type: 'Rules',
        AmbiguousRoleResolution: 'Deny',
        RulesConfiguration: { Rules: [{ Claim: 'locale', MatchType: 'StartsWith', Value: 'de', RoleARN: role('shop-de') }] },
      },
    });
    const obj = getObject(ns.name, 'identitypool', 'full');
    expect(await tagsOf(id)).toEqual({ team: 'shop', env: 'test', [ownerTag]: obj?.metadata.uid });
  });

  it('makes no write call on a no-op resync', async () => {
    const before = await operator.awsCalls();
    const seconds = 3 * resyncSeconds + 1;
    await new Promise((r) => setTimeout(r, seconds * 1000));
    const during = callsBetween(before, await operator.awsCalls());
    expect(writeCalls(during)).toBe(0);
    // Resyncs did happen: the pool was read, with its roles, once per resync.
    const resyncs = during.get('DescribeIdentityPool') ?? 0;
    expect(resyncs).toBeGreaterThanOrEqual(2);
    // The window may cut one resync between its two reads.
    expect(Math.abs((during.get('GetIdentityPoolRoles') ?? 0) - resyncs)).toBeLessThanOrEqual(1);
    console.log(`IdentityPool no-op resync: AWS calls over ${seconds}s: ${JSON.stringify(cognitoOnly(during))}; reads per resync: 2 (DescribeIdentityPool, GetIdentityPoolRoles)`);
  });

  it('updates settings, roles, role mappings and tags, unsets a role it no longer names, and keeps a tag the spec never named', async () => {
    await identity.send(new TagResourceCommand({ ResourceArn: arnOf(id), Tags: { costCenter: '42' } }));
    applyPool('full', {
      ...fullSpec,
      allowUnauthenticatedIdentities: false,
      supportedLoginProviders: { 'accounts.google.com': '1234.apps.googleusercontent.com' },
      roles: { authenticated: role('shop-auth-v2') },
      roleMappings: [{ identityProvider: 'accounts.google.com', type: 'Rules', ambiguousRoleResolution: 'AuthenticatedRole', rules: [{ claim: 'hd', matchType: 'Equals', value: 'shop.example.com', roleArn: role('staff') }] }],
      tags: { team: 'shop', env: 'prod' },
    });
    const obj = await waitForGeneration('full');
    expect(obj.metadata.generation).toBe(2);
    const pool = await describePool(id);
    expect(pool.AllowUnauthenticatedIdentities).toBe(false);
    expect(pool.SupportedLoginProviders).toEqual({ 'accounts.google.com': '1234.apps.googleusercontent.com' });
    expect(pool.AllowClassicFlow).toBe(true);
    const roles = await identity.send(new GetIdentityPoolRolesCommand({ IdentityPoolId: id }));
    // The guest role the spec named before and names no more is unset (three-way ownership).
    expect(roles.Roles).toEqual({ authenticated: role('shop-auth-v2') });
    expect(Object.keys(roles.RoleMappings ?? {})).toEqual(['accounts.google.com']);
    expect(await tagsOf(id)).toEqual({ team: 'shop', env: 'prod', costCenter: '42', [ownerTag]: obj.metadata.uid });
    // The create's first update (the roles) recorded an Updated Event too: look for this one.
    await waitFor('Updated Event for the spec change', () =>
      eventsFor(ns.name, 'full').find((e) => e.reason === 'Updated' && e.message.includes('allowUnauthenticatedIdentities') && e.message.includes('tags.env')),
    );
  });

  it('corrects drift made directly in AWS on the next resync, with an Event', async () => {
    await changeInAws(id, () => ({ AllowUnauthenticatedIdentities: true, IdentityPoolName: 'renamed-in-console' }));
    const roles = await identity.send(new GetIdentityPoolRolesCommand({ IdentityPoolId: id }));
    await identity.send(new SetIdentityPoolRolesCommand({ IdentityPoolId: id, Roles: { ...roles.Roles, authenticated: role('console') }, RoleMappings: roles.RoleMappings }));
    await waitFor(
      'drift corrected',
      async () => {
        const pool = await describePool(id);
        const now = await identity.send(new GetIdentityPoolRolesCommand({ IdentityPoolId: id }));
        return (pool.AllowUnauthenticatedIdentities === false && pool.IdentityPoolName === awsName('full') && now.Roles?.authenticated === role('shop-auth-v2')) || undefined;
      },
      { timeoutMs: 5 * resyncSeconds * 1000 },
    );
    const event = await waitForEvent(ns.name, 'full', 'DriftCorrected');
    expect(event.message).toMatch(/allowUnauthenticatedIdentities/);
  });

  it('is deleted from AWS with deletionPolicy Delete', async () => {
    kubectlOk(['delete', 'identitypool', 'full', '-n', ns.name, '--wait=false']);
    await waitForGone(ns.name, 'identitypool', 'full');
    await expect(describePool(id)).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });
});

describe('settings the spec does not name', () => {
  it('are kept as AWS has them, and the pool stays in AWS with deletionPolicy Retain (the default)', async () => {
    applyPool('minimal', { identityPoolName: awsName('minimal') });
    const created = await waitForReady(ns.name, 'identitypool', 'minimal');
    expect(created.spec.deletionPolicy).toBe('Retain');
    const id = statusId(created);
    // A console user adds a social provider, a guest role and a role mapping.
    await changeInAws(id, () => ({ SupportedLoginProviders: { 'www.amazon.com': 'amzn1.application.1' } }));
    const mapping = { Type: 'Token', AmbiguousRoleResolution: 'Deny' } as const;
    await identity.send(new SetIdentityPoolRolesCommand({ IdentityPoolId: id, Roles: { unauthenticated: role('console-guest') }, RoleMappings: { 'www.amazon.com': mapping } }));

    applyPool('minimal', { identityPoolName: awsName('minimal'), allowUnauthenticatedIdentities: true, roles: { authenticated: role('auth') } });
    await waitForGeneration('minimal');
    const pool = await describePool(id);
    expect(pool.AllowUnauthenticatedIdentities).toBe(true);
    expect(pool.SupportedLoginProviders).toEqual({ 'www.amazon.com': 'amzn1.application.1' });
    const roles = await identity.send(new GetIdentityPoolRolesCommand({ IdentityPoolId: id }));
    expect(roles.Roles).toEqual({ authenticated: role('auth'), unauthenticated: role('console-guest') });
    expect(roles.RoleMappings).toEqual({ 'www.amazon.com': mapping });

    kubectlOk(['delete', 'identitypool', 'minimal', '-n', ns.name]);
    await waitForGone(ns.name, 'identitypool', 'minimal');
    expect((await describePool(id)).IdentityPoolId).toBe(id);
  });
});

describe('user pool app clients as providers', () => {
  let userPoolId: string;
  let clientId: string;
  let id: string;
  const provider = () => `cognito-idp.${region}.amazonaws.com/${userPoolId}`;
  const webMapping = {
    userPoolRef: { name: 'ip-users' },
    appClientRef: { name: 'ip-web' },
    type: 'Rules',
    ambiguousRoleResolution: 'AuthenticatedRole',
    rules: [{ claim: 'cognito:groups', matchType: 'Contains', value: 'admins', roleArn: role('shop-admin') }],
  };
  const linkedSpec = {
    identityPoolName: awsName('linked'),
    userPools: [{ userPoolRef: { name: 'ip-users' }, appClientRef: { name: 'ip-web' }, serverSideTokenCheck: true }],
    roles: { authenticated: role('shop-auth') },
    roleMappings: [webMapping, { identityProvider: 'accounts.google.com', type: 'Token', ambiguousRoleResolution: 'Deny' }],
    supportedLoginProviders: { 'accounts.google.com': '1234.apps.googleusercontent.com' },
  };

  it('rejects a userPools entry without its app client at admission', () => {
    const result = kubectl(
      ['apply', '-n', ns.name, '-f', '-'],
      JSON.stringify({ apiVersion: 'cognito.operator.dev/v1alpha1', kind: 'IdentityPool', metadata: { name: 'pool-only' }, spec: { userPools: [{ userPoolRef: { name: 'ip-users' } }] } }),
    );
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/appClientRef: Required value/);
  });

  it('waits for an AppClient that does not exist yet, naming it', async () => {
    applyKind('UserPool', 'ip-users', { poolName: awsName('users'), deletionProtection: false });
    userPoolId = statusId(await waitForReady(ns.name, 'userpool', 'ip-users'));
    applyPool('linked', linkedSpec);
    const obj = await waitForCondition(ns.name, 'identitypool', 'linked', 'Ready', 'False', 'ReferenceNotReady');
    expect(condition(obj, 'Ready')?.message).toContain('AppClient ip-web');
    expect(obj.metadata.annotations?.['cognito.operator.dev/external-id']).toBeUndefined();
    expect(await identityPoolsNamed(identity, awsName('linked'))).toHaveLength(0);
  });

  it('trusts the app client once it is Ready, with its role mapping', async () => {
    applyKind('AppClient', 'ip-web', { userPoolRef: { name: 'ip-users' }, clientName: awsName('web') });
    clientId = statusId(await waitForReady(ns.name, 'appclient', 'ip-web'), 'clientId');
    id = statusId(await waitForReady(ns.name, 'identitypool', 'linked'));
    const pool = await describePool(id);
    expect(pool.CognitoIdentityProviders).toEqual([{ ProviderName: provider(), ClientId: clientId, ServerSideTokenCheck: true }]);
    const roles = await identity.send(new GetIdentityPoolRolesCommand({ IdentityPoolId: id }));
    expect(Object.keys(roles.RoleMappings ?? {}).sort()).toEqual(['accounts.google.com', `${provider()}:${clientId}`]);
    expect(roles.RoleMappings?.[`${provider()}:${clientId}`]).toEqual({
      Type: 'Rules',
      AmbiguousRoleResolution: 'AuthenticatedRole',
      RulesConfiguration: { Rules: [{ Claim: 'cognito:groups', MatchType: 'Contains', Value: 'admins', RoleARN: role('shop-admin') }] },
    });
  });

  it('drops the provider and its role mapping when the AppClient is deleted, and stays Ready', async () => {
    kubectlOk(['delete', 'appclient', 'ip-web', '-n', ns.name, '--wait=false']);
    await waitForGone(ns.name, 'appclient', 'ip-web');
    await waitFor('provider dropped', async () => ((await describePool(id)).CognitoIdentityProviders ?? []).length === 0 || undefined, { timeoutMs: 30_000 });
    const roles = await identity.send(new GetIdentityPoolRolesCommand({ IdentityPoolId: id }));
    expect(Object.keys(roles.RoleMappings ?? {})).toEqual(['accounts.google.com']);
    expect(roles.Roles).toEqual({ authenticated: role('shop-auth') });
    // Not broken: Ready across resyncs, though the spec still names the gone client.
    await new Promise((r) => setTimeout(r, (resyncSeconds + 1) * 1000));
    const obj = await waitForGeneration('linked');
    expect(condition(obj, 'Ready')?.reason).toBe('Available');
  });

  it('trusts the app client again when it is created anew', async () => {
    applyKind('AppClient', 'ip-web', { userPoolRef: { name: 'ip-users' }, clientName: awsName('web') });
    const newClientId = statusId(await waitForReady(ns.name, 'appclient', 'ip-web'), 'clientId');
    await waitFor('provider added back', async () => ((await describePool(id)).CognitoIdentityProviders ?? []).some((p) => p.ClientId === newClientId) || undefined, { timeoutMs: 30_000 });
    // The pass writes the provider, then the role mappings: the pool was Ready all along, so wait for the second write, not for Ready.
    const roles = await waitFor(
      'role mapping of the new client',
      async () => {
        const now = await identity.send(new GetIdentityPoolRolesCommand({ IdentityPoolId: id }));
        return now.RoleMappings?.[`${provider()}:${newClientId}`] ? now : undefined;
      },
      { timeoutMs: 30_000 },
    );
    expect(Object.keys(roles.RoleMappings ?? {}).sort()).toEqual(['accounts.google.com', `${provider()}:${newClientId}`]);
    expect(condition(await waitForReady(ns.name, 'identitypool', 'linked'), 'Ready')?.reason).toBe('Available');
  });
});

describe('adoption', () => {
  it('adopts a pool made outside Kubernetes, applies the spec and keeps its other tags', async () => {
    const created = await identity.send(new CreateIdentityPoolCommand({ IdentityPoolName: awsName('adopted'), AllowUnauthenticatedIdentities: false, IdentityPoolTags: { origin: 'console' } }));
    const id = created.IdentityPoolId ?? '';
    applyPool('adopted', { identityPoolName: awsName('adopted'), allowUnauthenticatedIdentities: true, tags: { team: 'shop' } }, { 'cognito.operator.dev/external-id': id });
    const obj = await waitForReady(ns.name, 'identitypool', 'adopted');
    expect(condition(obj, 'Ready')?.reason).toBe('Adopted');
    expect(obj.status?.id).toBe(id);
    expect((await describePool(id)).AllowUnauthenticatedIdentities).toBe(true);
    // No owner tag: that goes on with a create only, and adopting writes nothing the spec does not name.
    expect(await tagsOf(id)).toEqual({ origin: 'console', team: 'shop' });
    expect(await identityPoolsNamed(identity, awsName('adopted'))).toHaveLength(1);
  });

  it('stalls when the pool to adopt does not exist', async () => {
    const missing = `${region}:00000000-0000-0000-0000-000000000000`;
    applyPool('missing', { identityPoolName: awsName('missing') }, { 'cognito.operator.dev/external-id': missing });
    const obj = await waitForCondition(ns.name, 'identitypool', 'missing', 'Stalled', 'True', 'AdoptionTargetNotFound');
    expect(condition(obj, 'Ready')?.message).toContain(missing);
    expect(await identityPoolsNamed(identity, awsName('missing'))).toHaveLength(0);
  });
});

describe('errors', () => {
  it('refuses at admission what AWS would reject, so nothing reaches AWS', async () => {
    // AWS allows 128 characters for a role mapping's provider (botocore's IdentityProviderName);
    // the schema says so too, so the object never exists and no pool is created.
    const longProvider = `${'a'.repeat(120)}.example.com`;
    const pool = { apiVersion: 'cognito.operator.dev/v1alpha1', kind: 'IdentityPool', metadata: { name: 'rejected' }, spec: { identityPoolName: awsName('rejected'), roleMappings: [{ identityProvider: longProvider, type: 'Token', ambiguousRoleResolution: 'Deny' }] } };
    const result = kubectl(['apply', '-n', ns.name, '-f', '-'], JSON.stringify(pool));
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('spec.roleMappings[0].identityProvider: Too long: may not be more than 128');
    expect(getObject(ns.name, 'identitypool', 'rejected')).toBeUndefined();
    expect(await identityPoolsNamed(identity, awsName('rejected'))).toHaveLength(0);
  });
});

describe('crash safety', () => {
  it('creates exactly one pool when killed right after CreateIdentityPool', async () => {
    await operator.stop();
    const crashing = await startOperator({ namespace: ns.name, env: { ...operatorEnv, COGNITO_OPERATOR_TEST_CRASH_AFTER: 'CreateIdentityPool' } });
    applyPool('crashy', { identityPoolName: awsName('crashy'), roles: { authenticated: role('auth') } });
    let timer: NodeJS.Timeout | undefined;
    const code = await Promise.race([crashing.exited, new Promise((r) => (timer = setTimeout(() => r('still running'), 30_000)))]);
    clearTimeout(timer);
    expect(code).not.toBe('still running');

    // The pool exists in AWS, but the object never learned its ID.
    const made = await identityPoolsNamed(identity, awsName('crashy'));
    expect(made).toHaveLength(1);
    expect(getObject(ns.name, 'identitypool', 'crashy')?.metadata.annotations?.['cognito.operator.dev/external-id']).toBeUndefined();

    operator = await startOperator({ namespace: ns.name, resyncInterval: `${resyncSeconds}s`, env: operatorEnv });
    const obj = await waitForReady(ns.name, 'identitypool', 'crashy');
    expect(obj.status?.id).toBe(made[0]?.IdentityPoolId);
    expect(obj.metadata.annotations?.['cognito.operator.dev/external-id']).toBe(made[0]?.IdentityPoolId);
    expect(await identityPoolsNamed(identity, awsName('crashy'))).toHaveLength(1);
  });

  it('keeps user pool providers across operator restarts, whichever cache fills first', async () => {
    // Both operators above started with empty caches; an IdentityPool reconciled before the
    // AppClient cache was filled must not have dropped (and then re-added) its provider.
    const linked = statusId(getObject(ns.name, 'identitypool', 'linked'));
    const clientId = statusId(getObject(ns.name, 'appclient', 'ip-web'), 'clientId');
    await new Promise((r) => setTimeout(r, (resyncSeconds + 1) * 1000));
    expect((await operator.awsCalls()).get('UpdateIdentityPool') ?? 0).toBe(0);
    expect((await describePool(linked)).CognitoIdentityProviders?.map((p) => p.ClientId)).toEqual([clientId]);
  });
});
