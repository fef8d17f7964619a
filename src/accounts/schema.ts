/**
 * The AWSAccountBinding API: which IAM role the objects of some namespaces use. Cluster-scoped,
 * so that only cluster RBAC can write one: a namespace's users cannot choose an account. It has
 * no AWS resource of its own; the operator watches it and assumes its role (src/accounts/).
 */
import { iamRoleArn, region } from '../api/common';
import type { KindDefinition } from '../api/crd';
import type { Infer } from '../api/schema';
import { array, integer, map, object, string } from '../api/schema';

/** Kubernetes namespace names: DNS labels. */
const namespaceName = string('A namespace name.', { minLength: 1, maxLength: 63, pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$' });

/** AssumeRole's ExternalId: 2-1224 characters of `[\w+=,.@:/-]`. */
const externalId = string(
  'The ExternalId passed to sts:AssumeRole, when the role’s trust policy requires one (sts:ExternalId). 2-1224 characters.',
  { minLength: 2, maxLength: 1224, pattern: '^[\\w+=,.@:/-]+$' },
);

/** AssumeRole's RoleSessionName: 2-64 characters of `[\w+=,.@-]`. */
const sessionName = string(
  'The RoleSessionName of the assumed-role sessions, as CloudTrail shows them. Default cognito-operator. 2-64 characters.',
  { minLength: 2, maxLength: 64, pattern: '^[\\w+=,.@-]+$' },
);

export const namespaceSelector = object(
  {
    matchLabels: map(string('Label value.', { maxLength: 63 }), 'Namespaces whose labels include all of these.', { maxProperties: 32 }),
  },
  'Namespaces served, by their labels (matchLabels).',
);

export const awsAccountBindingSpec = object(
  {
    roleArn: iamRoleArn(
      'The IAM role the served namespaces’ objects use, assumed through STS from the operator’s own credentials, such as arn:aws:iam::210987654321:role/cognito-shop. Its account is where their resources live.',
    ).required(),
    externalId,
    sessionName,
    region: region.with({
      description: 'AWS region of the served namespaces’ objects whose spec names none; defaults to the operator’s region.',
    }),
    namespaces: array(namespaceName, 'Namespaces served, by name.', { maxItems: 256, 'x-kubernetes-list-type': 'set' }),
    namespaceSelector,
  },
  'Which IAM role, and so which AWS account, the objects of some namespaces use.',
).rule(
  '(has(self.namespaces) && size(self.namespaces) > 0) || (has(self.namespaceSelector) && has(self.namespaceSelector.matchLabels) && size(self.namespaceSelector.matchLabels) > 0)',
  'name the namespaces served: set namespaces, namespaceSelector.matchLabels, or both',
);

export const awsAccountBindingStatus = object(
  {
    accountId: string('The AWS account of the role (from roleArn): where the served namespaces’ resources live.'),
    namespaces: array(namespaceName, 'The namespaces this binding serves now (alone: a namespace served by two bindings is stalled).', {
      'x-kubernetes-list-type': 'set',
    }),
    observedGeneration: integer('The metadata.generation the status was computed from.', { format: 'int64' }),
  },
  'What the operator observed.',
);

export type AWSAccountBindingSpec = Infer<typeof awsAccountBindingSpec>;

export const awsAccountBindingKind: KindDefinition = {
  kind: 'AWSAccountBinding',
  plural: 'awsaccountbindings',
  shortName: 'cab',
  scope: 'Cluster',
  description:
    'Binds namespaces to an AWS account: their Cognito objects use this IAM role. Cluster-scoped: only cluster RBAC writes bindings, so a namespace’s users cannot choose an account.',
  spec: awsAccountBindingSpec.required(),
  status: awsAccountBindingStatus,
  columns: [
    { name: 'Account', type: 'string', jsonPath: '.status.accountId', description: 'The AWS account of the role.' },
    { name: 'Namespaces', type: 'string', jsonPath: '.status.namespaces', description: 'The namespaces served.' },
  ],
};
