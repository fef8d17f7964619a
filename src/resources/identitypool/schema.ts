/**
 * The IdentityPool API: a Cognito identity pool (federated identities) and its IAM roles. It
 * trades user pool tokens, social logins, OIDC and SAML assertions for AWS credentials. A setting
 * the spec never named is left as AWS has it; login providers, default roles and tags that it
 * named and names no longer are removed from AWS (three-way ownership, src/reconciler/ownership.ts).
 */
import { commonStatus, deletionPolicy, iamRoleArn, localRef, region, tags, onceCreated, unchangedRule } from '../../api/common';
import type { KindDefinition } from '../../api/crd';
import type { Infer } from '../../api/schema';
import { array, boolean, map, object, oneOf, string } from '../../api/schema';

/**
 * Attributes for access control (SetPrincipalTagAttributeMap): session tags taken from token
 * claims. AWS keeps one map per user pool, so the entries of one userPoolRef share it.
 */
const principalTags = object(
  {
    useDefaults: boolean('Use Cognito’s default mappings (username from sub, client from aud) instead of tags.'),
    tags: map(
      string('The token claim the tag’s value is taken from, such as sub or custom:department.', { minLength: 1, maxLength: 256 }),
      'Principal tag key → token claim. At most 50.',
      { maxProperties: 50 },
    ).rule('self.all(k, size(k) >= 1 && size(k) <= 128)', 'principalTags.tags: tag keys are 1-128 characters'),
  },
  'Principal tags (attributes for access control) for users of this user pool: session tags an IAM policy can test with aws:PrincipalTag. Removed from the spec, the pool’s mapping is reset (no defaults, no tags).',
).rule(
  '!(has(self.useDefaults) && self.useDefaults && has(self.tags) && size(self.tags) > 0)',
  'principalTags: useDefaults: true uses Cognito’s default mappings; remove tags, or set useDefaults: false to map your own',
);

const userPoolProvider = object(
  {
    userPoolRef: localRef('the UserPool').required(),
    appClientRef: localRef('the AppClient, of that pool, whose ID tokens are accepted,').required(),
    serverSideTokenCheck: boolean('Check with the user pool, at each credentials request, that the user is still signed in (not signed out globally or deleted).'),
    principalTags: principalTags,
  },
  'A user pool app client whose ID tokens the identity pool accepts.',
);

/** CEL: the provider a role mapping is for, as one string (fields left out count as empty). */
const providerKey = (m: string) =>
  `(has(${m}.identityProvider) ? ${m}.identityProvider : '') + '|' + (has(${m}.userPoolRef) ? ${m}.userPoolRef.name : '') + '|' + (has(${m}.appClientRef) ? ${m}.appClientRef.name : '')`;

const mappingRule = object(
  {
    claim: string('The token claim to test, such as cognito:groups or custom:tier.', {
      minLength: 1,
      maxLength: 64,
      pattern: '^[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+$',
    }).required(),
    matchType: oneOf(['Equals', 'Contains', 'StartsWith', 'NotEqual'] as const, 'How the claim is compared with value.').required(),
    value: string('The value the claim is compared with.', { minLength: 1, maxLength: 128 }).required(),
    roleArn: iamRoleArn('The role the user gets when the rule matches.').required(),
  },
  'A rule: when the claim matches, the user gets roleArn. Rules are tried in order; the first match wins.',
);

const roleMapping = object(
  {
    identityProvider: string(
      'The provider as Cognito names it: graph.facebook.com, accounts.google.com, www.amazon.com, appleid.apple.com, an OIDC or SAML provider, or cognito-idp.<region>.amazonaws.com/<poolId>:<clientId>; at most 128 characters. Excludes userPoolRef and appClientRef.',
      { minLength: 1, maxLength: 128 },
    ),
    userPoolRef: localRef('the UserPool of the app client (with appClientRef; the pair must be listed in userPools)'),
    appClientRef: localRef('the AppClient whose users the mapping applies to (with userPoolRef)'),
    type: oneOf(
      ['Token', 'Rules'] as const,
      'Token: take the role from the cognito:preferred_role and cognito:roles claims. Rules: take it from the first matching rule.',
    ).required(),
    ambiguousRoleResolution: oneOf(
      ['AuthenticatedRole', 'Deny'] as const,
      'What happens when no rule matches or the token names no single role: give roles.authenticated, or deny credentials.',
    ).required(),
    rules: array(mappingRule, 'Rules, tried in order (type Rules only).', { minItems: 1, maxItems: 25 }),
  },
  'How users of one provider get their IAM role.',
)
  .rule(
    'has(self.identityProvider) != (has(self.userPoolRef) || has(self.appClientRef))',
    'roleMappings: name the provider with identityProvider, or with userPoolRef and appClientRef (one of the two)',
  )
  .rule('has(self.userPoolRef) == has(self.appClientRef)', 'roleMappings: userPoolRef and appClientRef go together: Cognito maps roles per user pool app client')
  .rule("self.type != 'Rules' || has(self.rules)", 'roleMappings: type Rules needs rules')
  .rule(
    "self.type != 'Token' || !has(self.rules)",
    'roleMappings: type Token takes the role from the token’s cognito:preferred_role claim and has no rules; remove rules or set type: Rules',
  );

export const identityPoolSpec = object(
  {
    region,
    deletionPolicy: deletionPolicy('Retain', 'an identity pool holds identities, and a prune in git must not lose them.'),
    identityPoolName: string('Name of the identity pool in AWS. Defaults to metadata.name.', {
      minLength: 1,
      maxLength: 128,
      pattern: '^[\\w\\s+=,.@-]+$',
    }),
    allowUnauthenticatedIdentities: boolean('Give guests (users who have not signed in) credentials of roles.unauthenticated.').default(false),
    allowClassicFlow: boolean('Allow the basic (classic) authentication flow, in which clients call AssumeRoleWithWebIdentity themselves.'),
    userPools: array(userPoolProvider, 'User pool app clients whose users may get credentials.', { maxItems: 50 }).rule(
      'self.all(a, self.exists_one(b, b.userPoolRef.name == a.userPoolRef.name && b.appClientRef.name == a.appClientRef.name))',
      'userPools: each userPoolRef and appClientRef pair can be listed once',
    ).rule(
      'self.all(a, !has(a.principalTags) || self.exists_one(b, b.userPoolRef.name == a.userPoolRef.name && has(b.principalTags)))',
      'userPools: principalTags belong to the user pool, not the app client: name them on one entry of each userPoolRef',
    ),
    supportedLoginProviders: map(
      string('The app ID at that provider.', { minLength: 1, maxLength: 128, pattern: '^[\\w.;_/-]+$' }),
      'Social providers → app ID: graph.facebook.com, accounts.google.com, www.amazon.com, appleid.apple.com, api.twitter.com. The complete set: providers AWS has beyond it are removed; removed from the spec, the providers it named are removed from AWS.',
      { maxProperties: 10 },
    ).rule('self.all(k, size(k) >= 1 && size(k) <= 128)', 'supportedLoginProviders: provider names are 1-128 characters'),
    developerProviderName: string(
      'Your own authentication provider (developer authenticated identities), such as login.shop.example.com. Cognito cannot change it once set.',
      { minLength: 1, maxLength: 128, pattern: '^[\\w._-]+$' },
    ),
    openIdConnectProviderArns: array(
      string('ARN of an IAM OIDC identity provider.', {
        minLength: 20,
        maxLength: 2048,
        pattern: '^arn:[\\w+=/,.@-]+:iam::[0-9]{12}:oidc-provider/[\\w+=,.@/:-]+$',
      }),
      'IAM OIDC identity providers whose tokens the pool accepts.',
      { maxItems: 50, 'x-kubernetes-list-type': 'set' },
    ),
    samlProviderArns: array(
      string('ARN of an IAM SAML identity provider.', {
        minLength: 20,
        maxLength: 2048,
        pattern: '^arn:[\\w+=/,.@-]+:iam::[0-9]{12}:saml-provider/[\\w+=,.@-]+$',
      }),
      'IAM SAML identity providers whose assertions the pool accepts.',
      { maxItems: 50, 'x-kubernetes-list-type': 'set' },
    ),
    roles: object(
      {
        authenticated: iamRoleArn('Role of signed-in users (unless a role mapping picks another).'),
        unauthenticated: iamRoleArn('Role of guests (allowUnauthenticatedIdentities).'),
      },
      'Default IAM roles, set with SetIdentityPoolRoles. Their trust policies must allow cognito-identity.amazonaws.com. A role removed from the spec is unset in AWS.',
    ),
    roleMappings: array(roleMapping, 'Per-provider role choice: from the token (Token) or from rules (Rules). One per provider.', {
      maxItems: 10,
    }).rule(`self.all(a, self.exists_one(b, ${providerKey('a')} == ${providerKey('b')}))`, 'roleMappings: each provider can have one role mapping'),
    tags,
  },
  'Desired state of the Cognito identity pool.',
)
  .rule(
    '!has(self.roleMappings) || self.roleMappings.all(m, !has(m.userPoolRef) || !has(m.appClientRef) || (has(self.userPools) && self.userPools.exists(p, p.userPoolRef.name == m.userPoolRef.name && p.appClientRef.name == m.appClientRef.name)))',
    'roleMappings: a userPoolRef and appClientRef pair must also be listed in userPools',
  );

export const identityPoolStatus = object(
  {
    ...commonStatus,
    id: string('Identity pool ID, such as eu-west-1:0a1b2c3d-....'),
    arn: string('Identity pool ARN, for IAM policies. Set when the operator knows its AWS account ID (from its credentials or AWS_ACCOUNT_ID).'),
  },
  'What the operator observed and did.',
);

export type IdentityPoolSpec = Infer<typeof identityPoolSpec>;
export type IdentityPoolStatus = Infer<typeof identityPoolStatus>;

export const identityPoolKind: KindDefinition = {
  kind: 'IdentityPool',
  plural: 'identitypools',
  shortName: 'cip',
  description: 'An Amazon Cognito identity pool, with its IAM roles and role mappings: AWS credentials for users of user pools and other identity providers.',
  spec: identityPoolSpec.required(),
  status: identityPoolStatus,
  columns: [{ name: 'ID', type: 'string', jsonPath: '.status.id', description: 'Identity pool ID.' }],
  objectRules: [
    onceCreated(
      unchangedRule('region'),
      'region cannot be changed after creation: create a new IdentityPool in the other region instead',
    ),
    onceCreated(
      '!has(oldSelf.developerProviderName) || (has(self.developerProviderName) && self.developerProviderName == oldSelf.developerProviderName)',
      'developerProviderName cannot be changed or removed once set: Cognito keeps it for the life of the identity pool',
    ),
  ],
};
