/**
 * UserPoolGroup spec ↔ Cognito group requests and responses. Pure functions, no I/O.
 *
 * - A group is identified by its pool and name; the name is the external ID.
 * - description, precedence and roleArn are managed when the spec names them. An absent and an
 *   empty description are the same thing (AWS may answer either).
 * - UpdateGroup is sent with every setting, read-merge-write: the spec's values, AWS's for what
 *   the spec does not name, and an empty description for one the spec released. Whether AWS
 *   keeps or resets a field a request leaves out then never matters.
 */
import type { CreateGroupCommandInput, GroupType, UpdateGroupCommandInput } from '@aws-sdk/client-cognito-identity-provider';
import { IncompleteResponseError } from '../../aws/errors';
import { releasedDescription, releasedGroupPaths } from './ownership';
import type { UserPoolGroupSpec } from './schema';

type Spec = UserPoolGroupSpec;

/** What the kind's `resolve` gives the client. */
export interface UserPoolGroupRefs {
  /** The ID of the referenced UserPool. */
  userPoolId: string;
  /** The pool's region: a group lives in its pool's region. */
  region: string;
}

/** Identifiers for status. */
export interface UserPoolGroupOutputs {
  groupName: string;
  userPoolId: string;
}

const Message = {
  noGroup: 'GetGroup returned no group',
} as const;

/** The object without its undefined values (requests stay minimal and readable in tests). */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** The group's name in the pool: spec.groupName, else the object's name. */
export function groupNameOf(spec: Spec, objectName: string): string {
  return spec.groupName ?? objectName;
}

/** CreateGroup with everything the spec names. */
export function createGroupRequest(spec: Spec, refs: UserPoolGroupRefs, groupName: string): CreateGroupCommandInput {
  return compact({
    UserPoolId: refs.userPoolId,
    GroupName: groupName,
    Description: spec.description,
    Precedence: spec.precedence,
    RoleArn: spec.roleArn,
  });
}

/**
 * UpdateGroup with every setting: the spec's, else AWS's; a released description is sent empty,
 * which clears it. A released precedence or roleArn cannot be cleared (see ownership.ts).
 */
export function updateGroupRequest(spec: Spec, refs: UserPoolGroupRefs, current: GroupType, groupName: string, released?: readonly string[]): UpdateGroupCommandInput {
  return compact({
    UserPoolId: refs.userPoolId,
    GroupName: groupName,
    Description: spec.description ?? (releasedDescription(current, released) ? '' : current.Description),
    Precedence: spec.precedence ?? current.Precedence,
    RoleArn: spec.roleArn ?? current.RoleArn,
  });
}

/** The spec paths where AWS differs from the spec, and released settings AWS still has. */
export function diffGroup(spec: Spec, current: GroupType, released?: readonly string[]): string[] {
  const named: string[] = [];
  if (spec.description !== undefined && spec.description !== (current.Description ?? '')) named.push('description');
  if (spec.precedence !== undefined && spec.precedence !== current.Precedence) named.push('precedence');
  if (spec.roleArn !== undefined && spec.roleArn !== current.RoleArn) named.push('roleArn');
  return [...named, ...releasedGroupPaths(current, released)];
}

export function requireGroup(group: GroupType | undefined): GroupType {
  if (!group) throw new IncompleteResponseError(Message.noGroup);
  return group;
}

export function userPoolGroupOutputs(groupName: string, refs: UserPoolGroupRefs): UserPoolGroupOutputs {
  return { groupName, userPoolId: refs.userPoolId };
}
