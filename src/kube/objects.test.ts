import { asCustomObject } from './objects';

describe('asCustomObject', () => {
  const served = {
    apiVersion: 'cognito.operator.dev/v1alpha1',
    kind: 'UserPool',
    metadata: {
      name: 'shop-users',
      namespace: 'shop',
      uid: 'uid-1',
      resourceVersion: '7',
      generation: 2,
      annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"a huge":"copy"}', 'cognito.operator.dev/external-id': 'eu-west-1_X' },
      managedFields: [{ manager: 'kubectl', operation: 'Apply', fieldsV1: { 'f:spec': {} } }],
      labels: { team: 'shop' },
    },
    spec: { poolName: 'shop' },
    status: { id: 'eu-west-1_X' },
  };

  it("keeps what the operator reads and drops kubectl's last-applied copy and managedFields", () => {
    const obj = asCustomObject(served);
    expect(obj.metadata).toEqual({
      name: 'shop-users',
      namespace: 'shop',
      uid: 'uid-1',
      resourceVersion: '7',
      generation: 2,
      annotations: { 'cognito.operator.dev/external-id': 'eu-west-1_X' },
      finalizers: [],
    });
    expect(obj.spec).toEqual({ poolName: 'shop' });
    expect(obj.status).toEqual({ id: 'eu-west-1_X' });
  });

  it('refuses an object without the metadata every namespaced object has', () => {
    expect(() => asCustomObject({ metadata: { name: 'x' } })).toThrow(/lacks name, namespace, uid or resourceVersion/);
  });
});
