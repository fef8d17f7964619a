import type { V1Secret } from '@kubernetes/client-node';
import { kubeApiUsing } from '../../../test/unit/support/fakes';
import pino from 'pino';
import type { AwsClients } from '../../aws/clients';
import type { KubeApi } from '../../kube/client';
import type { CustomObject } from '../../kube/objects';
import type { ObjectLookup } from '../../reconciler/kind';
import type { KindDeps } from '../kinds';
import { identityProviderKind } from './kind';
import type { IdentityProviderSpec } from './schema';

const namespace = 'shop';
const poolId = 'eu-west-1_AbCdEf123';

function encode(data: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v, 'utf8').toString('base64')]));
}

/** A KubeApi that knows some Secrets (and, when given, ConfigMaps). */
function fakeApi(secrets: Record<string, Record<string, string>>, configMaps?: Record<string, Record<string, string>>): KubeApi {
  return kubeApiUsing('IdentityProvider', {
    async getSecret(ns, name): Promise<V1Secret | undefined> {
      const data = ns === namespace ? secrets[name] : undefined;
      return data && { metadata: { name, namespace: ns }, data: encode(data) };
    },
    async getConfigMap(ns, name) {
      const data = ns === namespace ? configMaps?.[name] : undefined;
      return data && { data };
    },
  });
}

function customObject(kind: string, name: string, spec: unknown, status: unknown = {}, deleting = false): CustomObject {
  return {
    apiVersion: 'cognito.operator.dev/v1alpha1',
    kind,
    metadata: { name, namespace, uid: `${name}-uid`, generation: 1, resourceVersion: '1', annotations: {}, finalizers: [], ...(deleting ? { deletionTimestamp: '2025-01-01T00:00:00Z' } : {}) },
    spec,
    status,
  };
}

const readyPool = (spec: Record<string, unknown> = {}) =>
  customObject('UserPool', 'shop-users', { deletionPolicy: 'Retain', ...spec }, { id: poolId, conditions: [{ type: 'Ready', status: 'True', reason: 'Available', message: 'AWS matches the spec', lastTransitionTime: '2025-01-01T00:00:00Z' }] });

function lookupOf(objects: CustomObject[]): ObjectLookup {
  return {
    get: (kind, ns, name) => objects.find((o) => o.kind === kind && o.metadata.namespace === ns && o.metadata.name === name),
    dependentsOf: () => [],
  };
}

const noAws = () => {
  throw new Error('not used by IdentityProvider');
};
const aws: AwsClients = { defaultRegion: 'eu-west-1', identityProvider: noAws, identity: noAws };

function deps(objects: CustomObject[], api: KubeApi): KindDeps {
  return { aws, lookup: lookupOf(objects), api, logger: pino({ level: 'silent' }) };
}

const google: IdentityProviderSpec = {
  deletionPolicy: 'Delete',
  userPoolRef: { name: 'shop-users' },
  providerType: 'Google',
  providerName: 'Google',
  providerDetails: { client_id: 'web' },
  clientSecretRef: { name: 'google-oauth', key: 'clientSecret' },
};

const samlFromSecret: IdentityProviderSpec = {
  deletionPolicy: 'Delete',
  userPoolRef: { name: 'shop-users' },
  providerType: 'SAML',
  metadataFileRef: { kind: 'Secret', name: 'corp-saml', key: 'metadata.xml' },
};

const samlFromConfigMap: IdentityProviderSpec = { ...samlFromSecret, metadataFileRef: { kind: 'ConfigMap', name: 'corp-saml', key: 'metadata.xml' } };

describe('identityProviderKind', () => {
  it('names the resource and its noun', () => {
    const kind = identityProviderKind(deps([], fakeApi({})));
    expect(kind.resource).toEqual({ group: 'cognito.operator.dev', version: 'v1alpha1', plural: 'identityproviders', kind: 'IdentityProvider' });
    expect(kind.noun).toBe('identity provider');
  });

  it('references the pool and each Secret once; a ConfigMap is not watched', () => {
    const kind = identityProviderKind(deps([], fakeApi({})));
    expect(kind.referencesOf?.(customObject('IdentityProvider', 'google', google))).toEqual([
      { kind: 'UserPool', name: 'shop-users' },
      { kind: 'Secret', name: 'google-oauth' },
    ]);
    expect(kind.referencesOf?.(customObject('IdentityProvider', 'saml', samlFromSecret))).toEqual([
      { kind: 'UserPool', name: 'shop-users' },
      { kind: 'Secret', name: 'corp-saml' },
    ]);
    expect(kind.referencesOf?.(customObject('IdentityProvider', 'saml', samlFromConfigMap))).toEqual([{ kind: 'UserPool', name: 'shop-users' }]);
  });

  it('puts the provider name, its pool and fingerprints in status, never a value', () => {
    const kind = identityProviderKind(deps([], fakeApi({})));
    expect(kind.statusOutputs({ providerName: 'Google', userPoolId: poolId, secretFingerprints: {} })).toEqual({ providerName: 'Google', userPoolId: poolId });
    expect(kind.statusOutputs({ providerName: 'SignInWithApple', userPoolId: poolId, secretFingerprints: { private_key: 'sha256:00' } })).toEqual({
      providerName: 'SignInWithApple',
      userPoolId: poolId,
      secretFingerprints: { private_key: 'sha256:00' },
    });
  });
});

describe('resolve', () => {
  it('waits for the UserPool', async () => {
    const kind = identityProviderKind(deps([], fakeApi({ 'google-oauth': { clientSecret: 's' } })));
    await expect(kind.resolve(customObject('IdentityProvider', 'google', google))).resolves.toEqual({
      ready: false,
      message: 'Waiting for UserPool shop-users: it does not exist in namespace shop',
    });
  });

  it('waits for a missing Secret, naming it and never a value', async () => {
    const kind = identityProviderKind(deps([readyPool()], fakeApi({})));
    await expect(kind.resolve(customObject('IdentityProvider', 'google', google))).resolves.toEqual({
      ready: false,
      message: 'Waiting for Secret google-oauth (clientSecretRef): it does not exist in namespace shop',
    });
  });

  it('waits for a missing or empty key', async () => {
    const missing = identityProviderKind(deps([readyPool()], fakeApi({ 'google-oauth': { other: 'x' } })));
    await expect(missing.resolve(customObject('IdentityProvider', 'google', google))).resolves.toEqual({
      ready: false,
      message: 'Waiting for key clientSecret in Secret google-oauth (clientSecretRef)',
    });
    const empty = identityProviderKind(deps([readyPool()], fakeApi({ 'google-oauth': { clientSecret: ' \n' } })));
    await expect(empty.resolve(customObject('IdentityProvider', 'google', google))).resolves.toEqual({
      ready: false,
      message: 'Waiting for key clientSecret in Secret google-oauth (clientSecretRef): it is empty',
    });
  });

  it('gives the pool ID, its region, the trimmed secret and the recorded fingerprints', async () => {
    const kind = identityProviderKind(deps([readyPool({ region: 'eu-central-1' })], fakeApi({ 'google-oauth': { clientSecret: 'GOCSPX-1\n' } })));
    const obj = customObject('IdentityProvider', 'google', google, { secretFingerprints: { private_key: 'sha256:ab', junk: 3 } });
    await expect(kind.resolve(obj)).resolves.toEqual({
      ready: true,
      refs: { userPoolId: poolId, region: 'eu-central-1', secrets: { clientSecret: 'GOCSPX-1' }, appliedFingerprints: { private_key: 'sha256:ab' } },
    });
  });

  it('defaults the region to the operator’s', async () => {
    const kind = identityProviderKind(deps([readyPool()], fakeApi({ 'google-oauth': { clientSecret: 's' } })));
    await expect(kind.resolve(customObject('IdentityProvider', 'google', google))).resolves.toMatchObject({ ready: true, refs: { region: 'eu-west-1' } });
  });

  it('refuses a region other than the pool’s', async () => {
    const kind = identityProviderKind(deps([readyPool()], fakeApi({ 'google-oauth': { clientSecret: 's' } })));
    const got = await kind.resolve(customObject('IdentityProvider', 'google', { ...google, region: 'us-east-1' }));
    expect(got).toMatchObject({ ready: false, message: expect.stringContaining('not the region of UserPool shop-users (eu-west-1)') });
  });

  it('reads SAML metadata from a Secret', async () => {
    const kind = identityProviderKind(deps([readyPool()], fakeApi({ 'corp-saml': { 'metadata.xml': '<x/>' } })));
    await expect(kind.resolve(customObject('IdentityProvider', 'saml', samlFromSecret))).resolves.toMatchObject({ ready: true, refs: { secrets: { metadataFile: '<x/>' } } });
  });

  it('reads SAML metadata from a ConfigMap when the API client can', async () => {
    const kind = identityProviderKind(deps([readyPool()], fakeApi({}, { 'corp-saml': { 'metadata.xml': '<x/>' } })));
    await expect(kind.resolve(customObject('IdentityProvider', 'saml', samlFromConfigMap))).resolves.toMatchObject({ ready: true, refs: { secrets: { metadataFile: '<x/>' } } });
    const absent = identityProviderKind(deps([readyPool()], fakeApi({}, {})));
    await expect(absent.resolve(customObject('IdentityProvider', 'saml', samlFromConfigMap))).resolves.toEqual({
      ready: false,
      message: 'Waiting for ConfigMap corp-saml (metadataFileRef): it does not exist in namespace shop',
    });
  });

  it('waits for a missing metadata ConfigMap, naming it', async () => {
    const kind = identityProviderKind(deps([readyPool()], fakeApi({})));
    await expect(kind.resolve(customObject('IdentityProvider', 'saml', samlFromConfigMap))).resolves.toMatchObject({
      ready: false,
      message: expect.stringContaining('ConfigMap corp-saml (metadataFileRef)'),
    });
  });

  it('does not hold a deletion up for a missing Secret', async () => {
    const kind = identityProviderKind(deps([readyPool()], fakeApi({})));
    await expect(kind.resolve(customObject('IdentityProvider', 'google', google, {}, true))).resolves.toEqual({
      ready: true,
      refs: { userPoolId: poolId, region: 'eu-west-1', secrets: {}, appliedFingerprints: {} },
    });
  });
});
