/**
 * IdentityPool principal tags (attributes for access control) on the test ground: set, changed,
 * reset once the spec names them no more, a map the spec never named kept, and a no-op resync
 * that writes nothing and reads maps only for the user pools that name principal tags.
 */
import { GetPrincipalTagAttributeMapCommand, SetPrincipalTagAttributeMapCommand } from '@aws-sdk/client-cognito-identity';
import type { GetPrincipalTagAttributeMapResponse } from '@aws-sdk/client-cognito-identity';
import { cognitoIdentity } from './support/aws';
import { useNamespace } from './support/namespace';
import { apply, releaseAll, waitForReady, waitForReadyGeneration } from './support/objects';
import type { StoredObject } from './support/objects';
import type { OperatorProcess } from './support/operator';
import { callsBetween, startOperator, writeCalls } from './support/operator';

const ns = useNamespace(__filename);
const run = ns.name.slice(-6);
const awsName = (name: string) => `it-pt-${name}-${run}`;
const identity = cognitoIdentity();
const resyncSeconds = 4;
const region = process.env.AWS_REGION ?? 'eu-west-1';
let operator: OperatorProcess;

beforeAll(async () => {
  operator = await startOperator({ namespace: ns.name, resyncInterval: `${resyncSeconds}s`, env: { AWS_ACCOUNT_ID: '123456789012' } });
});

afterAll(async () => {
  await releaseAll(ns.name, 'identitypools');
  await releaseAll(ns.name, 'appclients');
  await releaseAll(ns.name, 'userpools');
  await operator.stop();
  identity.destroy();
});

function applyKind(kind: string, name: string, spec: Record<string, unknown>): void {
  apply(ns.name, JSON.stringify({ apiVersion: 'cognito.operator.dev/v1alpha1', kind, metadata: { name }, spec }));
}

function statusField(obj: StoredObject | undefined, field: string): string {
  const value = obj?.status?.[field];
  if (typeof value !== 'string') throw new Error(`status.${field} is not set`);
  return value;
}

const waitForGeneration = (name: string) => waitForReadyGeneration(ns.name, 'identitypool', name);

const providerOf = (userPoolId: string) => `cognito-idp.${region}.amazonaws.com/${userPoolId}`;

describe('IdentityPool principal tags', () => {
  let id: string;
  let tagged: string;
  let untouched: string;
  const map = (provider: string): Promise<GetPrincipalTagAttributeMapResponse> =>
    identity.send(new GetPrincipalTagAttributeMapCommand({ IdentityPoolId: id, IdentityProviderName: provider }));
  const entries = (principalTags?: Record<string, unknown>) => [
    { userPoolRef: { name: 'pt-users' }, appClientRef: { name: 'pt-web' }, ...(principalTags ? { principalTags } : {}) },
    { userPoolRef: { name: 'pt-partners' }, appClientRef: { name: 'pt-partner-web' } },
  ];
  const poolSpec = (principalTags?: Record<string, unknown>) => ({ identityPoolName: awsName('pool'), deletionPolicy: 'Delete', userPools: entries(principalTags) });

  it('sets the map of the user pool that names principal tags', async () => {
    applyKind('UserPool', 'pt-users', { poolName: awsName('users'), deletionProtection: false });
    applyKind('UserPool', 'pt-partners', { poolName: awsName('partners'), deletionProtection: false });
    applyKind('AppClient', 'pt-web', { userPoolRef: { name: 'pt-users' }, clientName: awsName('web') });
    applyKind('AppClient', 'pt-partner-web', { userPoolRef: { name: 'pt-partners' }, clientName: awsName('partner-web') });
    tagged = providerOf(statusField(await waitForReady(ns.name, 'userpool', 'pt-users'), 'id'));
    untouched = providerOf(statusField(await waitForReady(ns.name, 'userpool', 'pt-partners'), 'id'));
    applyKind('IdentityPool', 'pt', poolSpec({ tags: { department: 'custom:department', username: 'sub' } }));
    id = statusField(await waitForReady(ns.name, 'identitypool', 'pt'), 'id');
    expect(await map(tagged)).toMatchObject({ UseDefaults: false, PrincipalTags: { department: 'custom:department', username: 'sub' } });
  });

  it('keeps a map set in the console for a user pool the spec never gave principal tags, with no write', async () => {
    await identity.send(new SetPrincipalTagAttributeMapCommand({ IdentityPoolId: id, IdentityProviderName: untouched, UseDefaults: true }));
    const before = await operator.awsCalls();
    const seconds = 3 * resyncSeconds + 1;
    await new Promise((r) => setTimeout(r, seconds * 1000));
    const during = callsBetween(before, await operator.awsCalls());
    expect(writeCalls(during)).toBe(0);
    expect((await map(untouched)).UseDefaults).toBe(true);
    // One map read per resync: the user pool with principal tags only, not the other one.
    const resyncs = during.get('DescribeIdentityPool') ?? 0;
    expect(resyncs).toBeGreaterThanOrEqual(2);
    expect(Math.abs((during.get('GetPrincipalTagAttributeMap') ?? 0) - resyncs)).toBeLessThanOrEqual(1);
    console.log(`IdentityPool with principal tags, no-op resync over ${String(seconds)}s: ${JSON.stringify(Object.fromEntries(during))}`);
  });

  it('changes the map: default mappings instead of tags', async () => {
    applyKind('IdentityPool', 'pt', poolSpec({ useDefaults: true }));
    await waitForGeneration('pt');
    expect((await map(tagged)).UseDefaults).toBe(true);
    expect((await map(untouched)).UseDefaults).toBe(true);
  });

  it('resets the map once the spec names principal tags no more, and keeps the console one', async () => {
    applyKind('IdentityPool', 'pt', poolSpec());
    await waitForGeneration('pt');
    const reset = await map(tagged);
    expect(reset.UseDefaults).toBe(false);
    expect(reset.PrincipalTags ?? {}).toEqual({});
    expect((await map(untouched)).UseDefaults).toBe(true);
  });

  it('reads no map and writes nothing on a resync once no user pool names principal tags', async () => {
    // The next pass records the released path as gone; then no map is read.
    await new Promise((r) => setTimeout(r, (resyncSeconds + 1) * 1000));
    const before = await operator.awsCalls();
    await new Promise((r) => setTimeout(r, (2 * resyncSeconds + 1) * 1000));
    const during = callsBetween(before, await operator.awsCalls());
    expect(writeCalls(during)).toBe(0);
    expect(during.get('DescribeIdentityPool') ?? 0).toBeGreaterThanOrEqual(1);
    expect(during.get('GetPrincipalTagAttributeMap') ?? 0).toBe(0);
  });
});
