/**
 * UserPool spec ↔ Cognito requests and responses. Pure functions, no I/O.
 *
 * Rules every function here follows:
 * - A setting the spec does not name keeps its AWS value (read-merge-write); a spec sub-object
 *   that names some fields changes only those.
 * - Comparisons are normalized: AWS fills in defaults, returns sets in any order and may send
 *   numbers as strings, none of which is a difference.
 * - signIn and existing schema attributes are fixed by AWS at create time; they are sent on
 *   create only and never reported as a difference (nothing could apply it).
 */
import type {
  AccountRecoverySettingType,
  AdminCreateUserConfigType,
  CreateUserPoolCommandInput,
  CreateUserPoolDomainCommandInput,
  DeleteUserPoolDomainCommandInput,
  DomainDescriptionType,
  EmailConfigurationType,
  GetUserPoolMfaConfigResponse,
  LambdaConfigType,
  LogConfigurationType,
  UICustomizationType,
  SchemaAttributeType,
  SetUserPoolMfaConfigCommandInput,
  SmsConfigurationType,
  UpdateUserPoolCommandInput,
  UpdateUserPoolDomainCommandInput,
  UserPoolAddOnsType,
  UserPoolPolicyType,
  UserPoolType,
  VerificationMessageTemplateType,
  WebAuthnConfigurationType,
} from '@aws-sdk/client-cognito-identity-provider';
import type { UserPoolSpec } from './schema';
import type { TagsDiff } from '../tags';
import { desiredTags as sharedDesiredTags, tagPaths, tagsDiff as sharedTagsDiff, userTags } from '../tags';
import { includesPath } from '../../reconciler/ownership';
import { OwnedPath, releasedDomains, releasedPoolPaths, withoutReleased } from './ownership';
import type { RiskSections } from '../threatprotection/mapping';
import { riskDiff } from '../threatprotection/mapping';
import { loggingDiff } from './logging';
import type { LogoRefs } from '../hostedui/logo';

/** AWS's values for settings a response may leave out. */
const AwsDefault = {
  minimumLength: 8,
  temporaryPasswordValidityDays: 7,
  passwordHistorySize: 0,
  firstAuthFactors: ['PASSWORD'],
  threatProtection: 'OFF',
  emailSendingAccount: 'COGNITO_DEFAULT',
  defaultEmailOption: 'CONFIRM_WITH_CODE',
  lambdaVersion: 'V1_0',
  mfa: 'OFF',
  deletionProtection: 'INACTIVE',
  managedLoginVersion: 1,
} as const;

/**
 * Prefixes of custom attribute names in DescribeUserPool: custom:<name>, and for developer-only
 * ones dev:<name> (AWS's reference) or dev:custom:<name> (moto).
 */
const CustomAttributePrefixes = ['custom:', 'dev:', 'dev:custom:'] as const;

/** Tag keys under the API group are the operator's own (users cannot set them: a CEL rule). */

const Message = {
  noId: 'DescribeUserPool returned a pool without an Id',
  noIdentity: 'DescribeUserPool returned a pool without an Id or Arn',
} as const;

type Spec = UserPoolSpec;

import { IncompleteResponseError } from '../../aws/errors';

export { IncompleteResponseError };

function requireId(pool: UserPoolType): string {
  if (!pool.Id) throw new IncompleteResponseError(Message.noId);
  return pool.Id;
}

// ---------------------------------------------------------------------------------- helpers

/** `base` with the defined values of `named` on top; undefined when the result is empty. */
function merge<T extends object>(base: T | undefined, named: { [K in keyof T]?: T[K] }): T | undefined {
  const out: Partial<T> = { ...base };
  for (const key of Object.keys(named) as (keyof T)[]) {
    const value = named[key];
    if (value !== undefined) out[key] = value;
  }
  // Every key came from a T or a Partial<T> of defined values: the result is a T.
  return Object.keys(out).length > 0 ? (out as T) : undefined;
}

/** The object without its undefined values (requests stay minimal and readable in tests). */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function not(value: boolean | undefined): boolean | undefined {
  return value === undefined ? undefined : !value;
}

function str(value: number | undefined): string | undefined {
  return value === undefined ? undefined : String(value);
}

/** The names AWS may report a custom attribute under. */
function customNames(name: string): string[] {
  return CustomAttributePrefixes.map((prefix) => `${prefix}${name}`);
}

// ------------------------------------------------------------------------- spec → settings

/** The request fields UpdateUserPool accepts (it resets each one it is not given). */
export type PoolSettings = Omit<UpdateUserPoolCommandInput, 'UserPoolId'>;

function policies(spec: Spec, current: UserPoolPolicyType | undefined): UserPoolPolicyType | undefined {
  const password = spec.security?.passwordPolicy;
  const factors = spec.security?.allowedFirstAuthFactors;
  return merge(current, {
    PasswordPolicy: password
      ? merge(current?.PasswordPolicy, {
          MinimumLength: password.minimumLength,
          RequireLowercase: password.requireLowercase,
          RequireUppercase: password.requireUppercase,
          RequireNumbers: password.requireNumbers,
          RequireSymbols: password.requireSymbols,
          TemporaryPasswordValidityDays: password.temporaryPasswordValidityDays,
          PasswordHistorySize: password.passwordHistorySize,
        })
      : undefined,
    SignInPolicy: factors ? merge(current?.SignInPolicy, { AllowedFirstAuthFactors: [...factors] }) : undefined,
  });
}

function accountRecovery(spec: Spec, current: AccountRecoverySettingType | undefined): AccountRecoverySettingType | undefined {
  const order = spec.security?.accountRecovery;
  if (!order) return current;
  return { RecoveryMechanisms: order.map((name, i) => ({ Name: name, Priority: i + 1 })) };
}

function addOns(spec: Spec, current: UserPoolAddOnsType | undefined): UserPoolAddOnsType | undefined {
  const threat = spec.security?.threatProtection;
  if (!threat) return current;
  return merge(current, {
    AdvancedSecurityMode: threat.mode,
    AdvancedSecurityAdditionalFlows: threat.customAuthMode
      ? merge(current?.AdvancedSecurityAdditionalFlows, { CustomAuthMode: threat.customAuthMode })
      : undefined,
  });
}

function adminCreateUser(spec: Spec, current: AdminCreateUserConfigType | undefined): AdminCreateUserConfigType | undefined {
  const invitation = spec.messaging?.invitation;
  // UnusedAccountValidityDays is deprecated: AWS rejects it beside
  // PasswordPolicy.TemporaryPasswordValidityDays, which holds the same value.
  const base = current && compact({ ...current, UnusedAccountValidityDays: undefined });
  return merge(base, {
    AllowAdminCreateUserOnly: not(spec.signUp?.selfRegistration),
    InviteMessageTemplate: invitation
      ? merge(base?.InviteMessageTemplate, {
          EmailSubject: invitation.emailSubject,
          EmailMessage: invitation.emailMessage,
          SMSMessage: invitation.smsMessage,
        })
      : undefined,
  });
}

function email(spec: Spec, current: EmailConfigurationType | undefined): EmailConfigurationType | undefined {
  const wanted = spec.messaging?.email;
  if (!wanted) return current;
  // Source, From and configuration set belong to the SES identity of one sending account;
  // switching accounts keeps only the reply-to address, which both accounts accept.
  const sameAccount = (current?.EmailSendingAccount ?? AwsDefault.emailSendingAccount) === wanted.sendingAccount;
  const base = sameAccount ? current : current?.ReplyToEmailAddress ? { ReplyToEmailAddress: current.ReplyToEmailAddress } : undefined;
  return merge(base, {
    EmailSendingAccount: wanted.sendingAccount,
    SourceArn: wanted.sourceArn,
    From: wanted.from,
    ReplyToEmailAddress: wanted.replyTo,
    ConfigurationSet: wanted.configurationSet,
  });
}

function sms(spec: Spec, current: SmsConfigurationType | undefined): SmsConfigurationType | undefined {
  const wanted = spec.messaging?.sms;
  if (!wanted) return current;
  return merge(current, { SnsCallerArn: wanted.snsRoleArn, ExternalId: wanted.externalId, SnsRegion: wanted.snsRegion });
}

function verification(spec: Spec, current: VerificationMessageTemplateType | undefined): VerificationMessageTemplateType | undefined {
  const wanted = spec.messaging?.verification;
  if (!wanted) return current;
  return merge(current, {
    DefaultEmailOption: wanted.defaultEmailOption,
    EmailSubject: wanted.emailSubject,
    EmailMessage: wanted.emailMessage,
    EmailSubjectByLink: wanted.emailSubjectByLink,
    EmailMessageByLink: wanted.emailMessageByLink,
    SmsMessage: wanted.smsMessage,
  });
}

function lambdas(spec: Spec, current: LambdaConfigType | undefined): LambdaConfigType | undefined {
  const t = spec.triggers;
  if (!t) return current;
  const preToken = t.preTokenGeneration;
  return merge(current, {
    PreSignUp: t.preSignUp,
    CustomMessage: t.customMessage,
    PostConfirmation: t.postConfirmation,
    PreAuthentication: t.preAuthentication,
    PostAuthentication: t.postAuthentication,
    DefineAuthChallenge: t.defineAuthChallenge,
    CreateAuthChallenge: t.createAuthChallenge,
    VerifyAuthChallengeResponse: t.verifyAuthChallengeResponse,
    UserMigration: t.userMigration,
    // AWS keeps the legacy field and the versioned config in step; send both.
    PreTokenGeneration: preToken,
    PreTokenGenerationConfig: preToken
      ? {
          LambdaArn: preToken,
          LambdaVersion: t.preTokenGenerationVersion ?? current?.PreTokenGenerationConfig?.LambdaVersion ?? AwsDefault.lambdaVersion,
        }
      : undefined,
    CustomSMSSender: t.customSmsSender ? { LambdaArn: t.customSmsSender.lambdaArn, LambdaVersion: t.customSmsSender.lambdaVersion } : undefined,
    CustomEmailSender: t.customEmailSender
      ? { LambdaArn: t.customEmailSender.lambdaArn, LambdaVersion: t.customEmailSender.lambdaVersion }
      : undefined,
    KMSKeyID: t.kmsKeyId,
  });
}

/**
 * The updatable settings: `current` (settings AWS has now, empty on create) with what the spec
 * names on top. The legacy top-level verification messages follow the template so the two
 * never disagree.
 */
function overlaySettings(spec: Spec, current: PoolSettings): PoolSettings {
  const v = spec.messaging?.verification;
  const device = spec.security?.deviceTracking;
  const verifyBeforeUpdate = spec.signUp?.attributesRequireVerificationBeforeUpdate;
  return compact({
    ...current,
    PoolName: spec.poolName ?? current.PoolName,
    UserPoolTier: spec.tier ?? current.UserPoolTier,
    DeletionProtection: spec.deletionProtection ? 'ACTIVE' : 'INACTIVE',
    Policies: policies(spec, current.Policies),
    AccountRecoverySetting: accountRecovery(spec, current.AccountRecoverySetting),
    UserPoolAddOns: addOns(spec, current.UserPoolAddOns),
    DeviceConfiguration: device
      ? merge(current.DeviceConfiguration, {
          ChallengeRequiredOnNewDevice: device.challengeRequiredOnNewDevice,
          DeviceOnlyRememberedOnUserPrompt: device.onlyRememberedOnUserPrompt,
        })
      : current.DeviceConfiguration,
    SmsAuthenticationMessage: spec.security?.mfa?.sms?.message ?? current.SmsAuthenticationMessage,
    AdminCreateUserConfig: adminCreateUser(spec, current.AdminCreateUserConfig),
    AutoVerifiedAttributes: spec.signUp?.autoVerifiedAttributes ? [...spec.signUp.autoVerifiedAttributes] : current.AutoVerifiedAttributes,
    UserAttributeUpdateSettings: verifyBeforeUpdate
      ? merge(current.UserAttributeUpdateSettings, { AttributesRequireVerificationBeforeUpdate: [...verifyBeforeUpdate] })
      : current.UserAttributeUpdateSettings,
    EmailConfiguration: email(spec, current.EmailConfiguration),
    SmsConfiguration: sms(spec, current.SmsConfiguration),
    VerificationMessageTemplate: verification(spec, current.VerificationMessageTemplate),
    EmailVerificationSubject: v?.emailSubject ?? current.EmailVerificationSubject,
    EmailVerificationMessage: v?.emailMessage ?? current.EmailVerificationMessage,
    SmsVerificationMessage: v?.smsMessage ?? current.SmsVerificationMessage,
    LambdaConfig: lambdas(spec, current.LambdaConfig),
  });
}

// ------------------------------------------------------------------------------ create

/** What create needs besides the spec: the object's name (default pool name) and UID (owner tag). */
export interface Owner {
  name: string;
  uid: string;
}

function schemaAttribute(a: NonNullable<NonNullable<Spec['signUp']>['attributes']>[number]): SchemaAttributeType {
  const type = a.type ?? (a.custom ? 'String' : undefined);
  return compact({
    // AWS adds the custom: prefix itself.
    Name: a.name,
    // Standard attributes have fixed types (updated_at is a Number): send one only when named.
    AttributeDataType: type,
    Required: a.required,
    Mutable: a.mutable,
    DeveloperOnlyAttribute: a.developerOnly,
    StringAttributeConstraints:
      a.minLength !== undefined || a.maxLength !== undefined ? compact({ MinLength: str(a.minLength), MaxLength: str(a.maxLength) }) : undefined,
    NumberAttributeConstraints:
      a.minValue !== undefined || a.maxValue !== undefined ? compact({ MinValue: str(a.minValue), MaxValue: str(a.maxValue) }) : undefined,
  });
}

/**
 * CreateUserPool: every section of the spec, the owner tag, and MFA OFF. MFA is applied after
 * create with SetUserPoolMfaConfig, the only call that configures SMS and TOTP together.
 */
export function createUserPoolRequest(spec: Spec, owner: Owner): CreateUserPoolCommandInput {
  const settings = overlaySettings(spec, {});
  const signIn = spec.signIn;
  return compact({
    ...settings,
    PoolName: spec.poolName ?? owner.name,
    MfaConfiguration: 'OFF',
    UsernameAttributes: signIn?.usernameAttributes ? [...signIn.usernameAttributes] : undefined,
    AliasAttributes: signIn?.aliasAttributes ? [...signIn.aliasAttributes] : undefined,
    UsernameConfiguration: signIn?.caseSensitive === undefined ? undefined : { CaseSensitive: signIn.caseSensitive },
    Schema: spec.signUp?.attributes?.map(schemaAttribute),
    UserPoolTags: desiredTags(spec, owner.uid),
  });
}

// ------------------------------------------------------------------------------ update

/**
 * The settings of a DescribeUserPool answer that UpdateUserPool accepts, and nothing read-only.
 * MfaConfiguration is copied as is: SetUserPoolMfaConfig changes it. Tags are copied (AWS's own
 * aws: tags excepted) and changed by TagResource / UntagResource.
 */
export function currentSettings(pool: UserPoolType): PoolSettings {
  return compact({
    PoolName: pool.Name,
    Policies: pool.Policies,
    DeletionProtection: pool.DeletionProtection,
    LambdaConfig: pool.LambdaConfig,
    AutoVerifiedAttributes: pool.AutoVerifiedAttributes,
    SmsVerificationMessage: pool.SmsVerificationMessage,
    EmailVerificationMessage: pool.EmailVerificationMessage,
    EmailVerificationSubject: pool.EmailVerificationSubject,
    VerificationMessageTemplate: pool.VerificationMessageTemplate,
    SmsAuthenticationMessage: pool.SmsAuthenticationMessage,
    UserAttributeUpdateSettings: pool.UserAttributeUpdateSettings,
    MfaConfiguration: pool.MfaConfiguration,
    DeviceConfiguration: pool.DeviceConfiguration,
    EmailConfiguration: pool.EmailConfiguration,
    SmsConfiguration: pool.SmsConfiguration,
    UserPoolTags: pool.UserPoolTags && userTags(pool.UserPoolTags),
    AdminCreateUserConfig: pool.AdminCreateUserConfig,
    UserPoolAddOns: pool.UserPoolAddOns,
    AccountRecoverySetting: pool.AccountRecoverySetting,
    UserPoolTier: pool.UserPoolTier,
    KeyConfiguration: pool.KeyConfiguration,
    IssuerConfiguration: pool.IssuerConfiguration,
    AcrConfiguration: pool.AcrConfiguration,
  });
}

/**
 * UpdateUserPool resets every field it is not given, so the request is the pool's current
 * settings with what the spec names on top, less what the spec released (triggers, devices).
 */
export function updateUserPoolRequest(spec: Spec, current: UserPoolType, released?: readonly string[]): UpdateUserPoolCommandInput {
  return { UserPoolId: requireId(current), ...withoutReleased(overlaySettings(spec, currentSettings(current)), released) };
}

// -------------------------------------------------------------------------------- diff

type Value = string | number | boolean | readonly string[];

/** One spec field: what the spec asks for (undefined: not named) and what AWS has, normalized. */
export interface Field {
  path: string;
  /** `set`: order does not matter. Lists are otherwise ordered. */
  set?: true;
  want(spec: Spec): Value | undefined;
  have(pool: UserPoolType): Value | undefined;
}

function field(path: string, want: Field['want'], have: Field['have'], set?: true): Field {
  return { path, want, have, ...(set ? { set } : {}) };
}

// Spec sections and their AWS counterparts, to keep the table below one line per field.
const password = (s: Spec) => s.security?.passwordPolicy;
const threat = (s: Spec) => s.security?.threatProtection;
const devices = (s: Spec) => s.security?.deviceTracking;
const emailSpec = (s: Spec) => s.messaging?.email;
const smsSpec = (s: Spec) => s.messaging?.sms;
const verify = (s: Spec) => s.messaging?.verification;
const invitation = (s: Spec) => s.messaging?.invitation;
const trig = (s: Spec) => s.triggers;
const pw = (p: UserPoolType) => p.Policies?.PasswordPolicy;
const mail = (p: UserPoolType) => p.EmailConfiguration;
const text = (p: UserPoolType) => p.SmsConfiguration;
const template = (p: UserPoolType) => p.VerificationMessageTemplate;
const invite = (p: UserPoolType) => p.AdminCreateUserConfig?.InviteMessageTemplate;
const lambda = (p: UserPoolType) => p.LambdaConfig;

function recoveryOrder(pool: UserPoolType): string[] {
  const mechanisms = pool.AccountRecoverySetting?.RecoveryMechanisms ?? [];
  return [...mechanisms].sort((a, b) => (a.Priority ?? 0) - (b.Priority ?? 0)).flatMap((m) => (m.Name ? [m.Name] : []));
}

/** The settings UpdateUserPool applies, in the order of the spec. An absent AWS value reads as AWS's default. */
export const poolFields: readonly Field[] = [
  field('poolName', (s) => s.poolName, (p) => p.Name),
  field('tier', (s) => s.tier, (p) => p.UserPoolTier),
  // Never set reads as absent (moto) or INACTIVE (AWS).
  field('deletionProtection', (s) => (s.deletionProtection ? 'ACTIVE' : 'INACTIVE'), (p) => p.DeletionProtection ?? AwsDefault.deletionProtection),
  field('security.passwordPolicy.minimumLength', (s) => password(s)?.minimumLength, (p) => pw(p)?.MinimumLength ?? AwsDefault.minimumLength),
  field('security.passwordPolicy.requireLowercase', (s) => password(s)?.requireLowercase, (p) => pw(p)?.RequireLowercase ?? false),
  field('security.passwordPolicy.requireUppercase', (s) => password(s)?.requireUppercase, (p) => pw(p)?.RequireUppercase ?? false),
  field('security.passwordPolicy.requireNumbers', (s) => password(s)?.requireNumbers, (p) => pw(p)?.RequireNumbers ?? false),
  field('security.passwordPolicy.requireSymbols', (s) => password(s)?.requireSymbols, (p) => pw(p)?.RequireSymbols ?? false),
  field(
    'security.passwordPolicy.temporaryPasswordValidityDays',
    (s) => password(s)?.temporaryPasswordValidityDays,
    (p) => pw(p)?.TemporaryPasswordValidityDays ?? AwsDefault.temporaryPasswordValidityDays,
  ),
  field(
    'security.passwordPolicy.passwordHistorySize',
    (s) => password(s)?.passwordHistorySize,
    (p) => pw(p)?.PasswordHistorySize ?? AwsDefault.passwordHistorySize,
  ),
  field('security.mfa.sms.message', (s) => s.security?.mfa?.sms?.message, (p) => p.SmsAuthenticationMessage),
  field('security.accountRecovery', (s) => s.security?.accountRecovery, recoveryOrder),
  field('security.threatProtection.mode', (s) => threat(s)?.mode, (p) => p.UserPoolAddOns?.AdvancedSecurityMode ?? AwsDefault.threatProtection),
  field(
    'security.threatProtection.customAuthMode',
    (s) => threat(s)?.customAuthMode,
    (p) => p.UserPoolAddOns?.AdvancedSecurityAdditionalFlows?.CustomAuthMode,
  ),
  field(
    'security.deviceTracking.challengeRequiredOnNewDevice',
    (s) => devices(s)?.challengeRequiredOnNewDevice,
    (p) => p.DeviceConfiguration?.ChallengeRequiredOnNewDevice ?? false,
  ),
  field(
    'security.deviceTracking.onlyRememberedOnUserPrompt',
    (s) => devices(s)?.onlyRememberedOnUserPrompt,
    (p) => p.DeviceConfiguration?.DeviceOnlyRememberedOnUserPrompt ?? false,
  ),
  field(
    'security.allowedFirstAuthFactors',
    (s) => s.security?.allowedFirstAuthFactors,
    (p) => p.Policies?.SignInPolicy?.AllowedFirstAuthFactors ?? AwsDefault.firstAuthFactors,
    true,
  ),
  field('signUp.selfRegistration', (s) => s.signUp?.selfRegistration, (p) => !(p.AdminCreateUserConfig?.AllowAdminCreateUserOnly ?? false)),
  field('signUp.autoVerifiedAttributes', (s) => s.signUp?.autoVerifiedAttributes, (p) => p.AutoVerifiedAttributes ?? [], true),
  field(
    'signUp.attributesRequireVerificationBeforeUpdate',
    (s) => s.signUp?.attributesRequireVerificationBeforeUpdate,
    (p) => p.UserAttributeUpdateSettings?.AttributesRequireVerificationBeforeUpdate ?? [],
    true,
  ),
  field('messaging.email.sendingAccount', (s) => emailSpec(s)?.sendingAccount, (p) => mail(p)?.EmailSendingAccount ?? AwsDefault.emailSendingAccount),
  field('messaging.email.sourceArn', (s) => emailSpec(s)?.sourceArn, (p) => mail(p)?.SourceArn),
  field('messaging.email.from', (s) => emailSpec(s)?.from, (p) => mail(p)?.From),
  field('messaging.email.replyTo', (s) => emailSpec(s)?.replyTo, (p) => mail(p)?.ReplyToEmailAddress),
  field('messaging.email.configurationSet', (s) => emailSpec(s)?.configurationSet, (p) => mail(p)?.ConfigurationSet),
  field('messaging.sms.snsRoleArn', (s) => smsSpec(s)?.snsRoleArn, (p) => text(p)?.SnsCallerArn),
  field('messaging.sms.externalId', (s) => smsSpec(s)?.externalId, (p) => text(p)?.ExternalId),
  field('messaging.sms.snsRegion', (s) => smsSpec(s)?.snsRegion, (p) => text(p)?.SnsRegion),
  field(
    'messaging.verification.defaultEmailOption',
    (s) => verify(s)?.defaultEmailOption,
    (p) => template(p)?.DefaultEmailOption ?? AwsDefault.defaultEmailOption,
  ),
  // The template wins over the legacy top-level field when AWS returns both.
  field('messaging.verification.emailSubject', (s) => verify(s)?.emailSubject, (p) => template(p)?.EmailSubject ?? p.EmailVerificationSubject),
  field('messaging.verification.emailMessage', (s) => verify(s)?.emailMessage, (p) => template(p)?.EmailMessage ?? p.EmailVerificationMessage),
  field('messaging.verification.emailSubjectByLink', (s) => verify(s)?.emailSubjectByLink, (p) => template(p)?.EmailSubjectByLink),
  field('messaging.verification.emailMessageByLink', (s) => verify(s)?.emailMessageByLink, (p) => template(p)?.EmailMessageByLink),
  field('messaging.verification.smsMessage', (s) => verify(s)?.smsMessage, (p) => template(p)?.SmsMessage ?? p.SmsVerificationMessage),
  field('messaging.invitation.emailSubject', (s) => invitation(s)?.emailSubject, (p) => invite(p)?.EmailSubject),
  field('messaging.invitation.emailMessage', (s) => invitation(s)?.emailMessage, (p) => invite(p)?.EmailMessage),
  field('messaging.invitation.smsMessage', (s) => invitation(s)?.smsMessage, (p) => invite(p)?.SMSMessage),
  field('triggers.preSignUp', (s) => trig(s)?.preSignUp, (p) => lambda(p)?.PreSignUp),
  field('triggers.customMessage', (s) => trig(s)?.customMessage, (p) => lambda(p)?.CustomMessage),
  field('triggers.postConfirmation', (s) => trig(s)?.postConfirmation, (p) => lambda(p)?.PostConfirmation),
  field('triggers.preAuthentication', (s) => trig(s)?.preAuthentication, (p) => lambda(p)?.PreAuthentication),
  field('triggers.postAuthentication', (s) => trig(s)?.postAuthentication, (p) => lambda(p)?.PostAuthentication),
  field('triggers.defineAuthChallenge', (s) => trig(s)?.defineAuthChallenge, (p) => lambda(p)?.DefineAuthChallenge),
  field('triggers.createAuthChallenge', (s) => trig(s)?.createAuthChallenge, (p) => lambda(p)?.CreateAuthChallenge),
  field('triggers.verifyAuthChallengeResponse', (s) => trig(s)?.verifyAuthChallengeResponse, (p) => lambda(p)?.VerifyAuthChallengeResponse),
  field(
    'triggers.preTokenGeneration',
    (s) => trig(s)?.preTokenGeneration,
    (p) => lambda(p)?.PreTokenGenerationConfig?.LambdaArn ?? lambda(p)?.PreTokenGeneration,
  ),
  field(
    'triggers.preTokenGenerationVersion',
    (s) => trig(s)?.preTokenGenerationVersion,
    (p) => lambda(p)?.PreTokenGenerationConfig?.LambdaVersion ?? AwsDefault.lambdaVersion,
  ),
  field('triggers.userMigration', (s) => trig(s)?.userMigration, (p) => lambda(p)?.UserMigration),
  field('triggers.customSmsSender.lambdaArn', (s) => trig(s)?.customSmsSender?.lambdaArn, (p) => lambda(p)?.CustomSMSSender?.LambdaArn),
  field(
    'triggers.customSmsSender.lambdaVersion',
    (s) => trig(s)?.customSmsSender?.lambdaVersion,
    (p) => lambda(p)?.CustomSMSSender?.LambdaVersion ?? AwsDefault.lambdaVersion,
  ),
  field('triggers.customEmailSender.lambdaArn', (s) => trig(s)?.customEmailSender?.lambdaArn, (p) => lambda(p)?.CustomEmailSender?.LambdaArn),
  field(
    'triggers.customEmailSender.lambdaVersion',
    (s) => trig(s)?.customEmailSender?.lambdaVersion,
    (p) => lambda(p)?.CustomEmailSender?.LambdaVersion ?? AwsDefault.lambdaVersion,
  ),
  field('triggers.kmsKeyId', (s) => trig(s)?.kmsKeyId, (p) => lambda(p)?.KMSKeyID),
];

/** Primitives compare by their text: an emulator or an older API may send 12 as "12". */
function samePrimitive(a: string | number | boolean, b: string | number | boolean | undefined): boolean {
  return b !== undefined && String(a) === String(b);
}

function sameValue(want: Value, have: Value | undefined, set: boolean): boolean {
  if (typeof want === 'string' || typeof want === 'number' || typeof want === 'boolean') {
    return (typeof have === 'string' || typeof have === 'number' || typeof have === 'boolean') && samePrimitive(want, have);
  }
  if (!Array.isArray(have)) return false;
  const a = set ? [...new Set(want)].sort() : want;
  const b = set ? [...new Set<string>(have)].sort() : have;
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** Spec paths of pool settings (UpdateUserPool) that differ from AWS, and released ones AWS still has. */
export function poolSettingsDiff(spec: Spec, pool: UserPoolType, released?: readonly string[]): string[] {
  const named = poolFields.filter((f) => {
    const want = f.want(spec);
    return want !== undefined && !sameValue(want, f.have(pool), f.set === true);
  }).map((f) => f.path);
  return [...named, ...releasedPoolPaths(pool, released)];
}

// ---------------------------------------------------------------------------------- MFA

interface Factors {
  totp: boolean;
  sms: boolean;
  email: boolean;
}

/** Which factors AWS has on. With MFA OFF none is: AWS may still report their settings. */
function currentFactors(current: GetUserPoolMfaConfigResponse): Factors {
  if ((current.MfaConfiguration ?? AwsDefault.mfa) === 'OFF') return { totp: false, sms: false, email: false };
  return {
    totp: current.SoftwareTokenMfaConfiguration?.Enabled ?? false,
    sms: current.SmsMfaConfiguration?.SmsConfiguration !== undefined,
    email: current.EmailMfaConfiguration !== undefined,
  };
}

type MfaSpec = NonNullable<NonNullable<Spec['security']>['mfa']>;

/** Factors the spec asks for; a factor it does not name keeps its AWS state, unless released (off). */
function wantedFactors(mfa: MfaSpec, current: Factors, smsReleased = false): Factors {
  return { totp: mfa.totp ?? current.totp, sms: mfa.sms?.enabled ?? (smsReleased ? false : current.sms), email: mfa.email?.enabled ?? current.email };
}

/**
 * The MFA settings to apply: the spec's; or, when the spec names none but released SMS MFA that
 * is still on, AWS's mode (OFF once no factor would be left, as AWS allows no MFA without one).
 */
function effectiveMfa(spec: Spec, current: GetUserPoolMfaConfigResponse, released: readonly string[] | undefined): MfaSpec | undefined {
  const mfa = spec.security?.mfa;
  if (mfa) return mfa;
  const have = currentFactors(current);
  if (!includesPath(released, OwnedPath.mfaSms) || !have.sms) return undefined;
  const mode = current.MfaConfiguration ?? AwsDefault.mfa;
  return { mode: have.totp || have.email ? mode : 'OFF' };
}

/** Spec paths of the MFA factors that differ from GetUserPoolMfaConfig (a released SMS MFA that is on: `security.mfa.sms`). */
function mfaFactorsDiff(spec: Spec, current: GetUserPoolMfaConfigResponse, released?: readonly string[]): string[] {
  const mfa = effectiveMfa(spec, current, released);
  if (!mfa) return [];
  const smsReleased = includesPath(released, OwnedPath.mfaSms);
  const paths: string[] = [];
  const have = currentFactors(current);
  if ((current.MfaConfiguration ?? AwsDefault.mfa) !== mfa.mode) paths.push(spec.security?.mfa ? 'security.mfa.mode' : OwnedPath.mfaSms);
  if (mfa.mode === 'OFF') return paths;
  const want = wantedFactors(mfa, have, smsReleased);
  if (want.totp !== have.totp) paths.push('security.mfa.totp');
  if (want.sms !== have.sms) paths.push(smsReleased && !want.sms ? OwnedPath.mfaSms : 'security.mfa.sms.enabled');
  if (want.email !== have.email) paths.push('security.mfa.email.enabled');
  // Email texts the spec names compare whenever email codes are wanted (on a pool not sending
  // them yet they differ too): Ready must not claim a subject AWS does not have.
  if (want.email) {
    const now = current.EmailMfaConfiguration;
    if (mfa.email?.subject !== undefined && mfa.email.subject !== now?.Subject) paths.push('security.mfa.email.subject');
    if (mfa.email?.message !== undefined && mfa.email.message !== now?.Message) paths.push('security.mfa.email.message');
  }
  return paths;
}

// ---------------------------------------------------------------------- passkeys (WebAuthn)

/** What AWS reports for a setting never made; a released `security.passkeys` goes back to these. */
const WebAuthnDefault = { UserVerification: 'preferred', FactorConfiguration: 'SINGLE_FACTOR' } as const;

/**
 * Spec paths of security.passkeys that differ from AWS; for a released section, the path itself
 * while a setting is not AWS's default. The relying party ID is not compared once released: AWS
 * fills in the pool's domain by itself.
 */
function passkeysDiff(spec: Spec, current: GetUserPoolMfaConfigResponse, released?: readonly string[]): string[] {
  const have = current.WebAuthnConfiguration ?? {};
  const verification = have.UserVerification ?? WebAuthnDefault.UserVerification;
  const factor = have.FactorConfiguration ?? WebAuthnDefault.FactorConfiguration;
  const passkeys = spec.security?.passkeys;
  if (!passkeys) {
    const reset = verification !== WebAuthnDefault.UserVerification || factor !== WebAuthnDefault.FactorConfiguration;
    return includesPath(released, OwnedPath.passkeys) && reset ? [OwnedPath.passkeys] : [];
  }
  const paths: string[] = [];
  if (passkeys.relyingPartyId !== undefined && passkeys.relyingPartyId !== have.RelyingPartyId) paths.push('security.passkeys.relyingPartyId');
  if (passkeys.userVerification !== undefined && passkeys.userVerification !== verification) paths.push('security.passkeys.userVerification');
  if (passkeys.factorConfiguration !== undefined && passkeys.factorConfiguration !== factor) paths.push('security.passkeys.factorConfiguration');
  return paths;
}

/** The WebAuthn configuration to send: the spec's settings over AWS's, AWS's defaults once released, else AWS's as it is. */
function wantedWebAuthn(spec: Spec, current: GetUserPoolMfaConfigResponse, released?: readonly string[]): WebAuthnConfigurationType | undefined {
  const passkeys = spec.security?.passkeys;
  if (passkeys) {
    return merge(current.WebAuthnConfiguration, {
      RelyingPartyId: passkeys.relyingPartyId,
      UserVerification: passkeys.userVerification,
      FactorConfiguration: passkeys.factorConfiguration,
    });
  }
  if (passkeysDiff(spec, current, released).length > 0) return { ...WebAuthnDefault };
  return current.WebAuthnConfiguration;
}

/** Spec paths of GetUserPoolMfaConfig's settings that differ: MFA factors and passkeys. */
export function mfaDiff(spec: Spec, current: GetUserPoolMfaConfigResponse, released?: readonly string[]): string[] {
  return [...mfaFactorsDiff(spec, current, released), ...passkeysDiff(spec, current, released)];
}

/**
 * SetUserPoolMfaConfig for the spec, or undefined when AWS already matches. The request is
 * complete (the call replaces the whole configuration): factors the spec does not name keep
 * their AWS state, and a spec naming passkeys but no MFA sends AWS's MFA settings as they are.
 * MFA OFF goes alone, as AWS requires, beside the WebAuthn configuration (independent of MFA).
 */
export function mfaRequest(spec: Spec, current: GetUserPoolMfaConfigResponse, userPoolId: string, released?: readonly string[]): SetUserPoolMfaConfigCommandInput | undefined {
  if (mfaDiff(spec, current, released).length === 0) return undefined;
  const mfa = effectiveMfa(spec, current, released) ?? { mode: current.MfaConfiguration ?? AwsDefault.mfa };
  const keep = { UserPoolId: userPoolId, WebAuthnConfiguration: wantedWebAuthn(spec, current, released) };
  if (mfa.mode === 'OFF') return compact({ ...keep, MfaConfiguration: 'OFF' as const });
  const want = wantedFactors(mfa, currentFactors(current), includesPath(released, OwnedPath.mfaSms));
  const smsNow = current.SmsMfaConfiguration;
  const wantedSms = spec.messaging?.sms;
  return compact({
    ...keep,
    MfaConfiguration: mfa.mode,
    SoftwareTokenMfaConfiguration: { Enabled: want.totp },
    SmsMfaConfiguration: want.sms
      ? compact({
          SmsAuthenticationMessage: mfa.sms?.message ?? smsNow?.SmsAuthenticationMessage,
          SmsConfiguration: merge(smsNow?.SmsConfiguration, {
            SnsCallerArn: wantedSms?.snsRoleArn,
            ExternalId: wantedSms?.externalId,
            SnsRegion: wantedSms?.snsRegion,
          }),
        })
      : undefined,
    EmailMfaConfiguration: want.email
      ? (merge(current.EmailMfaConfiguration, { Subject: mfa.email?.subject, Message: mfa.email?.message }) ?? {})
      : undefined,
  });
}

// ---------------------------------------------------------------------- custom attributes

/** Custom attributes the spec names and the pool lacks, as AddCustomAttributes wants them. */
export function customAttributesToAdd(spec: Spec, current: UserPoolType): SchemaAttributeType[] {
  const existing = new Set((current.SchemaAttributes ?? []).flatMap((a) => (a.Name ? [a.Name] : [])));
  return (spec.signUp?.attributes ?? [])
    .filter((a) => a.custom === true && !customNames(a.name).some((n) => existing.has(n)))
    .map(schemaAttribute);
}

/** Spec paths of attributes AddCustomAttributes would add. */
export function attributePaths(attributes: SchemaAttributeType[]): string[] {
  return attributes.map((a) => `signUp.attributes.${a.Name ?? ''}`);
}

// --------------------------------------------------------------------------------- tags

/** The tags the operator sets: the spec's, plus the owner tag that makes creates crash-safe. */
export const desiredTags = (spec: Spec, ownerUid: string): Record<string, string> => sharedDesiredTags(spec.tags, ownerUid);

/** Tag changes by the shared rule (src/resources/tags.ts): spec tags set, released ones untagged, other tags kept. */
export const tagsDiff = (spec: Spec, current: Readonly<Record<string, string>> | undefined, ownerUid: string, released?: readonly string[]): TagsDiff =>
  sharedTagsDiff(spec.tags, current, ownerUid, released);

// ------------------------------------------------------------------------------- domain

export type DomainKind = 'prefix' | 'custom';

/** Prefixes cannot contain dots and domain names must: the name alone tells the kind. */
export function domainKind(domain: string): DomainKind {
  return domain.includes('.') ? 'custom' : 'prefix';
}

/** The pool's domains by kind (moto reports a custom domain in Domain too). */
export function poolDomains(pool: UserPoolType): { [k in DomainKind]?: string } {
  const out: { [k in DomainKind]?: string } = {};
  for (const name of [pool.Domain, pool.CustomDomain]) if (name) out[domainKind(name)] = name;
  return out;
}

type DomainSpec = NonNullable<Spec['domain']>;

/** The domain the spec names, with its kind; undefined when it names none. */
export function wantedDomain(spec: Spec): { name: string; kind: DomainKind } | undefined {
  const d = spec.domain;
  if (d?.prefix) return { name: d.prefix, kind: 'prefix' };
  if (d?.customDomain) return { name: d.customDomain, kind: 'custom' };
  return undefined;
}

export type DomainPlan =
  | { action: 'none' }
  | { action: 'create'; paths: string[]; create: CreateUserPoolDomainCommandInput }
  | { action: 'update'; paths: string[]; update: UpdateUserPoolDomainCommandInput }
  | { action: 'delete-then-create'; paths: string[]; delete: DeleteUserPoolDomainCommandInput; create: CreateUserPoolDomainCommandInput };

function createDomainRequest(d: DomainSpec, name: string, userPoolId: string): CreateUserPoolDomainCommandInput {
  return compact({
    Domain: name,
    UserPoolId: userPoolId,
    ManagedLoginVersion: d.managedLoginVersion,
    CustomDomainConfig: d.certificateArn ? { CertificateArn: d.certificateArn } : undefined,
  });
}

/**
 * What to do about the domain. A pool has at most one domain of each kind; the spec's domain
 * replaces one of the same kind (a new prefix needs the old one deleted first). A domain the
 * spec does not name, of the other kind or with no domain in the spec at all, is kept.
 * `current` is DescribeUserPoolDomain of the pool's domain of the spec's kind.
 */
export function domainPlan(spec: Spec, pool: UserPoolType, current: DomainDescriptionType | undefined): DomainPlan {
  const d = spec.domain;
  const wanted = wantedDomain(spec);
  if (!d || !wanted) return { action: 'none' };
  const userPoolId = requireId(pool);
  const namePath = wanted.kind === 'prefix' ? 'domain.prefix' : 'domain.customDomain';
  const existing = poolDomains(pool)[wanted.kind];
  if (!existing) return { action: 'create', paths: [namePath], create: createDomainRequest(d, wanted.name, userPoolId) };
  if (existing !== wanted.name) {
    return {
      action: 'delete-then-create',
      paths: [namePath],
      delete: { Domain: existing, UserPoolId: userPoolId },
      create: createDomainRequest(d, wanted.name, userPoolId),
    };
  }
  const paths: string[] = [];
  const certificate = current?.CustomDomainConfig?.CertificateArn;
  if (d.certificateArn !== undefined && d.certificateArn !== certificate) paths.push('domain.certificateArn');
  const version = current?.ManagedLoginVersion ?? AwsDefault.managedLoginVersion;
  if (d.managedLoginVersion !== undefined && d.managedLoginVersion !== version) paths.push('domain.managedLoginVersion');
  if (paths.length === 0) return { action: 'none' };
  return {
    action: 'update',
    paths,
    update: compact({
      Domain: wanted.name,
      UserPoolId: userPoolId,
      ManagedLoginVersion: d.managedLoginVersion ?? current?.ManagedLoginVersion,
      CustomDomainConfig: d.certificateArn ? { ...current?.CustomDomainConfig, CertificateArn: d.certificateArn } : undefined,
      Routing: current?.Routing,
    }),
  };
}

// --------------------------------------------------------------------------- observation

/**
 * What observe reads: DescribeUserPool, GetUserPoolMfaConfig, the spec's domain if the pool has
 * it, and the risk configuration and log delivery only when the spec decides them (names them,
 * or released them): `risk` and `logging` are left out when they were not read.
 */
export interface ObservedUserPool {
  pool: UserPoolType;
  mfa: GetUserPoolMfaConfigResponse;
  domain?: DomainDescriptionType;
  /** The pool's risk configuration sections (none: an empty object). */
  risk?: RiskSections;
  logging?: LogConfigurationType[];
  /** The customization of every client (ClientId ALL), read only when the spec decides it (src/resources/hostedui/). */
  hostedUi?: UICustomizationType;
}

/** The pool's domains of a kind the spec named before and names no longer: to delete. */
export function releasedDomainDeletes(pool: UserPoolType, released: readonly string[] | undefined) {
  return releasedDomains(pool, released, poolDomains(pool));
}

/**
 * Every spec path where AWS differs: pool settings, MFA, missing custom attributes, tags, the
 * domain, the risk configuration and log delivery, and each released path AWS still has. The pool is up to date iff this is empty.
 */
export function diffUserPool(spec: Spec, observed: ObservedUserPool, ownerUid: string, released?: readonly string[]): string[] {
  const { pool } = observed;
  const plan = domainPlan(spec, pool, observed.domain);
  return [
    ...poolSettingsDiff(spec, pool, released),
    ...mfaDiff(spec, observed.mfa, released),
    ...attributePaths(customAttributesToAdd(spec, pool)),
    ...tagPaths(tagsDiff(spec, pool.UserPoolTags, ownerUid, released)),
    ...(plan.action === 'none' ? [] : plan.paths),
    ...releasedDomainDeletes(pool, released).map((d) => d.path),
    ...riskDiff(spec.security?.threatProtection, observed.risk, OwnedPath.threatProtection, released),
    ...loggingDiff(spec, observed.logging, released),
  ];
}

export interface UserPoolOutputs {
  id: string;
  arn: string;
  issuerUrl: string;
  jwksUri: string;
  domain?: string;
  hostedUiUrl?: string;
  /** sha256 of the hostedUi logo applied (AWS returns a URL, not the bytes). */
  hostedUiLogoFingerprint?: string;
}

/** What references give a pool: its hostedUi logo. */
export type UserPoolRefs = LogoRefs;

function hostedUiUrl(domain: string, region: string): string {
  return domainKind(domain) === 'prefix' ? `https://${domain}.auth.${region}.amazoncognito.com` : `https://${domain}`;
}

/** The OIDC issuer of a pool's tokens. */
export const issuerUrlOf = (region: string, userPoolId: string) => `https://cognito-idp.${region}.amazonaws.com/${userPoolId}`;

/**
 * Identifiers and URLs for status and dependents. The domain shown is the one of the kind the
 * spec names, else the custom domain, else the prefix.
 */
export function userPoolOutputs(pool: UserPoolType, region: string, domain?: Spec['domain']): UserPoolOutputs {
  if (!pool.Id || !pool.Arn) throw new IncompleteResponseError(Message.noIdentity);
  const issuerUrl = issuerUrlOf(region, pool.Id);
  const domains = poolDomains(pool);
  const preferred: DomainKind | undefined = domain?.prefix ? 'prefix' : domain?.customDomain ? 'custom' : undefined;
  const shown = (preferred && domains[preferred]) ?? domains.custom ?? domains.prefix;
  return compact({
    id: pool.Id,
    arn: pool.Arn,
    issuerUrl,
    jwksUri: `${issuerUrl}/.well-known/jwks.json`,
    domain: shown,
    hostedUiUrl: shown ? hostedUiUrl(shown, region) : undefined,
  });
}

export { tagPaths };
export type { TagsDiff };
