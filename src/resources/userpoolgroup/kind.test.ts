import pino from 'pino';
import { kubeApiUsing } from '../../../test/unit/support/fakes';
import type { AwsClients } from '../../aws/clients';
import type { CustomObject } from '../../kube/objects';
import type { ObjectLookup } from '../../reconciler/kind';
import type { KindDeps } from '../kinds';
import { userPoolGroupKind } from './kind';

const namespace = 'shop';
const poolId = 'eu-west-1_AbCdEf123';

function customObject(kind: string, name: string, spec: unknown, status: unknown = {}, annotations: Record<string, string> = {}): CustomObject {
  return {
    apiVersion: 'cognito.operator.dev/v1alpha1',
    kind,
    metadata: { name, namespace, uid: `${name}-uid`, generation: 1, resourceVersion: '1', annotations, finalizers: [] },
    spec,
    status,
  };
}

const ready = { type: 'Ready', status: 'True', reason: 'Available', message: 'AWS matches the spec', lastTransitionTime: '2025-01-01T00:00:00Z' };
const pool = (spec: Record<string, unknown> = {}, status: Record<string, unknown> = { id: poolId, conditions: [ready] }) =>
  customObject('UserPool', 'shop-users', { deletionPolicy: 'Retain', ...spec }, status);
const group = (name: string, spec: Record<string, unknown> = {}, annotations: Record<string, string> = {}) =>
  customObject('UserPoolGroup', name, { deletionPolicy: 'Retain', userPoolRef: { name: 'shop-users' }, ...spec }, {}, annotations);

function lookupOf(objects: CustomObject[]): ObjectLookup {
  return {
    get: (kind, ns, name) => objects.find((o) => o.kind === kind && o.metadata.namespace === ns && o.metadata.name === name),
    dependentsOf: (kind, ns, name) =>
      objects
        .filter((o) => o.metadata.namespace === ns && kind === 'UserPool' && (o.spec as { userPoolRef?: { name: string } }).userPoolRef?.name === name)
        .map((obj) => ({ kind: obj.kind, obj })),
  };
}

const noAws = () => {
  throw new Error('not used by resolve');
};
const aws: AwsClients = { defaultRegion: 'eu-west-1', identityProvider: noAws, identity: noAws };
const deps = (objects: CustomObject[]): KindDeps => ({ aws, lookup: lookupOf(objects), api: kubeApiUsing('UserPoolGroup', {}), logger: pino({ level: 'silent' }) });

describe('userPoolGroupKind', () => {
  it('references its UserPool', () => {
    expect(userPoolGroupKind(deps([])).referencesOf?.(group('admins'))).toEqual([{ kind: 'UserPool', name: 'shop-users' }]);
  });

  it('waits for the pool to exist and be Ready', async () => {
    await expect(userPoolGroupKind(deps([])).resolve(group('admins'))).resolves.toEqual({ ready: false, message: 'Waiting for UserPool shop-users: it does not exist in namespace shop' });
    const creating = pool({}, { conditions: [{ ...ready, status: 'False', reason: 'Creating', message: 'Creating the user pool' }] });
    await expect(userPoolGroupKind(deps([creating])).resolve(group('admins'))).resolves.toMatchObject({ ready: false, message: expect.stringContaining('Waiting for UserPool shop-users to be Ready') });
  });

  it('resolves to the pool’s ID and region', async () => {
    await expect(userPoolGroupKind(deps([pool()])).resolve(group('admins'))).resolves.toEqual({ ready: true, refs: { userPoolId: poolId, region: 'eu-west-1' } });
    await expect(userPoolGroupKind(deps([pool({ region: 'eu-central-1' })])).resolve(group('admins', { region: 'eu-central-1' }))).resolves.toEqual({
      ready: true,
      refs: { userPoolId: poolId, region: 'eu-central-1' },
    });
  });

  it('refuses a region other than its pool’s, saying which', async () => {
    await expect(userPoolGroupKind(deps([pool()])).resolve(group('admins', { region: 'us-east-1' }))).resolves.toEqual({
      ready: false,
      message: "spec.region us-east-1 is not the region of UserPool shop-users (eu-west-1): a group lives in its pool's region; remove spec.region or set it to eu-west-1",
    });
  });

  it('names another object of the pool that records the group name', () => {
    const first = group('first', { groupName: 'admins' }, { 'cognito.operator.dev/external-id': 'admins' });
    const second = group('second', { groupName: 'admins' });
    const kind = userPoolGroupKind(deps([pool(), first, second]));
    expect(kind.claimedBy?.(second, 'admins')).toBe('UserPoolGroup shop/first');
    expect(kind.claimedBy?.(first, 'admins')).toBeUndefined();
    expect(kind.claimedBy?.(second, 'readers')).toBeUndefined();
  });

  it('puts the group name and its pool in status', () => {
    expect(userPoolGroupKind(deps([])).statusOutputs({ groupName: 'admins', userPoolId: 'eu-west-1_pool' })).toEqual({ groupName: 'admins', userPoolId: 'eu-west-1_pool' });
  });
});
