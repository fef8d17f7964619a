/** AWS SDK clients per region, shared by every kind. */
import { identityProviderSdk, identitySdk } from './sdk';
import type { CognitoIdentityClientConfig, CognitoIdentityClient } from '@aws-sdk/client-cognito-identity';
import type { CognitoIdentityProviderClientConfig, CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import type { Account } from '../accounts/account';
import { accountLabel, currentAccount } from '../accounts/account';
import { annotateAwsError, awsErrorCode } from './errors';
import { OperationRateLimiter, type AwsService, type RateLimiter } from './rate-limit';

/**
 * Hands out one client per account, service and region. Clients honour AWS_ENDPOINT_URL (an
 * emulator). The account is the one of the reconcile pass in progress (src/accounts/account.ts,
 * withAccount): its binding's assumed-role credentials, else the SDK's default credential chain.
 */
export interface AwsClients {
  /** The region used when a spec names none: the pass's binding's, else the operator's. */
  readonly defaultRegion: string;
  identityProvider(region: string): CognitoIdentityProviderClient;
  identity(region: string): CognitoIdentityClient;
}

/** AwsClients that can also be shut down (closes the SDK's sockets). */
export interface ManagedAwsClients extends AwsClients {
  destroy(): void;
}

/** One finished AWS call, as reported to `onCall` (metrics, logs). */
export interface AwsCall {
  service: AwsService;
  /** The account ID (or `operator` when the operator's own credentials do not tell it). */
  account: string;
  /** The API operation, e.g. `DescribeUserPool`. */
  operation: string;
  region: string;
  outcome: 'success' | 'error';
  /** AWS's error code when outcome is `error`. */
  errorCode?: string;
  /** From the call's start to its end: rate-limit waits and SDK retries included. */
  durationMs: number;
  /** Of durationMs, the time spent waiting for rate-limit tokens (every attempt's). */
  rateLimitWaitMs: number;
}

/**
 * Client settings passed to the SDK unchanged. Production leaves them unset: the endpoint comes
 * from AWS_ENDPOINT_URL (read by the SDK itself, see createAwsClients) and credentials from the
 * default chain. Tests point them at a local server.
 */
export type SdkClientSettings = Pick<
  CognitoIdentityProviderClientConfig & CognitoIdentityClientConfig,
  'endpoint' | 'credentials' | 'retryStrategy' | 'requestHandler'
>;

/** Raw options: only defaultRegion is required. */
export interface AwsClientsOptions {
  defaultRegion: string;
  /** Awaited before every attempt; defaults to an OperationRateLimiter with AWS's published quotas. */
  rateLimiter?: RateLimiter;
  /** Told about every call once it has finished; must not throw. */
  onCall?: (call: AwsCall) => void;
  /** Attempts per call, SDK retries included. Default AWS_CLIENT_DEFAULTS.maxAttempts. */
  maxAttempts?: number;
  /** Milliseconds on a monotonic scale, for durationMs. */
  now?: () => number;
  sdk?: SdkClientSettings;
}

/** Options with defaults applied. */
export interface ResolvedAwsClientsOptions {
  defaultRegion: string;
  rateLimiter: RateLimiter;
  onCall: (call: AwsCall) => void;
  maxAttempts: number;
  now: () => number;
  sdk: SdkClientSettings;
}

/**
 * Throttling: the SDK's standard retry mode retries throttling and transient errors a few times
 * with jittered exponential backoff. A call that still fails surfaces to the reconciler, which
 * requeues the object with its own capped exponential backoff (condition reason Throttled), so
 * a throttled resource waits; it never fails.
 */
export const AWS_CLIENT_DEFAULTS = {
  maxAttempts: 3,
  /**
   * A request whose answer does not come within this time fails (and reads are retried) instead
   * of hanging on a dropped connection.
   */
  requestTimeoutMs: 20_000,
  connectionTimeoutMs: 5_000,
} as const;

/**
 * Calls that create something are sent once per reconcile pass: when the answer is lost (a 500,
 * a dropped connection) the create may still have happened, and an SDK retry would make a second
 * resource. The failure goes back to the reconciler, whose next pass first looks for what the
 * object may have created (findOwned). Reads and idempotent writes keep the SDK's retries.
 */
export function isSendOnce(operation: string): boolean {
  return operation.startsWith('Create') || operation.startsWith('Add');
}

/**
 * Carries a send-once call's failure through the SDK's retry loop: neither its name, a status
 * code nor a cause tells the retry strategy to try again. reportCallMiddleware unwraps it.
 */
class NotRetried extends Error {
  override readonly name = 'NotRetried';
  constructor(readonly original: unknown) {
    super('a send-once call failed; not retried');
  }
}

const MIDDLEWARE = {
  report: 'cognitoOperatorReportCall',
  rateLimit: 'cognitoOperatorRateLimit',
  sendOnce: 'cognitoOperatorSendOnce',
  /** The SDK's retry loop; the send-once step runs inside it. */
  retry: 'retryMiddleware',
  /** The SDK's signing step; the rate limit runs just before it. */
  signing: 'httpSigningMiddleware',
} as const;

const COMMAND_SUFFIX = 'Command';

export function resolveAwsClientsOptions(options: AwsClientsOptions): ResolvedAwsClientsOptions {
  const defaultRegion = options.defaultRegion.trim();
  if (defaultRegion === '') throw new Error('AWS default region is empty: set --aws-region or AWS_REGION');
  const maxAttempts = options.maxAttempts ?? AWS_CLIENT_DEFAULTS.maxAttempts;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
    throw new Error(`maxAttempts must be a whole number of at least 1, got ${maxAttempts}`);
  }
  return {
    defaultRegion,
    rateLimiter: options.rateLimiter ?? new OperationRateLimiter(),
    onCall: options.onCall ?? (() => undefined),
    maxAttempts,
    now: options.now ?? (() => performance.now()),
    sdk: options.sdk ?? {},
  };
}

/** `DescribeUserPoolCommand` → `DescribeUserPool`. */
export function operationName(commandName: string | undefined): string {
  const name = commandName?.endsWith(COMMAND_SUFFIX) ? commandName.slice(0, -COMMAND_SUFFIX.length) : commandName;
  return name === undefined || name === '' ? 'Unknown' : name;
}

/** The user pool a request acts on, for the per-pool rate limit. */
function userPoolIdOf(input: unknown): string | undefined {
  if (typeof input !== 'object' || input === null || !('UserPoolId' in input)) return undefined;
  return typeof input.UserPoolId === 'string' ? input.UserPoolId : undefined;
}

/** The parts of the SDK's middleware signatures we use, kept structural. */
interface HandlerArgs {
  input: unknown;
}
type Handler<A, R> = (args: A) => Promise<R>;
interface HandlerContext {
  commandName?: string;
}

/**
 * Token waits of the command in progress, by its context (one per command, shared by its
 * attempts): the finalize step adds to it, the initialize step reports it.
 */
const rateLimitWaits = new WeakMap<HandlerContext, number>();

/** Where a client's calls go: enough to label metrics and pick rate-limit buckets. */
interface ClientTarget {
  service: AwsService;
  region: string;
  account: string;
}

/** Calls onCall without letting an observer's bug fail an AWS call. */
function report(options: ResolvedAwsClientsOptions, call: AwsCall): void {
  try {
    options.onCall(call);
  } catch {
    // Metrics are best effort: the AWS call's own outcome stands.
  }
}

/**
 * Initialize step, once per command: times the whole call (rate-limit waits and retries included),
 * reports its outcome, and records on a failed call's error which IAM action it was.
 */
export function reportCallMiddleware(options: ResolvedAwsClientsOptions, target: ClientTarget) {
  return <A extends HandlerArgs, R>(next: Handler<A, R>, context: HandlerContext): Handler<A, R> =>
    async (args) => {
      const operation = operationName(context.commandName);
      const started = options.now();
      const timing = () => ({ durationMs: options.now() - started, rateLimitWaitMs: rateLimitWaits.get(context) ?? 0 });
      rateLimitWaits.set(context, 0);
      try {
        const result = await next(args);
        report(options, { ...target, operation, outcome: 'success', ...timing() });
        return result;
      } catch (caught) {
        const err = caught instanceof NotRetried ? caught.original : caught;
        annotateAwsError(err, { service: target.service, operation });
        const errorCode = awsErrorCode(err) ?? 'Unknown';
        report(options, { ...target, operation, outcome: 'error', errorCode, ...timing() });
        throw err;
      }
    };
}

/**
 * Finalize step, once per attempt (it sits inside the SDK's retry loop and before signing):
 * waits for the rate limiter, so that retries spend tokens too and a request is signed only
 * once it may go out.
 */
export function rateLimitMiddleware(options: ResolvedAwsClientsOptions, target: ClientTarget) {
  return <A extends HandlerArgs, R>(next: Handler<A, R>, context: HandlerContext): Handler<A, R> =>
    async (args) => {
      const scope = { account: target.account, region: target.region, userPoolId: userPoolIdOf(args.input) };
      const asked = options.now();
      await options.rateLimiter.take(target.service, operationName(context.commandName), scope);
      rateLimitWaits.set(context, (rateLimitWaits.get(context) ?? 0) + options.now() - asked);
      return next(args);
    };
}

/** Inside the retry loop, once per attempt: a send-once call's failure is not retried. */
export function sendOnceMiddleware() {
  return <A extends HandlerArgs, R>(next: Handler<A, R>, context: HandlerContext): Handler<A, R> => {
    if (!isSendOnce(operationName(context.commandName))) return next;
    return async (args) => {
      try {
        return await next(args);
      } catch (err) {
        throw new NotRetried(err);
      }
    };
  };
}

const REPORT_PLACEMENT = { step: 'initialize', name: MIDDLEWARE.report, override: true } as const;
const RATE_LIMIT_PLACEMENT = {
  relation: 'before',
  toMiddleware: MIDDLEWARE.signing,
  name: MIDDLEWARE.rateLimit,
  override: true,
} as const;
const SEND_ONCE_PLACEMENT = { relation: 'after', toMiddleware: MIDDLEWARE.retry, name: MIDDLEWARE.sendOnce, override: true } as const;

/*
 * One function per client type: the two stacks have the same shape, but TypeScript cannot call
 * an overloaded method through their union.
 */
function instrumentIdentityProvider(client: CognitoIdentityProviderClient, options: ResolvedAwsClientsOptions, target: ClientTarget): void {
  client.middlewareStack.add(reportCallMiddleware(options, target), REPORT_PLACEMENT);
  client.middlewareStack.addRelativeTo(rateLimitMiddleware(options, target), RATE_LIMIT_PLACEMENT);
  client.middlewareStack.addRelativeTo(sendOnceMiddleware(), SEND_ONCE_PLACEMENT);
}

function instrumentIdentity(client: CognitoIdentityClient, options: ResolvedAwsClientsOptions, target: ClientTarget): void {
  client.middlewareStack.add(reportCallMiddleware(options, target), REPORT_PLACEMENT);
  client.middlewareStack.addRelativeTo(rateLimitMiddleware(options, target), RATE_LIMIT_PLACEMENT);
  client.middlewareStack.addRelativeTo(sendOnceMiddleware(), SEND_ONCE_PLACEMENT);
}

function clientConfig(options: ResolvedAwsClientsOptions, region: string, account: Account | undefined) {
  const requestHandler = options.sdk.requestHandler ?? {
    requestTimeout: AWS_CLIENT_DEFAULTS.requestTimeoutMs,
    connectionTimeout: AWS_CLIENT_DEFAULTS.connectionTimeoutMs,
    throwOnRequestTimeout: true,
  };
  const credentials = account?.credentials ?? options.sdk.credentials;
  return { ...options.sdk, requestHandler, region, maxAttempts: options.maxAttempts, ...(credentials !== undefined ? { credentials } : {}) };
}

/**
 * Creates clients lazily, one per (service, region), each rate-limited and reporting its calls.
 *
 * Endpoint: left to the SDK. @smithy/core's endpoint resolution (getEndpointFromConfig in
 * submodules/endpoints) reads AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER /
 * AWS_ENDPOINT_URL_COGNITO_IDENTITY, then AWS_ENDPOINT_URL, then `endpoint_url` in the shared
 * config file, unless AWS_IGNORE_CONFIGURED_ENDPOINT_URLS is set; so we never parse it here.
 */
export function createAwsClients(rawOptions: AwsClientsOptions): ManagedAwsClients {
  const options = resolveAwsClientsOptions(rawOptions);
  const idp = new AccountClients<CognitoIdentityProviderClient>();
  const identity = new AccountClients<CognitoIdentityClient>();
  const regionOrDefault = (region: string): string => region.trim() || (currentAccount()?.region ?? options.defaultRegion);
  const targetOf = (service: AwsService, region: string, account: Account | undefined): ClientTarget => ({ service, region, account: accountLabel(account) });

  return {
    get defaultRegion() {
      return currentAccount()?.region ?? options.defaultRegion;
    },
    identityProvider(region) {
      const r = regionOrDefault(region);
      return idp.get(currentAccount(), r, (account) => {
        const client = new identityProviderSdk.CognitoIdentityProviderClient(clientConfig(options, r, account));
        instrumentIdentityProvider(client, options, targetOf('cognito-idp', r, account));
        return client;
      });
    },
    identity(region) {
      const r = regionOrDefault(region);
      return identity.get(currentAccount(), r, (account) => {
        const client = new identitySdk.CognitoIdentityClient(clientConfig(options, r, account));
        instrumentIdentity(client, options, targetOf('cognito-identity', r, account));
        return client;
      });
    },
    destroy() {
      idp.destroy();
      identity.destroy();
    },
  };
}

/**
 * One client per (account, region). A binding whose role changed hands out a new credential
 * provider under the same key: the client made with the old one is replaced.
 */
class AccountClients<C extends { destroy(): void }> {
  private readonly clients = new Map<string, { account: Account | undefined; client: C }>();

  get(account: Account | undefined, region: string, create: (account: Account | undefined) => C): C {
    const key = `${account?.key ?? ''}|${account?.id ?? ''}|${region}`;
    const held = this.clients.get(key);
    if (held !== undefined && held.account?.credentials === account?.credentials) return held.client;
    held?.client.destroy();
    const client = create(account);
    this.clients.set(key, { account, client });
    return client;
  }

  destroy(): void {
    for (const { client } of this.clients.values()) client.destroy();
    this.clients.clear();
  }
}
