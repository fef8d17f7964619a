import type { CustomObject } from '../../kube/objects';
import type { ObjectLookup } from '../../reconciler/kind';
import { parentPoolForDeletion, regionOfPoolId } from './parent';

function object(kind: string, name: string, spec: Record<string, unknown>, status?: Record<string, unknown>): CustomObject {
  return {
    apiVersion: 'cognito.operator.dev/v1alpha1',
    kind,
    metadata: { name, namespace: 'shop', uid: `${name}-uid`, generation: 1, resourceVersion: '1', annotations: {}, finalizers: [] },
    spec,
    status,
  };
}

const lookupOf = (objects: CustomObject[]): ObjectLookup => ({
  get: (kind, namespace, name) => objects.find((o) => o.kind === kind && o.metadata.namespace === namespace && o.metadata.name === name),
  dependentsOf: () => [],
});

describe('parentPoolForDeletion', () => {
  const child = (status?: Record<string, unknown>) => object('AppClient', 'web', { userPoolRef: { name: 'shop' } }, status);

  it('uses the pool object’s ID and region even while the pool is not Ready', () => {
    const pool = object('UserPool', 'shop', { region: 'us-east-1' }, { id: 'us-east-1_Pool', conditions: [{ type: 'Ready', status: 'False' }] });
    expect(parentPoolForDeletion(lookupOf([pool]), 'eu-west-1', child(), 'shop')).toEqual({ ready: true, refs: { userPoolId: 'us-east-1_Pool', region: 'us-east-1' } });
  });

  it('falls back to the pool ID the child recorded once the pool object is gone, its region from the ID', () => {
    expect(parentPoolForDeletion(lookupOf([]), 'eu-west-1', child({ userPoolId: 'ap-south-1_Kept' }), 'shop')).toEqual({ ready: true, refs: { userPoolId: 'ap-south-1_Kept', region: 'ap-south-1' } });
  });

  it('has nothing to delete in when neither the pool nor the child names a pool ID', () => {
    const result = parentPoolForDeletion(lookupOf([object('UserPool', 'shop', {})]), 'eu-west-1', child({ userPoolId: '' }), 'shop');
    expect(result).toEqual({ ready: false, message: 'UserPool shop no longer has a user pool ID' });
  });
});

describe('regionOfPoolId', () => {
  it('reads the region a pool ID starts with', () => {
    expect(regionOfPoolId('eu-west-1_AbCdEf123')).toBe('eu-west-1');
    expect(regionOfPoolId('no-separator')).toBeUndefined();
  });
});
