/**
 * One AWS resource, one object: a second AppClient with the first's clientName in the same pool,
 * or a second IdentityProvider with the first's providerName, finds the first's resource by name
 * and must not take it over: it is Stalled (NameConflict) naming the first, with no AWS write,
 * and the first is left as it was. An AppClient whose output Secret belongs to someone else
 * creates no app client at all.
 */
import { randomBytes } from 'node:crypto';
import { ListUserPoolClientsCommand } from '@aws-sdk/client-cognito-identity-provider';
import { cognito } from './support/aws';
import { kubectlOk } from './support/kubectl';
import { useNamespace } from './support/namespace';
import { apply, condition, getObject, releaseAll, waitForCondition, waitForReady } from './support/objects';
import type { StoredObject } from './support/objects';
import type { OperatorProcess } from './support/operator';
import { callsBetween, startOperator, writeCalls } from './support/operator';

const ns = useNamespace(__filename);
const aws = cognito();
const run = randomBytes(3).toString('hex');
let operator: OperatorProcess;
let poolId = '';

const api = 'cognito.operator.dev/v1alpha1';
const appClient = (name: string, spec: Record<string, unknown> = {}) =>
  JSON.stringify({ apiVersion: api, kind: 'AppClient', metadata: { name }, spec: { userPoolRef: { name: 'pool' }, clientName: 'shared', ...spec } });
const provider = (name: string, clientId: string) =>
  JSON.stringify({
    apiVersion: api,
    kind: 'IdentityProvider',
    metadata: { name },
    spec: { userPoolRef: { name: 'pool' }, providerName: 'Corp', providerType: 'OIDC', providerDetails: { client_id: clientId, oidc_issuer: 'https://issuer.example.com', authorize_scopes: 'openid', attributes_request_method: 'GET' }, clientSecretRef: { name: 'corp-oidc', key: 'clientSecret' }, attributeMapping: { email: 'email' } },
  });

async function clientsInPool(): Promise<string[]> {
  const out = await aws.send(new ListUserPoolClientsCommand({ UserPoolId: poolId, MaxResults: 60 }));
  return (out.UserPoolClients ?? []).map((c) => `${c.ClientName}`).sort();
}

/** The object once a resync has passed over it: what the second object must leave unchanged. */
async function settled(kind: string, name: string): Promise<StoredObject> {
  await new Promise((r) => setTimeout(r, 3500));
  return waitForReady(ns.name, kind, name);
}

beforeAll(async () => {
  kubectlOk(['create', 'secret', 'generic', 'corp-oidc', '-n', ns.name, '--from-literal=clientSecret=not-a-real-secret']);
  operator = await startOperator({ namespace: ns.name, resyncInterval: '3s' });
  apply(ns.name, JSON.stringify({ apiVersion: api, kind: 'UserPool', metadata: { name: 'pool' }, spec: { poolName: `name-conflict-${run}`, deletionProtection: false } }));
  poolId = String((await waitForReady(ns.name, 'userpool', 'pool')).status?.id);
});

afterAll(async () => {
  for (const plural of ['appclients', 'identityproviders', 'userpools']) await releaseAll(ns.name, plural);
  await operator.stop();
  aws.destroy();
});

it('an AppClient with another AppClient clientName in the same pool is Stalled, and the first keeps its client', async () => {
  apply(ns.name, appClient('first'));
  await waitForReady(ns.name, 'appclient', 'first');
  const first = await settled('appclient', 'first');
  const before = await operator.awsCalls();
  apply(ns.name, appClient('second', { oauth: { flows: ['code'], scopes: ['openid'], callbackUrls: ['https://second.example.com/cb'] } }));
  const second = await waitForCondition(ns.name, 'appclient', 'second', 'Stalled', 'True', 'NameConflict');
  expect(condition(second, 'Stalled')?.message).toContain(`AppClient ${ns.name}/first`);
  expect(condition(second, 'Ready')?.status).toBe('False');
  expect(second.metadata.annotations?.['cognito.operator.dev/external-id']).toBeUndefined();
  await new Promise((r) => setTimeout(r, 7000)); // two resyncs of both
  expect(writeCalls(callsBetween(before, await operator.awsCalls()))).toBe(0);
  const firstAfter = getObject(ns.name, 'appclient', 'first');
  expect(condition(firstAfter, 'Ready')).toEqual(condition(first, 'Ready'));
  expect(firstAfter?.status?.clientId).toBe(first.status?.clientId);
  expect(await clientsInPool()).toEqual(['shared']);
});

it('an IdentityProvider with another IdentityProvider providerName in the same pool is Stalled with no AWS write', async () => {
  apply(ns.name, provider('corp', 'first-client'));
  await waitForReady(ns.name, 'identityprovider', 'corp');
  const first = await settled('identityprovider', 'corp');
  const before = await operator.awsCalls();
  apply(ns.name, provider('corp-copy', 'second-client'));
  const second = await waitForCondition(ns.name, 'identityprovider', 'corp-copy', 'Stalled', 'True', 'NameConflict');
  expect(condition(second, 'Stalled')?.message).toContain(`IdentityProvider ${ns.name}/corp`);
  await new Promise((r) => setTimeout(r, 7000));
  expect(writeCalls(callsBetween(before, await operator.awsCalls()))).toBe(0);
  expect(condition(getObject(ns.name, 'identityprovider', 'corp'), 'Ready')).toEqual(condition(first, 'Ready'));
});

it('creates no app client for an AppClient whose output Secret is owned by someone else', async () => {
  kubectlOk(['create', 'secret', 'generic', 'taken', '-n', ns.name, '--from-literal=owner=someone-else']);
  const before = await operator.awsCalls();
  apply(ns.name, appClient('secretless', { clientName: 'secretless', writeSecretTo: { name: 'taken' } }));
  const stalled = await waitForCondition(ns.name, 'appclient', 'secretless', 'Stalled', 'True');
  expect(condition(stalled, 'Stalled')?.message).toMatch(/Secret taken already exists and is not owned/);
  expect(callsBetween(before, await operator.awsCalls()).get('CreateUserPoolClient') ?? 0).toBe(0);
  expect(await clientsInPool()).toEqual(['shared']);
});
