/**
 * `kubectl delete namespace`, what users do to remove an application, on a control plane with
 * the namespace controller: the deletion completes, and AWS is left as each object's
 * deletionPolicy says. A namespace deleted while the operator is stopped finishes once it runs.
 */
import { randomBytes } from 'node:crypto';
import { DescribeUserPoolClientCommand, GetGroupCommand } from '@aws-sdk/client-cognito-identity-provider';
import { cognito, userPoolsNamed } from './support/aws';
import { kubectl, kubectlOk } from './support/kubectl';
import { apply, getObject, waitForReady } from './support/objects';
import type { StoredObject } from './support/objects';
import type { OperatorProcess } from './support/operator';
import { startOperator } from './support/operator';
import { waitFor } from './support/wait';

const aws = cognito();
const run = randomBytes(3).toString('hex');
let operator: OperatorProcess | undefined;

afterAll(async () => {
  await operator?.stop();
  aws.destroy();
});

const poolName = (namespace: string, name: string) => `${namespace}-${name}`;

function createNamespace(stem: string): string {
  const namespace = `${stem}-${run}`;
  kubectlOk(['create', 'namespace', namespace]);
  return namespace;
}

function applyPool(namespace: string, name: string, spec: Record<string, unknown>): void {
  apply(namespace, JSON.stringify({ apiVersion: 'cognito.operator.dev/v1alpha1', kind: 'UserPool', metadata: { name }, spec: { poolName: poolName(namespace, name), ...spec } }));
}

function applyClient(namespace: string, name: string, spec: Record<string, unknown>): void {
  apply(namespace, JSON.stringify({ apiVersion: 'cognito.operator.dev/v1alpha1', kind: 'AppClient', metadata: { name }, spec }));
}

function statusString(obj: StoredObject | undefined, field: string): string {
  const value = obj?.status?.[field];
  if (typeof value !== 'string') throw new Error(`status.${field} is not set`);
  return value;
}

async function found(read: () => Promise<unknown>): Promise<boolean> {
  try {
    await read();
    return true;
  } catch (err) {
    if ((err as { name?: string }).name === 'ResourceNotFoundException') return false;
    throw err;
  }
}

const clientExists = (userPoolId: string, clientId: string) => found(() => aws.send(new DescribeUserPoolClientCommand({ UserPoolId: userPoolId, ClientId: clientId })));
const groupExists = (userPoolId: string, groupName: string) => found(() => aws.send(new GetGroupCommand({ UserPoolId: userPoolId, GroupName: groupName })));

function namespaceGone(namespace: string): Promise<true> {
  return waitFor(`namespace ${namespace} deleted`, () => {
    const result = kubectl(['get', 'namespace', namespace, '-o', 'name']);
    return result.code !== 0 && /NotFound/.test(result.stderr) ? true : undefined;
  }, { timeoutMs: 120_000, intervalMs: 500 });
}

type Policy = 'Delete' | 'Retain';

/** A pool with one client, both Ready; their AWS IDs. */
async function poolWithClient(namespace: string, pool: string, client: string, policy: Policy, clientPolicy: Policy = policy): Promise<{ poolId: string; clientId: string }> {
  applyPool(namespace, pool, { deletionPolicy: policy, deletionProtection: policy === 'Retain' });
  applyClient(namespace, client, { userPoolRef: { name: pool }, deletionPolicy: clientPolicy });
  const poolId = statusString(await waitForReady(namespace, 'userpool', pool), 'id');
  const clientId = statusString(await waitForReady(namespace, 'appclient', client), 'clientId');
  return { poolId, clientId };
}

describe('deleting a namespace full of Cognito objects', () => {
  it('completes, deleting in AWS what says Delete and leaving what says Retain', async () => {
    const namespace = createNamespace('ns-delete');
    operator = await startOperator({ namespace });
    const deleted = await poolWithClient(namespace, 'shop', 'web', 'Delete');
    const kept = await poolWithClient(namespace, 'archive', 'archive-web', 'Retain');
    // A kept pool's children that say Delete go, though the pool object may be gone first.
    const mixed = await poolWithClient(namespace, 'legacy', 'legacy-web', 'Retain', 'Delete');
    kubectlOk(['create', 'secret', 'generic', 'unrelated', '-n', namespace, '--from-literal=key=value']);

    kubectlOk(['delete', 'namespace', namespace, '--wait=false']);
    await namespaceGone(namespace);

    expect(await userPoolsNamed(aws, poolName(namespace, 'shop'))).toEqual([]);
    expect(await clientExists(deleted.poolId, deleted.clientId)).toBe(false);
    expect((await userPoolsNamed(aws, poolName(namespace, 'archive'))).map((p) => p.Id)).toEqual([kept.poolId]);
    expect(await clientExists(kept.poolId, kept.clientId)).toBe(true);
    expect((await userPoolsNamed(aws, poolName(namespace, 'legacy'))).map((p) => p.Id)).toEqual([mixed.poolId]);
    expect(await clientExists(mixed.poolId, mixed.clientId)).toBe(false);
    await operator.stop();
    operator = undefined;
  });
});

describe('a namespace deleted while the operator is stopped', () => {
  it('waits on the finalizers, and finishes once the operator runs again', async () => {
    const namespace = createNamespace('ns-offline');
    operator = await startOperator({ namespace });
    const { poolId, clientId } = await poolWithClient(namespace, 'shop', 'web', 'Delete');
    await operator.stop();

    kubectlOk(['delete', 'namespace', namespace, '--wait=false']);
    // The namespace controller marks everything for deletion; the finalizers hold it.
    await waitFor('the UserPool marked for deletion', () => getObject(namespace, 'userpool', 'shop')?.metadata.deletionTimestamp);
    await new Promise((r) => setTimeout(r, 5000));
    expect(kubectlOk(['get', 'namespace', namespace, '-o', 'jsonpath={.status.phase}'])).toBe('Terminating');
    expect(await clientExists(poolId, clientId)).toBe(true);

    operator = await startOperator({ namespace });
    await namespaceGone(namespace);
    expect(await userPoolsNamed(aws, poolName(namespace, 'shop'))).toEqual([]);
    expect(await clientExists(poolId, clientId)).toBe(false);
  });
});

describe('children of a Retain pool whose object is gone', () => {
  it('are deleted in AWS by their own deletionPolicy: Delete, through the pool ID they recorded', async () => {
    const namespace = createNamespace('ns-orphans');
    await operator?.stop();
    operator = await startOperator({ namespace });
    const { poolId, clientId } = await poolWithClient(namespace, 'kept', 'web', 'Retain', 'Delete');
    apply(namespace, JSON.stringify({ apiVersion: 'cognito.operator.dev/v1alpha1', kind: 'UserPoolGroup', metadata: { name: 'admins' }, spec: { userPoolRef: { name: 'kept' }, deletionPolicy: 'Delete' } }));
    expect(statusString(await waitForReady(namespace, 'userpoolgroup', 'admins'), 'userPoolId')).toBe(poolId);
    expect(statusString(getObject(namespace, 'appclient', 'web'), 'userPoolId')).toBe(poolId);

    kubectlOk(['delete', 'userpool', 'kept', '-n', namespace]);
    expect(getObject(namespace, 'userpool', 'kept')).toBeUndefined();
    kubectlOk(['delete', 'appclient/web', 'userpoolgroup/admins', '-n', namespace]);

    expect(await clientExists(poolId, clientId)).toBe(false);
    expect(await groupExists(poolId, 'admins')).toBe(false);
    expect((await userPoolsNamed(aws, poolName(namespace, 'kept'))).map((p) => p.Id)).toEqual([poolId]);
    await operator.stop();
    operator = undefined;
    kubectlOk(['delete', 'namespace', namespace, '--wait=false']);
  });
});
