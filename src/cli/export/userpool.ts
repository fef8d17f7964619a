/**
 * A UserPool spec from what observe reads (DescribeUserPool, GetUserPoolMfaConfig and the
 * domain): the kind's own comparison tables (mapping.ts, immutable.ts) give each value, so the
 * exported spec is up to date against the pool it came from.
 */
import type { DescribeUserPoolDomainResponse, GetUserPoolMfaConfigResponse, SchemaAttributeType, UserPoolType } from '@aws-sdk/client-cognito-identity-provider';
import { poolDomains, poolFields } from '../../resources/userpool/mapping';
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

export interface PoolDescription {
  pool: UserPoolType;
  mfa: GetUserPoolMfaConfigResponse;
  /** DescribeUserPoolDomain of the domain exported, when the pool has one. */
  domain?: DescribeUserPoolDomainResponse['DomainDescription'];
}

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
export function userPoolSpecFrom({ pool, mfa: mfaConfig, domain: described }: PoolDescription): Record<string, unknown> {
  const tree = toTree(settings(pool));
  const security = { ...(tree.security as Record<string, unknown> | undefined), ...compact({ mfa: mfa(mfaConfig) }) };
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
    tags: specTags(pool.UserPoolTags),
  });
}
