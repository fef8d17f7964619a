/**
 * UserPool settings under three-way ownership (src/reconciler/ownership.ts): which paths of the
 * spec are recorded once applied, and what releasing each does in AWS. Pure functions, no I/O.
 *
 * - `tags.<key>`: untagged (src/resources/tags.ts).
 * - `triggers.<name>`: detached (left out of UpdateUserPool, which resets what it is not given).
 * - `security.deviceTracking`: remembered devices off (DeviceConfiguration left out).
 * - `security.mfa.sms`: SMS MFA off (SetUserPoolMfaConfig without it; see mapping.ts).
 * - `security.passkeys`: WebAuthn settings back to AWS's defaults (see mapping.ts).
 * - `domain.prefix`, `domain.customDomain`: the pool's domain of that kind deleted.
 * - `security.threatProtection.<section>` (compromisedCredentials, accountTakeover,
 *   riskExceptions): left out of SetRiskConfiguration (src/resources/threatprotection/).
 * - `logging`: log delivery emptied (logging.ts).
 * - `hostedUi`: the classic hosted UI customization reset; `hostedUi.logoConfigMapRef`: the logo
 *   dropped (src/resources/hostedui/).
 */
import type { DeleteUserPoolDomainCommandInput, LambdaConfigType, UserPoolType } from '@aws-sdk/client-cognito-identity-provider';
import { includesPath, keysUnder } from '../../reconciler/ownership';
import { tagOwnedPaths } from '../tags';
import { riskOwnedPaths } from '../threatprotection/mapping';
import { hostedUiOwnedPaths } from '../hostedui/mapping';
import { loggingOwnedPaths } from './logging';
import type { UserPoolSpec } from './schema';

type Triggers = NonNullable<UserPoolSpec['triggers']>;
type TriggerName = Exclude<keyof Triggers, 'preTokenGenerationVersion'>;

/** The LambdaConfig fields each trigger fills; preTokenGenerationVersion follows preTokenGeneration. */
const TriggerFields: { readonly [t in TriggerName]: readonly (keyof LambdaConfigType)[] } = {
  preSignUp: ['PreSignUp'],
  customMessage: ['CustomMessage'],
  postConfirmation: ['PostConfirmation'],
  preAuthentication: ['PreAuthentication'],
  postAuthentication: ['PostAuthentication'],
  defineAuthChallenge: ['DefineAuthChallenge'],
  createAuthChallenge: ['CreateAuthChallenge'],
  verifyAuthChallengeResponse: ['VerifyAuthChallengeResponse'],
  preTokenGeneration: ['PreTokenGeneration', 'PreTokenGenerationConfig'],
  userMigration: ['UserMigration'],
  customSmsSender: ['CustomSMSSender'],
  customEmailSender: ['CustomEmailSender'],
  kmsKeyId: ['KMSKeyID'],
};

function isTriggerName(name: string): name is TriggerName {
  return Object.hasOwn(TriggerFields, name);
}

export const OwnedPath = {
  deviceTracking: 'security.deviceTracking',
  mfaSms: 'security.mfa.sms',
  passkeys: 'security.passkeys',
  domainPrefix: 'domain.prefix',
  customDomain: 'domain.customDomain',
  threatProtection: 'security.threatProtection',
} as const;

/** The paths of the spec that ownership records. */
export function userPoolOwnedPaths(spec: UserPoolSpec): string[] {
  const triggers = Object.entries(spec.triggers ?? {})
    .filter(([name, value]) => isTriggerName(name) && value !== undefined)
    .map(([name]) => `triggers.${name}`);
  return [
    ...tagOwnedPaths(spec.tags),
    ...triggers,
    ...(spec.security?.deviceTracking ? [OwnedPath.deviceTracking] : []),
    ...(spec.security?.mfa?.sms ? [OwnedPath.mfaSms] : []),
    ...(spec.security?.passkeys ? [OwnedPath.passkeys] : []),
    ...(spec.domain?.prefix ? [OwnedPath.domainPrefix] : []),
    ...(spec.domain?.customDomain ? [OwnedPath.customDomain] : []),
    ...riskOwnedPaths(spec.security?.threatProtection, OwnedPath.threatProtection),
    ...loggingOwnedPaths(spec),
    ...hostedUiOwnedPaths(spec.hostedUi),
  ];
}

/** Released triggers that the pool still has. */
function releasedTriggers(pool: Pick<UserPoolType, 'LambdaConfig'>, released: readonly string[] | undefined): TriggerName[] {
  return keysUnder(released, 'triggers')
    .filter(isTriggerName)
    .filter((t) => TriggerFields[t].some((f) => pool.LambdaConfig?.[f] !== undefined));
}

function hasDeviceTracking(pool: Pick<UserPoolType, 'DeviceConfiguration'>): boolean {
  const d = pool.DeviceConfiguration;
  return d?.ChallengeRequiredOnNewDevice === true || d?.DeviceOnlyRememberedOnUserPrompt === true;
}

/** Released paths that UpdateUserPool must reset because the pool still has them. */
export function releasedPoolPaths(pool: UserPoolType, released: readonly string[] | undefined): string[] {
  return [
    ...releasedTriggers(pool, released).map((t) => `triggers.${t}`),
    ...(includesPath(released, OwnedPath.deviceTracking) && hasDeviceTracking(pool) ? [OwnedPath.deviceTracking] : []),
  ];
}

/** The UpdateUserPool settings without what was released: AWS resets what it is not given. */
export function withoutReleased<S extends { LambdaConfig?: LambdaConfigType; DeviceConfiguration?: unknown }>(
  settings: S,
  released: readonly string[] | undefined,
): S {
  if (!released || released.length === 0) return settings;
  const out = { ...settings };
  const gone = keysUnder(released, 'triggers').filter(isTriggerName);
  if (gone.length > 0 && out.LambdaConfig) {
    const fields = new Set<string>(gone.flatMap((t) => TriggerFields[t]));
    // Every entry came from a LambdaConfigType: the result is one.
    out.LambdaConfig = Object.fromEntries(Object.entries(out.LambdaConfig).filter(([f]) => !fields.has(f))) as LambdaConfigType;
  }
  if (includesPath(released, OwnedPath.deviceTracking)) delete out.DeviceConfiguration;
  return out;
}

/** A released domain the pool still has, with the path it is reported under. */
export interface ReleasedDomain {
  path: string;
  request: DeleteUserPoolDomainCommandInput;
}

/** The pool's domains whose kind the spec named before and names no longer. */
export function releasedDomains(pool: UserPoolType, released: readonly string[] | undefined, domains: { prefix?: string; custom?: string }): ReleasedDomain[] {
  const out: ReleasedDomain[] = [];
  const userPoolId = pool.Id ?? '';
  if (includesPath(released, OwnedPath.domainPrefix) && domains.prefix) {
    out.push({ path: OwnedPath.domainPrefix, request: { Domain: domains.prefix, UserPoolId: userPoolId } });
  }
  if (includesPath(released, OwnedPath.customDomain) && domains.custom) {
    out.push({ path: OwnedPath.customDomain, request: { Domain: domains.custom, UserPoolId: userPoolId } });
  }
  return out;
}
