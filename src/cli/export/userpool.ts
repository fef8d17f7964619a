/**
 * A UserPool spec from what observe reads (DescribeUserPool, GetUserPoolMfaConfig and the
 * domain): the kind's own comparison tables (mapping.ts, immutable.ts) give each value, so the
 * exported spec is up to date against the pool it came from.
 */
import type { GetUserPoolMfaConfigResponse, SchemaAttributeType, UserPoolType } from '@aws-sdk/client-cognito-identity-provider';
import type { ObservedUserPool } from '../../resources/userpool/mapping';
import { poolDomains, poolFields } from '../../resources/userpool/mapping';
import { hostedUiSpecOf } from '../../resources/hostedui/mapping';
import { loggingSpecOf } from '../../resources/userpool/logging';
import { riskSpecOf } from '../../resources/threatprotection/mapping';
import { userPoolImmutableFields } from '../../resources/userpool/immutable';
import { standardAttributes } from '../../resources/userpool/schema';
import type { FieldValue } from './fields';
import { namesSection, nonDefaultValues, toTree } from './fields';
import { specTags } from './manifest';

/** Settings taken apart from the table: they need more than one AWS value, or another shape. */
const Separate = new Set([
  // The spec's default is true; AWS's is INACTIVE.
  'deletionProtection',
  // Part of SMS MFA, exported with it.
  'security.mfa.sms.message',
]);

/** Sections whose required field must be there once the section is. */
const RequiredInSection: readonly { section: string; path: string }[] = [
  { section: 'messaging.email', path: 'messaging.email.sendingAccount' },
  { section: 'security.threatProtection', path: 'security.threatProtection.mode' },
];

/**
 * What observe reads, every part of it: the domain exported (when the pool has one), the risk
 * configuration (when threat protection is on), log delivery and the classic hosted UI's
 * customization (when the pool has a domain).
 */
export type PoolDescription = ObservedUserPool;

/** The domain export names: the custom domain when the pool has one, else the prefix. */
export function exportedDomain(pool: UserPoolType): string | undefined {
  const domains = poolDomains(pool);
  return domains.custom ?? domains.prefix;
}

function settings(pool: UserPoolType): Map<string, FieldValue> {
  const values = nonDefaultValues(poolFields, pool, {});
  for (const path of Separate) values.delete(path);
  for (const { section, path } of RequiredInSection) {
    if (namesSection(values, section) && !values.has(path)) {
      const field = poolFields.find((f) => f.path === path);
      const value = field?.have(pool);
      if (value !== undefined) values.set(path, value);
    }
  }
  // messaging.sms needs its role; without one AWS has nothing usable to name.
  if (namesSection(values, 'messaging.sms') && !values.has('messaging.sms.snsRoleArn')) {
    for (const path of [...values.keys()]) if (path.startsWith('messaging.sms.')) values.delete(path);
  }
  return values;
}

function signIn(pool: UserPoolType): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of userPoolImmutableFields({ deletionPolicy: 'Retain', deletionProtection: true })) {
    const value = f.have(pool);
    const key = f.path.replace(/^signIn\./, '');
    if (Array.isArray(value) ? value.length > 0 : value !== undefined) out[key] = value;
  }
  return out;
}

const customPrefix = /^(dev:custom:|dev:|custom:)/;

/** An attribute as the spec names it: custom ones in full, standard ones only where they differ from AWS's defaults. */
function attribute(a: SchemaAttributeType): Record<string, unknown> | undefined {
  const name = a.Name ?? '';
  if (customPrefix.test(name)) {
    const s = a.StringAttributeConstraints;
    const n = a.NumberAttributeConstraints;
    const num = (v: string | undefined) => (v === undefined || v === '' ? undefined : Number(v));
    const isString = (a.AttributeDataType ?? 'String') === 'String';
    const isNumber = a.AttributeDataType === 'Number';
    return compact({
      name: name.replace(customPrefix, ''),
      custom: true,
      type: a.AttributeDataType ?? 'String',
      mutable: a.Mutable ?? true,
      developerOnly: a.DeveloperOnlyAttribute === true || name.startsWith('dev:') ? true : undefined,
      minLength: isString ? num(s?.MinLength) : undefined,
      maxLength: isString ? num(s?.MaxLength) : undefined,
      minValue: isNumber ? num(n?.MinValue) : undefined,
      maxValue: isNumber ? num(n?.MaxValue) : undefined,
    });
  }
  if (!(standardAttributes as readonly string[]).includes(name)) return undefined;
  if (a.Required !== true && a.Mutable !== false) return undefined;
  return compact({ name, required: a.Required === true ? true : undefined, mutable: a.Mutable === false ? false : undefined });
}

function compact(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
}

/** security.mfa from GetUserPoolMfaConfig; undefined when MFA is off. */
function mfa(config: GetUserPoolMfaConfigResponse): Record<string, unknown> | undefined {
  const mode = config.MfaConfiguration ?? 'OFF';
  if (mode === 'OFF') return undefined;
  const sms = config.SmsMfaConfiguration;
  const email = config.EmailMfaConfiguration;
  return compact({
    mode,
    totp: config.SoftwareTokenMfaConfiguration?.Enabled === true ? true : undefined,
    sms: sms?.SmsConfiguration ? compact({ enabled: true, message: sms.SmsAuthenticationMessage }) : undefined,
    email: email ? compact({ enabled: true, subject: email.Subject, message: email.Message }) : undefined,
  });
}

/** What GetUserPoolMfaConfig answers for passkey settings never made. */
const WebAuthnDefaults = { userVerification: 'preferred', factorConfiguration: 'SINGLE_FACTOR' } as const;

/** The hostname AWS takes as relying party by default: the pool's Cognito prefix domain. */
function defaultRelyingParty(pool: UserPoolType): string | undefined {
  const prefix = poolDomains(pool).prefix;
  const region = pool.Id?.split('_')[0];
  return prefix && region ? `${prefix}.auth.${region}.amazoncognito.com` : undefined;
}

/** security.passkeys from GetUserPoolMfaConfig: the settings that are not AWS's defaults. */
function passkeys(pool: UserPoolType, config: GetUserPoolMfaConfigResponse): Record<string, unknown> | undefined {
  const w = config.WebAuthnConfiguration;
  const out = compact({
    relyingPartyId: w?.RelyingPartyId && w.RelyingPartyId !== defaultRelyingParty(pool) ? w.RelyingPartyId : undefined,
    userVerification: w?.UserVerification && w.UserVerification !== WebAuthnDefaults.userVerification ? w.UserVerification : undefined,
    factorConfiguration: w?.FactorConfiguration && w.FactorConfiguration !== WebAuthnDefaults.factorConfiguration ? w.FactorConfiguration : undefined,
  });
  return Object.keys(out).length > 0 ? out : undefined;
}

/** security.threatProtection: the mode from the settings table, the risk sections from DescribeRiskConfiguration. */
function threatProtection(fromTable: unknown, risk: PoolDescription['risk']): Record<string, unknown> | undefined {
  const mode = fromTable as Record<string, unknown> | undefined;
  const sections = mode && mode.mode !== 'OFF' ? riskSpecOf(risk) : undefined;
  return mode || sections ? { ...mode, ...sections } : undefined;
}

function domain(pool: UserPoolType, described: PoolDescription['domain']): Record<string, unknown> | undefined {
  const name = exportedDomain(pool);
  if (!name) return undefined;
  const version = described?.ManagedLoginVersion;
  const certificateArn = described?.CustomDomainConfig?.CertificateArn;
  return compact({
    ...(name.includes('.') ? { customDomain: name, certificateArn } : { prefix: name }),
    managedLoginVersion: version !== undefined && version !== 1 ? version : undefined,
  });
}

/** The spec of a UserPool that adopts this pool. */
export function userPoolSpecFrom({ pool, mfa: mfaConfig, domain: described, risk, logging, hostedUi }: PoolDescription): Record<string, unknown> {
  const tree = toTree(settings(pool));
  const fromTable = tree.security as Record<string, unknown> | undefined;
  const security = compact({
    ...fromTable,
    mfa: mfa(mfaConfig),
    passkeys: passkeys(pool, mfaConfig),
    threatProtection: threatProtection(fromTable?.threatProtection, risk),
  });
  const attributes = (pool.SchemaAttributes ?? []).flatMap((a) => attribute(a) ?? []);
  const signUp = { ...(tree.signUp as Record<string, unknown> | undefined), ...(attributes.length > 0 ? { attributes } : {}) };
  const inSignIn = signIn(pool);
  return compact({
    poolName: tree.poolName,
    tier: tree.tier,
    deletionProtection: pool.DeletionProtection === 'ACTIVE' ? undefined : false,
    signIn: Object.keys(inSignIn).length > 0 ? inSignIn : undefined,
    security: Object.keys(security).length > 0 ? security : undefined,
    signUp: Object.keys(signUp).length > 0 ? signUp : undefined,
    messaging: tree.messaging,
    triggers: tree.triggers,
    domain: domain(pool, described),
    hostedUi: hostedUiSpecOf(hostedUi),
    logging: loggingSpecOf(logging),
    tags: specTags(pool.UserPoolTags),
  });
}
