/**
 * UserPoolGroup settings under three-way ownership (src/reconciler/ownership.ts): which paths of
 * the spec are recorded once applied, and what releasing each does in AWS. Pure functions.
 *
 * - `description`: cleared (UpdateGroup with an empty description).
 * - `precedence`, `roleArn`: Cognito cannot clear them. UpdateGroup keeps a field it is not
 *   given, an empty RoleArn breaks its constraints (an ARN of 20 to 2048 characters) and
 *   Precedence takes no null. Admission refuses to drop them once the group exists; should one be
 *   released all the same (dropped before the operator recorded the group in status), the object
 *   stalls (ImmutableMismatch) instead of reporting a match AWS does not have. Deleting the
 *   object still works: a mismatch holds up no deletion.
 */
import type { GroupType } from '@aws-sdk/client-cognito-identity-provider';
import { includesPath } from '../../reconciler/ownership';
import type { ImmutableMismatch } from '../../reconciler/external';
import type { UserPoolGroupSpec } from './schema';

export const OwnedPath = {
  description: 'description',
  precedence: 'precedence',
  roleArn: 'roleArn',
} as const;

const Note = {
  precedence: 'Cognito can change a group’s precedence but cannot clear it: name a precedence in the spec',
  roleArn: 'Cognito can change a group’s IAM role but cannot clear it: name a role in the spec',
} as const;

/** The paths of the spec that ownership records. */
export function userPoolGroupOwnedPaths(spec: UserPoolGroupSpec): string[] {
  return [
    ...(spec.description !== undefined ? [OwnedPath.description] : []),
    ...(spec.precedence !== undefined ? [OwnedPath.precedence] : []),
    ...(spec.roleArn !== undefined ? [OwnedPath.roleArn] : []),
  ];
}

/** Whether the spec released the description and AWS still has one. */
export function releasedDescription(current: GroupType, released: readonly string[] | undefined): boolean {
  return includesPath(released, OwnedPath.description) && (current.Description ?? '') !== '';
}

/** Released paths that an update clears because the group still has them. */
export function releasedGroupPaths(current: GroupType, released: readonly string[] | undefined): string[] {
  return releasedDescription(current, released) ? [OwnedPath.description] : [];
}

/**
 * Released settings Cognito cannot clear that the group still has, as mismatches the reconciler
 * stalls on (reason ImmutableMismatch, with an Event) rather than report a match AWS does not
 * have: `want` is null (the spec names none), `have` is AWS's value.
 */
export function unclearableSettings(current: GroupType, released: readonly string[] | undefined): ImmutableMismatch[] {
  return [
    ...(includesPath(released, OwnedPath.precedence) && current.Precedence !== undefined
      ? [{ path: OwnedPath.precedence, want: null, have: current.Precedence, note: Note.precedence }]
      : []),
    ...(includesPath(released, OwnedPath.roleArn) && current.RoleArn !== undefined && current.RoleArn !== ''
      ? [{ path: OwnedPath.roleArn, want: null, have: current.RoleArn, note: Note.roleArn }]
      : []),
  ];
}
