import type { V1Secret } from '@kubernetes/client-node';
import { kubeApiUsing } from '../../../test/unit/support/fakes';
import pino from 'pino';
import type { AwsClients } from '../../aws/clients';
import type { CustomObject } from '../../kube/objects';
import type { ObjectLookup } from '../../reconciler/kind';
import { appClientKind, providerNameOf, referencesOf, resolveAppClient } from './kind';
import type { AppClientOutputs } from './mapping';
import { SecretValue } from './mapping';

const ns = 'shop';
const poolId = 'eu-west-1_AbCdEf123';
const issuerUrl = `https://cognito-idp.eu-west-1.amazonaws.com/${poolId}`;
const hostedUiUrl = 'https://shop-login.auth.eu-west-1.amazoncognito.com';

const at = '2026-01-01T00:00:00Z';
const ready = { conditions: [{ type: 'Ready', status: 'True', reason: 'Available', message: 'AWS matches the spec', lastTransitionTime: at }] };
const notReady = { conditions: [{ type: 'Ready', status: 'False', reason: 'Creating', message: 'Creating the user pool', lastTransitionTime: at }] };

function obj(kind: string, name: string, spec: Record<string, unknown>, status: unknown = {}, extra: Partial<CustomObject['metadata']> = {}): CustomObject {
  return {
    apiVersion: 'cognito.operator.dev/v1alpha1',
    kind,
    metadata: { name, namespace: ns, uid: `${name}-uid`, generation: 1, resourceVersion: '1', annotations: {}, finalizers: [], ...extra },
    spec,
    status,
  };
}

const pool = (status: unknown = { ...ready, id: poolId, issuerUrl, hostedUiUrl }, spec: Record<string, unknown> = {}) => obj('UserPool', 'shop-users', spec, status);
const provider = (name: string, spec: Record<string, unknown> = {}, status: unknown = ready) =>
  obj('IdentityProvider', name, { userPoolRef: { name: 'shop-users' }, providerType: 'OIDC', ...spec }, status);
const server = (name: string, spec: Record<string, unknown> = {}, status: unknown = ready) =>
  obj('ResourceServer', name, { userPoolRef: { name: 'shop-users' }, identifier: name, ...spec }, status);
const appClient = (spec: Record<string, unknown> = {}, extra: Partial<CustomObject['metadata']> = {}, status: unknown = {}) =>
  obj('AppClient', 'web', { deletionPolicy: 'Delete', userPoolRef: { name: 'shop-users' }, generateSecret: true, ...spec }, status, extra);

function lookupOf(...objects: CustomObject[]): ObjectLookup {
  return {
    get: (kind, namespace, name) => objects.find((o) => o.kind === kind && o.metadata.namespace === namespace && o.metadata.name === name),
    dependentsOf: () => [],
  };
}

const deps = (...objects: CustomObject[]) => ({ lookup: lookupOf(...objects), defaultRegion: 'eu-west-1' });

describe('resolveAppClient', () => {
  it('waits for a UserPool that does not exist, naming it', () => {
    expect(resolveAppClient(deps(), appClient())).toEqual({ ready: false, message: `Waiting for UserPool shop-users: it does not exist in namespace ${ns}` });
  });

  it('waits for a stalled UserPool naming its reason', () => {
    const stalled = { conditions: [{ type: 'Ready', status: 'False', reason: 'InvalidSpec', message: 'AWS refused', lastTransitionTime: at }, { type: 'Stalled', status: 'True', reason: 'InvalidSpec', message: 'AWS refused', lastTransitionTime: at }] };
    expect(resolveAppClient(deps(pool(stalled)), appClient())).toEqual({ ready: false, message: 'Waiting for UserPool shop-users to be Ready (InvalidSpec)' });
  });

  it('waits for a UserPool that is progressing with one message that does not change at each of its steps', () => {
    expect(resolveAppClient(deps(pool(notReady)), appClient())).toEqual({ ready: false, message: 'Waiting for UserPool shop-users to be Ready' });
  });

  it('names every reference it waits for', () => {
    const got = resolveAppClient(deps(pool(notReady), provider('google', {}, notReady)), appClient({ identityProviderRefs: [{ name: 'google' }, { name: 'corp' }] }));
    expect(got).toEqual({
      ready: false,
      message: [
        'Waiting for UserPool shop-users to be Ready',
        'Waiting for IdentityProvider google to be Ready',
        `Waiting for IdentityProvider corp: it does not exist in namespace ${ns}`,
      ].join('; '),
    });
  });

  it('refuses a provider of another pool', () => {
    const got = resolveAppClient(deps(pool(), provider('google', { userPoolRef: { name: 'other' } })), appClient({ identityProviderRefs: [{ name: 'google' }] }));
    expect(got).toEqual({ ready: false, message: expect.stringContaining('IdentityProvider google belongs to UserPool other, not shop-users') });
  });

  it('waits for every resource server until it is Ready, naming each', () => {
    const spec = { resourceServerRefs: [{ name: 'orders' }, { name: 'billing' }] };
    const got = resolveAppClient(deps(pool(), server('orders', {}, notReady)), appClient(spec));
    expect(got).toEqual({
      ready: false,
      message: ['Waiting for ResourceServer orders to be Ready', `Waiting for ResourceServer billing: it does not exist in namespace ${ns}`].join('; '),
    });
    const once = resolveAppClient(deps(pool(), server('orders'), server('billing')), appClient(spec));
    expect(once).toEqual({ ready: true, refs: expect.objectContaining({ userPoolId: poolId }) });
  });

  it('refuses a resource server of another pool', () => {
    const got = resolveAppClient(deps(pool(), server('orders', { userPoolRef: { name: 'other' } })), appClient({ resourceServerRefs: [{ name: 'orders' }] }));
    expect(got).toEqual({ ready: false, message: 'ResourceServer orders belongs to UserPool other, not shop-users: an app client can only request its own pool\'s scopes' });
  });

  it('refuses a region other than the pool’s', () => {
    const got = resolveAppClient(deps(pool(undefined, { region: 'us-east-1' })), appClient({ region: 'eu-west-1' }));
    expect(got).toEqual({ ready: false, message: expect.stringContaining("spec.region eu-west-1 differs from UserPool shop-users's region us-east-1") });
  });

  it('gives the pool’s identity and the providers’ AWS names once all are Ready', () => {
    const got = resolveAppClient(
      deps(pool(undefined, { region: 'eu-west-1' }), provider('google', { providerType: 'Google', providerName: 'Google' }), provider('corp-sso')),
      appClient({ identityProviderRefs: [{ name: 'google' }, { name: 'corp-sso' }] }),
    );
    expect(got).toEqual({ ready: true, refs: { userPoolId: poolId, region: 'eu-west-1', issuerUrl, hostedUiUrl, providerNames: ['Google', 'corp-sso'] } });
  });

  it('uses the operator’s region for a pool that names none, and leaves hostedUiUrl out without a domain', () => {
    const got = resolveAppClient(deps(pool({ ...ready, id: poolId, issuerUrl })), appClient());
    expect(got).toEqual({ ready: true, refs: { userPoolId: poolId, region: 'eu-west-1', issuerUrl, providerNames: [] } });
  });

  it('fails loudly on a Ready pool without an ID', () => {
    expect(() => resolveAppClient(deps(pool({ ...ready })), appClient())).toThrow('UserPool shop-users is Ready but has no status.id');
  });

  describe('while the AppClient is being deleted', () => {
    const deleting = { deletionTimestamp: '2026-01-01T00:00:00Z', finalizers: ['cognito.operator.dev/finalizer'] };

    it('needs only the pool’s ID, even from a pool that is itself being deleted; provider names are unknown', () => {
      const poolDeleting = { ...pool(notReady), metadata: { ...pool().metadata, deletionTimestamp: '2026-01-01T00:00:00Z' }, status: { ...notReady, id: poolId, issuerUrl } };
      const got = resolveAppClient(deps(poolDeleting), appClient({ identityProviderRefs: [{ name: 'google' }] }, deleting));
      expect(got).toEqual({ ready: true, refs: { userPoolId: poolId, region: 'eu-west-1', issuerUrl } });
    });

    it('cannot delete anything once the pool is gone', () => {
      expect(resolveAppClient(deps(), appClient({}, deleting))).toEqual({ ready: false, message: 'UserPool shop-users no longer has a user pool ID' });
    });
  });
});

describe('referencesOf', () => {
  it('names the pool, every provider and every resource server', () => {
    expect(referencesOf(appClient({ identityProviderRefs: [{ name: 'google' }, { name: 'corp' }], resourceServerRefs: [{ name: 'orders' }] }))).toEqual([
      { kind: 'UserPool', name: 'shop-users' },
      { kind: 'IdentityProvider', name: 'google' },
      { kind: 'IdentityProvider', name: 'corp' },
      { kind: 'ResourceServer', name: 'orders' },
    ]);
  });

  it('copes with an object without a spec', () => {
    expect(referencesOf(obj('AppClient', 'web', undefined as unknown as Record<string, unknown>))).toEqual([]);
  });
});

describe('providerNameOf', () => {
  it.each([
    { spec: { providerName: 'CorpSSO' }, want: 'CorpSSO' },
    { spec: {}, want: 'corp' },
  ])('is $want for spec $spec', ({ spec, want }) => {
    expect(providerNameOf(provider('corp', spec))).toBe(want);
  });
});

/** A KubeApi holding Secrets in memory; everything else is unused here. */
function fakeApi() {
  const secrets = new Map<string, V1Secret>();
  const writes: string[] = [];
  const reads: string[] = [];
  const api = kubeApiUsing('AppClient publishing', {
    getSecret: async (_ns, name) => {
      reads.push(name);
      return secrets.get(name);
    },
    createSecret: async (_ns, secret) => {
      const name = secret.metadata?.name ?? '';
      if (secrets.has(name)) throw new Error(`secrets "${name}" already exists`);
      writes.push(`create ${name}`);
      secrets.set(name, { ...secret, metadata: { ...secret.metadata, resourceVersion: '1' } });
    },
    replaceSecret: async (_ns, secret) => {
      writes.push(`replace ${secret.metadata?.name}`);
      secrets.set(secret.metadata?.name ?? '', secret);
    },
    deleteSecret: async (_ns, name) => {
      writes.push(`delete ${name}`);
      secrets.delete(name);
    },
  });
  const decoded = (name: string) =>
    Object.fromEntries(Object.entries(secrets.get(name)?.data ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64').toString('utf8')]));
  return { api, secrets, writes, reads, decoded };
}

const aws: AwsClients = {
  defaultRegion: 'eu-west-1',
  identityProvider: () => {
    throw new Error('no AWS in these tests');
  },
  identity: () => {
    throw new Error('no AWS in these tests');
  },
};

describe('appClientKind', () => {
  const outputs: AppClientOutputs = { clientId: 'abc123', clientName: 'web', secretName: 'web-cognito', userPoolId: poolId, clientSecret: new SecretValue('s3cr3t') };
  const refs = { userPoolId: poolId, region: 'eu-west-1', issuerUrl, hostedUiUrl, providerNames: [] };

  function kind() {
    const k = fakeApi();
    return { ...k, kind: appClientKind({ aws, lookup: lookupOf(), api: k.api, logger: pino({ level: 'silent' }) }) };
  }

  it('is the AppClient resource', () => {
    expect(kind().kind.resource).toEqual({ group: 'cognito.operator.dev', version: 'v1alpha1', plural: 'appclients', kind: 'AppClient' });
  });

  it('puts the client ID, the Secret’s name and the pool ID in status, never the client secret', () => {
    const status = kind().kind.statusOutputs(outputs);
    expect(status).toEqual({ clientId: 'abc123', secretName: 'web-cognito', userPoolId: poolId });
    expect(JSON.stringify(status)).not.toContain('s3cr3t');
  });

  it('publishes the credentials and the pool’s endpoints to the output Secret, writing only on change', async () => {
    const { kind: k, writes, decoded, secrets } = kind();
    const owner = appClient();
    await k.publish?.(owner, outputs, refs);
    await k.publish?.(owner, outputs, refs);
    expect(writes).toEqual(['create web-cognito']);
    expect(decoded('web-cognito')).toEqual({
      clientId: 'abc123',
      clientSecret: 's3cr3t',
      userPoolId: poolId,
      region: 'eu-west-1',
      issuerUrl,
      authorizeUrl: `${hostedUiUrl}/oauth2/authorize`,
      tokenUrl: `${hostedUiUrl}/oauth2/token`,
      userInfoUrl: `${hostedUiUrl}/oauth2/userInfo`,
      logoutUrl: `${hostedUiUrl}/logout`,
    });
    expect(secrets.get('web-cognito')?.metadata?.ownerReferences).toEqual([
      { apiVersion: 'cognito.operator.dev/v1alpha1', kind: 'AppClient', name: 'web', uid: 'web-uid', controller: true, blockOwnerDeletion: true },
    ]);
  });

  it('moves the Secret when writeSecretTo changes: the old one it owns is removed', async () => {
    const { kind: k, writes, secrets } = kind();
    await k.publish?.(appClient(), outputs, refs);
    const renamed = appClient({ writeSecretTo: { name: 'shop-web' } }, {}, { secretName: 'web-cognito' });
    await k.publish?.(renamed, { ...outputs, secretName: 'shop-web' }, refs);
    expect(writes).toEqual(['create web-cognito', 'create shop-web', 'delete web-cognito']);
    expect([...secrets.keys()]).toEqual(['shop-web']);
  });

  it('reads the output Secret once to create: the preflight’s read serves the publish of the same pass', async () => {
    const { kind: k, reads, writes } = kind();
    const owner = appClient();
    await k.preflight?.(owner);
    await k.publish?.(owner, outputs, refs);
    expect(reads).toEqual(['web-cognito']);
    expect(writes).toEqual(['create web-cognito']);
    // A later pass reads it again.
    await k.publish?.(owner, outputs, refs);
    expect(reads).toEqual(['web-cognito', 'web-cognito']);
  });

  it('fails the publish, and overwrites nothing, when the Secret appeared after the preflight read it', async () => {
    const { kind: k, secrets, writes } = kind();
    const owner = appClient();
    await k.preflight?.(owner);
    secrets.set('web-cognito', { metadata: { name: 'web-cognito', ownerReferences: [] }, data: { mine: 'eA==' } });
    await expect(k.publish?.(owner, outputs, refs)).rejects.toThrow('already exists');
    expect(writes).toEqual([]);
    expect(secrets.get('web-cognito')?.data).toEqual({ mine: 'eA==' });
  });

  it('leaves alone a Secret of that name that it does not own', async () => {
    const { kind: k, secrets, writes } = kind();
    secrets.set('web-cognito', { metadata: { name: 'web-cognito', ownerReferences: [] }, data: {} });
    await expect(k.publish?.(appClient(), outputs, refs)).rejects.toThrow('Secret web-cognito already exists and is not owned by AppClient web');
    expect(writes).toEqual([]);
  });
});
