import type { DomainDescriptionType, GetUserPoolMfaConfigResponse, UserPoolType } from '@aws-sdk/client-cognito-identity-provider';
import type { Case } from '../../../test/unit/support/fakes';
import { OwnerUidTag } from '../../api/group';
import type { DomainPlan, TagsDiff, UserPoolOutputs } from './mapping';
import {
  IncompleteResponseError,
  createUserPoolRequest,
  customAttributesToAdd,
  diffUserPool,
  domainPlan,
  mfaDiff,
  mfaRequest,
  poolSettingsDiff,
  tagsDiff,
  updateUserPoolRequest,
  userPoolOutputs,
} from './mapping';
import type { UserPoolSpec } from './schema';

const uid = '0b6f4c2e-1111-2222-3333-444455556666';
const poolId = 'eu-west-1_AbCdEf123';
const arn = `arn:aws:cognito-idp:eu-west-1:123456789012:userpool/${poolId}`;
const lambdaArn = (name: string) => `arn:aws:lambda:eu-west-1:123456789012:function:${name}`;
const roleArn = 'arn:aws:iam::123456789012:role/cognito-sms';
const sesArn = 'arn:aws:ses:eu-west-1:123456789012:identity/shop.example.com';
const kmsArn = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const certArn = 'arn:aws:acm:us-east-1:123456789012:certificate/abc-123';
const from = 'Shop <no-reply@shop.example.com>';
const replyTo = 'help@shop.example.com';
const developerEmail = { EmailSendingAccount: 'DEVELOPER', SourceArn: sesArn, From: from, ReplyToEmailAddress: replyTo, ConfigurationSet: 'shop' } as const;
const consoleInvite = { EmailSubject: 'Console welcome', EmailMessage: '{username} {####}' };
const webAuthn = { RelyingPartyId: 'shop.example.com', UserVerification: 'preferred' } as const;
const defaultPasswordPolicy = {
  MinimumLength: 8,
  RequireUppercase: true,
  RequireLowercase: true,
  RequireNumbers: true,
  RequireSymbols: true,
  TemporaryPasswordValidityDays: 7,
  PasswordHistorySize: 0,
};

/** A spec with the API server's defaults filled in, plus what a case names. */
function spec(named: Partial<UserPoolSpec> = {}): UserPoolSpec {
  return { deletionPolicy: 'Retain', deletionProtection: true, ...named };
}

/** A pool as DescribeUserPool returns one AWS created with defaults, plus what a case sets. */
function awsPool(overrides: Partial<UserPoolType> = {}): UserPoolType {
  return {
    Id: poolId,
    Arn: arn,
    Name: 'shop-users',
    Status: 'Enabled',
    CreationDate: new Date(0),
    LastModifiedDate: new Date(0),
    EstimatedNumberOfUsers: 3,
    DeletionProtection: 'ACTIVE',
    MfaConfiguration: 'OFF',
    Policies: {
      PasswordPolicy: defaultPasswordPolicy,
      SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD'] },
    },
    LambdaConfig: {},
    SchemaAttributes: [
      { Name: 'sub', AttributeDataType: 'String', Mutable: false, Required: true, StringAttributeConstraints: { MinLength: '1', MaxLength: '2048' } },
      { Name: 'email', AttributeDataType: 'String', Mutable: true, Required: false, StringAttributeConstraints: { MinLength: '0', MaxLength: '2048' } },
    ],
    UsernameAttributes: ['email'],
    UsernameConfiguration: { CaseSensitive: false },
    VerificationMessageTemplate: { DefaultEmailOption: 'CONFIRM_WITH_CODE' },
    UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: [] },
    EmailConfiguration: { EmailSendingAccount: 'COGNITO_DEFAULT' },
    UserPoolTags: { [OwnerUidTag]: uid },
    AdminCreateUserConfig: { AllowAdminCreateUserOnly: false, UnusedAccountValidityDays: 7 },
    UserPoolAddOns: { AdvancedSecurityMode: 'OFF' },
    AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }] },
    UserPoolTier: 'ESSENTIALS',
    ...overrides,
  };
}

describe('createUserPoolRequest', () => {
  const owner = { name: 'shop-users', uid };
  const cases: Case<[UserPoolSpec], Record<string, unknown>>[] = [
    {
      name: 'minimal spec',
      reason: 'the pool is named after the object, protected, tagged with its owner, and created with MFA off',
      args: [spec()],
      want: { PoolName: 'shop-users', DeletionProtection: 'ACTIVE', MfaConfiguration: 'OFF', UserPoolTags: { [OwnerUidTag]: uid } },
    },
    {
      name: 'pool name, tier, protection off and tags',
      reason: 'spec.poolName wins over the object name; user tags sit beside the owner tag',
      args: [spec({ poolName: 'Shop Users', tier: 'PLUS', deletionProtection: false, tags: { team: 'shop' } })],
      want: {
        PoolName: 'Shop Users',
        UserPoolTier: 'PLUS',
        DeletionProtection: 'INACTIVE',
        MfaConfiguration: 'OFF',
        UserPoolTags: { team: 'shop', [OwnerUidTag]: uid },
      },
    },
  ];
  it.each(cases)('$name: $reason', ({ args, want }) => {
    expect(createUserPoolRequest(...args, owner)).toEqual(want);
  });

  const sections: Case<[UserPoolSpec], Record<string, unknown>>[] = [
    {
      name: 'signIn with username attributes',
      reason: 'sign-in settings are fixed at create, so create must carry them',
      args: [spec({ signIn: { usernameAttributes: ['email'], caseSensitive: false } })],
      want: { UsernameAttributes: ['email'], UsernameConfiguration: { CaseSensitive: false } },
    },
    {
      name: 'signIn with aliases',
      reason: 'aliases map to AliasAttributes; no case setting named means none sent',
      args: [spec({ signIn: { aliasAttributes: ['email', 'preferred_username'] } })],
      want: { AliasAttributes: ['email', 'preferred_username'] },
    },
    {
      name: 'security',
      reason: 'password and sign-in policies, recovery priorities from list order, add-ons, devices, SMS MFA text',
      args: [
        spec({
          security: {
            passwordPolicy: {
              minimumLength: 12,
              requireLowercase: true,
              requireUppercase: false,
              requireNumbers: true,
              requireSymbols: false,
              temporaryPasswordValidityDays: 3,
              passwordHistorySize: 5,
            },
            allowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP'],
            accountRecovery: ['verified_phone_number', 'verified_email'],
            threatProtection: { mode: 'ENFORCED', customAuthMode: 'AUDIT' },
            deviceTracking: { challengeRequiredOnNewDevice: true, onlyRememberedOnUserPrompt: false },
            mfa: { mode: 'ON', sms: { enabled: true, message: 'Code {####}' } },
          },
          messaging: { sms: { snsRoleArn: roleArn } },
        }),
      ],
      want: {
        Policies: {
          PasswordPolicy: {
            MinimumLength: 12,
            RequireLowercase: true,
            RequireUppercase: false,
            RequireNumbers: true,
            RequireSymbols: false,
            TemporaryPasswordValidityDays: 3,
            PasswordHistorySize: 5,
          },
          SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP'] },
        },
        AccountRecoverySetting: {
          RecoveryMechanisms: [
            { Name: 'verified_phone_number', Priority: 1 },
            { Name: 'verified_email', Priority: 2 },
          ],
        },
        UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED', AdvancedSecurityAdditionalFlows: { CustomAuthMode: 'AUDIT' } },
        DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: false },
        SmsAuthenticationMessage: 'Code {####}',
        SmsConfiguration: { SnsCallerArn: roleArn },
        MfaConfiguration: 'OFF',
      },
    },
    {
      name: 'signUp',
      reason: 'admin-only when self-registration is off; custom attributes lose the custom: prefix and carry constraints as strings',
      args: [
        spec({
          signUp: {
            selfRegistration: false,
            autoVerifiedAttributes: ['email'],
            attributesRequireVerificationBeforeUpdate: ['email'],
            attributes: [
              { name: 'email', required: true, mutable: true },
              { name: 'tier', custom: true, mutable: true, minLength: 1, maxLength: 16 },
              { name: 'score', custom: true, type: 'Number', minValue: 0, maxValue: 100 },
              { name: 'secret', custom: true, type: 'String', developerOnly: true },
            ],
          },
        }),
      ],
      want: {
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
        AutoVerifiedAttributes: ['email'],
        UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ['email'] },
        Schema: [
          { Name: 'email', Required: true, Mutable: true },
          { Name: 'tier', AttributeDataType: 'String', Mutable: true, StringAttributeConstraints: { MinLength: '1', MaxLength: '16' } },
          { Name: 'score', AttributeDataType: 'Number', NumberAttributeConstraints: { MinValue: '0', MaxValue: '100' } },
          { Name: 'secret', AttributeDataType: 'String', DeveloperOnlyAttribute: true },
        ],
      },
    },
    {
      name: 'messaging',
      reason: 'email and SMS delivery, verification template mirrored into the legacy fields, invitation template',
      args: [
        spec({
          signUp: { selfRegistration: true },
          messaging: {
            email: { sendingAccount: 'DEVELOPER', sourceArn: sesArn, from, replyTo, configurationSet: 'shop' },
            sms: { snsRoleArn: roleArn, externalId: 'shop', snsRegion: 'eu-west-1' },
            verification: {
              defaultEmailOption: 'CONFIRM_WITH_LINK',
              emailSubject: 'Verify',
              emailMessage: 'Code {####}',
              emailSubjectByLink: 'Verify',
              emailMessageByLink: 'Click {##Verify Email##}',
              smsMessage: 'SMS {####}',
            },
            invitation: { emailSubject: 'Welcome', emailMessage: 'Hi {username}, {####}', smsMessage: '{username} {####}' },
          },
        }),
      ],
      want: {
        EmailConfiguration: developerEmail,
        SmsConfiguration: { SnsCallerArn: roleArn, ExternalId: 'shop', SnsRegion: 'eu-west-1' },
        VerificationMessageTemplate: {
          DefaultEmailOption: 'CONFIRM_WITH_LINK',
          EmailSubject: 'Verify',
          EmailMessage: 'Code {####}',
          EmailSubjectByLink: 'Verify',
          EmailMessageByLink: 'Click {##Verify Email##}',
          SmsMessage: 'SMS {####}',
        },
        EmailVerificationSubject: 'Verify',
        EmailVerificationMessage: 'Code {####}',
        SmsVerificationMessage: 'SMS {####}',
        AdminCreateUserConfig: {
          AllowAdminCreateUserOnly: false,
          InviteMessageTemplate: { EmailSubject: 'Welcome', EmailMessage: 'Hi {username}, {####}', SMSMessage: '{username} {####}' },
        },
      },
    },
    {
      name: 'triggers',
      reason: 'every trigger; pre-token generation sent both ways; custom senders with their version and KMS key',
      args: [
        spec({
          triggers: {
            preSignUp: lambdaArn('pre-sign-up'),
            customMessage: lambdaArn('custom-message'),
            postConfirmation: lambdaArn('post-confirmation'),
            preAuthentication: lambdaArn('pre-auth'),
            postAuthentication: lambdaArn('post-auth'),
            defineAuthChallenge: lambdaArn('define'),
            createAuthChallenge: lambdaArn('create'),
            verifyAuthChallengeResponse: lambdaArn('verify'),
            preTokenGeneration: lambdaArn('pre-token'),
            preTokenGenerationVersion: 'V2_0',
            userMigration: lambdaArn('migrate'),
            customSmsSender: { lambdaArn: lambdaArn('sms'), lambdaVersion: 'V1_0' },
            customEmailSender: { lambdaArn: lambdaArn('email'), lambdaVersion: 'V1_0' },
            kmsKeyId: kmsArn,
          },
        }),
      ],
      want: {
        LambdaConfig: {
          PreSignUp: lambdaArn('pre-sign-up'),
          CustomMessage: lambdaArn('custom-message'),
          PostConfirmation: lambdaArn('post-confirmation'),
          PreAuthentication: lambdaArn('pre-auth'),
          PostAuthentication: lambdaArn('post-auth'),
          DefineAuthChallenge: lambdaArn('define'),
          CreateAuthChallenge: lambdaArn('create'),
          VerifyAuthChallengeResponse: lambdaArn('verify'),
          PreTokenGeneration: lambdaArn('pre-token'),
          PreTokenGenerationConfig: { LambdaArn: lambdaArn('pre-token'), LambdaVersion: 'V2_0' },
          UserMigration: lambdaArn('migrate'),
          CustomSMSSender: { LambdaArn: lambdaArn('sms'), LambdaVersion: 'V1_0' },
          CustomEmailSender: { LambdaArn: lambdaArn('email'), LambdaVersion: 'V1_0' },
          KMSKeyID: kmsArn,
        },
      },
    },
    {
      name: 'pre-token generation without a version',
      reason: 'AWS needs a version in PreTokenGenerationConfig; V1_0 is what it assumes for the legacy field',
      args: [spec({ triggers: { preTokenGeneration: lambdaArn('pre-token') } })],
      want: { LambdaConfig: { PreTokenGeneration: lambdaArn('pre-token'), PreTokenGenerationConfig: { LambdaArn: lambdaArn('pre-token'), LambdaVersion: 'V1_0' } } },
    },
  ];
  it.each(sections)('maps $name: $reason', ({ args, want }) => {
    expect(createUserPoolRequest(...args, owner)).toMatchObject(want);
  });

  it('sends no section the spec does not name', () => {
    const keys = Object.keys(createUserPoolRequest(spec({ signUp: { autoVerifiedAttributes: ['email'] } }), owner)).sort();
    expect(keys).toEqual(['AutoVerifiedAttributes', 'DeletionProtection', 'MfaConfiguration', 'PoolName', 'UserPoolTags']);
  });
});

/** Every field UpdateUserPool accepts; anything else in a request is a read-only field leaking in. */
const updatableFields = new Set([
  'UserPoolId', 'Policies', 'DeletionProtection', 'LambdaConfig', 'AutoVerifiedAttributes', 'SmsVerificationMessage',
  'EmailVerificationMessage', 'EmailVerificationSubject', 'VerificationMessageTemplate', 'SmsAuthenticationMessage',
  'UserAttributeUpdateSettings', 'MfaConfiguration', 'DeviceConfiguration', 'EmailConfiguration', 'SmsConfiguration',
  'UserPoolTags', 'AdminCreateUserConfig', 'UserPoolAddOns', 'AccountRecoverySetting', 'PoolName', 'UserPoolTier',
  'KeyConfiguration', 'IssuerConfiguration', 'AcrConfiguration',
]);

describe('updateUserPoolRequest', () => {
  /** A pool with settings made directly in AWS (console, another tool) that no spec names. */
  const configured = awsPool({
    MfaConfiguration: 'OPTIONAL',
    LambdaConfig: {
      PreSignUp: lambdaArn('console-trigger'),
      PreTokenGeneration: lambdaArn('pre-token'),
      PreTokenGenerationConfig: { LambdaArn: lambdaArn('pre-token'), LambdaVersion: 'V2_0' },
    },
    SmsAuthenticationMessage: 'Console {####}',
    EmailVerificationMessage: 'Console code {####}',
    EmailVerificationSubject: 'Console subject',
    VerificationMessageTemplate: { DefaultEmailOption: 'CONFIRM_WITH_CODE', EmailMessage: 'Console code {####}', EmailSubject: 'Console subject' },
    DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: true },
    EmailConfiguration: developerEmail,
    SmsConfiguration: { SnsCallerArn: roleArn, ExternalId: 'console' },
    AutoVerifiedAttributes: ['email'],
    UserPoolAddOns: { AdvancedSecurityMode: 'AUDIT', AdvancedSecurityAdditionalFlows: { CustomAuthMode: 'ENFORCED' } },
    UserPoolTags: { [OwnerUidTag]: uid, 'cost-center': '42', 'aws:cloudformation:stack-name': 'legacy' },
    AdminCreateUserConfig: { AllowAdminCreateUserOnly: true, UnusedAccountValidityDays: 7, InviteMessageTemplate: consoleInvite },
    Domain: 'shop-login',
  });

  const cases: Case<[UserPoolSpec, UserPoolType], Record<string, unknown>>[] = [
    {
      name: 'nothing named',
      reason: 'UpdateUserPool resets what it is not given: every setting is sent back as AWS has it',
      args: [spec(), configured],
      want: {
        UserPoolId: poolId,
        PoolName: 'shop-users',
        DeletionProtection: 'ACTIVE',
        MfaConfiguration: 'OPTIONAL',
        Policies: configured.Policies,
        LambdaConfig: configured.LambdaConfig,
        AutoVerifiedAttributes: ['email'],
        SmsAuthenticationMessage: 'Console {####}',
        EmailVerificationMessage: 'Console code {####}',
        EmailVerificationSubject: 'Console subject',
        VerificationMessageTemplate: configured.VerificationMessageTemplate,
        UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: [] },
        DeviceConfiguration: configured.DeviceConfiguration,
        EmailConfiguration: configured.EmailConfiguration,
        SmsConfiguration: configured.SmsConfiguration,
        // AWS's own aws: tags cannot be sent; they stay on the pool regardless.
        UserPoolTags: { [OwnerUidTag]: uid, 'cost-center': '42' },
        // UnusedAccountValidityDays is dropped: AWS rejects it beside TemporaryPasswordValidityDays.
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: true, InviteMessageTemplate: consoleInvite },
        UserPoolAddOns: configured.UserPoolAddOns,
        AccountRecoverySetting: configured.AccountRecoverySetting,
        UserPoolTier: 'ESSENTIALS',
      },
    },
  ];
  it.each(cases)('$name: $reason', ({ args, want }) => {
    expect(updateUserPoolRequest(...args)).toEqual(want);
  });

  const merges: Case<[UserPoolSpec, UserPoolType], Record<string, unknown>>[] = [
    {
      name: 'one password field',
      reason: 'passwordPolicy.minimumLength alone keeps the other password settings, and the console trigger survives',
      args: [spec({ security: { passwordPolicy: { minimumLength: 14 } } }), configured],
      want: {
        Policies: {
          PasswordPolicy: { ...defaultPasswordPolicy, MinimumLength: 14 },
          SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD'] },
        },
        LambdaConfig: configured.LambdaConfig,
      },
    },
    {
      name: 'one trigger',
      reason: 'naming postConfirmation adds that trigger and keeps the ones AWS has',
      args: [spec({ triggers: { postConfirmation: lambdaArn('welcome') } }), configured],
      want: { LambdaConfig: { ...configured.LambdaConfig, PostConfirmation: lambdaArn('welcome') } },
    },
    {
      name: 'pre-token trigger moved',
      reason: 'a new ARN without a version keeps the version AWS has',
      args: [spec({ triggers: { preTokenGeneration: lambdaArn('pre-token-2') } }), configured],
      want: {
        LambdaConfig: {
          PreSignUp: lambdaArn('console-trigger'),
          PreTokenGeneration: lambdaArn('pre-token-2'),
          PreTokenGenerationConfig: { LambdaArn: lambdaArn('pre-token-2'), LambdaVersion: 'V2_0' },
        },
      },
    },
    {
      name: 'threat protection mode',
      reason: 'changing the mode keeps the custom-auth mode AWS has',
      args: [spec({ security: { threatProtection: { mode: 'ENFORCED' } } }), configured],
      want: { UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED', AdvancedSecurityAdditionalFlows: { CustomAuthMode: 'ENFORCED' } } },
    },
    {
      name: 'email within the same account',
      reason: 'naming from alone keeps the SES source, reply-to and configuration set',
      args: [spec({ messaging: { email: { sendingAccount: 'DEVELOPER', from: 'New <new@shop.example.com>' } } }), configured],
      want: { EmailConfiguration: { ...configured.EmailConfiguration, From: 'New <new@shop.example.com>' } },
    },
    {
      name: 'email account switch',
      reason: "DEVELOPER-only settings do not carry over to COGNITO_DEFAULT; the reply-to does",
      args: [spec({ messaging: { email: { sendingAccount: 'COGNITO_DEFAULT' } } }), configured],
      want: { EmailConfiguration: { EmailSendingAccount: 'COGNITO_DEFAULT', ReplyToEmailAddress: replyTo } },
    },
    {
      name: 'SMS role',
      reason: 'a new role keeps the external ID AWS has',
      args: [spec({ messaging: { sms: { snsRoleArn: 'arn:aws:iam::123456789012:role/other' } } }), configured],
      want: { SmsConfiguration: { SnsCallerArn: 'arn:aws:iam::123456789012:role/other', ExternalId: 'console' } },
    },
    {
      name: 'verification email',
      reason: 'the template and the legacy field change together so AWS never sees them disagree',
      args: [spec({ messaging: { verification: { emailMessage: 'New {####}' } } }), configured],
      want: {
        VerificationMessageTemplate: { DefaultEmailOption: 'CONFIRM_WITH_CODE', EmailMessage: 'New {####}', EmailSubject: 'Console subject' },
        EmailVerificationMessage: 'New {####}',
        EmailVerificationSubject: 'Console subject',
      },
    },
    {
      name: 'invitation subject',
      reason: 'keeps the invitation body and the admin-only setting',
      args: [spec({ messaging: { invitation: { emailSubject: 'Hello' } } }), configured],
      want: { AdminCreateUserConfig: { AllowAdminCreateUserOnly: true, InviteMessageTemplate: { EmailSubject: 'Hello', EmailMessage: '{username} {####}' } } },
    },
    {
      name: 'self-registration',
      reason: 'keeps the invitation template',
      args: [spec({ signUp: { selfRegistration: true } }), configured],
      want: { AdminCreateUserConfig: { AllowAdminCreateUserOnly: false, InviteMessageTemplate: consoleInvite } },
    },
    {
      name: 'MFA section',
      reason: 'MfaConfiguration is copied (SetUserPoolMfaConfig changes it); the SMS text is a pool setting too',
      args: [spec({ security: { mfa: { mode: 'OFF', sms: { enabled: false, message: 'New {####}' } } } }), configured],
      want: { MfaConfiguration: 'OPTIONAL', SmsAuthenticationMessage: 'New {####}' },
    },
    {
      name: 'protection, name and tier',
      reason: 'spec values replace AWS values',
      args: [spec({ deletionProtection: false, poolName: 'renamed', tier: 'PLUS' }), configured],
      want: { DeletionProtection: 'INACTIVE', PoolName: 'renamed', UserPoolTier: 'PLUS' },
    },
    {
      name: 'recovery, devices and verification before update',
      reason: 'lists are replaced whole, device settings field by field',
      args: [
        spec({
          security: { accountRecovery: ['admin_only'], deviceTracking: { onlyRememberedOnUserPrompt: false } },
          signUp: { attributesRequireVerificationBeforeUpdate: ['email'], autoVerifiedAttributes: ['email', 'phone_number'] },
        }),
        configured,
      ],
      want: {
        AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'admin_only', Priority: 1 }] },
        DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: false },
        UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ['email'] },
        AutoVerifiedAttributes: ['email', 'phone_number'],
      },
    },
  ];
  it.each(merges)('merges $name: $reason', ({ args, want }) => {
    expect(updateUserPoolRequest(...args)).toMatchObject(want);
  });

  it('never passes a read-only field', () => {
    const request = updateUserPoolRequest(spec({ security: { passwordPolicy: { minimumLength: 10 } } }), configured);
    expect(Object.keys(request).filter((k) => !updatableFields.has(k))).toEqual([]);
  });

  it('copies the newer pool-wide settings so an update does not reset them', () => {
    const pool = awsPool({ KeyConfiguration: { KeyType: 'AWS_OWNED_KEY' }, IssuerConfiguration: { Type: 'ORIGINAL' } });
    expect(updateUserPoolRequest(spec(), pool)).toMatchObject({ KeyConfiguration: pool.KeyConfiguration, IssuerConfiguration: pool.IssuerConfiguration });
  });

  it('refuses a pool without an Id', () => {
    expect(() => updateUserPoolRequest(spec(), awsPool({ Id: undefined }))).toThrow(IncompleteResponseError);
  });
});

describe('poolSettingsDiff', () => {
  const noDiff: Case<[UserPoolSpec, UserPoolType], string[]>[] = [
    {
      name: 'nothing named',
      reason: 'settings the spec does not name are not compared, whatever AWS has',
      args: [spec(), awsPool({ LambdaConfig: { PreSignUp: lambdaArn('console') }, MfaConfiguration: 'ON' })],
      want: [],
    },
    {
      name: 'deletion protection never set',
      reason: 'moto omits DeletionProtection when never set; AWS reports INACTIVE',
      args: [spec({ deletionProtection: false }), awsPool({ DeletionProtection: undefined })],
      want: [],
    },
    {
      name: 'AWS defaults left out of the response',
      reason: 'an absent value reads as AWS default: history 0, factors [PASSWORD], add-ons OFF, code emails, COGNITO_DEFAULT, V1_0 senders',
      args: [
        spec({
          security: {
            passwordPolicy: { passwordHistorySize: 0, requireSymbols: false },
            allowedFirstAuthFactors: ['PASSWORD'],
            threatProtection: { mode: 'OFF' },
            deviceTracking: { challengeRequiredOnNewDevice: false },
          },
          signUp: { selfRegistration: true, autoVerifiedAttributes: [], attributesRequireVerificationBeforeUpdate: [] },
          messaging: { email: { sendingAccount: 'COGNITO_DEFAULT' }, verification: { defaultEmailOption: 'CONFIRM_WITH_CODE' } },
          triggers: { customSmsSender: { lambdaArn: lambdaArn('sms'), lambdaVersion: 'V1_0' }, kmsKeyId: kmsArn },
        }),
        awsPool({
          Policies: { PasswordPolicy: { MinimumLength: 8 } },
          UserPoolAddOns: undefined,
          AdminCreateUserConfig: undefined,
          AutoVerifiedAttributes: undefined,
          UserAttributeUpdateSettings: undefined,
          EmailConfiguration: undefined,
          VerificationMessageTemplate: undefined,
          DeviceConfiguration: undefined,
          LambdaConfig: { CustomSMSSender: { LambdaArn: lambdaArn('sms'), LambdaVersion: undefined }, KMSKeyID: kmsArn },
        }),
      ],
      want: [],
    },
    {
      name: 'sets in another order',
      reason: 'AWS returns sets in its own order',
      args: [
        spec({
          security: { allowedFirstAuthFactors: ['PASSWORD', 'WEB_AUTHN', 'EMAIL_OTP'] },
          signUp: { autoVerifiedAttributes: ['email', 'phone_number'], attributesRequireVerificationBeforeUpdate: ['phone_number', 'email'] },
        }),
        awsPool({
          Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['EMAIL_OTP', 'PASSWORD', 'WEB_AUTHN'] } },
          AutoVerifiedAttributes: ['phone_number', 'email'],
          UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ['email', 'phone_number'] },
        }),
      ],
      want: [],
    },
    {
      name: 'recovery mechanisms listed out of priority order',
      reason: 'priority, not position in the response, is the order',
      args: [
        spec({ security: { accountRecovery: ['verified_phone_number', 'verified_email'] } }),
        awsPool({ AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email', Priority: 2 }, { Name: 'verified_phone_number', Priority: 1 }] } }),
      ],
      want: [],
    },
    {
      name: 'numbers sent as strings',
      reason: 'an emulator or older API may answer "12" for 12',
      args: [
        spec({ security: { passwordPolicy: { minimumLength: 12, temporaryPasswordValidityDays: 3 } } }),
        awsPool({ Policies: { PasswordPolicy: { MinimumLength: '12', TemporaryPasswordValidityDays: '3' } } } as unknown as Partial<UserPoolType>),
      ],
      want: [],
    },
    {
      name: 'verification messages only in the legacy fields',
      reason: 'AWS may return the top-level messages without the template',
      args: [
        spec({ messaging: { verification: { emailSubject: 'Verify', emailMessage: 'Code {####}', smsMessage: 'SMS {####}' } } }),
        awsPool({
          VerificationMessageTemplate: undefined,
          EmailVerificationSubject: 'Verify',
          EmailVerificationMessage: 'Code {####}',
          SmsVerificationMessage: 'SMS {####}',
        }),
      ],
      want: [],
    },
    {
      name: 'pre-token trigger in the legacy field only',
      reason: 'a pool configured before versioned triggers has no PreTokenGenerationConfig; V1_0 is implied',
      args: [
        spec({ triggers: { preTokenGeneration: lambdaArn('pre-token'), preTokenGenerationVersion: 'V1_0' } }),
        awsPool({ LambdaConfig: { PreTokenGeneration: lambdaArn('pre-token') } }),
      ],
      want: [],
    },
    {
      name: 'sign-in settings differ',
      reason: 'AWS cannot change them, so reporting them would be a diff nothing could apply',
      args: [spec({ signIn: { aliasAttributes: ['preferred_username'], caseSensitive: true } }), awsPool()],
      want: [],
    },
    {
      name: 'a pool created from the spec',
      reason: 'what create sent reads back the same: no diff right after create',
      args: [
        spec({
          poolName: 'shop-users',
          tier: 'ESSENTIALS',
          security: { passwordPolicy: { minimumLength: 8, requireSymbols: true }, accountRecovery: ['verified_email'], threatProtection: { mode: 'OFF' } },
          signUp: { selfRegistration: true },
          messaging: { email: { sendingAccount: 'COGNITO_DEFAULT' } },
        }),
        awsPool(),
      ],
      want: [],
    },
  ];
  it.each(noDiff)('no diff for $name: $reason', ({ args, want }) => {
    expect(poolSettingsDiff(...args)).toEqual(want);
  });

  const diffs: Case<[UserPoolSpec, UserPoolType], string[]>[] = [
    {
      name: 'changed values',
      reason: 'each named field that differs is reported by its spec path',
      args: [
        spec({
          deletionProtection: false,
          poolName: 'renamed',
          security: { passwordPolicy: { minimumLength: 12, requireNumbers: true } },
          triggers: { preSignUp: lambdaArn('pre-sign-up') },
          messaging: { sms: { snsRoleArn: roleArn } },
        }),
        awsPool(),
      ],
      want: ['poolName', 'deletionProtection', 'security.passwordPolicy.minimumLength', 'messaging.sms.snsRoleArn', 'triggers.preSignUp'],
    },
    {
      name: 'recovery priorities swapped',
      reason: 'account recovery is ordered: the first choice matters',
      args: [
        spec({ security: { accountRecovery: ['verified_email', 'verified_phone_number'] } }),
        awsPool({ AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email', Priority: 2 }, { Name: 'verified_phone_number', Priority: 1 }] } }),
      ],
      want: ['security.accountRecovery'],
    },
    {
      name: 'set members differ',
      reason: 'order does not matter, membership does',
      args: [spec({ signUp: { autoVerifiedAttributes: ['email', 'phone_number'] } }), awsPool({ AutoVerifiedAttributes: ['email'] })],
      want: ['signUp.autoVerifiedAttributes'],
    },
    {
      name: 'trigger removed in the console',
      reason: 'a trigger the spec names is put back',
      args: [spec({ triggers: { userMigration: lambdaArn('migrate') } }), awsPool({ LambdaConfig: {} })],
      want: ['triggers.userMigration'],
    },
    {
      name: 'self-registration and threat protection',
      reason: 'inverted and nested mappings are compared through their AWS fields',
      args: [spec({ signUp: { selfRegistration: false }, security: { threatProtection: { mode: 'AUDIT', customAuthMode: 'AUDIT' } } }), awsPool()],
      want: ['security.threatProtection.mode', 'security.threatProtection.customAuthMode', 'signUp.selfRegistration'],
    },
    {
      name: 'pre-token version',
      reason: 'the event version is part of the trigger',
      args: [
        spec({ triggers: { preTokenGeneration: lambdaArn('pre-token'), preTokenGenerationVersion: 'V2_0' } }),
        awsPool({
          LambdaConfig: {
            PreTokenGeneration: lambdaArn('pre-token'),
            PreTokenGenerationConfig: { LambdaArn: lambdaArn('pre-token'), LambdaVersion: 'V1_0' },
          },
        }),
      ],
      want: ['triggers.preTokenGenerationVersion'],
    },
  ];
  it.each(diffs)('reports $name: $reason', ({ args, want }) => {
    expect(poolSettingsDiff(...args)).toEqual(want);
  });
});

describe('mfaRequest', () => {
  const sms = { snsRoleArn: roleArn, externalId: 'shop' };
  const withSms: GetUserPoolMfaConfigResponse = {
    MfaConfiguration: 'ON',
    SmsMfaConfiguration: { SmsAuthenticationMessage: 'Code {####}', SmsConfiguration: { SnsCallerArn: roleArn, ExternalId: 'shop' } },
    SoftwareTokenMfaConfiguration: { Enabled: true },
  };
  const cases: Case<[UserPoolSpec, GetUserPoolMfaConfigResponse], unknown>[] = [
    {
      name: 'no MFA section',
      reason: 'MFA the spec does not name is left as AWS has it',
      args: [spec(), withSms],
      want: undefined,
    },
    {
      name: 'OFF and OFF',
      reason: 'up to date: no call',
      args: [spec({ security: { mfa: { mode: 'OFF' } } }), { MfaConfiguration: 'OFF' }],
      want: undefined,
    },
    {
      name: 'OFF while AWS reports factor settings',
      reason: 'with MFA off the leftover SMS settings do not matter',
      args: [spec({ security: { mfa: { mode: 'OFF', totp: true } } }), { ...withSms, MfaConfiguration: 'OFF' }],
      want: undefined,
    },
    {
      name: 'turning MFA off',
      reason: 'AWS rejects OFF together with a factor block; WebAuthn is independent and kept',
      args: [spec({ security: { mfa: { mode: 'OFF' } } }), { ...withSms, WebAuthnConfiguration: webAuthn }],
      want: { UserPoolId: poolId, MfaConfiguration: 'OFF', WebAuthnConfiguration: webAuthn },
    },
    {
      name: 'TOTP only',
      reason: 'a pool without MFA gets TOTP and no SMS',
      args: [spec({ security: { mfa: { mode: 'OPTIONAL', totp: true } } }), { MfaConfiguration: 'OFF' }],
      want: { UserPoolId: poolId, MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true } },
    },
    {
      name: 'TOTP only from OFF with leftover SMS settings',
      reason: 'factors of a pool with MFA off count as disabled, so SMS is not switched on by accident',
      args: [spec({ security: { mfa: { mode: 'OPTIONAL', totp: true } } }), { ...withSms, MfaConfiguration: 'OFF' }],
      want: { UserPoolId: poolId, MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true } },
    },
    {
      name: 'SMS and TOTP together',
      reason: 'SMS MFA carries the SNS role of messaging.sms and the text of mfa.sms.message',
      args: [
        spec({ security: { mfa: { mode: 'ON', totp: true, sms: { enabled: true, message: 'Code {####}' } } }, messaging: { sms } }),
        { MfaConfiguration: 'OFF' },
      ],
      want: {
        UserPoolId: poolId,
        MfaConfiguration: 'ON',
        SoftwareTokenMfaConfiguration: { Enabled: true },
        SmsMfaConfiguration: { SmsAuthenticationMessage: 'Code {####}', SmsConfiguration: { SnsCallerArn: roleArn, ExternalId: 'shop' } },
      },
    },
    {
      name: 'SMS and TOTP already on',
      reason: 'up to date: no call',
      args: [spec({ security: { mfa: { mode: 'ON', totp: true, sms: { enabled: true, message: 'Code {####}' } } }, messaging: { sms } }), withSms],
      want: undefined,
    },
    {
      name: 'mode change naming TOTP only',
      reason: 'the call replaces the whole configuration, so SMS MFA the spec does not name is sent back',
      args: [spec({ security: { mfa: { mode: 'OPTIONAL', totp: true } } }), withSms],
      want: {
        UserPoolId: poolId,
        MfaConfiguration: 'OPTIONAL',
        SoftwareTokenMfaConfiguration: { Enabled: true },
        SmsMfaConfiguration: withSms.SmsMfaConfiguration,
      },
    },
    {
      name: 'SMS switched off',
      reason: 'a factor named as disabled is left out of the request',
      args: [spec({ security: { mfa: { mode: 'ON', totp: true, sms: { enabled: false } } } }), withSms],
      want: { UserPoolId: poolId, MfaConfiguration: 'ON', SoftwareTokenMfaConfiguration: { Enabled: true } },
    },
    {
      name: 'email MFA',
      reason: 'email codes with the spec subject; TOTP off when the spec says so',
      args: [
        spec({ security: { mfa: { mode: 'OPTIONAL', totp: false, email: { enabled: true, subject: 'Your code' } } } }),
        { MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true } },
      ],
      want: {
        UserPoolId: poolId,
        MfaConfiguration: 'OPTIONAL',
        SoftwareTokenMfaConfiguration: { Enabled: false },
        EmailMfaConfiguration: { Subject: 'Your code' },
      },
    },
    {
      name: 'email subject changed',
      reason: 'a changed subject alone is a change; the message AWS has is kept',
      args: [
        spec({ security: { mfa: { mode: 'OPTIONAL', email: { enabled: true, subject: 'New' } } } }),
        { MfaConfiguration: 'OPTIONAL', EmailMfaConfiguration: { Subject: 'Old', Message: 'Code {####}' } },
      ],
      want: {
        UserPoolId: poolId,
        MfaConfiguration: 'OPTIONAL',
        SoftwareTokenMfaConfiguration: { Enabled: false },
        EmailMfaConfiguration: { Subject: 'New', Message: 'Code {####}' },
      },
    },
  ];
  it.each(cases)('$name: $reason', ({ args, want }) => {
    expect(mfaRequest(...args, poolId)).toEqual(want);
  });
});

describe('mfaDiff', () => {
  const emailOn = { MfaConfiguration: 'OPTIONAL' as const, EmailMfaConfiguration: { Subject: 'Your code', Message: 'Code {####}' } };
  const cases: Case<[UserPoolSpec, Parameters<typeof mfaDiff>[1]], string[]>[] = [
    {
      name: 'email texts match',
      reason: 'subject and message named and equal: nothing to do',
      args: [spec({ security: { mfa: { mode: 'OPTIONAL', email: { enabled: true, subject: 'Your code', message: 'Code {####}' } } } }), emailOn],
      want: [],
    },
    {
      name: 'email message differs',
      reason: 'a named message AWS does not have is a difference, never Ready',
      args: [spec({ security: { mfa: { mode: 'OPTIONAL', email: { enabled: true, message: 'Your code is {####}' } } } }), emailOn],
      want: ['security.mfa.email.message'],
    },
    {
      name: 'email codes not on yet',
      reason: 'the named subject and message are compared too, not only enabled',
      args: [
        spec({ security: { mfa: { mode: 'OPTIONAL', email: { enabled: true, subject: 'Your code', message: 'Code {####}' } } } }),
        { MfaConfiguration: 'OPTIONAL' },
      ],
      want: ['security.mfa.email.enabled', 'security.mfa.email.subject', 'security.mfa.email.message'],
    },
  ];
  it.each(cases)('$name: $reason', ({ args, want }) => {
    expect(mfaDiff(...args)).toEqual(want);
  });
});

describe('customAttributesToAdd', () => {
  const pool = awsPool({
    SchemaAttributes: [
      ...(awsPool().SchemaAttributes ?? []),
      { Name: 'custom:tier', AttributeDataType: 'String', Mutable: true, StringAttributeConstraints: { MaxLength: '16' } },
      { Name: 'dev:custom:secret', AttributeDataType: 'String', DeveloperOnlyAttribute: true },
      { Name: 'dev:hidden', AttributeDataType: 'String', DeveloperOnlyAttribute: true },
    ],
  });
  const cases: Case<[UserPoolSpec, UserPoolType], unknown>[] = [
    {
      name: 'all present',
      reason: 'AWS names them custom:<name>, developer-only ones dev:<name> (moto: dev:custom:<name>); string constraints are the same values',
      args: [
        spec({
          signUp: {
            attributes: [
              { name: 'email', required: true },
              { name: 'tier', custom: true, maxLength: 16 },
              { name: 'secret', custom: true, developerOnly: true },
              { name: 'hidden', custom: true, developerOnly: true },
            ],
          },
        }),
        pool,
      ],
      want: [],
    },
    {
      name: 'one missing',
      reason: 'only the missing custom attribute is added, named without the prefix as AddCustomAttributes wants',
      args: [spec({ signUp: { attributes: [{ name: 'tier', custom: true }, { name: 'plan', custom: true, type: 'String', mutable: true, maxLength: 32 }] } }), pool],
      want: [{ Name: 'plan', AttributeDataType: 'String', Mutable: true, StringAttributeConstraints: { MaxLength: '32' } }],
    },
    {
      name: 'standard attribute not in the pool schema',
      reason: 'standard attributes are fixed at create; AddCustomAttributes cannot add them',
      args: [spec({ signUp: { attributes: [{ name: 'website', mutable: true }] } }), pool],
      want: [],
    },
  ];
  it.each(cases)('$name: $reason', ({ args, want }) => {
    expect(customAttributesToAdd(...args)).toEqual(want);
  });
});

describe('tagsDiff', () => {
  const cases: Case<[UserPoolSpec, Record<string, string> | undefined], TagsDiff>[] = [
    {
      name: 'in step',
      reason: 'nothing to do',
      args: [spec({ tags: { team: 'shop' } }), { team: 'shop', [OwnerUidTag]: uid }],
      want: { tagsToAdd: {}, keysToRemove: [] },
    },
    {
      name: 'new and changed tags',
      reason: 'spec tags are set, changed values overwritten',
      args: [spec({ tags: { team: 'shop', env: 'prod' } }), { team: 'web', [OwnerUidTag]: uid }],
      want: { tagsToAdd: { team: 'shop', env: 'prod' }, keysToRemove: [] },
    },
    {
      name: 'tags the spec does not name',
      reason: 'kept: they may belong to another tool or a person; a key deleted from the spec is not untagged',
      args: [spec(), { 'cost-center': '42', 'aws:cloudformation:stack-name': 'legacy', [OwnerUidTag]: uid }],
      want: { tagsToAdd: {}, keysToRemove: [] },
    },
    {
      name: 'owner tag missing',
      reason: 'an adopted pool gets the owner tag, so a lost annotation can still find it',
      args: [spec(), undefined],
      want: { tagsToAdd: { [OwnerUidTag]: uid }, keysToRemove: [] },
    },
    {
      name: 'stale reserved key',
      reason: 'keys under the operator prefix are the operator’s own; one it no longer writes is removed',
      args: [spec(), { [OwnerUidTag]: uid, 'cognito.operator.dev/old': 'x' }],
      want: { tagsToAdd: {}, keysToRemove: ['cognito.operator.dev/old'] },
    },
  ];
  it.each(cases)('$name: $reason', ({ args, want }) => {
    expect(tagsDiff(...args, uid)).toEqual(want);
  });
});

describe('domainPlan', () => {
  const prefixDomain: DomainDescriptionType = { Domain: 'shop-login', UserPoolId: poolId, Status: 'ACTIVE', ManagedLoginVersion: 1 };
  const customDomain: DomainDescriptionType = {
    Domain: 'auth.shop.example.com',
    UserPoolId: poolId,
    Status: 'ACTIVE',
    CustomDomainConfig: { CertificateArn: certArn, SecurityPolicy: 'TLS_V1_2_2021' },
    ManagedLoginVersion: 2,
  };
  const cases: Case<[UserPoolSpec, UserPoolType, DomainDescriptionType | undefined], DomainPlan>[] = [
    {
      name: 'no domain in the spec',
      reason: 'a domain the spec does not name is kept',
      args: [spec(), awsPool({ Domain: 'shop-login' }), undefined],
      want: { action: 'none' },
    },
    {
      name: 'prefix to create',
      reason: 'the pool has no domain yet',
      args: [spec({ domain: { prefix: 'shop-login', managedLoginVersion: 2 } }), awsPool(), undefined],
      want: { action: 'create', paths: ['domain.prefix'], create: { Domain: 'shop-login', UserPoolId: poolId, ManagedLoginVersion: 2 } },
    },
    {
      name: 'same prefix',
      reason: 'up to date; ManagedLoginVersion 1 is what a domain without one has',
      args: [
        spec({ domain: { prefix: 'shop-login', managedLoginVersion: 1 } }),
        awsPool({ Domain: 'shop-login' }),
        { ...prefixDomain, ManagedLoginVersion: undefined },
      ],
      want: { action: 'none' },
    },
    {
      name: 'new prefix',
      reason: 'a pool has one prefix domain: the old one goes first',
      args: [spec({ domain: { prefix: 'shop-auth' } }), awsPool({ Domain: 'shop-login' }), undefined],
      want: {
        action: 'delete-then-create',
        paths: ['domain.prefix'],
        delete: { Domain: 'shop-login', UserPoolId: poolId },
        create: { Domain: 'shop-auth', UserPoolId: poolId },
      },
    },
    {
      name: 'managed login version',
      reason: 'changed in place',
      args: [spec({ domain: { prefix: 'shop-login', managedLoginVersion: 2 } }), awsPool({ Domain: 'shop-login' }), prefixDomain],
      want: { action: 'update', paths: ['domain.managedLoginVersion'], update: { Domain: 'shop-login', UserPoolId: poolId, ManagedLoginVersion: 2 } },
    },
    {
      name: 'custom domain to create',
      reason: 'with its certificate; the prefix domain the pool has is a different kind and stays',
      args: [spec({ domain: { customDomain: 'auth.shop.example.com', certificateArn: certArn } }), awsPool({ Domain: 'shop-login' }), undefined],
      want: {
        action: 'create',
        paths: ['domain.customDomain'],
        create: { Domain: 'auth.shop.example.com', UserPoolId: poolId, CustomDomainConfig: { CertificateArn: certArn } },
      },
    },
    {
      name: 'certificate renewed',
      reason: 'UpdateUserPoolDomain swaps it, keeping the TLS policy and the managed login version',
      args: [
        spec({ domain: { customDomain: 'auth.shop.example.com', certificateArn: `${certArn}-new` } }),
        awsPool({ CustomDomain: 'auth.shop.example.com' }),
        customDomain,
      ],
      want: {
        action: 'update',
        paths: ['domain.certificateArn'],
        update: {
          Domain: 'auth.shop.example.com',
          UserPoolId: poolId,
          ManagedLoginVersion: 2,
          CustomDomainConfig: { CertificateArn: `${certArn}-new`, SecurityPolicy: 'TLS_V1_2_2021' },
        },
      },
    },
    {
      name: 'custom domain reported in Domain',
      reason: 'moto puts every domain in Domain; the dots tell it is custom',
      args: [spec({ domain: { customDomain: 'auth.shop.example.com', certificateArn: certArn } }), awsPool({ Domain: 'auth.shop.example.com' }), customDomain],
      want: { action: 'none' },
    },
  ];
  it.each(cases)('$name: $reason', ({ args, want }) => {
    expect(domainPlan(...args)).toEqual(want);
  });
});

describe('diffUserPool', () => {
  const cases: Case<[UserPoolSpec, Parameters<typeof diffUserPool>[1]], string[]>[] = [
    {
      name: 'up to date',
      reason: 'every part matches: the pool gets no write',
      args: [
        spec({
          security: { passwordPolicy: { minimumLength: 8 }, mfa: { mode: 'OPTIONAL', totp: true } },
          signUp: { attributes: [{ name: 'email' }] },
          domain: { prefix: 'shop-login' },
          tags: { team: 'shop' },
        }),
        {
          pool: awsPool({ Domain: 'shop-login', UserPoolTags: { team: 'shop', [OwnerUidTag]: uid } }),
          mfa: { MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true } },
          domain: { Domain: 'shop-login' },
        },
      ],
      want: [],
    },
    {
      name: 'every part differs',
      reason: 'settings, MFA, a missing custom attribute, a tag and the domain each show up',
      args: [
        spec({
          security: { passwordPolicy: { minimumLength: 10 }, mfa: { mode: 'OPTIONAL', totp: true } },
          signUp: { attributes: [{ name: 'tier', custom: true }] },
          domain: { prefix: 'shop-login' },
          tags: { team: 'shop' },
        }),
        { pool: awsPool(), mfa: { MfaConfiguration: 'OFF' } },
      ],
      want: ['security.passwordPolicy.minimumLength', 'security.mfa.mode', 'security.mfa.totp', 'signUp.attributes.tier', 'tags.team', 'domain.prefix'],
    },
  ];
  it.each(cases)('$name: $reason', ({ args, want }) => {
    expect(diffUserPool(...args, uid)).toEqual(want);
  });
});

describe('userPoolOutputs', () => {
  const base = {
    id: poolId,
    arn,
    issuerUrl: `https://cognito-idp.eu-west-1.amazonaws.com/${poolId}`,
    jwksUri: `https://cognito-idp.eu-west-1.amazonaws.com/${poolId}/.well-known/jwks.json`,
  };
  const cases: Case<Parameters<typeof userPoolOutputs>, UserPoolOutputs>[] = [
    { name: 'no domain', reason: 'identifiers only', args: [awsPool(), 'eu-west-1'], want: base },
    {
      name: 'prefix domain',
      reason: 'the Cognito-hosted URL',
      args: [awsPool({ Domain: 'shop-login' }), 'eu-west-1'],
      want: { ...base, domain: 'shop-login', hostedUiUrl: 'https://shop-login.auth.eu-west-1.amazoncognito.com' },
    },
    {
      name: 'custom domain',
      reason: 'the custom domain is the URL',
      args: [awsPool({ CustomDomain: 'auth.shop.example.com' }), 'eu-west-1'],
      want: { ...base, domain: 'auth.shop.example.com', hostedUiUrl: 'https://auth.shop.example.com' },
    },
    {
      name: 'both kinds, spec names the prefix',
      reason: 'the domain of the kind the spec names is shown',
      args: [awsPool({ Domain: 'shop-login', CustomDomain: 'auth.shop.example.com' }), 'eu-west-1', { prefix: 'shop-login' }],
      want: { ...base, domain: 'shop-login', hostedUiUrl: 'https://shop-login.auth.eu-west-1.amazoncognito.com' },
    },
  ];
  it.each(cases)('$name: $reason', ({ args, want }) => {
    expect(userPoolOutputs(...args)).toEqual(want);
  });

  it('refuses a pool without an Arn', () => {
    expect(() => userPoolOutputs(awsPool({ Arn: undefined }), 'eu-west-1')).toThrow(IncompleteResponseError);
  });
});

describe('passkeys (security.passkeys)', () => {
  const relyingPartyId = 'auth.shop.example.com';
  const withSms: GetUserPoolMfaConfigResponse = {
    MfaConfiguration: 'ON',
    SmsMfaConfiguration: { SmsAuthenticationMessage: 'Code {####}', SmsConfiguration: { SnsCallerArn: roleArn, ExternalId: 'shop' } },
    SoftwareTokenMfaConfiguration: { Enabled: true },
  };
  const defaults = { UserVerification: 'preferred', FactorConfiguration: 'SINGLE_FACTOR' } as const;
  const cases: Case<[UserPoolSpec, GetUserPoolMfaConfigResponse, string[]], unknown>[] = [
    {
      name: 'passkeys on a pool without MFA',
      reason: 'SetUserPoolMfaConfig carries WebAuthn beside MFA OFF alone',
      args: [spec({ security: { passkeys: { relyingPartyId, userVerification: 'required' } } }), { MfaConfiguration: 'OFF', WebAuthnConfiguration: defaults }, []],
      want: { UserPoolId: poolId, MfaConfiguration: 'OFF', WebAuthnConfiguration: { ...defaults, RelyingPartyId: relyingPartyId, UserVerification: 'required' } },
    },
    {
      name: 'passkeys on a pool whose MFA the spec does not name',
      reason: 'the call replaces the whole configuration: AWS’s MFA settings are sent back as they are',
      args: [spec({ security: { passkeys: { factorConfiguration: 'MULTI_FACTOR_WITH_USER_VERIFICATION' } } }), withSms, []],
      want: {
        UserPoolId: poolId,
        MfaConfiguration: 'ON',
        SoftwareTokenMfaConfiguration: { Enabled: true },
        SmsMfaConfiguration: withSms.SmsMfaConfiguration,
        WebAuthnConfiguration: { FactorConfiguration: 'MULTI_FACTOR_WITH_USER_VERIFICATION' },
      },
    },
    {
      name: 'passkeys as AWS has them',
      reason: 'up to date: no call',
      args: [spec({ security: { passkeys: { relyingPartyId, userVerification: 'preferred' } } }), { MfaConfiguration: 'OFF', WebAuthnConfiguration: { ...defaults, RelyingPartyId: relyingPartyId } }, []],
      want: undefined,
    },
    {
      name: 'one setting named',
      reason: 'settings the spec does not name keep their AWS values',
      args: [spec({ security: { passkeys: { userVerification: 'required' } } }), { MfaConfiguration: 'OFF', WebAuthnConfiguration: { ...defaults, RelyingPartyId: relyingPartyId } }, []],
      want: { UserPoolId: poolId, MfaConfiguration: 'OFF', WebAuthnConfiguration: { RelyingPartyId: relyingPartyId, UserVerification: 'required', FactorConfiguration: 'SINGLE_FACTOR' } },
    },
    {
      name: 'passkeys released',
      reason: 'a section the spec named before and no longer names goes back to AWS’s defaults',
      args: [spec(), { MfaConfiguration: 'OFF', WebAuthnConfiguration: { RelyingPartyId: relyingPartyId, UserVerification: 'required', FactorConfiguration: 'SINGLE_FACTOR' } }, ['security.passkeys']],
      want: { UserPoolId: poolId, MfaConfiguration: 'OFF', WebAuthnConfiguration: defaults },
    },
    {
      name: 'passkeys released, AWS at its defaults',
      reason: 'the relying party ID AWS fills in by itself is not a difference: no call',
      args: [spec(), { MfaConfiguration: 'OFF', WebAuthnConfiguration: { ...defaults, RelyingPartyId: 'shop.auth.eu-west-1.amazoncognito.com' } }, ['security.passkeys']],
      want: undefined,
    },
    {
      name: 'passkeys never named',
      reason: 'console-set passkey settings are kept: no call',
      args: [spec(), { MfaConfiguration: 'OFF', WebAuthnConfiguration: { UserVerification: 'required' } }, []],
      want: undefined,
    },
  ];
  it.each(cases)('$name: $reason', ({ args: [s, current, released], want }) => {
    expect(mfaRequest(s, current, poolId, released)).toEqual(want);
  });

  it('names each differing setting', () => {
    const current = { MfaConfiguration: 'OFF' as const, WebAuthnConfiguration: { ...defaults, RelyingPartyId: 'old.example.com' } };
    expect(mfaDiff(spec({ security: { passkeys: { relyingPartyId, userVerification: 'preferred', factorConfiguration: 'MULTI_FACTOR_WITH_USER_VERIFICATION' } } }), current)).toEqual([
      'security.passkeys.relyingPartyId',
      'security.passkeys.factorConfiguration',
    ]);
    expect(mfaDiff(spec(), { ...current, WebAuthnConfiguration: { UserVerification: 'required' } }, ['security.passkeys'])).toEqual(['security.passkeys']);
  });
});
