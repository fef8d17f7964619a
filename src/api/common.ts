/** Schema pieces every kind shares: region, deletion policy, tags, references, conditions. */
import type { ValidationRule } from './schema';
import { array, integer, map, object, oneOf, string } from './schema';

/** AWS regions look like `eu-west-1`, `us-gov-west-1`, `ap-southeast-2`. */
const regionPattern = '^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]+$';

export const region = string(
  "AWS region of the resource, such as eu-west-1. Defaults to the operator's region. Cannot be changed after creation.",
  { pattern: regionPattern, maxLength: 32 },
);

/** IAM role ARNs: arn:aws:iam::123456789012:role/path/name. */
export const iamRoleArnPattern = '^arn:[\\w+=/,.@-]+:iam::[0-9]{12}:role/[\\w+=,.@/-]+$';

export function iamRoleArn(description: string) {
  return string(description, { pattern: iamRoleArnPattern, minLength: 20, maxLength: 2048 });
}

/** The CEL rule that keeps an optional spec field from changing, appearing or disappearing. */
export function unchangedRule(field: string): string {
  return `has(self.${field}) == has(oldSelf.${field}) && (!has(self.${field}) || self.${field} == oldSelf.${field})`;
}

/** A rule written against the spec (`self`, `oldSelf` are specs), rewritten for the root object. */
function atRoot(specRule: string): string {
  return specRule.replace(/(?<![\w.])(self|oldSelf)\./g, '$1.spec.');
}

/** The object has created or adopted its AWS resource: the operator has recorded status.id. */
const hadResource = 'has(oldSelf.status) && has(oldSelf.status.id)';
const hasResource = 'has(self.status) && has(self.status.id)';

/**
 * A transition rule that holds only once the object has created or adopted its AWS resource.
 * Until then (a create AWS rejected, say) the spec can still be corrected in place. Placed on
 * the root object, the only place CEL sees status; `||` rather than a ternary keeps the rule
 * within the API server's cost budget.
 */
export function onceCreated(specRule: string, message: string): ValidationRule {
  return { rule: `!(${hadResource}) || (${atRoot(specRule)})`, message };
}

/** A rule that holds until the object has created or adopted its AWS resource (create-time limits). */
export function untilCreated(specRule: string, message: string): ValidationRule {
  return { rule: `(${hasResource}) || (${atRoot(specRule)})`, message };
}

export const deletionPolicyValues = ['Delete', 'Retain'] as const;
export function deletionPolicy(defaultValue: (typeof deletionPolicyValues)[number], why: string) {
  return oneOf(
    deletionPolicyValues,
    `What happens to the AWS resource when this object is deleted: Delete removes it, Retain leaves it in AWS. Default ${defaultValue}: ${why}`,
  ).default(defaultValue);
}

/**
 * AWS tags. The operator adds cognito.operator.dev/owner-uid itself (crash-safe creates), which
 * leaves 49 of AWS's 50 for the user.
 */
export const tags = map(string('Tag value.', { maxLength: 256 }), 'AWS tags. A key removed from the spec is untagged; tags the spec never named (set in the console, by AWS Backup...) are kept. Keys starting with aws: or cognito.operator.dev/ are reserved.', {
  maxProperties: 49,
}).rule(
  "self.all(k, !k.startsWith('aws:') && !k.startsWith('cognito.operator.dev/') && size(k) <= 128)",
  'tags: keys are at most 128 characters and cannot start with aws: or cognito.operator.dev/ (reserved)',
);

/** Kubernetes object names: DNS subdomain. */
const objectName = string('Name of the object in the same namespace.', {
  minLength: 1,
  maxLength: 253,
  pattern: '^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$',
});

/** A reference to another object of this API in the same namespace. */
export function localRef(what: string) {
  return object({ name: objectName.required() }, `Reference to ${what} in the same namespace.`);
}

/** A key in a Secret in the same namespace. */
export function secretKeyRef(what: string) {
  return object(
    {
      name: objectName.required(),
      key: string('Key within the Secret.', { minLength: 1, maxLength: 253, pattern: '^[-._a-zA-Z0-9]+$' }).required(),
    },
    `${what}, read from a key of a Secret in the same namespace (never stored in the spec).`,
  );
}

export const condition = object(
  {
    type: string('Ready, Synced, Reconciling or Stalled.', { maxLength: 316 }).required(),
    status: oneOf(['True', 'False', 'Unknown'] as const, 'Whether the condition holds.').required(),
    reason: string('A CamelCase word saying why, such as Available, Creating or InvalidSpec.', { maxLength: 1024 }).required(),
    message: string('What happened, in words a person can act on; carries AWS’s own message.', { maxLength: 32768 }),
    lastTransitionTime: string('When the status last changed.', { format: 'date-time' }).required(),
    observedGeneration: integer('The metadata.generation this condition was computed from.', { format: 'int64', minimum: 0 }),
  },
  'One observation of the resource’s state (kstatus-compatible).',
);

/** Status fields every kind has; each kind adds its identifiers. */
/** A pool child's status.userPoolId: deleting the child needs it once the UserPool object is gone. */
export const poolIdStatus = (noun: string) => string(`The ID of the user pool ${noun} belongs to.`);

export const commonStatus = {
  accountId: string('The AWS account the resource lives in (recorded once; the object never moves to another account).', { pattern: '^[0-9]{12}$' }),
  observedGeneration: integer('The metadata.generation the operator last acted on.', { format: 'int64' }),
  conditions: array(condition, 'Ready, Synced, Reconciling and Stalled, as the operator last saw them.', {
    'x-kubernetes-list-type': 'map',
    'x-kubernetes-list-map-keys': ['type'],
  }),
};
