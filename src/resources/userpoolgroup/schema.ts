/**
 * The UserPoolGroup API: a group of a user pool, for role-based access (`cognito:groups` in
 * tokens, and an IAM role for identity pools through `cognito:preferred_role`). Membership is not
 * managed here: users are added to groups by applications, the console or AdminAddUserToGroup.
 *
 * Cognito's UpdateGroup can change roleArn and precedence but never clear them (RoleArn must be
 * an ARN of at least 20 characters; Precedence takes no null), so once the group exists they can
 * be changed, not removed. Admission says so instead of accepting a spec AWS cannot be made to match.
 */
import { commonStatus, poolIdStatus, deletionPolicy, iamRoleArn, localRef, onceCreated, region, unchangedRule } from '../../api/common';
import type { KindDefinition } from '../../api/crd';
import type { Infer } from '../../api/schema';
import { integer, object, string } from '../../api/schema';

/** GroupNameType: 1-128 letters, marks, symbols, numbers and punctuation (no spaces). */
export const GroupNameMaxLength = 128;
const groupNamePattern = '^[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+$';

/** PrecedenceType: a non-negative 32-bit integer. */
const PrecedenceMax = 2147483647;

export const userPoolGroupSpec = object(
  {
    region,
    deletionPolicy: deletionPolicy(
      'Retain',
      'a group’s members are not in this spec, so deleting the group would take every user out of it and re-creating it from the spec would bring none back. A UserPoolGroup of the same groupName created later takes a retained group over.',
    ),
    userPoolRef: localRef('the UserPool')
      .with({ description: 'Reference to the UserPool the group belongs to, in the same namespace. Cannot be changed after creation.' })
      .required(),
    groupName: string(
      `Name of the group in the user pool, as tokens carry it in cognito:groups. Defaults to metadata.name. 1-${GroupNameMaxLength} characters, no spaces. Cannot be changed after creation.`,
      { minLength: 1, maxLength: GroupNameMaxLength, pattern: groupNamePattern },
    ),
    description: string('A description of the group. Removed from the spec, it is cleared in AWS.', { maxLength: 2048 }),
    precedence: integer(
      'Which group’s role wins when a user is in several: the group with the lowest value (0 is the highest precedence) gives cognito:preferred_role. Groups without a precedence come last. Once the group exists it can be changed but not removed: Cognito cannot clear a precedence.',
      { minimum: 0, maximum: PrecedenceMax },
    ),
    roleArn: iamRoleArn(
      'The IAM role members of this group get from an identity pool (cognito:roles and cognito:preferred_role in their tokens), such as arn:aws:iam::123456789012:role/admins. Once the group exists it can be changed but not removed: Cognito cannot clear a group’s role.',
    ),
  },
  'Desired state of the Cognito user pool group. Membership is not managed: add users to the group in AWS.',
);

export const userPoolGroupStatus = object(
  {
    ...commonStatus,
    id: string('The group’s name in the user pool: the AWS identifier the operator manages (as the external-id annotation holds it).'),
    groupName: string('The group’s name in the user pool, as created.'),
    userPoolId: poolIdStatus('the group'),
  },
  'What the operator observed and did.',
);

export type UserPoolGroupSpec = Infer<typeof userPoolGroupSpec>;
export type UserPoolGroupStatus = Infer<typeof userPoolGroupStatus>;

/** A setting the spec named that a later spec leaves out: `!has(oldSelf.x) || has(self.x)`. */
const keptRule = (field: string) => `!has(oldSelf.${field}) || has(self.${field})`;

export const userPoolGroupKind: KindDefinition = {
  kind: 'UserPoolGroup',
  plural: 'userpoolgroups',
  shortName: 'cug',
  description: 'A group of an Amazon Cognito user pool: its name, description, precedence and IAM role. Membership is not managed.',
  spec: userPoolGroupSpec.required(),
  status: userPoolGroupStatus,
  columns: [
    { name: 'Group', type: 'string', jsonPath: '.status.groupName', description: 'The group’s name in the user pool.' },
    { name: 'Pool', type: 'string', jsonPath: '.spec.userPoolRef.name', description: 'The UserPool the group belongs to.' },
  ],
  objectRules: [
    {
      rule: `has(self.spec.groupName) || size(self.metadata.name) <= ${GroupNameMaxLength}`,
      message: `groupName defaults to metadata.name, which is longer than a group name may be (${GroupNameMaxLength} characters): set spec.groupName`,
    },
    onceCreated(unchangedRule('region'), 'region cannot be changed after creation: create a new UserPoolGroup in the other region instead'),
    onceCreated(
      unchangedRule('userPoolRef'),
      'userPoolRef cannot be changed after creation: a group belongs to one user pool; create a new UserPoolGroup for the other pool',
    ),
    onceCreated(
      unchangedRule('groupName'),
      'groupName cannot be changed after creation (it defaults to metadata.name): Cognito identifies a group by its name; create a new UserPoolGroup instead',
    ),
    onceCreated(
      keptRule('roleArn'),
      'roleArn cannot be removed once the group exists: Cognito can change a group’s IAM role but not clear it. Set another role, or keep this one',
    ),
    onceCreated(
      keptRule('precedence'),
      'precedence cannot be removed once the group exists: Cognito can change a group’s precedence but not clear it. Set another value, or keep this one',
    ),
  ],
};
