/**
 * What converging and resyncing cost, counted by the operator's own metrics: AWS calls per
 * create (no listing of the account), status writes per object, and no Kubernetes or AWS write
 * at all on a resync that finds nothing to do.
 */
import { cognito } from './support/aws';
import { useNamespace } from './support/namespace';
import { apply, getObject, releaseAll, waitForReady } from './support/objects';
import type { OperatorProcess } from './support/operator';
import { callsBetween, kubeWrites, parseKubeRequests, startOperator, writeCalls } from './support/operator';

const ns = useNamespace(__filename);
const aws = cognito();
const resyncSeconds = 5;
let operator: OperatorProcess;

beforeAll(async () => {
  operator = await startOperator({ namespace: ns.name, resyncInterval: `${resyncSeconds}s` });
});

afterAll(async () => {
  await releaseAll(ns.name, 'appclients');
  await releaseAll(ns.name, 'userpools');
  await operator.stop();
  aws.destroy();
});

const kubeRequests = async () => parseKubeRequests(await operator.metrics());

/** The pool of the comparison with ACK: password policy, MFA OPTIONAL, a custom attribute, tags. */
const pool = {
  apiVersion: 'cognito.operator.dev/v1alpha1',
  kind: 'UserPool',
  metadata: { name: 'lean' },
  spec: {
    poolName: 'it-lean',
    deletionPolicy: 'Delete',
    security: { passwordPolicy: { minimumLength: 10 }, mfa: { mode: 'OPTIONAL', totp: true } },
    signUp: { attributes: [{ name: 'tier', custom: true, type: 'String' }] },
    tags: { team: 'shop' },
  },
};

const client = {
  apiVersion: 'cognito.operator.dev/v1alpha1',
  kind: 'AppClient',
  metadata: { name: 'lean-web' },
  spec: { userPoolRef: { name: 'lean' }, generateSecret: true, deletionPolicy: 'Delete' },
};

it('creates a user pool in 4 AWS calls (MFA written onto the create\'s answer, one observe), without listing the account, and at most 3 status writes', async () => {
  const [awsBefore, kubeBefore] = [await operator.awsCalls(), await kubeRequests()];
  apply(ns.name, JSON.stringify(pool));
  await waitForReady(ns.name, 'userpool', 'lean');
  const calls = callsBetween(awsBefore, await operator.awsCalls());
  const kube = callsBetween(kubeBefore, await kubeRequests());
  console.log(`user pool create: AWS ${JSON.stringify(Object.fromEntries(calls))}; Kubernetes ${JSON.stringify(Object.fromEntries(kube))}`);
  expect(calls.get('ListUserPools')).toBeUndefined();
  expect(calls.get('CreateUserPool')).toBe(1);
  expect([...calls.values()].reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(4);
  // The MFA write is part of creating it: one Created event, no Updated.
  expect(kube.get('create events')).toBe(1);
  expect(kube.get('patch userpools/status') ?? 0).toBeLessThanOrEqual(3);
  // Two metadata writes: the finalizer with the create-pending marker, then the ID's record.
  expect(kube.get('patch userpools')).toBe(2);
  // The marker went with the ID's record.
  expect(getObject(ns.name, 'userpool', 'lean')?.metadata.annotations?.['cognito.operator.dev/create-pending']).toBeUndefined();
});

it('creates an app client with its Secret in 2 AWS calls (the create answers with the whole client: nothing read back), one read of its Secret and 3 status writes', async () => {
  const [awsBefore, kubeBefore] = [await operator.awsCalls(), await kubeRequests()];
  apply(ns.name, JSON.stringify(client));
  await waitForReady(ns.name, 'appclient', 'lean-web');
  const calls = callsBetween(awsBefore, await operator.awsCalls());
  const kube = callsBetween(kubeBefore, await kubeRequests());
  console.log(`app client create: AWS ${JSON.stringify(Object.fromEntries(calls))}; Kubernetes ${JSON.stringify(Object.fromEntries(kube))}`);
  expect(calls.get('CreateUserPoolClient')).toBe(1);
  expect(calls.get('DescribeUserPoolClient')).toBeUndefined();
  expect([...calls.values()].reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(2);
  expect(kube.get('patch appclients/status') ?? 0).toBeLessThanOrEqual(3);
  expect(kube.get('create secrets')).toBe(1);
  // The preflight's read of the output Secret serves the publish: one GET, not two.
  expect(kube.get('get secrets')).toBe(1);
});

it('writes nothing to Kubernetes or AWS on resyncs that find nothing to do', async () => {
  const versions = () => ['userpool/lean', 'appclient/lean-web', 'secret/lean-web-cognito'].map((o) => {
    const [kind = '', name = ''] = o.split('/');
    return `${o}@${getObject(ns.name, kind, name)?.metadata.resourceVersion ?? 'missing'}`;
  });
  const before = { aws: await operator.awsCalls(), kube: await kubeRequests(), versions: versions() };
  await new Promise((r) => setTimeout(r, (3 * resyncSeconds + 1) * 1000));
  const aws = callsBetween(before.aws, await operator.awsCalls());
  const kube = callsBetween(before.kube, await kubeRequests());
  console.log(`no-op resyncs over ${3 * resyncSeconds + 1}s: AWS ${JSON.stringify(Object.fromEntries(aws))}; Kubernetes ${JSON.stringify(Object.fromEntries(kube))}`);
  // Resyncs did happen.
  expect(aws.get('DescribeUserPool') ?? 0).toBeGreaterThanOrEqual(2);
  expect(aws.get('DescribeUserPoolClient') ?? 0).toBeGreaterThanOrEqual(2);
  expect(writeCalls(aws)).toBe(0);
  expect(kubeWrites(kube)).toBe(0);
  expect(versions()).toEqual(before.versions);
});
