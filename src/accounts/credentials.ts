/**
 * Assumed-role credentials for one binding, shared by every client of its account: one
 * AssumeRole per session, renewed before it expires, concurrent callers waiting on the same call.
 * The SDK's fromTemporaryCredentials makes the call; it caches nothing itself, and each SDK
 * client would otherwise keep (and renew) its own copy.
 */
import { credentialProviders } from '../aws/sdk';
import type { Credentials, CredentialsProvider } from './account';

export const ASSUME_ROLE_DEFAULTS = {
  sessionName: 'cognito-operator',
  /** STS's own default session duration. */
  durationMs: 3_600_000,
  /** Renew this long before expiry (the SDK's own margin), or a third of a shorter session. */
  refreshMarginMs: 300_000,
} as const;

export interface AssumedRole {
  roleArn: string;
  externalId?: string;
  sessionName?: string;
  /** The account of roleArn, given to callers with the credentials (identity pool ARNs). */
  accountId?: string;
  region: string;
}

export interface AssumeRoleOptions {
  durationMs?: number;
  /** Told about every AssumeRole call (metrics: STS calls per binding). */
  onAssume?: (role: AssumedRole) => void;
  now?: () => number;
  /** The call itself, replaced in unit tests. */
  assume?: () => Promise<Credentials>;
}

/** The SDK's provider, made once per role: it keeps one STS client (from the operator's own credentials). */
function stsAssumer(role: AssumedRole, durationSeconds: number): () => Promise<Credentials> {
  return credentialProviders.fromTemporaryCredentials({
    params: {
      RoleArn: role.roleArn,
      RoleSessionName: role.sessionName ?? ASSUME_ROLE_DEFAULTS.sessionName,
      DurationSeconds: durationSeconds,
      ...(role.externalId !== undefined ? { ExternalId: role.externalId } : {}),
    },
    clientConfig: { region: role.region },
  });
}

/** When to renew: the SDK's five minutes before expiry, or a third of a short session. */
export function refreshMarginMs(durationMs: number): number {
  return Math.min(ASSUME_ROLE_DEFAULTS.refreshMarginMs, Math.floor(durationMs / 3));
}

/** A provider that assumes `role` once per session and renews it before expiry. */
export function assumedRoleProvider(role: AssumedRole, options: AssumeRoleOptions = {}): CredentialsProvider {
  const durationMs = options.durationMs ?? ASSUME_ROLE_DEFAULTS.durationMs;
  const durationSeconds = Math.max(1, Math.round(durationMs / 1000));
  const margin = refreshMarginMs(durationMs);
  const now = options.now ?? Date.now;
  const assume = options.assume ?? stsAssumer(role, durationSeconds);
  let held: Credentials | undefined;
  let pending: Promise<Credentials> | undefined;

  const fresh = (c: Credentials | undefined): c is Credentials =>
    c !== undefined && (c.expiration === undefined || c.expiration.getTime() - now() > margin);

  return async () => {
    if (fresh(held)) return held;
    pending ??= (async () => {
      try {
        options.onAssume?.(role);
        const got = await assume();
        held = { ...got, ...(role.accountId !== undefined ? { accountId: role.accountId } : {}) };
        return held;
      } finally {
        pending = undefined;
      }
    })();
    return pending;
  };
}
