/**
 * The UserPool API. Sections follow the AWS console's "create user pool" steps: sign-in,
 * security, sign-up, messaging, app integration (domain). A setting the spec never named is
 * left as AWS has it; triggers, tags, the domain, device tracking, SMS MFA, risk sections and
 * the logging list that the spec named and names no longer are removed from AWS (three-way ownership, src/reconciler/ownership.ts).
 */
import { commonStatus, deletionPolicy, region, tags, onceCreated, unchangedRule, untilCreated } from '../../api/common';
import type { KindDefinition } from '../../api/crd';
import type { Infer } from '../../api/schema';
import { array, boolean, integer, object, oneOf, string } from '../../api/schema';
import { hostedUiLogoFingerprint, hostedUiSchema } from '../hostedui/schema';
import { riskSections } from '../threatprotection/schema';

const lambdaArnPattern = '^arn:[\\w+=/,.@-]+:lambda:[a-z0-9-]+:[0-9]{12}:function:[\\w-]+(:[\\w$-]+)?$';
const iamRoleArnPattern = '^arn:[\\w+=/,.@-]+:iam::[0-9]{12}:role/[\\w+=,.@/-]+$';
const arnPattern = '^arn:[\\w+=/,.@-]+:[\\w+=/,.@-]+:[\\w+=/,.@-]*:[0-9]*:[\\w+=,.@/:-]+$';

const lambdaArn = (what: string) => string(`ARN of the Lambda function invoked ${what}.`, { pattern: lambdaArnPattern, maxLength: 2048 });

export const standardAttributes = [
  'address', 'birthdate', 'email', 'family_name', 'gender', 'given_name', 'locale', 'middle_name', 'name',
  'nickname', 'phone_number', 'picture', 'preferred_username', 'profile', 'zoneinfo', 'updated_at', 'website',
] as const;

const quoted = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

const signIn = object(
  {
    usernameAttributes: array(
      oneOf(['email', 'phone_number'] as const, 'An attribute users sign in with.'),
      'Users sign in with these attributes instead of a username (email, phone_number). Excludes aliasAttributes.',
      { maxItems: 2, 'x-kubernetes-list-type': 'set' },
    ),
    aliasAttributes: array(
      oneOf(['email', 'phone_number', 'preferred_username'] as const, 'An alias for the username.'),
      'Users sign in with a username or one of these aliases. Excludes usernameAttributes.',
      { maxItems: 3, 'x-kubernetes-list-type': 'set' },
    ),
    caseSensitive: boolean('Whether user names are case sensitive. AWS recommends false.'),
  },
  'How users sign in. Cognito cannot change these after the pool is created, so they are immutable once it exists (status.id); an adopted pool that differs stalls with ImmutableMismatch.',
).rule(
  '!(has(self.usernameAttributes) && has(self.aliasAttributes))',
  'set signIn.usernameAttributes or signIn.aliasAttributes, not both: Cognito allows one of the two',
);

const passwordPolicy = object(
  {
    minimumLength: integer('Minimum password length (6-99).', { minimum: 6, maximum: 99 }),
    requireLowercase: boolean('Require at least one lowercase letter.'),
    requireUppercase: boolean('Require at least one uppercase letter.'),
    requireNumbers: boolean('Require at least one number.'),
    requireSymbols: boolean('Require at least one symbol.'),
    temporaryPasswordValidityDays: integer('Days an administrator-set temporary password stays valid (0-365).', { minimum: 0, maximum: 365 }),
    passwordHistorySize: integer('Number of previous passwords a user cannot reuse (0-24; Essentials or Plus tier).', { minimum: 0, maximum: 24 }),
  },
  'Password requirements. Fields left out keep their AWS values.',
);

const mfa = object(
  {
    mode: oneOf(['OFF', 'ON', 'OPTIONAL'] as const, 'OFF, ON (required for every user) or OPTIONAL (users choose).').required(),
    totp: boolean('Allow authenticator apps (TOTP).'),
    sms: object(
      {
        enabled: boolean('Allow SMS codes. Needs messaging.sms.').required(),
        message: string('SMS text (6-140 characters); must contain {####} where the code goes.', { minLength: 6, maxLength: 140 }).rule(
          "self.contains('{####}')",
          'security.mfa.sms.message must contain {####}, where Cognito puts the code',
        ),
      },
      'SMS text-message MFA. Removed from the spec, SMS MFA is turned off in AWS (MFA goes OFF if no factor is left).',
    ),
    email: object(
      {
        enabled: boolean('Allow email codes (Essentials or Plus tier, and a DEVELOPER email account).').required(),
        subject: string('Email subject (1-140 characters).', { minLength: 1, maxLength: 140 }),
        message: string('Email body (6-20000 characters); must contain {####} where the code goes.', { minLength: 6, maxLength: 20000 }).rule(
          "self.contains('{####}')",
          'security.mfa.email.message must contain {####}, where Cognito puts the code',
        ),
      },
      'Email MFA.',
    ),
  },
  'Multi-factor authentication, applied with SetUserPoolMfaConfig.',
).rule(
  "self.mode == 'OFF' || (has(self.totp) && self.totp) || (has(self.sms) && self.sms.enabled) || (has(self.email) && self.email.enabled)",
  'security.mfa.mode ON or OPTIONAL needs at least one factor: totp, sms.enabled or email.enabled',
);

const passkeys = object(
  {
    relyingPartyId: string(
      'The domain passkey providers trust as the relying party: typically the pool’s domain; with a custom domain and managed login, that custom domain. Default: the pool’s domain.',
      { minLength: 1, maxLength: 127 },
    ).rule("!self.contains('/') && !self.contains(':')", 'security.passkeys.relyingPartyId is a domain name (auth.example.com), not a URL'),
    userVerification: oneOf(['required', 'preferred'] as const, 'required: only passkeys that verify the user (biometrics, PIN) can register and sign in. Default preferred.'),
    factorConfiguration: oneOf(
      ['SINGLE_FACTOR', 'MULTI_FACTOR_WITH_USER_VERIFICATION'] as const,
      'MULTI_FACTOR_WITH_USER_VERIFICATION: a passkey sign-in with user verification satisfies MFA. Default SINGLE_FACTOR.',
    ),
  },
  'Passkey (WebAuthn) sign-in, applied with SetUserPoolMfaConfig; users choose it where security.allowedFirstAuthFactors includes WEB_AUTHN (Essentials or Plus tier). Removed from the spec, the settings go back to AWS’s defaults.',
);

const recoveryMechanisms = ['verified_email', 'verified_phone_number', 'admin_only'] as const;

const security = object(
  {
    passwordPolicy,
    mfa,
    passkeys,
    accountRecovery: array(
      oneOf(recoveryMechanisms, 'A recovery method.'),
      'How users recover their account, first choice first: verified_email, verified_phone_number, or admin_only alone.',
      // Atomic, not a set: the order is the priority.
      { minItems: 1, maxItems: 2, 'x-kubernetes-list-type': 'atomic' },
    )
      .rule('self.all(m, self.filter(n, n == m).size() == 1)', 'security.accountRecovery: each method may appear once')
      .rule(
      "!self.exists(m, m == 'admin_only') || size(self) == 1",
      'security.accountRecovery: admin_only cannot be combined with another method',
    ),
    threatProtection: object(
      {
        mode: oneOf(['OFF', 'AUDIT', 'ENFORCED'] as const, 'Threat protection for standard authentication (Plus tier).').required(),
        customAuthMode: oneOf(['AUDIT', 'ENFORCED'] as const, 'Threat protection for custom authentication flows.'),
        ...riskSections,
      },
      'Threat protection (formerly advanced security features): the mode, and the risk configuration every app client without its own uses (SetRiskConfiguration). A risk section removed from the spec is removed from AWS; one it never named keeps its AWS value.',
    ).rule(
      "self.mode != 'OFF' || !(has(self.compromisedCredentials) || has(self.accountTakeover) || has(self.riskExceptions))",
      'security.threatProtection: compromisedCredentials, accountTakeover and riskExceptions need mode AUDIT or ENFORCED (Cognito applies a risk configuration only with threat protection on)',
    ),
    deviceTracking: object(
      {
        challengeRequiredOnNewDevice: boolean('Require MFA on a device the user has not used before.'),
        onlyRememberedOnUserPrompt: boolean('Remember a device only when the user asks for it.'),
      },
      'Remembered devices. Removed from the spec, device tracking is turned off in AWS.',
    ),
    allowedFirstAuthFactors: array(
      oneOf(['PASSWORD', 'EMAIL_OTP', 'SMS_OTP', 'WEB_AUTHN'] as const, 'A first sign-in factor.'),
      'Choice-based sign-in factors (Essentials or Plus tier). PASSWORD must be one of them.',
      { minItems: 1, maxItems: 4, 'x-kubernetes-list-type': 'set' },
    ).rule("self.exists(f, f == 'PASSWORD')", 'security.allowedFirstAuthFactors must include PASSWORD'),
  },
  'Password policy, MFA, account recovery, threat protection and devices.',
);

const attributeTypes = ['String', 'Number', 'DateTime', 'Boolean'] as const;

const attribute = object(
  {
    name: string('Attribute name: a standard one (email, phone_number, ...) or, with custom: true, a custom one (stored as custom:<name>).', {
      minLength: 1,
      maxLength: 20,
      pattern: '^[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+$',
    }).required(),
    custom: boolean('A custom attribute (custom:<name>).'),
    type: oneOf(attributeTypes, 'Data type; String when left out.'),
    required: boolean('Users must provide it at sign-up. Only standard attributes can be required.'),
    mutable: boolean('Users can change it after sign-up.'),
    developerOnly: boolean('Only administrators can read or write it (dev:custom:<name>).'),
    minLength: integer('Minimum length of a String attribute.', { minimum: 0, maximum: 2048 }),
    maxLength: integer('Maximum length of a String attribute.', { minimum: 0, maximum: 2048 }),
    minValue: integer('Minimum of a Number attribute.'),
    maxValue: integer('Maximum of a Number attribute.'),
  },
  'A user attribute in the pool’s schema.',
)
  .rule(
    `(has(self.custom) && self.custom) || self.name in [${quoted(standardAttributes)}]`,
    `signUp.attributes: a name that is not a standard attribute (${standardAttributes.join(', ')}) needs custom: true`,
  )
  .rule(
    '!(has(self.custom) && self.custom && has(self.required) && self.required)',
    'signUp.attributes: a custom attribute cannot be required; Cognito allows required only on standard attributes',
  )
  .rule(
    "!(has(self.minLength) || has(self.maxLength)) || !has(self.type) || self.type == 'String'",
    'signUp.attributes: minLength and maxLength apply to String attributes only',
  )
  .rule(
    "!(has(self.minValue) || has(self.maxValue)) || (has(self.type) && self.type == 'Number')",
    'signUp.attributes: minValue and maxValue apply to Number attributes only',
  );

const verifiable = ['email', 'phone_number'] as const;

const signUp = object(
  {
    selfRegistration: boolean('Let users sign themselves up; false means only administrators create users.'),
    autoVerifiedAttributes: array(oneOf(verifiable, 'An attribute Cognito verifies.'), 'Attributes Cognito sends a code to verify.', {
      maxItems: 2,
      'x-kubernetes-list-type': 'set',
    }),
    attributesRequireVerificationBeforeUpdate: array(
      oneOf(verifiable, 'An attribute.'),
      'Keep the old value active until the user verifies the new one.',
      { maxItems: 2, 'x-kubernetes-list-type': 'set' },
    ),
    attributes: array(attribute, 'Schema attributes: at most 50 when the pool is created, custom ones added later. Add-only once the pool exists: Cognito cannot remove or change an attribute the pool has.', {
      maxItems: 75,
      'x-kubernetes-list-type': 'map',
      'x-kubernetes-list-map-keys': ['name'],
    }),
  },
  'Self-registration, verification and the attribute schema.',
);

/** AWS's bounds (botocore): subjects 1-140, SMS messages 6-140, email messages 6-20000 characters. */
const message = (what: string, min: number, max: number, code: boolean) =>
  string(`${what} (${min}-${max} characters)${code ? '; must contain {####} where the code goes' : ''}.`, { minLength: min, maxLength: max });

const messaging = object(
  {
    email: object(
      {
        sendingAccount: oneOf(['COGNITO_DEFAULT', 'DEVELOPER'] as const, 'COGNITO_DEFAULT (limited daily quota) or DEVELOPER (your Amazon SES identity).').required(),
        sourceArn: string('ARN of the verified SES identity (DEVELOPER).', { pattern: arnPattern, maxLength: 2048 }),
        from: string('From address, such as "Shop <no-reply@shop.example.com>".', { maxLength: 256 }),
        replyTo: string('Reply-to address.', { maxLength: 256 }),
        configurationSet: string('SES configuration set: letters, digits, _ and -.', { minLength: 1, maxLength: 64, pattern: '^[a-zA-Z0-9_-]+$' }),
      },
      'How Cognito sends email.',
    ).rule(
      "self.sendingAccount != 'DEVELOPER' || has(self.sourceArn)",
      'messaging.email.sendingAccount DEVELOPER needs sourceArn: the ARN of a verified Amazon SES identity',
    ),
    sms: object(
      {
        snsRoleArn: string('IAM role Cognito assumes to send SMS through Amazon SNS.', { pattern: iamRoleArnPattern, maxLength: 2048 }).required(),
        externalId: string('External ID in the role’s trust policy.', { maxLength: 256 }),
        snsRegion: string('Region of the SNS service used, such as us-east-1.', { minLength: 5, maxLength: 32 }),
      },
      'How Cognito sends SMS.',
    ),
    verification: object(
      {
        defaultEmailOption: oneOf(['CONFIRM_WITH_CODE', 'CONFIRM_WITH_LINK'] as const, 'Verify email with a code or a link.'),
        emailSubject: message('Subject of the verification email (code)', 1, 140, false),
        emailMessage: message('Body of the verification email (code)', 6, 20000, true).rule(
          "self.contains('{####}')",
          'messaging.verification.emailMessage must contain {####}, where Cognito puts the code',
        ),
        emailSubjectByLink: message('Subject of the verification email (link)', 1, 140, false),
        emailMessageByLink: string('Body of the verification email (link), 6-20000 characters; must contain {##Verify Email##}.', { minLength: 6, maxLength: 20000 }).rule(
          "self.contains('{##') && self.contains('##}')",
          'messaging.verification.emailMessageByLink must contain a link placeholder such as {##Verify Email##}',
        ),
        smsMessage: message('Verification SMS', 6, 140, true).rule(
          "self.contains('{####}')",
          'messaging.verification.smsMessage must contain {####}, where Cognito puts the code',
        ),
      },
      'Verification messages sent at sign-up and attribute change.',
    ),
    invitation: object(
      {
        emailSubject: message('Subject of the invitation email', 1, 140, false),
        emailMessage: string('Invitation email (6-20000 characters); must contain {username} and {####}.', { minLength: 6, maxLength: 20000 }).rule(
          "self.contains('{username}') && self.contains('{####}')",
          'messaging.invitation.emailMessage must contain {username} and {####} (the temporary password)',
        ),
        smsMessage: string('Invitation SMS (6-140 characters); must contain {username} and {####}.', { minLength: 6, maxLength: 140 }).rule(
          "self.contains('{username}') && self.contains('{####}')",
          'messaging.invitation.smsMessage must contain {username} and {####} (the temporary password)',
        ),
      },
      'Messages sent when an administrator creates a user.',
    ),
  },
  'Email and SMS delivery and message templates.',
);

const senderTrigger = (what: string) =>
  object(
    {
      lambdaArn: lambdaArn(`to send ${what}`).required(),
      lambdaVersion: oneOf(['V1_0'] as const, 'Event version.').default('V1_0'),
    },
    `Custom ${what} sender. Needs triggers.kmsKeyId.`,
  );

const triggers = object(
  {
    preSignUp: lambdaArn('before sign-up'),
    customMessage: lambdaArn('to customize messages'),
    postConfirmation: lambdaArn('after a user is confirmed'),
    preAuthentication: lambdaArn('before authentication'),
    postAuthentication: lambdaArn('after authentication'),
    defineAuthChallenge: lambdaArn('to define a custom auth challenge'),
    createAuthChallenge: lambdaArn('to create a custom auth challenge'),
    verifyAuthChallengeResponse: lambdaArn('to verify a custom auth challenge response'),
    preTokenGeneration: lambdaArn('before tokens are generated'),
    preTokenGenerationVersion: oneOf(['V1_0', 'V2_0', 'V3_0'] as const, 'Event version of preTokenGeneration (V2_0 and V3_0 need Essentials or Plus).'),
    userMigration: lambdaArn('to migrate a user at sign-in'),
    customSmsSender: senderTrigger('SMS'),
    customEmailSender: senderTrigger('email'),
    kmsKeyId: string('ARN of the KMS key custom senders decrypt codes with.', { pattern: arnPattern, maxLength: 2048 }),
  },
  'Lambda triggers. Each trigger named here is set in AWS; removing one from the spec detaches it (the operator records what it applied, in the cognito.operator.dev/applied annotation). A trigger the spec never named is left as AWS has it.',
)
  .rule(
    '!(has(self.customSmsSender) || has(self.customEmailSender)) || has(self.kmsKeyId)',
    'triggers.customSmsSender and triggers.customEmailSender need triggers.kmsKeyId',
  )
  .rule('!has(self.preTokenGenerationVersion) || has(self.preTokenGeneration)', 'triggers.preTokenGenerationVersion needs triggers.preTokenGeneration');

const logArn = (service: string, what: string, resource: string) =>
  string(`ARN of the ${what}.`, { pattern: `^arn:[\\w+=/,.@-]+:${service}:${resource}$`, maxLength: 2048 });

const logging = array(
  object(
    {
      eventSource: oneOf(['userNotification', 'userAuthEvents'] as const, 'userNotification: errors delivering email and SMS messages; userAuthEvents: threat protection user activity (Plus tier).').required(),
      level: oneOf(['ERROR', 'INFO'] as const, 'ERROR for userNotification, INFO for userAuthEvents.').required(),
      cloudWatchLogsGroupArn: logArn('logs', 'CloudWatch Logs group', '[a-z0-9-]+:[0-9]{12}:log-group:[\\w./#-]+(:\\*)?'),
      s3BucketArn: logArn('s3', 'S3 bucket (userAuthEvents only)', '::[a-z0-9.-]+'),
      firehoseStreamArn: logArn('firehose', 'Data Firehose stream (userAuthEvents only)', '[a-z0-9-]+:[0-9]{12}:deliverystream/[\\w.-]+'),
    },
    'Where the logs of one event source go: exactly one destination.',
  )
    .rule(
      '[has(self.cloudWatchLogsGroupArn), has(self.s3BucketArn), has(self.firehoseStreamArn)].filter(d, d).size() == 1',
      'logging: set exactly one of cloudWatchLogsGroupArn, s3BucketArn or firehoseStreamArn',
    )
    .rule(
      "self.eventSource != 'userNotification' || (self.level == 'ERROR' && has(self.cloudWatchLogsGroupArn))",
      'logging: userNotification logs are sent at level ERROR to cloudWatchLogsGroupArn only',
    )
    .rule("self.eventSource != 'userAuthEvents' || self.level == 'INFO'", 'logging: userAuthEvents logs are sent at level INFO'),
  'User pool logs (SetLogDeliveryConfiguration), one entry per event source. The list is complete: an entry removed is removed from AWS, and removing the list turns log delivery off.',
  { maxItems: 2, 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['eventSource'] },
);

const domain = object(
  {
    prefix: string('Prefix of the Cognito-hosted domain: <prefix>.auth.<region>.amazoncognito.com.', {
      minLength: 1,
      maxLength: 63,
      pattern: '^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$',
    }).rule(
      "!self.contains('aws') && !self.contains('amazon') && !self.contains('cognito')",
      "domain.prefix cannot contain 'aws', 'amazon' or 'cognito' (reserved by AWS)",
    ),
    customDomain: string('Your own domain for sign-in pages, such as auth.shop.example.com.', {
      maxLength: 253,
      pattern: '^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$',
    }),
    certificateArn: string('ACM certificate (in us-east-1) for customDomain.', {
      pattern: '^arn:[\\w+=/,.@-]+:acm:us-east-1:[0-9]{12}:certificate/[\\w-]+$',
      maxLength: 2048,
    }),
    managedLoginVersion: integer('1: classic hosted UI; 2: managed login.', { minimum: 1, maximum: 2 }),
  },
  'The domain of the hosted sign-in pages: a Cognito prefix or a custom domain. Removed from the spec (or switched to the other kind), the domain it named is deleted in AWS.',
)
  .rule('has(self.prefix) != has(self.customDomain)', 'domain: set exactly one of prefix (a Cognito-hosted domain) or customDomain (your own)')
  .rule('!has(self.customDomain) || has(self.certificateArn)', 'domain.customDomain needs certificateArn: an ACM certificate in us-east-1')
  .rule('!has(self.certificateArn) || has(self.customDomain)', 'domain.certificateArn applies to customDomain only');

const hostedUi = hostedUiSchema(
  'The classic hosted UI of every client of the pool (SetUICustomization with ClientId ALL; needs a domain). CSS and logo are written together (a write replaces the whole customization). Removed from the spec, the customization is reset; the logo removed, it is dropped.',
);

export const userPoolSpec = object(
  {
    region,
    deletionPolicy: deletionPolicy('Retain', 'a user pool holds users, and a prune in git must not lose them.'),
    poolName: string('Name of the pool in AWS. Defaults to metadata.name.', {
      minLength: 1,
      maxLength: 128,
      pattern: '^[\\w\\s+=,.@-]+$',
    }),
    tier: oneOf(['LITE', 'ESSENTIALS', 'PLUS'] as const, 'Feature plan. AWS picks ESSENTIALS for new pools when left out.'),
    deletionProtection: boolean('AWS refuses to delete the pool while true.').default(true),
    signIn,
    security,
    signUp,
    messaging,
    triggers,
    domain,
    hostedUi,
    logging,
    tags,
  },
  'Desired state of the Cognito user pool.',
)
  .rule(
    '!(has(self.security) && has(self.security.mfa) && has(self.security.mfa.sms) && self.security.mfa.sms.enabled) || (has(self.messaging) && has(self.messaging.sms))',
    'security.mfa.sms needs messaging.sms: the IAM role Cognito uses to send SMS',
  );

export const userPoolStatus = object(
  {
    ...commonStatus,
    id: string('User pool ID, such as eu-west-1_AbCdEf123.'),
    arn: string('User pool ARN.'),
    issuerUrl: string('OIDC issuer of tokens from this pool.'),
    jwksUri: string('Where the pool’s token signing keys are published.'),
    domain: string('The pool’s domain (prefix or custom domain).'),
    hostedUiUrl: string('Base URL of the hosted sign-in pages, when the pool has a domain.'),
    hostedUiLogoFingerprint,
  },
  'What the operator observed and did.',
);

export type UserPoolSpec = Infer<typeof userPoolSpec>;
export type UserPoolStatus = Infer<typeof userPoolStatus>;

export const userPoolKind: KindDefinition = {
  kind: 'UserPool',
  plural: 'userpools',
  shortName: 'cup',
  description: 'An Amazon Cognito user pool, with its domain, MFA configuration and tags.',
  spec: userPoolSpec.required(),
  status: userPoolStatus,
  columns: [
    { name: 'ID', type: 'string', jsonPath: '.status.id', description: 'User pool ID.' },
    { name: 'Domain', type: 'string', jsonPath: '.status.domain', description: 'Hosted sign-in domain.' },
  ],
  /**
   * Rules that compare old and new specs apply once the pool exists (status.id): until then a
   * spec AWS rejected can be corrected in place. Rules that need no old object are on the field.
   */
  objectRules: [
    untilCreated(
      '!has(self.signUp) || !has(self.signUp.attributes) || size(self.signUp.attributes) <= 50',
      'signUp.attributes: at most 50 when the pool is created (CreateUserPool takes 50); add more custom attributes once it exists',
    ),
    onceCreated(
      unchangedRule('region'),
      'region cannot be changed after creation: create a new UserPool in the other region instead',
    ),
    onceCreated(
      unchangedRule('signIn'),
      'signIn cannot be changed after creation: Cognito fixes username attributes, aliases and case sensitivity when the pool is created',
    ),
    onceCreated(
      '!has(oldSelf.signUp) || !has(oldSelf.signUp.attributes) || (has(self.signUp) && has(self.signUp.attributes) && oldSelf.signUp.attributes.all(a, self.signUp.attributes.exists(b, b == a)))',
      'signUp.attributes is add-only: Cognito cannot remove or change an attribute once the pool has it',
    ),
    onceCreated(
      '!has(self.signUp) || !has(self.signUp.attributes) || self.signUp.attributes.all(b, (has(b.custom) && b.custom) || (has(oldSelf.signUp) && has(oldSelf.signUp.attributes) && oldSelf.signUp.attributes.exists(a, a.name == b.name)))',
      'signUp.attributes: only custom attributes can be added after creation; standard attributes are fixed when the pool is created',
    ),
  ],
};
