import type { V1ConfigMap } from '@kubernetes/client-node';
import { kubeApiUsing } from '../../../test/unit/support/fakes';
import type { CustomObject } from '../../kube/objects';
import type { ObjectLookup } from '../../reconciler/kind';
import { resolveManagedLoginBranding } from './kind';

const ns = 'shop';
const poolId = 'eu-central-1_AbCdEf123';
const at = '2026-01-01T00:00:00Z';
const ready = { conditions: [{ type: 'Ready', status: 'True', reason: 'Available', message: 'AWS matches the spec', lastTransitionTime: at }] };

function obj(kind: string, name: string, spec: Record<string, unknown>, status: unknown = {}, extra: Partial<CustomObject['metadata']> = {}): CustomObject {
  return {
    apiVersion: 'cognito.operator.dev/v1alpha1',
    kind,
    metadata: { name, namespace: ns, uid: `${name}-uid`, generation: 1, resourceVersion: '1', annotations: {}, finalizers: [], ...extra },
    spec,
    status,
  };
}

const pool = obj('UserPool', 'shop-users', { region: 'eu-central-1' }, { ...ready, id: poolId });
const client = (status: unknown = { ...ready, clientId: 'client1' }) => obj('AppClient', 'web', { userPoolRef: { name: 'shop-users' } }, status);
const logo = { category: 'PAGE_HEADER_LOGO', colorMode: 'LIGHT', extension: 'SVG', configMapRef: { name: 'brand', key: 'logo.svg' } };
const icon = { category: 'FAVICON_ICO', colorMode: 'DYNAMIC', extension: 'ICO', configMapRef: { name: 'brand', key: 'favicon.ico' } };
const branding = (extra: Partial<CustomObject['metadata']> = {}, status: unknown = {}) =>
  obj('ManagedLoginBranding', 'web-style', { deletionPolicy: 'Delete', appClientRef: { name: 'web' }, settings: {}, assets: [logo, icon] }, status, extra);

function lookupOf(objects: CustomObject[]): ObjectLookup {
  return { get: (kind, namespace, name) => objects.find((o) => o.kind === kind && o.metadata.namespace === namespace && o.metadata.name === name), dependentsOf: () => [] };
}

function apiWith(configMaps: Record<string, V1ConfigMap>) {
  const reads: string[] = [];
  const api = kubeApiUsing('ManagedLoginBranding', {
    getConfigMap: async (_namespace, name) => {
      reads.push(name);
      return configMaps[name];
    },
  });
  return { api, reads };
}

const brand: V1ConfigMap = { data: { 'logo.svg': '<svg/>' }, binaryData: { 'favicon.ico': Buffer.from('ico').toString('base64') } };

describe('resolveManagedLoginBranding', () => {
  it('waits for the AppClient to be Ready', async () => {
    const { api } = apiWith({ brand });
    const got = await resolveManagedLoginBranding({ lookup: lookupOf([pool, client({})]), api, defaultRegion: 'eu-west-1' }, branding());
    expect(got).toEqual({ ready: false, message: 'Waiting for AppClient web to be Ready' });
  });

  it('gives the client’s ID, its pool’s ID and region, and each asset’s bytes from binaryData or data, reading the ConfigMap once', async () => {
    const { api, reads } = apiWith({ brand });
    const got = await resolveManagedLoginBranding({ lookup: lookupOf([pool, client()]), api, defaultRegion: 'eu-west-1' }, branding());
    expect(got).toEqual({
      ready: true,
      refs: {
        userPoolId: poolId,
        clientId: 'client1',
        region: 'eu-central-1',
        assetBytes: new Map([
          ['PAGE_HEADER_LOGO/LIGHT', Buffer.from('<svg/>')],
          ['FAVICON_ICO/DYNAMIC', Buffer.from('ico')],
        ]),
      },
    });
    expect(reads).toEqual(['brand']);
  });

  it('waits for a ConfigMap or key that is missing, naming it', async () => {
    const lookup = lookupOf([pool, client()]);
    await expect(resolveManagedLoginBranding({ lookup, api: apiWith({}).api, defaultRegion: 'eu-west-1' }, branding())).resolves.toEqual({
      ready: false,
      message: 'Waiting for ConfigMap brand: it does not exist in namespace shop',
    });
    await expect(resolveManagedLoginBranding({ lookup, api: apiWith({ brand: { data: brand.data } }).api, defaultRegion: 'eu-west-1' }, branding())).resolves.toEqual({
      ready: false,
      message: 'Waiting for key favicon.ico in ConfigMap brand (asset FAVICON_ICO/DYNAMIC)',
    });
  });

  it('while deleting, uses the IDs it recorded, without the client, its pool or the files', async () => {
    const deleting = { deletionTimestamp: at, finalizers: ['cognito.operator.dev/finalizer'] };
    const got = await resolveManagedLoginBranding({ lookup: lookupOf([]), api: apiWith({}).api, defaultRegion: 'eu-west-1' }, branding(deleting, { id: 'b-1', userPoolId: poolId, clientId: 'client1' }));
    expect(got).toEqual({ ready: true, refs: { userPoolId: poolId, clientId: 'client1', region: 'eu-central-1', assetBytes: new Map() } });
  });

  it('while deleting without a record of its own, uses the AppClient’s; without either, there is nothing to delete', async () => {
    const deleting = { deletionTimestamp: at, finalizers: ['cognito.operator.dev/finalizer'] };
    const recorded = obj('AppClient', 'web', {}, { clientId: 'client1', userPoolId: poolId });
    const got = await resolveManagedLoginBranding({ lookup: lookupOf([recorded]), api: apiWith({}).api, defaultRegion: 'eu-west-1' }, branding(deleting));
    expect(got).toMatchObject({ ready: true, refs: { userPoolId: poolId, clientId: 'client1', region: 'eu-central-1' } });
    await expect(resolveManagedLoginBranding({ lookup: lookupOf([]), api: apiWith({}).api, defaultRegion: 'eu-west-1' }, branding(deleting))).resolves.toMatchObject({ ready: false });
  });
});
