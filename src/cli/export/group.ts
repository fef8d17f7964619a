/** A UserPoolGroup spec from GetGroup / ListGroups. */
import type { GroupType } from '@aws-sdk/client-cognito-identity-provider';

export function userPoolGroupSpecFrom(group: GroupType, poolObject: string): Record<string, unknown> {
  return {
    userPoolRef: { name: poolObject },
    groupName: group.GroupName,
    ...(group.Description ? { description: group.Description } : {}),
    ...(group.Precedence !== undefined ? { precedence: group.Precedence } : {}),
    ...(group.RoleArn ? { roleArn: group.RoleArn } : {}),
  };
}
