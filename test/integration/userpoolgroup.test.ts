/**
 * UserPoolGroup end to end: the operator process against the real API server and the Cognito
 * emulator (whose groups answer like AWS: no member for a setting never given, RoleArn and
 * Precedence constraints checked; see test/env/moto/cognito_extensions.py).
 *
 * Three operators run one after another:
 * 1. resync 10 min: creation, updates, the removal rule, adoption, name conflicts, deletion —
 *    anything that happens within seconds is explained by a watch, never by a resync;
 * 2. resync 3 s: no-op resyncs (reads only) and drift correction;
 * 3. one killed right after CreateGroup, then a normal one: no duplicate, nothing lost.
 */
import { CreateGroupCommand, GetGroupCommand, ListGroupsCommand, UpdateGroupCommand } from '@aws-sdk/client-cognito-identity-provider';
import type { GroupType } from '@aws-sdk/client-cognito-identity-provider';
import { cognito } from './support/aws';
import { kubectl, kubectlOk } from './support/kubectl';
import { useNamespace } from './support/namespace';
import { apply, condition, eventsFor, getObject, releaseAll, waitForCondition, waitForEvent, waitForGone, waitForReady, waitForReadyGeneration } from './support/objects';
import type { OperatorProcess } from './support/operator';
import { callsBetween, startOperator, writeCalls } from './support/operator';
import { expectNoOpResync } from './support/resync';
import { waitFor } from './support/wait';

const ns = useNamespace(__filename);
const aws = cognito();
const shortResyncSeconds = 3;
let operator: OperatorProcess | undefined;
let poolId = '';

const adminsRole = 'arn:aws:iam::123456789012:role/it-admins';
const operatorsRole = 'arn:aws:iam::123456789012:role/it-operators';

function running(): OperatorProcess {
  if (!operator) throw new Error('no operator is running');
  return operator;
}

const groupYaml = (name: string, spec: Record<string, unknown>, annotations?: Record<string, string>, pool = 'group-pool') =>
  JSON.stringify({ apiVersion: 'cognito.operator.dev/v1alpha1', kind: 'UserPoolGroup', metadata: { name, annotations }, spec: { userPoolRef: { name: pool }, ...spec } });

function applyGroup(name: string, spec: Record<string, unknown>, annotations?: Record<string, string>): void {
  apply(ns.name, groupYaml(name, spec, annotations));
}

const poolYaml = (name: string, poolName: string) =>
  JSON.stringify({ apiVersion: 'cognito.operator.dev/v1alpha1', kind: 'UserPool', metadata: { name }, spec: { poolName, deletionPolicy: 'Delete', deletionProtection: false } });

async function getGroup(name: string, userPoolId = poolId): Promise<GroupType> {
  const out = await aws.send(new GetGroupCommand({ UserPoolId: userPoolId, GroupName: name }));
  if (!out.Group) throw new Error(`no group ${name}`);
  return out.Group;
}

async function groupNames(): Promise<string[]> {
  const out = await aws.send(new ListGroupsCommand({ UserPoolId: poolId, Limit: 60 }));
  return (out.Groups ?? []).map((g) => g.GroupName ?? '').sort();
}

/** The group's settings as a console user sees them (no dates). */
const settingsOf = ({ Description, Precedence, RoleArn }: GroupType) => ({ Description, Precedence, RoleArn });

const waitForGeneration = (name: string) => waitForReadyGeneration(ns.name, 'userpoolgroup', name);

/** Group calls only: the pool's own reads are not this kind's cost. */
const groupCalls = (calls: Map<string, number>) => new Map([...calls].filter(([op]) => op.endsWith('Group') || op === 'ListGroups'));

beforeAll(async () => {
  operator = await startOperator({ namespace: ns.name, resyncInterval: '10m' });
  apply(ns.name, poolYaml('group-pool', 'it-group-pool'));
  poolId = String((await waitForReady(ns.name, 'userpool', 'group-pool')).status?.id);
});

afterAll(async () => {
  operator ??= await startOperator({ namespace: ns.name, resyncInterval: '10m' });
  await releaseAll(ns.name, 'userpoolgroups');
  await releaseAll(ns.name, 'userpools');
  await operator.stop();
  aws.destroy();
});

// ------------------------------------------------------------- 1. operator, resync 10 min

describe('create and update', () => {
  it('creates the group with one CreateGroup, records its name, and shows it in kubectl get', async () => {
    const before = await running().awsCalls();
    applyGroup('admins', { groupName: 'it-admins', description: 'Administrators', precedence: 0, roleArn: adminsRole });
    const obj = await waitForReady(ns.name, 'userpoolgroup', 'admins');
    const calls = groupCalls(callsBetween(before, await running().awsCalls()));
    console.log(`UserPoolGroup create: AWS calls ${JSON.stringify(Object.fromEntries(calls))}`);
    // Look for it, create; CreateGroup's answer is the group, so nothing is read back.
    expect(calls.get('CreateGroup')).toBe(1);
    expect(calls.get('GetGroup')).toBe(1);
    expect(writeCalls(calls)).toBe(1);

    expect(obj.metadata.annotations?.['cognito.operator.dev/external-id']).toBe('it-admins');
    expect(obj.status).toMatchObject({ id: 'it-admins', groupName: 'it-admins', observedGeneration: obj.metadata.generation });
    expect(condition(obj, 'Ready')?.reason).toBe('Available');
    expect(obj.spec.deletionPolicy).toBe('Retain');
    expect(settingsOf(await getGroup('it-admins'))).toEqual({ Description: 'Administrators', Precedence: 0, RoleArn: adminsRole });
    await waitForEvent(ns.name, 'admins', 'Created');

    const table = kubectlOk(['get', 'cug', '-n', ns.name]);
    expect(table).toMatch(/^NAME\s+READY\s+GROUP\s+POOL\s+AGE/m);
    expect(table).toMatch(/^admins\s+True\s+it-admins\s+group-pool\s+/m);
    expect(kubectlOk(['get', 'cognito', '-n', ns.name, '-o', 'name'])).toContain('userpoolgroup.cognito.operator.dev/admins');
  });

  it('names the group after the object when the spec names none', async () => {
    applyGroup('readers', {});
    const obj = await waitForReady(ns.name, 'userpoolgroup', 'readers');
    expect(obj.status?.groupName).toBe('readers');
    expect(settingsOf(await getGroup('readers'))).toEqual({ Description: undefined, Precedence: undefined, RoleArn: undefined });
  });

  it('updates every setting with one UpdateGroup', async () => {
    const before = await running().awsCalls();
    applyGroup('admins', { groupName: 'it-admins', description: 'Shop administrators', precedence: 1, roleArn: operatorsRole });
    await waitForGeneration('admins');
    expect(callsBetween(before, await running().awsCalls()).get('UpdateGroup')).toBe(1);
    expect(settingsOf(await getGroup('it-admins'))).toEqual({ Description: 'Shop administrators', Precedence: 1, RoleArn: operatorsRole });
    const event = await waitForEvent(ns.name, 'admins', 'Updated');
    expect(event.message).toMatch(/description, precedence, roleArn/);
  });
});

describe('what leaves the spec', () => {
  it('clears a description the spec no longer names, keeping the rest', async () => {
    applyGroup('admins', { groupName: 'it-admins', precedence: 1, roleArn: operatorsRole });
    await waitForGeneration('admins');
    expect(settingsOf(await getGroup('it-admins'))).toEqual({ Description: undefined, Precedence: 1, RoleArn: operatorsRole });
    const event = await waitFor('an Event naming the removed description', () =>
      eventsFor(ns.name, 'admins').find((e) => e.reason === 'Updated' && e.message.includes('removed description (no longer in the spec)')),
    );
    console.log(`removal Event: ${event.message}`);
    expect(getObject(ns.name, 'userpoolgroup', 'admins')?.metadata.annotations?.['cognito.operator.dev/applied']).toBe('["precedence","roleArn"]');
  });

  it('refuses at admission to drop a role or precedence, which Cognito cannot clear', () => {
    const withoutRole = kubectl(['apply', '-n', ns.name, '-f', '-'], groupYaml('admins', { groupName: 'it-admins', precedence: 1 }));
    expect(withoutRole.code).not.toBe(0);
    expect(withoutRole.stderr).toContain('roleArn cannot be removed once the group exists');
    const withoutPrecedence = kubectl(['apply', '-n', ns.name, '-f', '-'], groupYaml('admins', { groupName: 'it-admins', roleArn: operatorsRole }));
    expect(withoutPrecedence.code).not.toBe(0);
    expect(withoutPrecedence.stderr).toContain('precedence cannot be removed once the group exists');
  });

  it('stalls, writing nothing, when a role it applied is released all the same', async () => {
    // A record that says this object applied the role, and a spec that no longer names it: what
    // admission cannot see (the role dropped before the operator wrote status.id).
    await aws.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: 'it-auditors', RoleArn: adminsRole }));
    const before = await running().awsCalls();
    applyGroup('auditors', { groupName: 'it-auditors', description: 'Auditors' }, { 'cognito.operator.dev/external-id': 'it-auditors', 'cognito.operator.dev/applied': '["roleArn"]' });
    const obj = await waitForCondition(ns.name, 'userpoolgroup', 'auditors', 'Stalled', 'True', 'ImmutableMismatch');
    const message = condition(obj, 'Ready')?.message ?? '';
    console.log(`unclearable role: ${message}`);
    expect(message).toContain(`roleArn is null in the spec but "${adminsRole}" in AWS (Cognito can change a group’s IAM role but cannot clear it: name a role in the spec)`);
    expect(message).not.toContain('after create');
    await waitForEvent(ns.name, 'auditors', 'ImmutableMismatch');
    expect(writeCalls(groupCalls(callsBetween(before, await running().awsCalls())))).toBe(0);
    expect(settingsOf(await getGroup('it-auditors'))).toEqual({ Description: undefined, Precedence: undefined, RoleArn: adminsRole });

    // Named again (any role), it is applied and Ready.
    applyGroup('auditors', { groupName: 'it-auditors', description: 'Auditors', roleArn: operatorsRole }, { 'cognito.operator.dev/external-id': 'it-auditors' });
    await waitForGeneration('auditors');
    expect(settingsOf(await getGroup('it-auditors'))).toEqual({ Description: 'Auditors', Precedence: undefined, RoleArn: operatorsRole });
  });
});

describe('adoption and conflicts', () => {
  it('adopts a group made outside Kubernetes by the external-id annotation, keeping what the spec never names', async () => {
    await aws.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: 'it-legacy', Description: 'From the console', Precedence: 7 }));
    applyGroup('legacy', { groupName: 'it-legacy', description: 'Legacy users', roleArn: adminsRole }, { 'cognito.operator.dev/external-id': 'it-legacy' });
    const obj = await waitForReady(ns.name, 'userpoolgroup', 'legacy');
    expect(condition(obj, 'Ready')?.reason).toBe('Adopted');
    expect(obj.status?.id).toBe('it-legacy');
    expect(settingsOf(await getGroup('it-legacy'))).toEqual({ Description: 'Legacy users', Precedence: 7, RoleArn: adminsRole });
  });

  it('stalls on an annotation naming no group, creating none', async () => {
    applyGroup('ghost', {}, { 'cognito.operator.dev/external-id': 'it-ghost' });
    const obj = await waitForCondition(ns.name, 'userpoolgroup', 'ghost', 'Stalled', 'True', 'AdoptionTargetNotFound');
    expect(condition(obj, 'Ready')?.message).toContain('it-ghost');
    expect(await groupNames()).not.toContain('it-ghost');
    kubectlOk(['delete', 'userpoolgroup', 'ghost', '-n', ns.name]);
  });

  it('a second object with the first one’s groupName is Stalled (NameConflict) with no AWS write', async () => {
    const first = getObject(ns.name, 'userpoolgroup', 'admins');
    const before = await running().awsCalls();
    applyGroup('admins-twin', { groupName: 'it-admins', description: 'Not the admins' });
    const twin = await waitForCondition(ns.name, 'userpoolgroup', 'admins-twin', 'Stalled', 'True', 'NameConflict');
    expect(condition(twin, 'Stalled')?.message).toContain(`UserPoolGroup ${ns.name}/admins`);
    expect(twin.metadata.annotations?.['cognito.operator.dev/external-id']).toBeUndefined();
    await waitForEvent(ns.name, 'admins-twin', 'NameConflict');
    expect(writeCalls(groupCalls(callsBetween(before, await running().awsCalls())))).toBe(0);
    expect(settingsOf(await getGroup('it-admins'))).toEqual({ Description: undefined, Precedence: 1, RoleArn: operatorsRole });
    expect(condition(getObject(ns.name, 'userpoolgroup', 'admins'), 'Ready')).toEqual(condition(first, 'Ready'));
    // The twin goes without touching the group it never managed.
    kubectlOk(['delete', 'userpoolgroup', 'admins-twin', '-n', ns.name]);
    await waitForGone(ns.name, 'userpoolgroup', 'admins-twin');
    expect((await getGroup('it-admins')).GroupName).toBe('it-admins');
  });
});

describe('deletion', () => {
  it('leaves the group in AWS with deletionPolicy Retain (the default); a new object of its name takes it over', async () => {
    kubectlOk(['delete', 'userpoolgroup', 'readers', '-n', ns.name]);
    await waitForGone(ns.name, 'userpoolgroup', 'readers');
    expect((await getGroup('readers')).GroupName).toBe('readers');
    await waitForEvent(ns.name, 'readers', 'Retained');

    const before = await running().awsCalls();
    applyGroup('readers', { description: 'Readers' });
    await waitForGeneration('readers');
    expect(groupCalls(callsBetween(before, await running().awsCalls())).get('CreateGroup')).toBeUndefined();
    expect((await getGroup('readers')).Description).toBe('Readers');
    expect((await groupNames()).filter((n) => n === 'readers')).toHaveLength(1);
  });

  it('deletes the group from AWS with deletionPolicy Delete', async () => {
    applyGroup('temporary', { groupName: 'it-temporary', deletionPolicy: 'Delete' });
    await waitForReady(ns.name, 'userpoolgroup', 'temporary');
    kubectlOk(['delete', 'userpoolgroup', 'temporary', '-n', ns.name, '--wait=false']);
    await waitForGone(ns.name, 'userpoolgroup', 'temporary');
    await expect(getGroup('it-temporary')).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    await waitForEvent(ns.name, 'temporary', 'Deleted');
  });

  it('a UserPool with deletionPolicy Delete waits for its groups to be deleted first', async () => {
    apply(ns.name, poolYaml('doomed-pool', 'it-doomed-pool'));
    const doomedId = String((await waitForReady(ns.name, 'userpool', 'doomed-pool')).status?.id);
    apply(ns.name, groupYaml('doomed-admins', { groupName: 'it-doomed-admins', deletionPolicy: 'Delete' }, undefined, 'doomed-pool'));
    await waitForReady(ns.name, 'userpoolgroup', 'doomed-admins');

    kubectlOk(['delete', 'userpool', 'doomed-pool', '-n', ns.name, '--wait=false']);
    const waiting = await waitForCondition(ns.name, 'userpool', 'doomed-pool', 'Ready', 'False', 'DependentsExist');
    expect(condition(waiting, 'Ready')?.message).toContain('UserPoolGroup doomed-admins');
    expect((await getGroup('it-doomed-admins', doomedId)).GroupName).toBe('it-doomed-admins');

    kubectlOk(['delete', 'userpoolgroup', 'doomed-admins', '-n', ns.name]);
    await waitForGone(ns.name, 'userpool', 'doomed-pool');
  });
});

// -------------------------------------------------------------- 2. operator, resync 3 s

describe('resync', () => {
  beforeAll(async () => {
    await running().stop();
    operator = await startOperator({ namespace: ns.name, resyncInterval: `${shortResyncSeconds}s` });
  });

  it('makes no write call when nothing changed, and one read per group per resync', async () => {
    await waitForGeneration('admins');
    await expectNoOpResync({ operator: running(), namespace: ns.name, plural: 'userpoolgroups', readOperation: 'GetGroup', noun: 'group', resyncSeconds: shortResyncSeconds });
  });

  it('corrects drift made directly in AWS, with an Event, and keeps what the spec never named', async () => {
    await aws.send(new UpdateGroupCommand({ UserPoolId: poolId, GroupName: 'it-admins', Precedence: 9, Description: 'Set in the console' }));
    await waitFor('drift corrected', async () => ((await getGroup('it-admins')).Precedence === 1 ? true : undefined), { timeoutMs: 6 * shortResyncSeconds * 1000 });
    const event = await waitForEvent(ns.name, 'admins', 'DriftCorrected');
    expect(event.message).toContain('precedence');
    // The spec names no description: the console's stays.
    expect(settingsOf(await getGroup('it-admins'))).toEqual({ Description: 'Set in the console', Precedence: 1, RoleArn: operatorsRole });
  });
});

// --------------------------------------------------------------------- 3. crash safety

describe('crash safety', () => {
  it('creates exactly one group when killed right after CreateGroup', async () => {
    await running().stop();
    operator = undefined;
    const crashing = await startOperator({ namespace: ns.name, env: { COGNITO_OPERATOR_TEST_CRASH_AFTER: 'CreateGroup' } });
    applyGroup('crashy', { groupName: 'it-crashy', precedence: 3 });
    let timer: NodeJS.Timeout | undefined;
    const code = await Promise.race([crashing.exited, new Promise((r) => (timer = setTimeout(() => r('still running'), 30_000)))]);
    clearTimeout(timer);
    expect(code).not.toBe('still running');
    expect(await groupNames()).toContain('it-crashy');
    expect(getObject(ns.name, 'userpoolgroup', 'crashy')?.metadata.annotations?.['cognito.operator.dev/external-id']).toBeUndefined();

    operator = await startOperator({ namespace: ns.name, resyncInterval: '10m' });
    const obj = await waitForReady(ns.name, 'userpoolgroup', 'crashy');
    expect(obj.status?.id).toBe('it-crashy');
    expect((await groupNames()).filter((n) => n === 'it-crashy')).toHaveLength(1);
    expect((await getGroup('it-crashy')).Precedence).toBe(3);
  });
});
