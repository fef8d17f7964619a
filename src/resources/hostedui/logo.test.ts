import type { V1ConfigMap } from '@kubernetes/client-node';
import { kubeApiUsing } from '../../../test/unit/support/fakes';
import type { CustomObject } from '../../kube/objects';
import { logoReferences, resolveLogo } from './logo';

const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const configMaps: Record<string, V1ConfigMap> = {
  brand: { binaryData: { 'logo.png': png.toString('base64') }, data: { 'note.txt': 'text' } },
};
const api = kubeApiUsing('hostedUi logo', { getConfigMap: async (_namespace, name) => configMaps[name] });
const object = (status?: Record<string, unknown>): CustomObject =>
  ({ apiVersion: 'cognito.operator.dev/v1alpha1', kind: 'UserPool', metadata: { name: 'shop', namespace: 'shop', uid: 'u', generation: 1, annotations: {} }, spec: {}, ...(status ? { status } : {}) }) as CustomObject;

describe('hostedUi logo', () => {
  it('reads the bytes from binaryData, with the fingerprint status recorded', async () => {
    await expect(resolveLogo(api, object({ hostedUiLogoFingerprint: 'abc' }), { logoConfigMapRef: { name: 'brand', key: 'logo.png' } })).resolves.toEqual({
      ready: true,
      refs: { hostedUiLogo: new Uint8Array(png), appliedLogoFingerprint: 'abc' },
    });
  });

  it('reads text keys from data', async () => {
    const got = await resolveLogo(api, object(), { logoConfigMapRef: { name: 'brand', key: 'note.txt' } });
    expect(got.ready && Buffer.from(got.refs.hostedUiLogo ?? []).toString()).toBe('text');
  });

  it('needs no ConfigMap when the spec names no logo', async () => {
    await expect(resolveLogo(kubeApiUsing('no logo', {}), object(), { css: '.x {}' })).resolves.toEqual({ ready: true, refs: {} });
    expect(logoReferences({ css: '.x {}' })).toEqual([]);
    expect(logoReferences({ logoConfigMapRef: { name: 'brand', key: 'logo.png' } })).toEqual([{ kind: 'ConfigMap', name: 'brand' }]);
  });

  it('waits for a missing ConfigMap or key, naming it', async () => {
    await expect(resolveLogo(api, object(), { logoConfigMapRef: { name: 'gone', key: 'logo.png' } })).resolves.toEqual({
      ready: false,
      message: 'Waiting for ConfigMap gone (hostedUi.logoConfigMapRef): it does not exist in namespace shop',
    });
    await expect(resolveLogo(api, object(), { logoConfigMapRef: { name: 'brand', key: 'other.png' } })).resolves.toMatchObject({
      ready: false,
      message: expect.stringContaining('Waiting for key other.png in ConfigMap brand'),
    });
  });
});
