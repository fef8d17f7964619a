/**
 * AppClient end to end: the operator process against the real API server and the Cognito
 * emulator. Resync is 4 s here so drift tests finish quickly. Pool names and domain prefixes
 * carry a random suffix, so reruns on the same test ground never collide.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  AdminConfirmSignUpCommand,
  CreateUserPoolClientCommand,
  DescribeUserPoolClientCommand,
  InitiateAuthCommand,
  ListUserPoolClientsCommand,
  SignUpCommand,
  UpdateUserPoolClientCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { UpdateUserPoolClientCommandInput, UserPoolClientType } from '@aws-sdk/client-cognito-identity-provider';
import { cognito } from './support/aws';
import { kubectl, kubectlOk } from './support/kubectl';
import { useNamespace } from './support/namespace';
import { apply, condition, eventsFor, getObject, releaseAll, waitForCondition, waitForEvent, waitForGone, waitForReady, waitForReadyGeneration } from './support/objects';
import type { StoredObject } from './support/objects';
import type { OperatorProcess } from './support/operator';
import { callsBetween, startOperator, writeCalls } from './support/operator';
import { waitFor } from './support/wait';

const ns = useNamespace(__filename);
const aws = cognito();
const resyncSeconds = 4;
const run = randomBytes(3).toString('hex');
const region = process.env.AWS_REGION ?? 'eu-west-1';
const externalIdAnnotation = 'cognito.operator.dev/external-id';
let operator: OperatorProcess;
/** Every operator this file started: their logs are searched for client secrets at the end. */
const logFiles: string[] = [];

async function start(env?: Record<string, string>): Promise<OperatorProcess> {
  const started = await startOperator({ namespace: ns.name, resyncInterval: `${resyncSeconds}s`, env });
  logFiles.push(started.logFile);
  return started;
}

beforeAll(async () => {
  operator = await start();
});

afterAll(async () => {
  await releaseAll(ns.name, 'appclients');
  await releaseAll(ns.name, 'identityproviders');
  await releaseAll(ns.name, 'userpools');
  await operator.stop();
  aws.destroy();
});

// ---------------------------------------------------------------------------- helpers

const poolName = (name: string) => `appclient-it-${name}-${run}`;

function applyPool(name: string, spec: Record<string, unknown>): void {
  apply(ns.name, JSON.stringify({ apiVersion: 'cognito.operator.dev/v1alpha1', kind: 'UserPool', metadata: { name }, spec: { poolName: poolName(name), ...spec } }));
}

function applyClient(name: string, spec: Record<string, unknown>, annotations?: Record<string, string>): void {
  apply(ns.name, JSON.stringify({ apiVersion: 'cognito.operator.dev/v1alpha1', kind: 'AppClient', metadata: { name, annotations }, spec }));
}

function statusString(obj: StoredObject | undefined, field: string): string {
  const value = obj?.status?.[field];
  if (typeof value !== 'string') throw new Error(`status.${field} is not set`);
  return value;
}

async function describeClient(userPoolId: string, clientId: string): Promise<UserPoolClientType> {
  const out = await aws.send(new DescribeUserPoolClientCommand({ UserPoolId: userPoolId, ClientId: clientId }));
  if (!out.UserPoolClient) throw new Error(`no client ${clientId}`);
  return out.UserPoolClient;
}

async function clientsNamed(userPoolId: string, name: string): Promise<string[]> {
  const out = await aws.send(new ListUserPoolClientsCommand({ UserPoolId: userPoolId, MaxResults: 60 }));
  return (out.UserPoolClients ?? []).filter((c) => c.ClientName === name).map((c) => c.ClientId ?? '');
}

/** The output Secret's data, decoded; undefined when there is no such Secret. */
function readSecret(name: string): Record<string, string> | undefined {
  const result = kubectl(['get', 'secret', name, '-n', ns.name, '-o', 'json']);
  if (result.code !== 0) {
    if (/NotFound|not found/.test(result.stderr)) return undefined;
    throw new Error(result.stderr);
  }
  const data = (JSON.parse(result.stdout) as { data?: Record<string, string> }).data ?? {};
  return Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v, 'base64').toString('utf8')]));
}

/** Changes a client directly in AWS the way a console user would: every other setting sent as it is. */
async function changeInAws(userPoolId: string, clientId: string, change: Partial<UpdateUserPoolClientCommandInput>): Promise<void> {
  const c = await describeClient(userPoolId, clientId);
  await aws.send(
    new UpdateUserPoolClientCommand({
      UserPoolId: userPoolId,
      ClientId: clientId,
      ClientName: c.ClientName,
      RefreshTokenValidity: c.RefreshTokenValidity,
      AccessTokenValidity: c.AccessTokenValidity,
      IdTokenValidity: c.IdTokenValidity,
      TokenValidityUnits: c.TokenValidityUnits,
      ReadAttributes: c.ReadAttributes,
      WriteAttributes: c.WriteAttributes,
      ExplicitAuthFlows: c.ExplicitAuthFlows,
      SupportedIdentityProviders: c.SupportedIdentityProviders,
      CallbackURLs: c.CallbackURLs,
      LogoutURLs: c.LogoutURLs,
      DefaultRedirectURI: c.DefaultRedirectURI,
      AllowedOAuthFlows: c.AllowedOAuthFlows,
      AllowedOAuthScopes: c.AllowedOAuthScopes,
      AllowedOAuthFlowsUserPoolClient: c.AllowedOAuthFlowsUserPoolClient,
      AnalyticsConfiguration: c.AnalyticsConfiguration,
      PreventUserExistenceErrors: c.PreventUserExistenceErrors,
      EnableTokenRevocation: c.EnableTokenRevocation,
      EnablePropagateAdditionalUserContextData: c.EnablePropagateAdditionalUserContextData,
      AuthSessionValidity: c.AuthSessionValidity,
      RefreshTokenRotation: c.RefreshTokenRotation,
      ...change,
    }),
  );
}

const waitForGeneration = (name: string) => waitForReadyGeneration(ns.name, 'appclient', name);

const seconds = (since: number) => ((Date.now() - since) / 1000).toFixed(1);

/** AWS's SECRET_HASH: Base64(HMAC-SHA256(client secret, username + client ID)). */
const secretHash = (clientSecret: string, username: string, clientId: string) => createHmac('sha256', clientSecret).update(username + clientId).digest('base64');

function jwtClaims(token: string | undefined): Record<string, unknown> {
  const payload = token?.split('.')[1];
  if (!payload) throw new Error('not a JWT');
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
}

// -------------------------------------------------------------------------------- tests

const callback = 'https://shop.example.com/callback';
const home = 'https://shop.example.com/';
const webSpec = {
  userPoolRef: { name: 'shop' },
  generateSecret: true,
  explicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
  oauth: { flows: ['code'], scopes: ['openid', 'email', 'profile'], callbackUrls: [callback], logoutUrls: [home] },
  identityProviders: ['COGNITO'],
  tokenValidity: { accessToken: '1h', idToken: '60m', refreshToken: '30d' },
  preventUserExistenceErrors: true,
  readAttributes: ['email'],
  writeAttributes: ['email'],
};
const domainPrefix = `appclient-it-${run}`;
const hostedUi = `https://${domainPrefix}.auth.${region}.amazoncognito.com`;

describe('an AppClient with every section', () => {
  let poolId: string;
  let clientId: string;

  it('waits for its UserPool (ReferenceNotReady, naming it), then becomes Ready once the pool is, with no polling', async () => {
    applyClient('web', webSpec);
    const waiting = await waitForCondition(ns.name, 'appclient', 'web', 'Reconciling', 'True', 'ReferenceNotReady');
    expect(condition(waiting, 'Ready')).toMatchObject({ status: 'False', reason: 'ReferenceNotReady', message: expect.stringContaining('UserPool shop') });
    expect(getObject(ns.name, 'appclient', 'web')?.metadata.annotations?.[externalIdAnnotation]).toBeUndefined();

    // A waiting object is not requeued: only the dependents index, woken by the pool's
    // status becoming Ready, can bring it back.
    const started = Date.now();
    applyPool('shop', { deletionProtection: false, domain: { prefix: domainPrefix } });
    poolId = statusString(await waitForReady(ns.name, 'userpool', 'shop'), 'id');
    const obj = await waitForReady(ns.name, 'appclient', 'web');
    console.log(`UserPool applied → UserPool and waiting AppClient Ready in ${seconds(started)}s`);
    clientId = statusString(obj, 'clientId');
    expect(condition(obj, 'Ready')?.reason).toBe('Available');
    expect(obj.metadata.annotations?.[externalIdAnnotation]).toBe(clientId);
    expect(obj.status).toMatchObject({ observedGeneration: obj.metadata.generation, id: clientId, clientId, secretName: 'web-cognito' });
    await waitForEvent(ns.name, 'web', 'Created');
  });

  it('made AWS match the spec', async () => {
    const c = await describeClient(poolId, clientId);
    expect(c).toMatchObject({
      ClientName: 'web',
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: ['openid', 'email', 'profile'],
      CallbackURLs: [callback],
      LogoutURLs: [home],
      SupportedIdentityProviders: ['COGNITO'],
      AccessTokenValidity: 1,
      IdTokenValidity: 60,
      RefreshTokenValidity: 30,
      TokenValidityUnits: { AccessToken: 'hours', IdToken: 'minutes', RefreshToken: 'days' },
      PreventUserExistenceErrors: 'ENABLED',
      ReadAttributes: ['email'],
      WriteAttributes: ['email'],
    });
    expect(c.ExplicitAuthFlows?.sort()).toEqual(['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_SRP_AUTH']);
    expect(c.ClientSecret).toEqual(expect.any(String));
  });

  it('writes the output Secret for applications; status holds no secret', async () => {
    const secret = readSecret('web-cognito');
    const c = await describeClient(poolId, clientId);
    expect(secret).toEqual({
      clientId,
      clientSecret: c.ClientSecret,
      userPoolId: poolId,
      region,
      issuerUrl: `https://cognito-idp.${region}.amazonaws.com/${poolId}`,
      authorizeUrl: `${hostedUi}/oauth2/authorize`,
      tokenUrl: `${hostedUi}/oauth2/token`,
      userInfoUrl: `${hostedUi}/oauth2/userInfo`,
      logoutUrl: `${hostedUi}/logout`,
    });
    const owner = JSON.parse(kubectlOk(['get', 'secret', 'web-cognito', '-n', ns.name, '-o', 'jsonpath={.metadata.ownerReferences}'])) as unknown;
    expect(owner).toEqual([expect.objectContaining({ kind: 'AppClient', name: 'web', controller: true })]);
    const obj = getObject(ns.name, 'appclient', 'web');
    expect(JSON.stringify(obj)).not.toContain(String(c.ClientSecret));
    expect(Object.keys(obj?.status ?? {}).sort()).toEqual(['accountId', 'clientId', 'conditions', 'id', 'observedGeneration', 'secretName', 'userPoolId']);
  });

  it('creates a client for a Ready pool with one list, one create, no update and nothing read back', async () => {
    const before = await operator.awsCalls();
    const started = Date.now();
    applyClient('mobile', { userPoolRef: { name: 'shop' }, writeSecretTo: { name: 'mobile-creds' }, tokenValidity: { refreshToken: '90d' } });
    const obj = await waitForReady(ns.name, 'appclient', 'mobile');
    const elapsed = seconds(started);
    const calls = callsBetween(before, await operator.awsCalls());
    const clientCalls = Object.fromEntries([...calls].filter(([op]) => op.includes('UserPoolClient')));
    console.log(`AppClient apply → Ready in ${elapsed}s; AWS client calls: ${JSON.stringify(clientCalls)}`);
    expect(calls.get('ListUserPoolClients')).toBe(1);
    expect(calls.get('CreateUserPoolClient')).toBe(1);
    expect(calls.get('UpdateUserPoolClient')).toBeUndefined();
    expect(calls.get('DescribeUserPoolClient')).toBeUndefined();
    expect(obj.status).toMatchObject({ secretName: 'mobile-creds' });
    const secret = readSecret('mobile-creds');
    expect(secret).toMatchObject({ clientId: obj.status?.clientId, userPoolId: poolId });
    expect(secret).not.toHaveProperty('clientSecret');
  });

  it('makes no write call on a no-op resync', async () => {
    const before = await operator.awsCalls();
    const window = 3 * resyncSeconds + 1;
    await new Promise((r) => setTimeout(r, window * 1000));
    const during = callsBetween(before, await operator.awsCalls());
    expect(writeCalls(during)).toBe(0);
    const describes = during.get('DescribeUserPoolClient') ?? 0;
    // Two AppClients resynced: both were read, by DescribeUserPoolClient alone.
    expect(describes).toBeGreaterThanOrEqual(4);
    expect(during.get('ListUserPoolClients')).toBeUndefined();
    console.log(
      `no-op resync over ${window}s (1 UserPool, 2 AppClients, resync ${resyncSeconds}s): ${JSON.stringify(Object.fromEntries(during))}; ` +
        `reads per AppClient resync: ${describes / 2 / Math.floor(window / resyncSeconds)} ≈ 1 DescribeUserPoolClient`,
    );
  });

  it('updates every section and keeps settings the spec does not name', async () => {
    // A console user turns token revocation off; the spec does not name it.
    await changeInAws(poolId, clientId, { EnableTokenRevocation: false });
    const roleArn = 'arn:aws:iam::123456789012:role/pinpoint';
    applyClient('web', {
      ...webSpec,
      clientName: 'web-shop',
      explicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_PASSWORD_AUTH'],
      oauth: { flows: ['code', 'implicit'], scopes: ['openid', 'email'], callbackUrls: [callback, home], logoutUrls: [callback], defaultRedirectUri: home },
      identityProviders: ['COGNITO'],
      tokenValidity: { accessToken: '30m', idToken: '2h', refreshToken: '7d', authSession: '10m' },
      preventUserExistenceErrors: false,
      enablePropagateAdditionalUserContextData: true,
      refreshTokenRotation: { enabled: true, retryGracePeriodSeconds: 30 },
      readAttributes: ['email', 'name'],
      writeAttributes: ['email', 'name'],
      analytics: { applicationId: 'abc123', roleArn, externalId: 'shop', userDataShared: true },
      writeSecretTo: { name: 'web-credentials' },
    });
    const obj = await waitForGeneration('web');
    expect(obj.metadata.generation).toBe(2);
    const c = await describeClient(poolId, clientId);
    expect(c).toMatchObject({
      ClientName: 'web-shop',
      AllowedOAuthFlowsUserPoolClient: true,
      CallbackURLs: [callback, home],
      LogoutURLs: [callback],
      DefaultRedirectURI: home,
      AccessTokenValidity: 30,
      IdTokenValidity: 2,
      RefreshTokenValidity: 7,
      TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'hours', RefreshToken: 'days' },
      AuthSessionValidity: 10,
      PreventUserExistenceErrors: 'LEGACY',
      EnablePropagateAdditionalUserContextData: true,
      RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 30 },
      AnalyticsConfiguration: { ApplicationId: 'abc123', RoleArn: roleArn, ExternalId: 'shop', UserDataShared: true },
      // Not named by the spec: as the console user left it.
      EnableTokenRevocation: false,
    });
    expect(c.ExplicitAuthFlows?.sort()).toEqual(['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH']);
    expect(c.AllowedOAuthFlows?.sort()).toEqual(['code', 'implicit']);
    expect(c.AllowedOAuthScopes?.sort()).toEqual(['email', 'openid']);
    expect(c.ReadAttributes?.sort()).toEqual(['email', 'name']);
    expect(c.WriteAttributes?.sort()).toEqual(['email', 'name']);
    const updated = await waitForEvent(ns.name, 'web', 'Updated');
    expect(updated.message).toContain('tokenValidity.accessToken');

    // The Secret moved to its new name; the old one is gone.
    expect(obj.status?.secretName).toBe('web-credentials');
    await waitFor('old Secret removed', () => readSecret('web-cognito') === undefined || undefined);
    expect(readSecret('web-credentials')).toMatchObject({ clientId, clientSecret: c.ClientSecret });
  });

  it('corrects drift made directly in AWS on the next resync, with an Event', async () => {
    await changeInAws(poolId, clientId, { AccessTokenValidity: 5, PreventUserExistenceErrors: 'ENABLED' });
    await waitFor(
      'client restored',
      async () => {
        const c = await describeClient(poolId, clientId);
        return (c.AccessTokenValidity === 30 && c.PreventUserExistenceErrors === 'LEGACY') || undefined;
      },
      { timeoutMs: 5 * resyncSeconds * 1000 },
    );
    const event = await waitForEvent(ns.name, 'web', 'DriftCorrected');
    expect(event.message).toContain('tokenValidity.accessToken');
    expect(event.message).toContain('preventUserExistenceErrors');
    // Settings the spec does not name are still not touched.
    expect((await describeClient(poolId, clientId)).EnableTokenRevocation).toBe(false);
  });

  it('adopts a client made outside Kubernetes and applies the spec to it', async () => {
    const made = await aws.send(
      new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'legacy', ReadAttributes: ['email', 'name'], AccessTokenValidity: 2, TokenValidityUnits: { AccessToken: 'hours' } }),
    );
    const legacyId = made.UserPoolClient?.ClientId ?? '';
    applyClient('adopted', { userPoolRef: { name: 'shop' }, clientName: 'legacy', tokenValidity: { accessToken: '45m' } }, { [externalIdAnnotation]: legacyId });
    const obj = await waitForReady(ns.name, 'appclient', 'adopted');
    expect(condition(obj, 'Ready')?.reason).toBe('Adopted');
    expect(obj.status).toMatchObject({ id: legacyId, clientId: legacyId });
    const c = await describeClient(poolId, legacyId);
    expect(c).toMatchObject({ AccessTokenValidity: 45, TokenValidityUnits: { AccessToken: 'minutes' }, ReadAttributes: ['email', 'name'] });
    expect(await clientsNamed(poolId, 'legacy')).toEqual([legacyId]);
    expect(readSecret('adopted-cognito')).toMatchObject({ clientId: legacyId });
  });

  it('stalls when the client to adopt does not exist', async () => {
    applyClient('missing', { userPoolRef: { name: 'shop' }, clientName: 'missing' }, { [externalIdAnnotation]: 'doesnotexist123' });
    const obj = await waitForCondition(ns.name, 'appclient', 'missing', 'Stalled', 'True', 'AdoptionTargetNotFound');
    expect(condition(obj, 'Ready')?.message).toContain('doesnotexist123');
    expect(await clientsNamed(poolId, 'missing')).toEqual([]);
  });

  it('deletes the client and its Secret with deletionPolicy Delete (the default)', async () => {
    const obj = getObject(ns.name, 'appclient', 'mobile');
    expect(obj?.spec.deletionPolicy).toBe('Delete');
    const mobileId = statusString(obj, 'clientId');
    kubectlOk(['delete', 'appclient', 'mobile', '-n', ns.name, '--wait=false']);
    await waitForGone(ns.name, 'appclient', 'mobile');
    await expect(describeClient(poolId, mobileId)).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    // The garbage collector removes the Secret through its ownerReference.
    await waitFor('Secret mobile-creds garbage-collected', () => readSecret('mobile-creds') === undefined || undefined);
  });

  it('leaves the client in AWS with deletionPolicy Retain, and removes its Secret', async () => {
    applyClient('kept', { userPoolRef: { name: 'shop' }, deletionPolicy: 'Retain' });
    const keptId = statusString(await waitForReady(ns.name, 'appclient', 'kept'), 'clientId');
    expect(readSecret('kept-cognito')).toMatchObject({ clientId: keptId });
    kubectlOk(['delete', 'appclient', 'kept', '-n', ns.name]);
    await waitForGone(ns.name, 'appclient', 'kept');
    expect((await describeClient(poolId, keptId)).ClientId).toBe(keptId);
    await waitFor('Secret kept-cognito garbage-collected', () => readSecret('kept-cognito') === undefined || undefined);
    await waitForEvent(ns.name, 'kept', 'Retained');
  });

  // The emulator (moto 5.2.5) validates nothing in CreateUserPoolClient / UpdateUserPoolClient:
  // unknown identity providers, OAuth flows without callback URLs, bad token units and enum
  // values are all stored as sent. AWS answers this spec with InvalidParameterException ("The
  // provider NoSuchProvider does not exist for User Pool ..."). Enable this test once the
  // emulator extension (test/env/moto) checks SupportedIdentityProviders against the pool.
  it('stalls with AWS’s message when AWS rejects the spec', async () => {
    applyClient('rejected', { userPoolRef: { name: 'shop' }, identityProviders: ['COGNITO', 'NoSuchProvider'] });
    const obj = await waitForCondition(ns.name, 'appclient', 'rejected', 'Stalled', 'True', 'InvalidSpec');
    expect(condition(obj, 'Ready')).toMatchObject({ status: 'False', message: expect.stringMatching(/InvalidParameterException.*NoSuchProvider/) });
    expect(condition(obj, 'Synced')?.status).toBe('False');
    await waitForEvent(ns.name, 'rejected', 'InvalidSpec');
    expect(await clientsNamed(poolId, 'rejected')).toEqual([]);
  });
});

describe('identity provider references', () => {
  it('waits for its IdentityProvider, then offers it under its provider name; deletes cleanly beside it', async () => {
    const poolId = statusString(await waitForReady(ns.name, 'userpool', 'shop'), 'id');
    applyClient('sso', { userPoolRef: { name: 'shop' }, identityProviders: ['COGNITO'], identityProviderRefs: [{ name: 'corp' }] });
    const waiting = await waitForCondition(ns.name, 'appclient', 'sso', 'Reconciling', 'True', 'ReferenceNotReady');
    expect(condition(waiting, 'Ready')?.message).toContain('IdentityProvider corp');

    kubectlOk(['create', 'secret', 'generic', 'corp-oidc', '-n', ns.name, '--from-literal=clientSecret=corp-oidc-secret']);
    apply(
      ns.name,
      JSON.stringify({
        apiVersion: 'cognito.operator.dev/v1alpha1',
        kind: 'IdentityProvider',
        metadata: { name: 'corp' },
        spec: {
          userPoolRef: { name: 'shop' },
          providerName: 'CorpSSO',
          providerType: 'OIDC',
          providerDetails: { client_id: 'shop-web', oidc_issuer: 'https://login.corp.example.com', authorize_scopes: 'openid email' },
          clientSecretRef: { name: 'corp-oidc', key: 'clientSecret' },
        },
      }),
    );
    const obj = await waitForReady(ns.name, 'appclient', 'sso');
    const clientId = statusString(obj, 'clientId');
    expect((await describeClient(poolId, clientId)).SupportedIdentityProviders?.sort()).toEqual(['COGNITO', 'CorpSSO']);

    // Deleted together (kubectl delete -f of a whole directory): the client is still deleted in
    // AWS, whatever state its provider is in by then.
    kubectlOk(['delete', 'appclient/sso', 'identityprovider/corp', '-n', ns.name, '--wait=false']);
    await waitForGone(ns.name, 'appclient', 'sso');
    await waitForGone(ns.name, 'identityprovider', 'corp');
    await expect(describeClient(poolId, clientId)).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });
});

describe('deletion order', () => {
  it('keeps a UserPool with deletionPolicy Delete (DependentsExist, naming the AppClient) until the AppClient is gone', async () => {
    applyPool('doomed', { deletionPolicy: 'Delete', deletionProtection: false });
    applyClient('doomed-web', { userPoolRef: { name: 'doomed' } });
    const doomedId = statusString(await waitForReady(ns.name, 'userpool', 'doomed'), 'id');
    const clientId = statusString(await waitForReady(ns.name, 'appclient', 'doomed-web'), 'clientId');

    kubectlOk(['delete', 'userpool', 'doomed', '-n', ns.name, '--wait=false']);
    const waiting = await waitForCondition(ns.name, 'userpool', 'doomed', 'Reconciling', 'True', 'DependentsExist');
    expect(condition(waiting, 'Ready')?.message).toContain('AppClient doomed-web');
    expect((await describeClient(doomedId, clientId)).ClientId).toBe(clientId);

    // The AppClient's deletion wakes the pool: the client goes first, then the pool.
    kubectlOk(['delete', 'appclient', 'doomed-web', '-n', ns.name, '--wait=false']);
    await waitForGone(ns.name, 'appclient', 'doomed-web');
    await waitForGone(ns.name, 'userpool', 'doomed');
    await expect(describeClient(doomedId, clientId)).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    await waitForEvent(ns.name, 'doomed-web', 'Deleted');
  });
});

describe('an application using the output Secret', () => {
  it('signs a user up and in with the credentials it reads from the Secret', async () => {
    applyPool('app', {});
    applyClient('app-web', {
      userPoolRef: { name: 'app' },
      generateSecret: true,
      explicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    });
    await waitForReady(ns.name, 'appclient', 'app-web');

    // What an application does at start-up: read its Secret, and nothing else.
    const creds = readSecret('app-web-cognito');
    const { clientId = '', clientSecret = '', userPoolId = '', issuerUrl = '' } = creds ?? {};
    expect(clientSecret).not.toBe('');
    const app = cognito();
    try {
      const username = `shopper-${run}`;
      const password = 'Correct-Horse-9-Battery';
      await app.send(
        new SignUpCommand({
          ClientId: clientId,
          SecretHash: secretHash(clientSecret, username, clientId),
          Username: username,
          Password: password,
          UserAttributes: [{ Name: 'email', Value: `${username}@shop.example.com` }],
        }),
      );
      await aws.send(new AdminConfirmSignUpCommand({ UserPoolId: userPoolId, Username: username }));
      const signedIn = await app.send(
        new InitiateAuthCommand({
          ClientId: clientId,
          AuthFlow: 'USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: username, PASSWORD: password, SECRET_HASH: secretHash(clientSecret, username, clientId) },
        }),
      );
      const tokens = signedIn.AuthenticationResult;
      expect(tokens).toMatchObject({ AccessToken: expect.any(String), IdToken: expect.any(String), RefreshToken: expect.any(String) });
      // The tokens come from the pool and client the Secret names.
      expect(jwtClaims(tokens?.IdToken)).toMatchObject({ iss: issuerUrl, aud: clientId, token_use: 'id' });
      expect(jwtClaims(tokens?.AccessToken)).toMatchObject({ iss: issuerUrl, client_id: clientId, token_use: 'access' });

      // The emulator checks SECRET_HASH only in USER_SRP_AUTH: there, the Secret's clientSecret
      // is accepted and another is refused.
      const srp = (hash: string) =>
        app.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_SRP_AUTH', AuthParameters: { USERNAME: username, SRP_A: 'abc123', SECRET_HASH: hash } }));
      await expect(srp(secretHash(clientSecret, username, clientId))).resolves.toMatchObject({ ChallengeName: 'PASSWORD_VERIFIER' });
      await expect(srp(secretHash('not-the-secret', username, clientId))).rejects.toMatchObject({ name: 'NotAuthorizedException' });
    } finally {
      app.destroy();
    }
  });
});

describe('crash safety', () => {
  it('creates exactly one client when killed right after CreateUserPoolClient', async () => {
    const poolId = statusString(await waitForReady(ns.name, 'userpool', 'shop'), 'id');
    await operator.stop();
    const crashing = await start({ COGNITO_OPERATOR_TEST_CRASH_AFTER: 'CreateUserPoolClient' });
    applyClient('crashy', { userPoolRef: { name: 'shop' }, generateSecret: true });
    let timer: NodeJS.Timeout | undefined;
    const code = await Promise.race([crashing.exited, new Promise((r) => (timer = setTimeout(() => r('still running'), 30_000)))]);
    clearTimeout(timer);
    expect(code).not.toBe('still running');

    // The client exists in AWS, but the object never learned its ID.
    const made = await clientsNamed(poolId, 'crashy');
    expect(made).toHaveLength(1);
    expect(getObject(ns.name, 'appclient', 'crashy')?.metadata.annotations?.[externalIdAnnotation]).toBeUndefined();

    operator = await start();
    const obj = await waitForReady(ns.name, 'appclient', 'crashy');
    expect(obj.status?.clientId).toBe(made[0]);
    expect(obj.metadata.annotations?.[externalIdAnnotation]).toBe(made[0]);
    expect(condition(obj, 'Ready')?.reason).toBe('Available');
    expect(await clientsNamed(poolId, 'crashy')).toEqual(made);
    expect(readSecret('crashy-cognito')).toMatchObject({ clientId: made[0], clientSecret: (await describeClient(poolId, made[0] ?? '')).ClientSecret });
  });
});

describe('the client secret', () => {
  it('appears in no status, Event or operator log', async () => {
    const names = kubectlOk(['get', 'secrets', '-n', ns.name, '-o', 'name']).split('\n').filter((n) => n !== '');
    const secrets = names.map((n) => readSecret(n.replace(/^secret\//, ''))?.clientSecret).filter((s): s is string => s !== undefined && s !== '');
    expect(secrets.length).toBeGreaterThanOrEqual(3);
    const objects = kubectlOk(['get', 'appclients', '-n', ns.name, '-o', 'json']);
    const events = kubectlOk(['get', 'events', '-n', ns.name, '-o', 'json']);
    expect(eventsFor(ns.name, 'web').length).toBeGreaterThan(0);
    for (const secret of secrets) {
      expect(objects).not.toContain(secret);
      expect(events).not.toContain(secret);
      for (const log of logFiles) expect(readFileSync(log, 'utf8')).not.toContain(secret);
    }
  });
});
