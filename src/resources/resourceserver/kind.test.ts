import pino from 'pino';
import { kubeApiUsing } from '../../../test/unit/support/fakes';
import type { AwsClients } from '../../aws/clients';
import type { CustomObject } from '../../kube/objects';
import type { ObjectLookup } from '../../reconciler/kind';
import { resolveResourceServer, resourceServerKind } from './kind';

const ns = 'shop';
const poolId = 'eu-west-1_AbCdEf123';
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

const pool = (status: unknown = { ...ready, id: poolId }, spec: Record<string, unknown> = {}, extra: Partial<CustomObject['metadata']> = {}) =>
  obj('UserPool', 'shop-users', spec, status, extra);
const server = (spec: Record<string, unknown> = {}, extra: Partial<CustomObject['metadata']> = {}, status: unknown = {}, name = 'shop-api') =>
  obj('ResourceServer', name, { deletionPolicy: 'Delete', userPoolRef: { name: 'shop-users' }, identifier: 'orders', ...spec }, status, extra);

function lookupOf(objects: CustomObject[], dependents: { kind: string; obj: CustomObject }[] = []): ObjectLookup {
  return {
    get: (kind, namespace, name) => objects.find((o) => o.kind === kind && o.metadata.namespace === namespace && o.metadata.name === name),
    dependentsOf: () => dependents,
  };
}

const deps = (...objects: CustomObject[]) => ({ lookup: lookupOf(objects), defaultRegion: 'eu-west-1' });
const deleting = { deletionTimestamp: at, finalizers: ['cognito.operator.dev/finalizer'] };

describe('resolveResourceServer', () => {
  it('waits for a UserPool that does not exist, naming it', () => {
    expect(resolveResourceServer(deps(), server())).toEqual({ ready: false, message: `Waiting for UserPool shop-users: it does not exist in namespace ${ns}` });
  });

  it('waits for a UserPool that is not Ready, with its message', () => {
    expect(resolveResourceServer(deps(pool(notReady)), server())).toEqual({ ready: false, message: 'Waiting for UserPool shop-users to be Ready' });
  });

  it('gives the pool’s ID and region once it is Ready', () => {
    expect(resolveResourceServer(deps(pool(undefined, { region: 'eu-central-1' })), server())).toEqual({ ready: true, refs: { userPoolId: poolId, region: 'eu-central-1' } });
    expect(resolveResourceServer(deps(pool()), server())).toEqual({ ready: true, refs: { userPoolId: poolId, region: 'eu-west-1' } });
  });

  it('refuses a region other than the pool’s', () => {
    const got = resolveResourceServer(deps(pool()), server({ region: 'us-east-1' }));
    expect(got).toEqual({ ready: false, message: expect.stringContaining('spec.region us-east-1 is not the region of UserPool shop-users (eu-west-1)') });
  });

  it('while being deleted, needs only the pool’s ID, even from a pool that is itself being deleted', () => {
    const poolDeleting = pool({ ...notReady, id: poolId }, {}, { deletionTimestamp: at });
    expect(resolveResourceServer(deps(poolDeleting), server({}, deleting))).toEqual({ ready: true, refs: { userPoolId: poolId, region: 'eu-west-1' } });
  });

  it('while being deleted, has nothing to delete once the pool is gone', () => {
    expect(resolveResourceServer(deps(), server({}, deleting))).toEqual({ ready: false, message: 'UserPool shop-users no longer has a user pool ID' });
  });
});

describe('resourceServerKind', () => {
  const noAws = () => {
    throw new Error('not used');
  };
  const aws: AwsClients = { defaultRegion: 'eu-west-1', identityProvider: noAws, identity: noAws };
  const kindWith = (lookup: ObjectLookup) => resourceServerKind({ aws, lookup, api: kubeApiUsing('ResourceServer', {}), logger: pino({ level: 'silent' }) });

  it('is the ResourceServer resource, referencing its pool', () => {
    const kind = kindWith(lookupOf([]));
    expect(kind.resource).toEqual({ group: 'cognito.operator.dev', version: 'v1alpha1', plural: 'resourceservers', kind: 'ResourceServer' });
    expect(kind.referencesOf?.(server())).toEqual([{ kind: 'UserPool', name: 'shop-users' }]);
  });

  it('puts the identifier, pool ID and full scope names in status', () => {
    const kind = kindWith(lookupOf([]));
    expect(kind.statusOutputs({ identifier: 'orders', userPoolId: poolId, scopes: ['orders/read'] })).toEqual({ identifier: 'orders', userPoolId: poolId, scopes: ['orders/read'] });
  });

  it('names another ResourceServer of the pool that records the identifier (NameConflict)', () => {
    const other = server({}, { annotations: { 'cognito.operator.dev/external-id': 'orders' } }, {}, 'orders-api');
    const kind = kindWith(lookupOf([], [{ kind: 'ResourceServer', obj: other }]));
    expect(kind.claimedBy?.(server(), 'orders')).toBe(`ResourceServer ${ns}/orders-api`);
    expect(kind.claimedBy?.(server(), 'billing')).toBeUndefined();
  });
});
