import pino from 'pino';
import type { AwsClients } from '../../aws/clients';
import type { KubeApi } from '../../kube/client';
import type { CustomObject } from '../../kube/objects';
import type { ObjectLookup, Resolution } from '../../reconciler/kind';
import { identityPoolKind } from './kind';
import type { IdentityPoolRefs } from './mapping';
import { pairKey } from './mapping';
import type { IdentityPoolSpec } from './schema';

const namespace = 'shop';
const userPoolId = 'eu-west-1_AbCdEf123';
const ready = (generation = 1) => [{ type: 'Ready', status: 'True', reason: 'Available', message: '', lastTransitionTime: '2024-01-01T00:00:00Z', observedGeneration: generation }];
const notReady = [{ type: 'Ready', status: 'False', reason: 'Creating', message: 'Creating the app client', lastTransitionTime: '2024-01-01T00:00:00Z', observedGeneration: 1 }];

function object(kind: string, name: string, spec: unknown, status: unknown, extra: Partial<CustomObject['metadata']> = {}): CustomObject {
  return {
    apiVersion: 'cognito.operator.dev/v1alpha1',
    kind,
    metadata: { name, namespace, uid: `${name}-uid`, generation: 1, resourceVersion: '1', annotations: {}, finalizers: [], ...extra },
    spec,
    status,
  };
}

const userPool = (name: string, extra: Partial<CustomObject['metadata']> = {}) => object('UserPool', name, { deletionPolicy: 'Retain' }, { id: userPoolId, conditions: ready() }, extra);
const appClient = (name: string, pool: string, status: unknown = { clientId: `${name}-id`, conditions: ready() }, extra: Partial<CustomObject['metadata']> = {}) =>
  object('AppClient', name, { userPoolRef: { name: pool } }, status, extra);

const web = { userPoolRef: { name: 'shop-users' }, appClientRef: { name: 'web' } };
const spec = (named: Partial<IdentityPoolSpec> = {}): IdentityPoolSpec => ({ deletionPolicy: 'Retain', allowUnauthenticatedIdentities: false, ...named });

/** An IdentityPool; `settled` when it was Ready at its current generation. */
function identityPool(s: IdentityPoolSpec, opts: { settled?: boolean; deleting?: boolean } = {}): CustomObject {
  const status = opts.settled ? { id: 'eu-west-1:x', observedGeneration: 2, conditions: ready(2) } : undefined;
  return object('IdentityPool', 'ids', s, status, { generation: 2, ...(opts.deleting ? { deletionTimestamp: '2024-01-02T00:00:00Z' } : {}) });
}

function lookupOf(objects: CustomObject[]): ObjectLookup {
  return {
    get: (kind, ns, name) => objects.find((o) => o.kind === kind && o.metadata.namespace === ns && o.metadata.name === name),
    dependentsOf: () => [],
  };
}

/** The kind over a cache holding `objects`; the API server holds `server` (default: the same). */
function kind(objects: CustomObject[], server: CustomObject[] = objects) {
  const aws = { defaultRegion: 'eu-west-1' } as unknown as AwsClients;
  const api = {
    get: (resource: { kind: string }, ns: string, name: string) => Promise.resolve(lookupOf(server).get(resource.kind, ns, name)),
  } as unknown as KubeApi;
  return identityPoolKind({ aws, lookup: lookupOf(objects), api, logger: pino({ level: 'silent' }) });
}

const withWeb: Resolution<IdentityPoolRefs> = { ready: true, refs: { providers: { [pairKey('shop-users', 'web')]: { userPoolId, clientId: 'web-id' } } } };
const withoutWeb: Resolution<IdentityPoolRefs> = { ready: true, refs: { providers: {} } };

interface Case {
  name: string;
  reason: string;
  args: { objects: CustomObject[]; server?: CustomObject[]; pool: CustomObject };
  want: Resolution<IdentityPoolRefs> | { ready: false; message: RegExp };
}

describe('resolve', () => {
  const cases: Case[] = [
    { name: 'no user pools', reason: 'nothing to wait for', args: { objects: [], pool: identityPool(spec()) }, want: withoutWeb },
    {
      name: 'both targets Ready',
      reason: 'the pair resolves to the pool ID and the client ID',
      args: { objects: [userPool('shop-users'), appClient('web', 'shop-users')], pool: identityPool(spec({ userPools: [web] })) },
      want: withWeb,
    },
    {
      name: 'AppClient not created yet',
      reason: 'a new IdentityPool waits for a target that does not exist yet, naming it',
      args: { objects: [userPool('shop-users')], pool: identityPool(spec({ userPools: [web] })) },
      want: { ready: false, message: /AppClient web: it does not exist/ },
    },
    {
      name: 'AppClient not Ready',
      reason: 'a target that exists but is not Ready is waited for, even by a settled pool',
      args: { objects: [userPool('shop-users'), appClient('web', 'shop-users', { conditions: notReady })], pool: identityPool(spec({ userPools: [web] }), { settled: true }) },
      want: { ready: false, message: /AppClient web to be Ready/ },
    },
    {
      name: 'AppClient being deleted',
      reason: 'the provider is left out, so the identity pool is updated instead of waiting forever',
      args: {
        objects: [userPool('shop-users'), appClient('web', 'shop-users', undefined, { deletionTimestamp: '2024-01-02T00:00:00Z' })],
        pool: identityPool(spec({ userPools: [web] })),
      },
      want: withoutWeb,
    },
    {
      name: 'UserPool being deleted',
      reason: 'every client of a pool being deleted is left out',
      args: { objects: [userPool('shop-users', { deletionTimestamp: '2024-01-02T00:00:00Z' }), appClient('web', 'shop-users')], pool: identityPool(spec({ userPools: [web] })) },
      want: withoutWeb,
    },
    {
      name: 'AppClient gone after the pool was Ready at this generation',
      reason: 'it existed when the spec was last applied, so it has gone: left out',
      args: { objects: [userPool('shop-users')], pool: identityPool(spec({ userPools: [web] }), { settled: true }) },
      want: withoutWeb,
    },
    {
      name: 'AppClient not in the cache yet, but on the API server',
      reason: 'at start-up the AppClient cache may not be filled: a settled pool asks the API server before dropping a provider',
      args: { objects: [userPool('shop-users')], server: [userPool('shop-users'), appClient('web', 'shop-users')], pool: identityPool(spec({ userPools: [web] }), { settled: true }) },
      want: withWeb,
    },
    {
      name: 'AppClient of another pool',
      reason: 'a client that is not in the named pool cannot be trusted through it',
      args: { objects: [userPool('shop-users'), userPool('admins'), appClient('web', 'admins')], pool: identityPool(spec({ userPools: [web] })) },
      want: { ready: false, message: /AppClient web belongs to UserPool admins, not shop-users/ },
    },
    {
      name: 'Ready AppClient without a client ID',
      reason: 'waits rather than sending an empty ID',
      args: { objects: [userPool('shop-users'), appClient('web', 'shop-users', { conditions: ready() })], pool: identityPool(spec({ userPools: [web] })) },
      want: { ready: false, message: /AppClient web status.clientId/ },
    },
    {
      name: 'the IdentityPool is being deleted',
      reason: 'nothing waits: deleting the pool in AWS needs no reference',
      args: { objects: [appClient('web', 'shop-users', { conditions: notReady })], pool: identityPool(spec({ userPools: [web] }), { deleting: true }) },
      want: withoutWeb,
    },
  ];
  it.each(cases)('$name: $reason', async ({ args, want }) => {
    const got = await kind(args.objects, args.server).resolve(args.pool);
    if (!want.ready && want.message instanceof RegExp) {
      expect(got.ready).toBe(false);
      expect(got.ready ? '' : got.message).toMatch(want.message);
    } else {
      expect(got).toEqual(want);
    }
  });
});

describe('referencesOf', () => {
  it('names each UserPool and AppClient once, role mapping pairs included', () => {
    const admin = { userPoolRef: { name: 'shop-users' }, appClientRef: { name: 'admin' } };
    const s = spec({ userPools: [web, admin], roleMappings: [{ ...admin, type: 'Token', ambiguousRoleResolution: 'Deny' }] });
    expect(kind([]).referencesOf?.(identityPool(s))).toEqual([
      { kind: 'UserPool', name: 'shop-users' },
      { kind: 'AppClient', name: 'web' },
      { kind: 'AppClient', name: 'admin' },
    ]);
  });
});

describe('statusOutputs', () => {
  it('writes the ID and, when known, the ARN', () => {
    expect(kind([]).statusOutputs({ id: 'eu-west-1:x', arn: 'arn:aws:cognito-identity:eu-west-1:123456789012:identitypool/eu-west-1:x' })).toEqual({
      id: 'eu-west-1:x',
      arn: 'arn:aws:cognito-identity:eu-west-1:123456789012:identitypool/eu-west-1:x',
    });
  });
});
