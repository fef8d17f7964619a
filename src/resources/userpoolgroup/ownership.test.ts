import type { GroupType } from '@aws-sdk/client-cognito-identity-provider';
import { releasedGroupPaths, unclearableSettings, userPoolGroupOwnedPaths } from './ownership';
import type { UserPoolGroupSpec } from './schema';

const roleArn = 'arn:aws:iam::123456789012:role/admins';
const base: UserPoolGroupSpec = { deletionPolicy: 'Retain', userPoolRef: { name: 'shop-users' } };
const inAws: GroupType = { GroupName: 'admins', Description: 'Admins', Precedence: 0, RoleArn: roleArn };

describe('userPoolGroupOwnedPaths', () => {
  it('names each setting the spec names, zero and empty included', () => {
    expect(userPoolGroupOwnedPaths({ ...base, description: '', precedence: 0, roleArn })).toEqual(['description', 'precedence', 'roleArn']);
    expect(userPoolGroupOwnedPaths(base)).toEqual([]);
  });
});

describe('releasedGroupPaths', () => {
  it('reports a released description AWS still has', () => {
    expect(releasedGroupPaths(inAws, ['description'])).toEqual(['description']);
    expect(releasedGroupPaths({ GroupName: 'admins' }, ['description'])).toEqual([]);
    expect(releasedGroupPaths(inAws, undefined)).toEqual([]);
  });
});

describe('unclearableSettings', () => {
  it('names a released precedence or role AWS still has, with AWS’s value', () => {
    expect(unclearableSettings(inAws, ['precedence', 'roleArn'])).toMatchObject([
      { path: 'precedence', want: null, have: 0, note: expect.stringContaining('cannot clear it') },
      { path: 'roleArn', want: null, have: roleArn, note: expect.stringContaining('cannot clear it') },
    ]);
  });

  it('is empty when nothing was released, or AWS has none of it', () => {
    expect(unclearableSettings(inAws, undefined)).toEqual([]);
    expect(unclearableSettings(inAws, ['description'])).toEqual([]);
    expect(unclearableSettings({ GroupName: 'admins' }, ['precedence', 'roleArn'])).toEqual([]);
  });
});
