import type { GroupType } from '@aws-sdk/client-cognito-identity-provider';
import {
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  DeleteGroupCommand,
  GetGroupCommand,
  ResourceNotFoundException,
  UpdateGroupCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { identityProviderAws } from '../../../test/unit/support/fakes';
import type { ManagedObject } from '../../reconciler/external';
import { createUserPoolGroupClient } from './client';
import type { UserPoolGroupRefs } from './mapping';
import type { UserPoolGroupSpec } from './schema';

const poolId = 'eu-west-1_AbCdEf123';
const roleArn = 'arn:aws:iam::123456789012:role/admins';
const cognito = mockClient(CognitoIdentityProviderClient);
const fakeAws = () => identityProviderAws('UserPoolGroup');

const spec: UserPoolGroupSpec = { deletionPolicy: 'Retain', userPoolRef: { name: 'shop-users' }, groupName: 'admins', description: 'Admins', precedence: 1, roleArn };
const inAws = (overrides: Partial<GroupType> = {}): GroupType => ({ GroupName: 'admins', UserPoolId: poolId, Description: 'Admins', Precedence: 1, RoleArn: roleArn, ...overrides });

function object(s: UserPoolGroupSpec = spec, released?: string[]): ManagedObject<UserPoolGroupSpec, UserPoolGroupRefs> {
  return { namespace: 'shop', name: 'admins-object', uid: 'uid-1', generation: 1, spec: s, refs: { userPoolId: poolId, region: 'eu-central-1' }, ...(released ? { released } : {}) };
}

const notFound = () => new ResourceNotFoundException({ message: 'Group not found.', $metadata: { httpStatusCode: 400 } });
const commandName = (call: { args: readonly unknown[] }): string => {
  const [command] = call.args;
  return typeof command === 'object' && command !== null ? command.constructor.name : 'unknown';
};
const calls = (): string[] => cognito.calls().map(commandName);
const writes = (): string[] => calls().filter((name) => !/^(Get|List)/.test(name));

beforeEach(() => cognito.reset());

describe('observe', () => {
  it('reports a group that is gone as not existing', async () => {
    cognito.on(GetGroupCommand).rejects(notFound());
    await expect(createUserPoolGroupClient(fakeAws().aws).observe(object(), 'admins')).resolves.toEqual({ exists: false });
  });

  it('finds an up-to-date group with one read, in the pool’s region', async () => {
    cognito.on(GetGroupCommand).resolves({ Group: inAws() });
    const { aws, regions } = fakeAws();
    await expect(createUserPoolGroupClient(aws).observe(object(), 'admins')).resolves.toEqual({ exists: true, seen: expect.objectContaining({ GroupName: 'admins' }), upToDate: true, diff: [], outputs: { groupName: 'admins', userPoolId: poolId } });
    expect(cognito.commandCalls(GetGroupCommand)[0]?.args[0].input).toEqual({ UserPoolId: poolId, GroupName: 'admins' });
    expect(regions).toEqual(['eu-central-1']);
    expect(writes()).toEqual([]);
  });

  it('reports a released role or precedence AWS cannot clear as a mismatch, with no write', async () => {
    cognito.on(GetGroupCommand).resolves({ Group: inAws() });
    const got = await createUserPoolGroupClient(fakeAws().aws).observe(object({ ...spec, roleArn: undefined }, ['roleArn']), 'admins');
    expect(got).toMatchObject({ exists: true, upToDate: true, immutableMismatches: [{ path: 'roleArn', want: null, have: roleArn, note: expect.any(String) }] });
    expect(writes()).toEqual([]);
  });
});

describe('findOwned', () => {
  it('finds the group of the spec’s name', async () => {
    cognito.on(GetGroupCommand).resolves({ Group: inAws() });
    await expect(createUserPoolGroupClient(fakeAws().aws).findOwned(object())).resolves.toBe('admins');
  });

  it('looks for metadata.name when the spec names no group, and finds none', async () => {
    cognito.on(GetGroupCommand).rejects(notFound());
    await expect(createUserPoolGroupClient(fakeAws().aws).findOwned(object({ ...spec, groupName: undefined }))).resolves.toBeUndefined();
    expect(cognito.commandCalls(GetGroupCommand)[0]?.args[0].input).toEqual({ UserPoolId: poolId, GroupName: 'admins-object' });
  });
});

describe('create', () => {
  it('creates the group with everything the spec names in one call, and judges the answer against the spec', async () => {
    cognito.on(CreateGroupCommand).resolves({ Group: inAws() });
    await expect(createUserPoolGroupClient(fakeAws().aws).create(object())).resolves.toMatchObject({ externalId: 'admins', observation: { exists: true, upToDate: true, diff: [] } });
    expect(calls()).toEqual(['CreateGroupCommand']);
    expect(cognito.commandCalls(CreateGroupCommand)[0]?.args[0].input).toEqual({ UserPoolId: poolId, GroupName: 'admins', Description: 'Admins', Precedence: 1, RoleArn: roleArn });
  });
});

describe('update', () => {
  it('writes nothing when a fresh read matches', async () => {
    cognito.on(GetGroupCommand).resolves({ Group: inAws() });
    await expect(createUserPoolGroupClient(fakeAws().aws).update(object(), 'admins')).resolves.toEqual({ changed: [] });
    expect(writes()).toEqual([]);
  });

  it('sends every setting when one differs', async () => {
    cognito.on(GetGroupCommand).resolves({ Group: inAws({ Precedence: 5 }) });
    cognito.on(UpdateGroupCommand).resolves({});
    await expect(createUserPoolGroupClient(fakeAws().aws).update(object(), 'admins')).resolves.toEqual({ changed: ['precedence'] });
    expect(cognito.commandCalls(UpdateGroupCommand)[0]?.args[0].input).toEqual({ UserPoolId: poolId, GroupName: 'admins', Description: 'Admins', Precedence: 1, RoleArn: roleArn });
  });

  it('clears a released description and keeps the rest', async () => {
    cognito.on(GetGroupCommand).resolves({ Group: inAws() });
    cognito.on(UpdateGroupCommand).resolves({});
    await expect(createUserPoolGroupClient(fakeAws().aws).update(object({ ...spec, description: undefined }, ['description']), 'admins')).resolves.toEqual({ changed: ['description'] });
    expect(cognito.commandCalls(UpdateGroupCommand)[0]?.args[0].input).toMatchObject({ Description: '', Precedence: 1, RoleArn: roleArn });
  });

  it('lets AWS’s not-found error through', async () => {
    cognito.on(GetGroupCommand).rejects(notFound());
    await expect(createUserPoolGroupClient(fakeAws().aws).update(object(), 'admins')).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });
});

describe('delete', () => {
  it('deletes the group; one that is gone counts as deleted', async () => {
    cognito.on(DeleteGroupCommand).resolvesOnce({}).rejects(notFound());
    const client = createUserPoolGroupClient(fakeAws().aws);
    await client.delete(object(), 'admins');
    await client.delete(object(), 'admins');
    expect(cognito.commandCalls(DeleteGroupCommand).map((c) => c.args[0].input)).toEqual([
      { UserPoolId: poolId, GroupName: 'admins' },
      { UserPoolId: poolId, GroupName: 'admins' },
    ]);
  });
});
