/**
 * ResourceServer end to end: the operator process against the real API server and the Cognito
 * emulator (which, like AWS, refuses an app client scope no resource server defines; see
 * test/env/moto/cognito_extensions.py).
 *
 * Operators run one after another:
 * 1. resync 10 min: creation, updates, the removal rule, adoption, NameConflict, an AppClient
 *    waiting for its resource server, deletion — anything that happens within seconds is
 *    explained by a watch, never by a resync;
 * 2. one killed right after CreateResourceServer, then a normal one: no duplicate;
 * 3. resync 3 s: no-op resyncs make reads only; drift is corrected; the pool waits for them.
 */
import {
  CreateResourceServerCommand,
  DescribeResourceServerCommand,
  DescribeUserPoolClientCommand,
  UpdateResourceServerCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { ResourceServerScopeType, ResourceServerType } from '@aws-sdk/client-cognito-identity-provider';
import { cognito } from './support/aws';
import { kubectlOk } from './support/kubectl';
import { useNamespace } from './support/namespace';
import { apply, condition, eventsFor, getObject, releaseAll, waitForCondition, waitForEvent, waitForGone, waitForReady, waitForReadyGeneration, requestReconcile as requestReconcileOf } from './support/objects';
import type { OperatorProcess } from './support/operator';
import { callsBetween, startOperator, writeCalls } from './support/operator';
import { expectNoOpResync } from './support/resync';
import { waitFor } from './support/wait';

const ns = useNamespace(__filename);
const aws = cognito();
const shortResyncSeconds = 3;
const pool = 'rs-pool';
let operator: OperatorProcess | undefined;
let poolId = '';

const ordersId = 'https://orders.it.example.com';

async function start(resyncInterval = '10m'): Promise<OperatorProcess> {
  return startOperator({ namespace: ns.name, resyncInterval });
}

function running(): OperatorProcess {
  if (!operator) throw new Error('no operator is running');
  return operator;
}

beforeAll(async () => {
  operator = await start();
  apply(
    ns.name,
    JSON.stringify({
      apiVersion: 'cognito.operator.dev/v1alpha1',
      kind: 'UserPool',
      metadata: { name: pool },
      spec: { poolName: `it-rs-${ns.name}`, deletionPolicy: 'Delete', deletionProtection: false },
    }),
  );
  poolId = String((await waitForReady(ns.name, 'userpool', pool)).status?.id);
});

afterAll(async () => {
  operator ??= await start();
  await releaseAll(ns.name, 'appclients');
  await releaseAll(ns.name, 'resourceservers');
  await releaseAll(ns.name, 'userpools');
  await operator.stop();
  aws.destroy();
});

// ------------------------------------------------------------------------------ helpers

function applyServer(name: string, spec: Record<string, unknown>, annotations?: Record<string, string>): void {
  apply(
    ns.name,
    JSON.stringify({ apiVersion: 'cognito.operator.dev/v1alpha1', kind: 'ResourceServer', metadata: { name, annotations }, spec: { userPoolRef: { name: pool }, ...spec } }),
  );
}

function applyMachineClient(name: string, scopes: string[], resourceServerRefs: { name: string }[]): void {
  apply(
    ns.name,
    JSON.stringify({
      apiVersion: 'cognito.operator.dev/v1alpha1',
      kind: 'AppClient',
      metadata: { name },
      spec: { userPoolRef: { name: pool }, generateSecret: true, oauth: { flows: ['client_credentials'], scopes }, resourceServerRefs },
    }),
  );
}

async function describeServer(identifier: string): Promise<ResourceServerType> {
  const out = await aws.send(new DescribeResourceServerCommand({ UserPoolId: poolId, Identifier: identifier }));
  if (!out.ResourceServer) throw new Error(`no resource server ${identifier}`);
  return out.ResourceServer;
}

/** Scope name → description, for comparisons that ignore order. */
function scopesOf(server: ResourceServerType): Record<string, string | undefined> {
  return Object.fromEntries((server.Scopes ?? []).map((s) => [s.ScopeName ?? '', s.ScopeDescription]));
}

/** Changes a resource server directly in AWS, as a console user would: what is not changed is kept. */
async function changeInAws(identifier: string, change: (s: ResourceServerType) => { Name?: string; Scopes?: ResourceServerScopeType[] }): Promise<void> {
  const current = await describeServer(identifier);
  await aws.send(new UpdateResourceServerCommand({ UserPoolId: poolId, Identifier: identifier, Name: current.Name, Scopes: current.Scopes, ...change(current) }));
}

const waitForGeneration = (kind: string, name: string) => waitForReadyGeneration(ns.name, kind, name);

const requestReconcile = (kind: string, name: string) => requestReconcileOf(ns.name, kind, name);

// ------------------------------------------------------------- 1. operator, resync 10 min

describe('create and update', () => {
  it('creates the resource server with its name and scopes', async () => {
    const before = await running().awsCalls();
    applyServer('orders-api', {
      identifier: ordersId,
      name: 'Orders API',
      scopes: [{ name: 'orders.read', description: 'Read orders' }, { name: 'orders.write' }],
    });
    const obj = await waitForReady(ns.name, 'resourceserver', 'orders-api');
    const calls = new Map([...callsBetween(before, await running().awsCalls())].filter(([op]) => op.endsWith('ResourceServer')));
    console.log(`ResourceServer create: AWS calls ${JSON.stringify(Object.fromEntries(calls))}`);
    // Look for it, create; CreateResourceServer's answer is the server, so nothing is read back.
    expect(Object.fromEntries(calls)).toEqual({ DescribeResourceServer: 1, CreateResourceServer: 1 });

    expect(obj.metadata.annotations?.['cognito.operator.dev/external-id']).toBe(ordersId);
    expect(obj.status).toMatchObject({ id: ordersId, identifier: ordersId, userPoolId: poolId, observedGeneration: obj.metadata.generation });
    expect([...((obj.status?.scopes as string[] | undefined) ?? [])].sort()).toEqual([`${ordersId}/orders.read`, `${ordersId}/orders.write`]);
    expect(condition(obj, 'Ready')?.reason).toBe('Available');
    await waitForEvent(ns.name, 'orders-api', 'Created');

    const server = await describeServer(ordersId);
    expect(server.Name).toBe('Orders API');
    // Cognito requires a description: a scope without one is described by its name.
    expect(scopesOf(server)).toEqual({ 'orders.read': 'Read orders', 'orders.write': 'orders.write' });
  });

  it('shows IDENTIFIER and POOL in kubectl get', () => {
    const out = kubectlOk(['get', 'crs', 'orders-api', '-n', ns.name]);
    expect(out).toMatch(/NAME\s+READY\s+IDENTIFIER\s+POOL\s+AGE/);
    expect(out).toContain(ordersId);
    expect(kubectlOk(['get', 'cognito', '-n', ns.name, '-o', 'name'])).toContain('resourceserver.cognito.operator.dev/orders-api');
  });

  it('renames and changes scopes with one UpdateResourceServer; a scope left out of the list is removed', async () => {
    const before = await running().awsCalls();
    applyServer('orders-api', {
      identifier: ordersId,
      name: 'Orders Service',
      scopes: [{ name: 'orders.read', description: 'Read all orders' }, { name: 'orders.cancel', description: 'Cancel orders' }],
    });
    await waitForGeneration('resourceserver', 'orders-api');
    const server = await describeServer(ordersId);
    expect(server.Name).toBe('Orders Service');
    expect(scopesOf(server)).toEqual({ 'orders.read': 'Read all orders', 'orders.cancel': 'Cancel orders' });
    expect(callsBetween(before, await running().awsCalls()).get('UpdateResourceServer')).toBe(1);
    const event = await waitFor('an Updated Event', () => eventsFor(ns.name, 'orders-api').find((e) => e.reason === 'Updated'));
    expect(event.message).toContain('name');
    expect(event.message).toContain('scopes[orders.write]');
  });
});

describe('the removal rule', () => {
  it('resets a description removed from the spec to the scope’s name', async () => {
    applyServer('orders-api', { identifier: ordersId, name: 'Orders Service', scopes: [{ name: 'orders.read' }, { name: 'orders.cancel', description: 'Cancel orders' }] });
    await waitForGeneration('resourceserver', 'orders-api');
    expect(scopesOf(await describeServer(ordersId))).toEqual({ 'orders.read': 'orders.read', 'orders.cancel': 'Cancel orders' });
    const event = await waitFor('an Updated Event naming the removed description', () =>
      eventsFor(ns.name, 'orders-api').find((e) => e.reason === 'Updated' && e.message.includes('removed scopes[orders.read].description')),
    );
    console.log(`description removed: ${event.message}`);
  });

  it('keeps a description the spec never named, set in the console', async () => {
    await changeInAws(ordersId, (s) => ({ Scopes: (s.Scopes ?? []).map((x) => (x.ScopeName === 'orders.read' ? { ...x, ScopeDescription: 'Set in the console' } : x)) }));
    const before = await running().awsCalls();
    requestReconcile('resourceserver', 'orders-api');
    await waitFor('the requested reconcile to have read AWS', async () => (callsBetween(before, await running().awsCalls()).get('DescribeResourceServer') ?? 0) >= 1 || undefined);
    await new Promise((r) => setTimeout(r, 1000));
    expect(writeCalls(callsBetween(before, await running().awsCalls()))).toBe(0);
    expect(scopesOf(await describeServer(ordersId))['orders.read']).toBe('Set in the console');
  });

  it('removes the scopes it applied when the spec names no scopes any more', async () => {
    applyServer('orders-api', { identifier: ordersId, name: 'Orders Service' });
    await waitForGeneration('resourceserver', 'orders-api');
    expect((await describeServer(ordersId)).Scopes ?? []).toEqual([]);
  });
});

describe('an AppClient with client_credentials and a custom scope', () => {
  it('waits for its ResourceServer (ReferenceNotReady), then becomes Ready with the scope', async () => {
    applyMachineClient('billing-worker', ['billing/charge'], [{ name: 'billing-api' }]);
    const waiting = await waitForCondition(ns.name, 'appclient', 'billing-worker', 'Ready', 'False', 'ReferenceNotReady');
    expect(condition(waiting, 'Ready')?.message).toBe(`Waiting for ResourceServer billing-api: it does not exist in namespace ${ns.name}`);

    // The ResourceServer's becoming Ready wakes the client through the dependents index.
    applyServer('billing-api', { identifier: 'billing', name: 'Billing', scopes: [{ name: 'charge', description: 'Charge a card' }] });
    await waitForReady(ns.name, 'resourceserver', 'billing-api');
    const client = await waitForReady(ns.name, 'appclient', 'billing-worker', 30_000);
    const out = await aws.send(new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: String(client.status?.clientId) }));
    expect(out.UserPoolClient?.AllowedOAuthFlows).toEqual(['client_credentials']);
    expect(out.UserPoolClient?.AllowedOAuthScopes).toEqual(['billing/charge']);
  });

  it('without the reference, stalls with AWS’s message for a scope no resource server defines', async () => {
    applyMachineClient('stray-worker', ['nowhere/charge'], []);
    const stalled = await waitForCondition(ns.name, 'appclient', 'stray-worker', 'Stalled', 'True', 'InvalidSpec');
    expect(condition(stalled, 'Ready')?.message).toMatch(/ScopeDoesNotExistException: .*nowhere\/charge/);
    kubectlOk(['delete', 'appclient', 'stray-worker', '-n', ns.name]);
  });
});

describe('adoption and conflicts', () => {
  it('adopts a resource server made outside Kubernetes by annotation and applies the spec to it', async () => {
    await aws.send(
      new CreateResourceServerCommand({
        UserPoolId: poolId,
        Identifier: 'legacy',
        Name: 'Legacy',
        Scopes: [
          { ScopeName: 'a', ScopeDescription: 'A from the console' },
          { ScopeName: 'b', ScopeDescription: 'B' },
        ],
      }),
    );
    applyServer('legacy-api', { identifier: 'legacy', name: 'Legacy API', scopes: [{ name: 'a' }, { name: 'c', description: 'C' }] }, { 'cognito.operator.dev/external-id': 'legacy' });
    const obj = await waitForReady(ns.name, 'resourceserver', 'legacy-api');
    expect(condition(obj, 'Ready')?.reason).toBe('Adopted');
    expect(obj.status?.id).toBe('legacy');
    const server = await describeServer('legacy');
    expect(server.Name).toBe('Legacy API');
    // The list is complete (b goes); a's description was never named, so the console's stays.
    expect(scopesOf(server)).toEqual({ a: 'A from the console', c: 'C' });
  });

  it('does not take over a resource server another object manages (NameConflict), and writes nothing', async () => {
    const before = await running().awsCalls();
    applyServer('billing-copy', { identifier: 'billing', name: 'Billing copy', scopes: [] });
    const obj = await waitForCondition(ns.name, 'resourceserver', 'billing-copy', 'Stalled', 'True', 'NameConflict');
    expect(condition(obj, 'Ready')?.message).toContain(`ResourceServer ${ns.name}/billing-api`);
    expect(writeCalls(callsBetween(before, await running().awsCalls()))).toBe(0);
    expect((await describeServer('billing')).Name).toBe('Billing');
    kubectlOk(['delete', 'resourceserver', 'billing-copy', '-n', ns.name]);
    // Its deletion released nothing in AWS: it never recorded the identifier.
    expect((await describeServer('billing')).Name).toBe('Billing');
  });
});

describe('deletion', () => {
  it('stays in AWS with deletionPolicy Retain', async () => {
    applyServer('kept-api', { identifier: 'kept', deletionPolicy: 'Retain', scopes: [{ name: 'read', description: 'Read' }] });
    await waitForReady(ns.name, 'resourceserver', 'kept-api');
    expect((await describeServer('kept')).Name).toBe('kept-api');
    kubectlOk(['delete', 'resourceserver', 'kept-api', '-n', ns.name]);
    await waitForGone(ns.name, 'resourceserver', 'kept-api');
    expect((await describeServer('kept')).Name).toBe('kept-api');
    await waitForEvent(ns.name, 'kept-api', 'Retained');
  });

  it('is deleted from AWS with deletionPolicy Delete (the default)', async () => {
    expect(getObject(ns.name, 'resourceserver', 'orders-api')?.spec.deletionPolicy).toBe('Delete');
    kubectlOk(['delete', 'resourceserver', 'orders-api', '-n', ns.name, '--wait=false']);
    await waitForGone(ns.name, 'resourceserver', 'orders-api');
    await expect(describeServer(ordersId)).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    await waitForEvent(ns.name, 'orders-api', 'Deleted');
  });
});

describe('crash safety', () => {
  it('creates exactly one resource server when killed right after CreateResourceServer', async () => {
    await running().stop();
    operator = undefined;
    const crashing = await startOperator({ namespace: ns.name, env: { COGNITO_OPERATOR_TEST_CRASH_AFTER: 'CreateResourceServer' } });
    applyServer('crashy-api', { identifier: 'crashy', scopes: [{ name: 'read', description: 'Read' }] });
    let timer: NodeJS.Timeout | undefined;
    const code = await Promise.race([crashing.exited, new Promise((r) => (timer = setTimeout(() => r('still running'), 30_000)))]);
    clearTimeout(timer);
    expect(code).not.toBe('still running');
    expect((await describeServer('crashy')).Name).toBe('crashy-api');
    expect(getObject(ns.name, 'resourceserver', 'crashy-api')?.metadata.annotations?.['cognito.operator.dev/external-id']).toBeUndefined();

    // The next operator finds it by identifier instead of creating it again (which AWS would refuse).
    operator = await start();
    const obj = await waitForReady(ns.name, 'resourceserver', 'crashy-api');
    expect(obj.status?.id).toBe('crashy');
    expect(obj.metadata.annotations?.['cognito.operator.dev/external-id']).toBe('crashy');
    kubectlOk(['delete', 'resourceserver', 'crashy-api', '-n', ns.name]);
    await expect(describeServer('crashy')).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });
});

// -------------------------------------------------------------- 2. operator, resync 3 s

describe('resync', () => {
  beforeAll(async () => {
    await running().stop();
    operator = await start(`${shortResyncSeconds}s`);
  });

  it('makes no write call when nothing changed, and one read per resource server per resync', async () => {
    await waitForReady(ns.name, 'resourceserver', 'legacy-api');
    await expectNoOpResync({ operator: running(), namespace: ns.name, plural: 'resourceservers', readOperation: 'DescribeResourceServer', noun: 'resource server', resyncSeconds: shortResyncSeconds });
  });

  it('corrects drift made directly in AWS, with an Event', async () => {
    await changeInAws('billing', () => ({ Name: 'Changed in the console', Scopes: [{ ScopeName: 'refund', ScopeDescription: 'Console scope' }] }));
    await waitFor(
      'drift corrected',
      async () => {
        const server = await describeServer('billing');
        return (server.Name === 'Billing' && JSON.stringify(scopesOf(server)) === JSON.stringify({ charge: 'Charge a card' })) || undefined;
      },
      { timeoutMs: 6 * shortResyncSeconds * 1000 },
    );
    const event = await waitForEvent(ns.name, 'billing-api', 'DriftCorrected');
    expect(event.message).toContain('scopes[charge]');
  });

  it('keeps a UserPool with deletionPolicy Delete (DependentsExist) until its ResourceServers are gone', async () => {
    kubectlOk(['delete', 'userpool', pool, '-n', ns.name, '--wait=false']);
    const waiting = await waitForCondition(ns.name, 'userpool', pool, 'Reconciling', 'True', 'DependentsExist');
    expect(condition(waiting, 'Ready')?.message).toContain('ResourceServer billing-api');
    expect(condition(waiting, 'Ready')?.message).toContain('ResourceServer legacy-api');
    expect((await describeServer('billing')).Name).toBe('Billing');

    kubectlOk(['delete', 'appclients,resourceservers', '--all', '-n', ns.name, '--wait=false']);
    await waitForGone(ns.name, 'resourceserver', 'billing-api');
    await waitForGone(ns.name, 'resourceserver', 'legacy-api');
    await waitForGone(ns.name, 'userpool', pool);
    await waitForEvent(ns.name, 'billing-api', 'Deleted');
  });
});
