import type { GroupType } from '@aws-sdk/client-cognito-identity-provider';
import type { Case } from '../../../test/unit/support/fakes';
import type { UserPoolGroupRefs } from './mapping';
import { createGroupRequest, diffGroup, groupNameOf, requireGroup, updateGroupRequest } from './mapping';
import type { UserPoolGroupSpec } from './schema';

const refs: UserPoolGroupRefs = { userPoolId: 'eu-west-1_Pool', region: 'eu-west-1' };
const roleArn = 'arn:aws:iam::123456789012:role/admins';
const base: UserPoolGroupSpec = { deletionPolicy: 'Retain', userPoolRef: { name: 'shop-users' } };
const full: UserPoolGroupSpec = { ...base, groupName: 'admins', description: 'Admins', precedence: 0, roleArn };
const inAws: GroupType = { GroupName: 'admins', UserPoolId: refs.userPoolId, Description: 'Admins', Precedence: 0, RoleArn: roleArn };

describe('groupNameOf', () => {
  it('is spec.groupName, else the object’s name', () => {
    expect(groupNameOf(full, 'object')).toBe('admins');
    expect(groupNameOf(base, 'object')).toBe('object');
  });
});

describe('createGroupRequest', () => {
  it('sends what the spec names, and nothing else', () => {
    expect(createGroupRequest(full, refs, 'admins')).toEqual({ UserPoolId: refs.userPoolId, GroupName: 'admins', Description: 'Admins', Precedence: 0, RoleArn: roleArn });
    expect(createGroupRequest(base, refs, 'readers')).toEqual({ UserPoolId: refs.userPoolId, GroupName: 'readers' });
  });
});

describe('diffGroup', () => {
  const cases: Case<[UserPoolGroupSpec, GroupType, string[]?], string[]>[] = [
    { name: 'equal', reason: 'AWS has what the spec names', args: [full, inAws], want: [] },
    { name: 'unnamed settings', reason: 'what the spec never named keeps its AWS value', args: [base, inAws], want: [] },
    {
      name: 'precedence 0 vs none',
      reason: 'zero is a value, not an absence',
      args: [{ ...base, precedence: 0 }, { GroupName: 'admins' }],
      want: ['precedence'],
    },
    {
      name: 'every named field differs',
      reason: 'each is reported by its spec path',
      args: [full, { GroupName: 'admins', Description: 'Old', Precedence: 3, RoleArn: 'arn:aws:iam::123456789012:role/old' }],
      want: ['description', 'precedence', 'roleArn'],
    },
    { name: 'empty description', reason: 'an empty and an absent description are the same', args: [{ ...base, description: '' }, { GroupName: 'admins' }], want: [] },
    { name: 'released description', reason: 'a description the spec dropped is still in AWS', args: [base, inAws, ['description']], want: ['description'] },
    { name: 'released description gone', reason: 'nothing left to clear', args: [base, { ...inAws, Description: '' }, ['description']], want: [] },
    {
      name: 'released precedence and role',
      reason: 'they cannot be cleared: the client reports them as mismatches, not as a diff an update would fix',
      args: [base, inAws, ['precedence', 'roleArn']],
      want: [],
    },
  ];
  it.each(cases)('$name: $reason', ({ args, want }) => {
    expect(diffGroup(...args)).toEqual(want);
  });
});

describe('updateGroupRequest', () => {
  it('sends every setting: the spec’s, else AWS’s', () => {
    expect(updateGroupRequest({ ...base, description: 'New' }, refs, inAws, 'admins')).toEqual({
      UserPoolId: refs.userPoolId,
      GroupName: 'admins',
      Description: 'New',
      Precedence: 0,
      RoleArn: roleArn,
    });
  });

  it('clears a released description with an empty one', () => {
    expect(updateGroupRequest({ ...base, precedence: 2 }, refs, inAws, 'admins', ['description'])).toMatchObject({ Description: '', Precedence: 2, RoleArn: roleArn });
  });

  it('leaves out what neither the spec nor AWS has', () => {
    expect(updateGroupRequest({ ...base, description: 'x' }, refs, { GroupName: 'admins' }, 'admins')).toEqual({ UserPoolId: refs.userPoolId, GroupName: 'admins', Description: 'x' });
  });
});

describe('requireGroup', () => {
  it('throws on an answer without a group', () => {
    expect(() => requireGroup(undefined)).toThrow('GetGroup returned no group');
  });
});
