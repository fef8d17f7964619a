/**
 * Ready is honest: an adopted resource whose create-time settings (signIn, an attribute's type,
 * generateSecret) differ from the spec stalls with ImmutableMismatch, gets no AWS write and is
 * never replaced. And a create AWS rejected can be corrected in the same object.
 */
import { CreateUserPoolClientCommand, CreateUserPoolCommand, DescribeUserPoolClientCommand, DescribeUserPoolCommand } from '@aws-sdk/client-cognito-identity-provider';
import type { UserPoolType } from '@aws-sdk/client-cognito-identity-provider';
import { cognito, userPoolsNamed } from './support/aws';
import { useNamespace } from './support/namespace';
import { apply, condition, releaseAll, waitForCondition, waitForEvent, waitForReady } from './support/objects';
import type { StoredObject } from './support/objects';
import type { OperatorProcess } from './support/operator';
import { callsBetween, startOperator, writeCalls } from './support/operator';

const ns = useNamespace(__filename);
const aws = cognito();
const resyncSeconds = 3;
const run = Date.now().toString(36);
const externalId = 'cognito.operator.dev/external-id';
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

function applyObject(kind: string, name: string, spec: Record<string, unknown>, annotations?: Record<string, string>): void {
  apply(ns.name, JSON.stringify({ apiVersion: 'cognito.operator.dev/v1alpha1', kind, metadata: { name, annotations }, spec }));
}

async function describePool(id: string): Promise<UserPoolType> {
  const out = await aws.send(new DescribeUserPoolCommand({ UserPoolId: id }));
  if (!out.UserPool) throw new Error(`no pool ${id}`);
  return out.UserPool;
}

/** Makes a pool directly in AWS, as a console user or another tool would. */
async function poolInAws(name: string, input: Omit<ConstructorParameters<typeof CreateUserPoolCommand>[0], 'PoolName'>): Promise<string> {
  const out = await aws.send(new CreateUserPoolCommand({ PoolName: name, ...input }));
  const id = out.UserPool?.Id;
  if (!id) throw new Error('CreateUserPool returned no ID');
  return id;
}

/** Stalled with ImmutableMismatch, never Ready, status.id unset, and no AWS write over two resyncs. */
async function expectImmutableMismatch(kind: string, name: string, before: Map<string, number>): Promise<StoredObject> {
  const obj = await waitForCondition(ns.name, kind, name, 'Stalled', 'True', 'ImmutableMismatch');
  expect(condition(obj, 'Ready')?.status).toBe('False');
  expect(obj.status?.id).toBeUndefined();
  await new Promise((resolve) => setTimeout(resolve, 2 * resyncSeconds * 1000 + 500));
  const during = callsBetween(before, await operator.awsCalls());
  expect(writeCalls(during)).toBe(0);
  expect(condition((await waitForCondition(ns.name, kind, name, 'Stalled', 'True', 'ImmutableMismatch')), 'Ready')?.status).toBe('False');
  await waitForEvent(ns.name, name, 'ImmutableMismatch');
  return obj;
}

describe('an adopted UserPool whose create-time settings differ', () => {
  it('stalls on other username attributes, naming both values, until the spec matches AWS', async () => {
    const poolName = `immutable-signin-${run}`;
    const id = await poolInAws(poolName, { UsernameAttributes: ['email'] });
    const before = await operator.awsCalls();
    const spec = { poolName, signIn: { aliasAttributes: ['email'] }, security: { passwordPolicy: { minimumLength: 12 } } };
    applyObject('UserPool', 'signin', spec, { [externalId]: id });
    const obj = await expectImmutableMismatch('userpool', 'signin', before);
    const message = condition(obj, 'Ready')?.message ?? '';
    expect(message).toContain('signIn.usernameAttributes is [] in the spec but ["email"] in AWS');
    expect(message).toContain('signIn.aliasAttributes is ["email"] in the spec but [] in AWS');
    // Nothing else of the spec was applied, and the pool was not replaced.
    const pool = await describePool(id);
    expect(pool.UsernameAttributes).toEqual(['email']);
    expect(pool.Policies?.PasswordPolicy?.MinimumLength).not.toBe(12);
    expect(await userPoolsNamed(aws, poolName)).toHaveLength(1);

    // Corrected to what AWS has: adopted, and the rest of the spec applied.
    applyObject('UserPool', 'signin', { ...spec, signIn: { usernameAttributes: ['email'] } }, { [externalId]: id });
    const ready = await waitForReady(ns.name, 'userpool', 'signin');
    expect(condition(ready, 'Ready')?.reason).toBe('Adopted');
    expect((await describePool(id)).Policies?.PasswordPolicy?.MinimumLength).toBe(12);
  });

  it('stalls on another case sensitivity', async () => {
    const poolName = `immutable-case-${run}`;
    const id = await poolInAws(poolName, { UsernameConfiguration: { CaseSensitive: false } });
    const before = await operator.awsCalls();
    applyObject('UserPool', 'case', { poolName, signIn: { caseSensitive: true } }, { [externalId]: id });
    const obj = await expectImmutableMismatch('userpool', 'case', before);
    expect(condition(obj, 'Ready')?.message).toContain('signIn.caseSensitive is true in the spec but false in AWS');
    expect((await describePool(id)).UsernameConfiguration?.CaseSensitive).toBe(false);
  });

  it('stalls on an existing custom attribute of another type and mutability', async () => {
    const poolName = `immutable-attribute-${run}`;
    const id = await poolInAws(poolName, { Schema: [{ Name: 'tier', AttributeDataType: 'String', Mutable: true }] });
    const before = await operator.awsCalls();
    const attributes = [{ name: 'tier', custom: true, type: 'Number', mutable: false }];
    applyObject('UserPool', 'attribute', { poolName, signUp: { attributes } }, { [externalId]: id });
    const obj = await expectImmutableMismatch('userpool', 'attribute', before);
    const message = condition(obj, 'Ready')?.message ?? '';
    expect(message).toContain('signUp.attributes.tier.type is "Number" in the spec but "String" in AWS');
    expect(message).toContain('signUp.attributes.tier.mutable is false in the spec but true in AWS');
    const tier = (await describePool(id)).SchemaAttributes?.find((a) => a.Name === 'custom:tier');
    expect(tier).toMatchObject({ AttributeDataType: 'String', Mutable: true });
  });
});

describe('an adopted AppClient whose secret differs', () => {
  it('stalls when AWS gave the client a secret the spec does not want', async () => {
    const poolName = `immutable-clients-${run}`;
    applyObject('UserPool', 'clients', { poolName });
    const poolId = String((await waitForReady(ns.name, 'userpool', 'clients')).status?.id);
    const made = await aws.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'confidential', GenerateSecret: true }));
    const clientId = made.UserPoolClient?.ClientId ?? '';
    const before = await operator.awsCalls();
    applyObject('AppClient', 'confidential', { userPoolRef: { name: 'clients' }, clientName: 'confidential', generateSecret: false }, { [externalId]: clientId });
    const obj = await expectImmutableMismatch('appclient', 'confidential', before);
    expect(condition(obj, 'Ready')?.message).toContain('generateSecret is false in the spec but true in AWS');
    const client = await aws.send(new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: clientId }));
    expect(client.UserPoolClient?.ClientSecret).toBeTruthy();
  });
});

describe('a create AWS rejected', () => {
  it('is corrected in the same object: attributes change before the pool exists', async () => {
    const poolName = `immutable-fixed-${run}`;
    applyObject('UserPool', 'fixed', { poolName, signUp: { attributes: [{ name: 'email', type: 'Number' }] } });
    await waitForCondition(ns.name, 'userpool', 'fixed', 'Stalled', 'True', 'InvalidSpec');
    expect(await userPoolsNamed(aws, poolName)).toHaveLength(0);
    // Accepted by the API server: the add-only rule applies once status.id is set.
    applyObject('UserPool', 'fixed', { poolName, signIn: { usernameAttributes: ['email'] }, signUp: { attributes: [{ name: 'email', required: true }] } });
    const ready = await waitForReady(ns.name, 'userpool', 'fixed');
    const pool = await describePool(String(ready.status?.id));
    expect(pool.UsernameAttributes).toEqual(['email']);
    expect(await userPoolsNamed(aws, poolName)).toHaveLength(1);
  });
});
