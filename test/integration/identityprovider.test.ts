/**
 * IdentityProvider end to end: the operator process against the real API server and the Cognito
 * emulator (whose identity providers answer like AWS: derived ProviderDetails, no private_key,
 * duplicate names and identifiers refused; see test/env/moto/cognito_extensions.py).
 *
 * Three operators run one after another:
 * 1. resync 10 min: creation, references, Secret rotation, updates, adoption, errors, deletion —
 *    anything that happens within seconds is explained by a watch, never by a resync;
 * 2. resync 3 s: no-op resyncs (reads only) and drift correction;
 * 3. one killed right after CreateIdentityProvider, then a normal one: no duplicate.
 */
import { readFileSync } from 'node:fs';
import {
  CreateIdentityProviderCommand,
  DescribeIdentityProviderCommand,
  ListIdentityProvidersCommand,
  UpdateIdentityProviderCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { IdentityProviderType } from '@aws-sdk/client-cognito-identity-provider';
import { cognito } from './support/aws';
import { kubectlOk } from './support/kubectl';
import { useNamespace } from './support/namespace';
import { apply, condition, eventsFor, getObject, releaseAll, waitForCondition, waitForEvent, waitForGone, waitForReady, waitForReadyGeneration } from './support/objects';
import type { OperatorProcess } from './support/operator';
import { callsBetween, startOperator } from './support/operator';
import { expectNoOpResync } from './support/resync';
import { waitFor } from './support/wait';

const ns = useNamespace(__filename);
const aws = cognito();
const shortResyncSeconds = 3;
/** Every operator this file started, for their logs. */
const operators: OperatorProcess[] = [];
let operator: OperatorProcess | undefined;
let poolId = '';

/** Secret values used in this file: none may appear in logs, Events or status. */
const secretValues = new Set<string>();

async function start(opts: { resyncInterval?: string; env?: Record<string, string> } = {}): Promise<OperatorProcess> {
  const started = await startOperator({ namespace: ns.name, resyncInterval: opts.resyncInterval ?? '10m', env: opts.env });
  operators.push(started);
  return started;
}

function running(): OperatorProcess {
  if (!operator) throw new Error('no operator is running');
  return operator;
}

beforeAll(async () => {
  operator = await start();
  apply(
    ns.name,
    JSON.stringify({
      apiVersion: 'cognito.operator.dev/v1alpha1',
      kind: 'UserPool',
      metadata: { name: 'idp-pool' },
      spec: { poolName: 'it-idp-pool', deletionPolicy: 'Delete', deletionProtection: false },
    }),
  );
  const pool = await waitForReady(ns.name, 'userpool', 'idp-pool');
  poolId = String(pool.status?.id);
});

afterAll(async () => {
  operator ??= await start();
  await releaseAll(ns.name, 'identityproviders');
  await releaseAll(ns.name, 'userpools');
  await operator.stop();
  aws.destroy();
});

// ------------------------------------------------------------------------------ helpers

function applyProvider(name: string, spec: Record<string, unknown>, annotations?: Record<string, string>): void {
  apply(
    ns.name,
    JSON.stringify({
      apiVersion: 'cognito.operator.dev/v1alpha1',
      kind: 'IdentityProvider',
      metadata: { name, annotations },
      spec: { userPoolRef: { name: 'idp-pool' }, ...spec },
    }),
  );
}

function applySecret(name: string, data: Record<string, string>): void {
  for (const value of Object.values(data)) secretValues.add(value);
  apply(ns.name, JSON.stringify({ apiVersion: 'v1', kind: 'Secret', metadata: { name }, type: 'Opaque', stringData: data }));
}

async function describeProvider(name: string): Promise<IdentityProviderType> {
  const out = await aws.send(new DescribeIdentityProviderCommand({ UserPoolId: poolId, ProviderName: name }));
  if (!out.IdentityProvider) throw new Error(`no provider ${name}`);
  return out.IdentityProvider;
}

async function providerNames(): Promise<string[]> {
  const out = await aws.send(new ListIdentityProvidersCommand({ UserPoolId: poolId, MaxResults: 60 }));
  return (out.Providers ?? []).map((p) => p.ProviderName ?? '');
}

/** Changes a provider directly in AWS, as a console user would: what is not changed is kept. */
async function changeInAws(name: string, change: (p: IdentityProviderType) => Partial<IdentityProviderType>): Promise<void> {
  const current = await describeProvider(name);
  await aws.send(
    new UpdateIdentityProviderCommand({
      UserPoolId: poolId,
      ProviderName: name,
      ProviderDetails: current.ProviderDetails,
      AttributeMapping: current.AttributeMapping,
      IdpIdentifiers: current.IdpIdentifiers,
      ...change(current),
    }),
  );
}

const waitForGeneration = (name: string) => waitForReadyGeneration(ns.name, 'identityprovider', name);

function expectNoSecretIn(text: string, where: string): void {
  for (const value of secretValues) {
    if (text.includes(value)) throw new Error(`a secret value appears in ${where}`);
  }
}

const googleSpec = {
  providerType: 'Google',
  providerName: 'Google',
  providerDetails: { client_id: 'it-web.apps.googleusercontent.com', authorize_scopes: 'openid email profile' },
  clientSecretRef: { name: 'google-oauth', key: 'clientSecret' },
  attributeMapping: { email: 'email', given_name: 'given_name' },
  idpIdentifiers: ['gmail.com'],
};

const oidcSpec = {
  providerType: 'OIDC',
  providerName: 'it-corp-oidc',
  providerDetails: { client_id: 'corp-app', oidc_issuer: 'https://login.corp.example.com', authorize_scopes: 'openid email' },
  clientSecretRef: { name: 'corp-oidc', key: 'client-secret' },
};

const samlSpec = {
  providerType: 'SAML',
  providerName: 'it-corp-saml',
  providerDetails: { MetadataURL: 'https://idp.corp.example.com/metadata', IDPSignout: 'true' },
  attributeMapping: { email: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress' },
  idpIdentifiers: ['corp.example.com'],
};

const samlMetadata = (host: string) =>
  `<EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://${host}"><IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"><SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://${host}/sso"/></IDPSSODescriptor></EntityDescriptor>`;

// ------------------------------------------------------------- 1. operator, resync 10 min

describe('Google', () => {
  it('waits for its Secret, naming it, and becomes Ready once it exists', async () => {
    applyProvider('google', googleSpec);
    const waiting = await waitForCondition(ns.name, 'identityprovider', 'google', 'Ready', 'False', 'ReferenceNotReady');
    expect(condition(waiting, 'Ready')?.message).toBe('Waiting for Secret google-oauth (clientSecretRef): it does not exist in namespace ' + ns.name);
    expect(await providerNames()).not.toContain('Google');

    const before = await running().awsCalls();
    applySecret('google-oauth', { clientSecret: 'GOCSPX-it-first-0001' });
    const obj = await waitForReady(ns.name, 'identityprovider', 'google');
    const calls = new Map([...callsBetween(before, await running().awsCalls())].filter(([op]) => op.endsWith('IdentityProvider')));
    console.log(`IdentityProvider create: AWS calls ${JSON.stringify(Object.fromEntries(calls))}`);
    // Look for it, create (its answer is the provider: nothing read back): 1 read. The new Secret
    // can reach the operator twice (its watch's first list and the event), and a second pass
    // observes once more; never more.
    expect(calls.get('DescribeIdentityProvider')).toBeGreaterThanOrEqual(1);
    expect(calls.get('DescribeIdentityProvider')).toBeLessThanOrEqual(2);
    expect(calls.get('CreateIdentityProvider')).toBe(1);

    expect(obj.metadata.annotations?.['cognito.operator.dev/external-id']).toBe('Google');
    expect(obj.status).toMatchObject({ id: 'Google', providerName: 'Google', observedGeneration: obj.metadata.generation });
    expect(condition(obj, 'Ready')?.reason).toBe('Available');
    await waitForEvent(ns.name, 'google', 'Created');
  });

  it('made AWS match: details with the secret, mapping, identifiers', async () => {
    const p = await describeProvider('Google');
    expect(p.ProviderType).toBe('Google');
    expect(p.ProviderDetails).toMatchObject({ ...googleSpec.providerDetails, client_secret: 'GOCSPX-it-first-0001' });
    // Cognito's own endpoints are there, and are not a difference (the object is Ready).
    expect(p.ProviderDetails?.authorize_url).toBe('https://accounts.google.com/o/oauth2/v2/auth');
    expect(p.AttributeMapping).toEqual(googleSpec.attributeMapping);
    expect(p.IdpIdentifiers).toEqual(['gmail.com']);
  });

  it('updates AWS within seconds when the Secret is rotated', async () => {
    const rotated = 'GOCSPX-it-rotated-0002';
    const started = Date.now();
    applySecret('google-oauth', { clientSecret: rotated });
    // Resync is 10 minutes: within this wait only the Secret watch can explain the update.
    await waitFor('rotated secret in AWS', async () => (await describeProvider('Google')).ProviderDetails?.client_secret === rotated || undefined, { timeoutMs: 60_000 });
    const seconds = (Date.now() - started) / 1000;
    console.log(`Secret rotation → AWS client_secret updated in ${seconds.toFixed(1)}s (resync 10m)`);
    // A rotation is an update that follows a reference, not drift; the Event names the path only.
    const event = await waitFor('an Event naming clientSecretRef', () =>
      eventsFor(ns.name, 'google').find((e) => e.reason === 'Updated' && e.message.includes('clientSecretRef')),
    );
    expect(event.message).not.toContain(rotated);
    console.log(`Secret rotation Event: ${event.reason}: ${event.message}`);
    await waitForGeneration('google');
  });

  it('updates every section, keeping what Cognito derives', async () => {
    applyProvider('google', {
      ...googleSpec,
      providerDetails: { client_id: 'it-web2.apps.googleusercontent.com', authorize_scopes: 'openid email' },
      attributeMapping: { email: 'email', name: 'name' },
      idpIdentifiers: ['gmail.com', 'googlemail.com'],
    });
    const obj = await waitForGeneration('google');
    expect(obj.metadata.generation).toBe(2);
    const p = await describeProvider('Google');
    expect(p.ProviderDetails).toMatchObject({ client_id: 'it-web2.apps.googleusercontent.com', authorize_scopes: 'openid email', client_secret: 'GOCSPX-it-rotated-0002' });
    expect(p.ProviderDetails?.token_url).toBe('https://www.googleapis.com/oauth2/v4/token');
    expect(p.AttributeMapping).toEqual({ email: 'email', name: 'name' });
    expect([...(p.IdpIdentifiers ?? [])].sort()).toEqual(['gmail.com', 'googlemail.com']);
  });
});

describe('OIDC', () => {
  it('becomes Ready with AWS matching the spec', async () => {
    applySecret('corp-oidc', { 'client-secret': 'oidc-it-secret-0001' });
    applyProvider('corp-oidc', oidcSpec);
    const obj = await waitForReady(ns.name, 'identityprovider', 'corp-oidc');
    expect(obj.status).toMatchObject({ id: 'it-corp-oidc', providerName: 'it-corp-oidc' });
    const p = await describeProvider('it-corp-oidc');
    expect(p.ProviderType).toBe('OIDC');
    expect(p.ProviderDetails).toMatchObject({ ...oidcSpec.providerDetails, client_secret: 'oidc-it-secret-0001' });
    // Endpoints Cognito discovered from the issuer.
    expect(p.ProviderDetails?.jwks_uri).toBe('https://login.corp.example.com/.well-known/jwks.json');
    expect(p.AttributeMapping).toEqual({ username: 'sub' });
  });

  it('updates what the spec names and keeps what it does not', async () => {
    // A console user sets things the spec does not name.
    await changeInAws('it-corp-oidc', (p) => ({
      ProviderDetails: { ...p.ProviderDetails, attributes_request_method: 'POST' },
      AttributeMapping: { username: 'sub', email: 'mail' },
      IdpIdentifiers: ['corp'],
    }));
    applyProvider('corp-oidc', { ...oidcSpec, providerDetails: { ...oidcSpec.providerDetails, authorize_scopes: 'openid email profile', oidc_issuer: 'https://id.corp.example.com' } });
    await waitForGeneration('corp-oidc');
    const p = await describeProvider('it-corp-oidc');
    expect(p.ProviderDetails).toMatchObject({
      authorize_scopes: 'openid email profile',
      oidc_issuer: 'https://id.corp.example.com',
      attributes_request_method: 'POST',
      client_secret: 'oidc-it-secret-0001',
      // Discovered from the new issuer: the old issuer's endpoints were not sent back.
      jwks_uri: 'https://id.corp.example.com/.well-known/jwks.json',
    });
    expect(p.AttributeMapping).toEqual({ username: 'sub', email: 'mail' });
    expect(p.IdpIdentifiers).toEqual(['corp']);
  });

  it('updates AWS within seconds when its Secret is rotated', async () => {
    const started = Date.now();
    applySecret('corp-oidc', { 'client-secret': 'oidc-it-secret-0002' });
    await waitFor('rotated OIDC secret in AWS', async () => (await describeProvider('it-corp-oidc')).ProviderDetails?.client_secret === 'oidc-it-secret-0002' || undefined, {
      timeoutMs: 30_000,
    });
    console.log(`Secret rotation (OIDC) → AWS updated in ${((Date.now() - started) / 1000).toFixed(1)}s (resync 10m)`);
  });
});

describe('SAML', () => {
  it('with a MetadataURL becomes Ready; the certificate and binding URIs Cognito adds are no difference', async () => {
    applyProvider('corp-saml', samlSpec);
    const obj = await waitForReady(ns.name, 'identityprovider', 'corp-saml');
    expect(obj.status).toMatchObject({ id: 'it-corp-saml', providerName: 'it-corp-saml' });
    const p = await describeProvider('it-corp-saml');
    expect(p.ProviderDetails).toMatchObject(samlSpec.providerDetails);
    expect(p.ProviderDetails?.ActiveEncryptionCertificate).toBeDefined();
    expect(p.ProviderDetails?.SSORedirectBindingURI).toBe('https://idp.corp.example.com/sso/saml');
    expect(p.AttributeMapping).toEqual(samlSpec.attributeMapping);
    expect(p.IdpIdentifiers).toEqual(['corp.example.com']);
  });

  it('with metadata in a Secret: created from it, and updated when it changes', async () => {
    applySecret('partner-saml', { 'metadata.xml': samlMetadata('idp.partner.example.com') });
    applyProvider('partner-saml', {
      providerType: 'SAML',
      providerName: 'it-partner-saml',
      providerDetails: { IDPSignout: 'false' },
      metadataFileRef: { kind: 'Secret', name: 'partner-saml', key: 'metadata.xml' },
      idpIdentifiers: ['partner.example.com'],
    });
    await waitForReady(ns.name, 'identityprovider', 'partner-saml');
    const p = await describeProvider('it-partner-saml');
    expect(p.ProviderDetails).toMatchObject({ MetadataFile: samlMetadata('idp.partner.example.com'), IDPSignout: 'false', SSORedirectBindingURI: 'https://idp.partner.example.com/sso' });

    const started = Date.now();
    applySecret('partner-saml', { 'metadata.xml': samlMetadata('idp2.partner.example.com') });
    await waitFor('new metadata in AWS', async () => (await describeProvider('it-partner-saml')).ProviderDetails?.MetadataFile === samlMetadata('idp2.partner.example.com') || undefined, {
      timeoutMs: 30_000,
    });
    console.log(`Secret rotation (SAML metadata) → AWS updated in ${((Date.now() - started) / 1000).toFixed(1)}s (resync 10m)`);
    // The binding URIs follow the new metadata: the old ones were not sent back.
    expect((await describeProvider('it-partner-saml')).ProviderDetails?.SSORedirectBindingURI).toBe('https://idp2.partner.example.com/sso');
  });
});

describe('SignInWithApple', () => {
  const pem = (n: number) => `-----BEGIN PRIVATE KEY-----\nMIGTAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBHkwdwIBAQQg${n}it\n-----END PRIVATE KEY-----\n`;

  it('sends the private key, which AWS never returns, and records only its fingerprint', async () => {
    applySecret('apple-key', { 'key.p8': pem(1) });
    applyProvider('apple', {
      providerType: 'SignInWithApple',
      providerName: 'SignInWithApple',
      providerDetails: { client_id: 'com.example.it', team_id: 'TEAMIT0001', key_id: 'KEYIT00001', authorize_scopes: 'email name' },
      privateKeyRef: { name: 'apple-key', key: 'key.p8' },
    });
    const obj = await waitForReady(ns.name, 'identityprovider', 'apple');
    const recorded = obj.status?.secretFingerprints as Record<string, string> | undefined;
    expect(recorded?.private_key).toMatch(/^sha256:[0-9a-f]{64}$/);
    const p = await describeProvider('SignInWithApple');
    expect(p.ProviderDetails).toMatchObject({ client_id: 'com.example.it', team_id: 'TEAMIT0001', key_id: 'KEYIT00001' });
    expect(p.ProviderDetails).not.toHaveProperty('private_key');
  });

  it('sends a rotated key once, told apart by its fingerprint', async () => {
    const before = await running().awsCalls();
    const first = getObject(ns.name, 'identityprovider', 'apple')?.status?.secretFingerprints as Record<string, string>;
    applySecret('apple-key', { 'key.p8': pem(2) });
    const obj = await waitFor('a new fingerprint in status', () => {
      const got = getObject(ns.name, 'identityprovider', 'apple');
      const now = got?.status?.secretFingerprints as Record<string, string> | undefined;
      return now?.private_key && now.private_key !== first.private_key ? got : undefined;
    });
    expect(condition(obj, 'Ready')?.status).toBe('True');
    expect(callsBetween(before, await running().awsCalls()).get('UpdateIdentityProvider')).toBe(1);
  });
});

describe('adoption', () => {
  it('adopts a provider made outside Kubernetes and applies the spec to it', async () => {
    await aws.send(
      new CreateIdentityProviderCommand({
        UserPoolId: poolId,
        ProviderName: 'it-legacy-oidc',
        ProviderType: 'OIDC',
        ProviderDetails: { client_id: 'legacy', client_secret: 'legacy-console-secret', oidc_issuer: 'https://legacy.example.com', authorize_scopes: 'openid' },
        AttributeMapping: { username: 'sub', email: 'email' },
      }),
    );
    applySecret('legacy-oidc', { secret: 'legacy-it-secret-0001' });
    applyProvider(
      'legacy',
      {
        providerType: 'OIDC',
        providerName: 'it-legacy-oidc',
        providerDetails: { client_id: 'legacy', oidc_issuer: 'https://legacy.example.com', authorize_scopes: 'openid email' },
        clientSecretRef: { name: 'legacy-oidc', key: 'secret' },
      },
      { 'cognito.operator.dev/external-id': 'it-legacy-oidc' },
    );
    const obj = await waitForReady(ns.name, 'identityprovider', 'legacy');
    expect(condition(obj, 'Ready')?.reason).toBe('Adopted');
    expect(obj.status?.id).toBe('it-legacy-oidc');
    const p = await describeProvider('it-legacy-oidc');
    expect(p.ProviderDetails).toMatchObject({ authorize_scopes: 'openid email', client_secret: 'legacy-it-secret-0001' });
    // The spec names no mapping: the console's is kept.
    expect(p.AttributeMapping).toEqual({ username: 'sub', email: 'email' });
    expect((await providerNames()).filter((n) => n === 'it-legacy-oidc')).toHaveLength(1);
  });

  it('stalls on a provider of another type instead of changing or replacing it', async () => {
    await aws.send(
      new CreateIdentityProviderCommand({ UserPoolId: poolId, ProviderName: 'it-other-type', ProviderType: 'SAML', ProviderDetails: { MetadataURL: 'https://other.example.com/metadata' } }),
    );
    applyProvider('other-type', { ...oidcSpec, providerName: 'it-other-type' }, { 'cognito.operator.dev/external-id': 'it-other-type' });
    const obj = await waitForCondition(ns.name, 'identityprovider', 'other-type', 'Stalled', 'True', 'InvalidSpec');
    expect(condition(obj, 'Ready')?.message).toContain('is of type SAML, not OIDC');
    expect((await describeProvider('it-other-type')).ProviderType).toBe('SAML');
  });
});

describe('errors and deletion', () => {
  it('stalls with AWS’s message when AWS rejects the spec, and recovers when it is fixed', async () => {
    // The CRD cannot know that another provider of the pool has this identifier; AWS refuses it.
    applyProvider('rival-saml', { ...samlSpec, providerName: 'it-rival-saml', providerDetails: { MetadataURL: 'https://rival.example.com/metadata' } });
    const obj = await waitForCondition(ns.name, 'identityprovider', 'rival-saml', 'Stalled', 'True', 'InvalidSpec');
    expect(condition(obj, 'Ready')).toMatchObject({ status: 'False', message: expect.stringMatching(/InvalidParameterException: .*corp\.example\.com/) });
    expect(condition(obj, 'Synced')?.status).toBe('False');
    await waitForEvent(ns.name, 'rival-saml', 'InvalidSpec');
    expect(await providerNames()).not.toContain('it-rival-saml');

    applyProvider('rival-saml', { ...samlSpec, providerName: 'it-rival-saml', providerDetails: { MetadataURL: 'https://rival.example.com/metadata' }, idpIdentifiers: ['rival.example.com'] });
    await waitForGeneration('rival-saml');
    expect((await describeProvider('it-rival-saml')).IdpIdentifiers).toEqual(['rival.example.com']);
  });

  it('is deleted from AWS with deletionPolicy Delete (the default)', async () => {
    expect(getObject(ns.name, 'identityprovider', 'rival-saml')?.spec.deletionPolicy).toBe('Delete');
    kubectlOk(['delete', 'identityprovider', 'rival-saml', '-n', ns.name, '--wait=false']);
    await waitForGone(ns.name, 'identityprovider', 'rival-saml');
    await expect(describeProvider('it-rival-saml')).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    await waitForEvent(ns.name, 'rival-saml', 'Deleted');
  });

  it('stays in AWS with deletionPolicy Retain', async () => {
    applyProvider('kept-saml', {
      providerType: 'SAML',
      providerName: 'it-kept-saml',
      deletionPolicy: 'Retain',
      providerDetails: { MetadataURL: 'https://kept.example.com/metadata' },
    });
    await waitForReady(ns.name, 'identityprovider', 'kept-saml');
    kubectlOk(['delete', 'identityprovider', 'kept-saml', '-n', ns.name]);
    await waitForGone(ns.name, 'identityprovider', 'kept-saml');
    expect((await describeProvider('it-kept-saml')).ProviderName).toBe('it-kept-saml');
  });
});

// -------------------------------------------------------------- 2. operator, resync 3 s

describe('resync', () => {
  beforeAll(async () => {
    await running().stop();
    operator = await start({ resyncInterval: `${shortResyncSeconds}s` });
  });

  it('makes no write call when nothing changed, and one read per provider per resync', async () => {
    await expectNoOpResync({ operator: running(), namespace: ns.name, plural: 'identityproviders', readOperation: 'DescribeIdentityProvider', noun: 'provider', resyncSeconds: shortResyncSeconds });
  });

  it('corrects drift made directly in AWS, with an Event', async () => {
    await changeInAws('Google', (p) => ({ ProviderDetails: { ...p.ProviderDetails, client_id: 'console-changed', client_secret: 'console-secret' } }));
    await changeInAws('it-corp-saml', () => ({ IdpIdentifiers: ['corp.example.com', 'console.example.com'] }));
    await waitFor(
      'drift corrected',
      async () => {
        const google = await describeProvider('Google');
        const saml = await describeProvider('it-corp-saml');
        return (
          (google.ProviderDetails?.client_id === 'it-web2.apps.googleusercontent.com' &&
            google.ProviderDetails.client_secret === 'GOCSPX-it-rotated-0002' &&
            saml.IdpIdentifiers?.length === 1) ||
          undefined
        );
      },
      { timeoutMs: 6 * shortResyncSeconds * 1000 },
    );
    const event = await waitFor('DriftCorrected for the client ID', () =>
      eventsFor(ns.name, 'google').find((e) => e.reason === 'DriftCorrected' && e.message.includes('providerDetails.client_id')),
    );
    expect(event.message).toContain('clientSecretRef');
    expect((await waitForEvent(ns.name, 'corp-saml', 'DriftCorrected')).message).toContain('idpIdentifiers');
  });
});

// --------------------------------------------------------------------- 3. crash safety

describe('crash safety', () => {
  it('creates exactly one provider when killed right after CreateIdentityProvider', async () => {
    await running().stop();
    operator = undefined;
    const crashing = await start({ env: { COGNITO_OPERATOR_TEST_CRASH_AFTER: 'CreateIdentityProvider' } });
    applyProvider('crashy', { ...oidcSpec, providerName: 'it-crashy-oidc' });
    let timer: NodeJS.Timeout | undefined;
    const code = await Promise.race([crashing.exited, new Promise((r) => (timer = setTimeout(() => r('still running'), 30_000)))]);
    clearTimeout(timer);
    expect(code).not.toBe('still running');
    expect(await providerNames()).toContain('it-crashy-oidc');
    expect(getObject(ns.name, 'identityprovider', 'crashy')?.metadata.annotations?.['cognito.operator.dev/external-id']).toBeUndefined();

    operator = await start();
    const obj = await waitForReady(ns.name, 'identityprovider', 'crashy');
    expect(obj.status?.id).toBe('it-crashy-oidc');
    expect(obj.metadata.annotations?.['cognito.operator.dev/external-id']).toBe('it-crashy-oidc');
    expect((await providerNames()).filter((n) => n === 'it-crashy-oidc')).toHaveLength(1);
  });
});

describe('secrecy', () => {
  it('never writes a secret value into logs, Events or status', () => {
    expect(secretValues.size).toBeGreaterThan(0);
    for (const op of operators) expectNoSecretIn(readFileSync(op.logFile, 'utf8'), `operator log ${op.logFile}`);
    for (const name of ['google', 'corp-oidc', 'partner-saml', 'apple', 'legacy', 'corp-saml', 'crashy']) {
      expectNoSecretIn(JSON.stringify(eventsFor(ns.name, name)), `Events of ${name}`);
      expectNoSecretIn(JSON.stringify(getObject(ns.name, 'identityprovider', name)), `IdentityProvider ${name}`);
    }
  });
});
