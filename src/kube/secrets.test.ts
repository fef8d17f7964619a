import type { V1Secret } from '@kubernetes/client-node';
import { kubeApiUsing } from '../../test/unit/support/fakes';
import type { CustomObject } from './objects';
import { applyOwnedSecret } from './secrets';

const owner: CustomObject = {
  apiVersion: 'cognito.operator.dev/v1alpha1',
  kind: 'AppClient',
  metadata: { name: 'web', namespace: 'shop', uid: 'uid-1', generation: 1, resourceVersion: '1', annotations: {}, finalizers: [] },
  spec: {},
  status: {},
};

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

function stored(data: Record<string, string>): V1Secret {
  return {
    metadata: { name: 'web-cognito', namespace: 'shop', ownerReferences: [{ apiVersion: owner.apiVersion, kind: 'AppClient', name: 'web', uid: 'uid-1', controller: true }] },
    data,
  };
}

describe('applyOwnedSecret', () => {
  function apiHolding(secret: V1Secret) {
    const replaced: V1Secret[] = [];
    const api = kubeApiUsing('applyOwnedSecret', {
      getSecret: async () => secret,
      replaceSecret: async (_ns, s) => {
        replaced.push(s);
      },
    });
    return { api, replaced };
  }

  it('writes nothing when the stored data equal the desired ones in another key order (the API server sorts keys)', async () => {
    const { api, replaced } = apiHolding(stored({ clientId: b64('abc'), region: b64('eu-west-1'), userPoolId: b64('eu-west-1_X') }));
    const desired = { userPoolId: 'eu-west-1_X', clientId: 'abc', region: 'eu-west-1' };
    await expect(applyOwnedSecret(api, { namespace: 'shop', name: 'web-cognito', data: desired, owner })).resolves.toBe('unchanged');
    expect(replaced).toEqual([]);
  });

  it('replaces the data when a value differs', async () => {
    const { api, replaced } = apiHolding(stored({ clientId: b64('old'), region: b64('eu-west-1') }));
    await expect(applyOwnedSecret(api, { namespace: 'shop', name: 'web-cognito', data: { region: 'eu-west-1', clientId: 'new' }, owner })).resolves.toBe('updated');
    expect(replaced.map((s) => s.data)).toEqual([{ region: b64('eu-west-1'), clientId: b64('new') }]);
  });
});
