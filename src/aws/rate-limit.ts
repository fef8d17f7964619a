/**
 * Client-side rate limits that keep the operator under Amazon Cognito's request-rate quotas.
 *
 * Source: "Quotas in Amazon Cognito" (docs.aws.amazon.com/cognito/latest/developerguide/quotas.html),
 * tables "user pools per-category request rate quotas" and "identity pools (federated
 * identities) API operation request rate quotas"; the same cognito-idp figures appear in Service
 * Quotas ("Rate of UserPoolRead requests" ...). Quotas hold per account and per Region, shared
 * with every other tool in the account, so buckets are kept per Region and the rates can be
 * scaled down (AWS_RATE_LIMIT_SCALE).
 *
 * User-pool management categories are not adjustable; on top of the account-wide rate, AWS caps
 * each operation of the UserPoolResource* and UserPoolClient* categories at 5 RPS per user pool,
 * which gets its own bucket per (operation, pool).
 */

export type AwsService = 'cognito-idp' | 'cognito-identity';

export const RATE_CATEGORIES = [
  'UserPoolRead',
  'UserPoolUpdate',
  'UserPoolResourceRead',
  'UserPoolResourceUpdate',
  'UserPoolClientRead',
  'UserPoolClientUpdate',
  'IdentityPoolRead',
  'IdentityPoolUpdate',
  'IdentityPoolTagResource',
  'IdentityPoolUntagResource',
  'IdentityPoolListTagsForResource',
  'Default',
] as const;
export type RateCategory = (typeof RATE_CATEGORIES)[number];

/** Requests per second for each category. */
export type RateLimits = { readonly [c in RateCategory]: number };

/** AWS's default quotas, before scaling. */
export const DEFAULT_RATE_LIMITS: RateLimits = {
  // cognito-idp, per account and Region (published, not adjustable).
  UserPoolRead: 15,
  UserPoolUpdate: 15,
  UserPoolResourceRead: 20,
  UserPoolResourceUpdate: 15,
  UserPoolClientRead: 15,
  UserPoolClientUpdate: 15,
  // cognito-identity quotas are per operation. AWS publishes no figure for the pool and role
  // operations: 5 is our choice, the lowest rate AWS publishes for identity pools.
  IdentityPoolRead: 5, // not published: DescribeIdentityPool, ListIdentityPools, GetIdentityPoolRoles, GetPrincipalTagAttributeMap
  IdentityPoolUpdate: 5, // not published: Create/Update/DeleteIdentityPool, SetIdentityPoolRoles, SetPrincipalTagAttributeMap
  IdentityPoolTagResource: 5, // published
  IdentityPoolUntagResource: 5, // published
  IdentityPoolListTagsForResource: 10, // published
  // Any operation not mapped below; our choice, as low as the per-pool cap.
  Default: 5,
};

/** AWS's cap on one operation against one user pool in the categories of PER_USER_POOL_CATEGORIES. */
export const DEFAULT_PER_USER_POOL_OPERATION_RPS = 5;

/** Categories whose operations AWS also limits per user pool. */
const PER_USER_POOL_CATEGORIES: ReadonlySet<RateCategory> = new Set<RateCategory>([
  'UserPoolResourceRead',
  'UserPoolResourceUpdate',
  'UserPoolClientRead',
  'UserPoolClientUpdate',
]);

/** Every operation the operator and its command-line tools (src/cli) call, by the category whose quota it spends. */
export const OPERATION_CATEGORIES: { readonly [s in AwsService]: Readonly<Record<string, RateCategory>> } = {
  'cognito-idp': {
    DescribeUserPool: 'UserPoolRead',
    ListUserPools: 'UserPoolRead',
    CreateUserPool: 'UserPoolUpdate',
    UpdateUserPool: 'UserPoolUpdate',
    DeleteUserPool: 'UserPoolUpdate',
    GetUserPoolMfaConfig: 'UserPoolResourceRead',
    DescribeUserPoolDomain: 'UserPoolResourceRead',
    DescribeIdentityProvider: 'UserPoolResourceRead',
    ListIdentityProviders: 'UserPoolResourceRead',
    DescribeResourceServer: 'UserPoolResourceRead',
    ListResourceServers: 'UserPoolResourceRead',
    GetGroup: 'UserPoolResourceRead',
    ListGroups: 'UserPoolResourceRead',
    DescribeRiskConfiguration: 'UserPoolResourceRead',
    GetLogDeliveryConfiguration: 'UserPoolResourceRead',
    GetUICustomization: 'UserPoolResourceRead',
    ListTagsForResource: 'UserPoolResourceRead',
    SetUserPoolMfaConfig: 'UserPoolResourceUpdate',
    AddCustomAttributes: 'UserPoolResourceUpdate',
    CreateUserPoolDomain: 'UserPoolResourceUpdate',
    UpdateUserPoolDomain: 'UserPoolResourceUpdate',
    DeleteUserPoolDomain: 'UserPoolResourceUpdate',
    CreateIdentityProvider: 'UserPoolResourceUpdate',
    UpdateIdentityProvider: 'UserPoolResourceUpdate',
    DeleteIdentityProvider: 'UserPoolResourceUpdate',
    CreateResourceServer: 'UserPoolResourceUpdate',
    UpdateResourceServer: 'UserPoolResourceUpdate',
    DeleteResourceServer: 'UserPoolResourceUpdate',
    CreateGroup: 'UserPoolResourceUpdate',
    UpdateGroup: 'UserPoolResourceUpdate',
    DeleteGroup: 'UserPoolResourceUpdate',
    SetRiskConfiguration: 'UserPoolResourceUpdate',
    SetLogDeliveryConfiguration: 'UserPoolResourceUpdate',
    SetUICustomization: 'UserPoolResourceUpdate',
    DescribeManagedLoginBranding: 'UserPoolResourceRead',
    DescribeManagedLoginBrandingByClient: 'UserPoolResourceRead',
    CreateManagedLoginBranding: 'UserPoolResourceUpdate',
    UpdateManagedLoginBranding: 'UserPoolResourceUpdate',
    DeleteManagedLoginBranding: 'UserPoolResourceUpdate',
    TagResource: 'UserPoolResourceUpdate',
    UntagResource: 'UserPoolResourceUpdate',
    DescribeUserPoolClient: 'UserPoolClientRead',
    ListUserPoolClients: 'UserPoolClientRead',
    CreateUserPoolClient: 'UserPoolClientUpdate',
    UpdateUserPoolClient: 'UserPoolClientUpdate',
    DeleteUserPoolClient: 'UserPoolClientUpdate',
    // The quotas page lists no category for the client-secret operations: those of the client they change.
    ListUserPoolClientSecrets: 'UserPoolClientRead',
    AddUserPoolClientSecret: 'UserPoolClientUpdate',
    DeleteUserPoolClientSecret: 'UserPoolClientUpdate',
  },
  'cognito-identity': {
    DescribeIdentityPool: 'IdentityPoolRead',
    ListIdentityPools: 'IdentityPoolRead',
    GetIdentityPoolRoles: 'IdentityPoolRead',
    CreateIdentityPool: 'IdentityPoolUpdate',
    UpdateIdentityPool: 'IdentityPoolUpdate',
    DeleteIdentityPool: 'IdentityPoolUpdate',
    SetIdentityPoolRoles: 'IdentityPoolUpdate',
    GetPrincipalTagAttributeMap: 'IdentityPoolRead',
    SetPrincipalTagAttributeMap: 'IdentityPoolUpdate',
    TagResource: 'IdentityPoolTagResource',
    UntagResource: 'IdentityPoolUntagResource',
    ListTagsForResource: 'IdentityPoolListTagsForResource',
  },
};

/**
 * Defaults for the knobs. A bucket that holds one token and refills at a quota's rate spaces
 * the calls 1/rate apart, so no one-second window ever holds more than the quota: the operator
 * alone never exceeds it, and sustains all of it. A larger burst would have to be paid for with
 * a lower sustained rate (a bucket of b tokens at rate r lets up to b - 1 + r through in one second).
 */
export const RATE_LIMIT_DEFAULTS = {
  scale: 1,
  /** Calls a bucket lets through at once after an idle spell. */
  burst: 1,
  /** Per-pool buckets left idle are dropped once there are more than this many. */
  maxIdleBuckets: 1000,
} as const;

const ENV = {
  scale: 'AWS_RATE_LIMIT_SCALE',
  rates: 'AWS_RATE_LIMITS',
} as const;

const MS_PER_SECOND = 1000;

/** Time, injected so that tests never sleep. */
export interface Clock {
  /** Milliseconds on a monotonic scale. */
  now(): number;
  /** Resolves after `ms` milliseconds. */
  delay(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => performance.now(),
  delay: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export interface TokenBucketOptions {
  /** Tokens added per second. */
  ratePerSecond: number;
  /** Most tokens held at once; the bucket starts full. */
  burst: number;
  clock?: Clock;
}

/**
 * A token bucket whose `take()` resolves once a token is free. Waiters are served strictly in
 * arrival order: a newcomer never overtakes a queued caller.
 */
export class TokenBucket {
  readonly ratePerSecond: number;
  readonly burst: number;
  private readonly clock: Clock;
  private tokens: number;
  private refilledAt: number;
  /** Callers waiting for a token, oldest first. */
  private readonly waiters: (() => void)[] = [];
  /** True while a loop is handing tokens to waiters; at most one runs. */
  private draining = false;

  constructor(options: TokenBucketOptions) {
    assertPositive('ratePerSecond', options.ratePerSecond);
    if (!Number.isFinite(options.burst) || options.burst < 1) {
      throw new Error(`burst must be at least 1, got ${options.burst}`);
    }
    this.ratePerSecond = options.ratePerSecond;
    this.burst = options.burst;
    this.clock = options.clock ?? systemClock;
    this.tokens = options.burst;
    this.refilledAt = this.clock.now();
  }

  /** Resolves when the caller may make one request. */
  take(): Promise<void> {
    if (this.waiters.length === 0 && this.tryTake()) return Promise.resolve();
    return new Promise((resolve) => {
      this.waiters.push(resolve);
      void this.drain();
    });
  }

  /** Takes a token if one is free now and nobody is queued. */
  tryTake(): boolean {
    if (this.waiters.length > 0) return false;
    return this.takeToken();
  }

  /** Callers waiting for a token. */
  get waiting(): number {
    return this.waiters.length;
  }

  /** True when the bucket is full and nobody waits: dropping it loses nothing. */
  isIdle(): boolean {
    this.refill();
    return this.waiters.length === 0 && this.tokens >= this.burst;
  }

  private takeToken(): boolean {
    this.refill();
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  private refill(): void {
    const now = this.clock.now();
    const elapsedSeconds = Math.max(0, now - this.refilledAt) / MS_PER_SECOND;
    this.tokens = Math.min(this.burst, this.tokens + elapsedSeconds * this.ratePerSecond);
    this.refilledAt = now;
  }

  private msUntilNextToken(): number {
    return Math.max(1, Math.ceil(((1 - this.tokens) * MS_PER_SECOND) / this.ratePerSecond));
  }

  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      while (this.waiters.length > 0) {
        if (this.takeToken()) {
          this.waiters.shift()?.();
        } else {
          await this.clock.delay(this.msUntilNextToken());
        }
      }
    } finally {
      this.draining = false;
    }
  }
}

/** What a call is limited by besides its category. */
export interface RateScope {
  /** Quotas are per account: one account's calls never wait on another's buckets. */
  account?: string;
  /** Quotas are per Region: calls to different Regions use different buckets. */
  region?: string;
  /** The user pool the call acts on, for AWS's per-pool cap. */
  userPoolId?: string;
}

/** What the AWS clients need from a limiter. */
export interface RateLimiter {
  take(service: AwsService, operation: string, scope?: RateScope): Promise<void>;
}

/** Raw options: every field optional. */
export interface RateLimitOptions {
  /** Requests per second by category, before scaling; missing ones use DEFAULT_RATE_LIMITS. */
  rates?: Partial<RateLimits>;
  /** Multiplies every rate, e.g. 0.5 to leave half of each quota to other tools. */
  scale?: number;
  /** AWS's per-(operation, user pool) cap, before scaling. */
  perUserPoolOperationRps?: number;
  /** Calls each bucket lets through at once (a whole number, at least one). */
  burst?: number;
  /** Idle per-pool buckets kept before they are swept. */
  maxIdleBuckets?: number;
  clock?: Clock;
}

/** Options with defaults applied and scaling done. */
export interface ResolvedRateLimitOptions {
  rates: RateLimits;
  perUserPoolOperationRps: number;
  burst: number;
  maxIdleBuckets: number;
  clock: Clock;
}

function assertPositive(name: string, value: number): void {
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got ${value}`);
}

function scaleRates(rates: RateLimits, scale: number): RateLimits {
  const scaled = Object.fromEntries(RATE_CATEGORIES.map((c) => [c, rates[c] * scale]));
  return scaled as RateLimits;
}

export function resolveRateLimitOptions(options: RateLimitOptions = {}): ResolvedRateLimitOptions {
  const scale = options.scale ?? RATE_LIMIT_DEFAULTS.scale;
  assertPositive('scale', scale);
  const rates: RateLimits = { ...DEFAULT_RATE_LIMITS, ...options.rates };
  for (const category of RATE_CATEGORIES) assertPositive(`rate of ${category}`, rates[category]);
  const perPool = options.perUserPoolOperationRps ?? DEFAULT_PER_USER_POOL_OPERATION_RPS;
  assertPositive('perUserPoolOperationRps', perPool);
  const burst = options.burst ?? RATE_LIMIT_DEFAULTS.burst;
  if (!Number.isInteger(burst) || burst < 1) throw new Error(`burst must be a whole number of at least 1, got ${burst}`);
  return {
    rates: scaleRates(rates, scale),
    perUserPoolOperationRps: perPool * scale,
    burst,
    maxIdleBuckets: options.maxIdleBuckets ?? RATE_LIMIT_DEFAULTS.maxIdleBuckets,
    clock: options.clock ?? systemClock,
  };
}

function isRateCategory(value: string): value is RateCategory {
  return (RATE_CATEGORIES as readonly string[]).includes(value);
}

function parsePositive(name: string, raw: string): number {
  const value = Number(raw.trim());
  if (raw.trim() === '' || !Number.isFinite(value) || value <= 0) {
    throw new Error(`${name}: expected a positive number, got "${raw}"`);
  }
  return value;
}

/** Parses `UserPoolRead=10,UserPoolClientRead=5`. */
function parseRates(raw: string): Partial<RateLimits> {
  const rates: Partial<Record<RateCategory, number>> = {};
  for (const entry of raw.split(',').filter((e) => e.trim() !== '')) {
    const [name = '', value, ...rest] = entry.split('=').map((p) => p.trim());
    if (value === undefined || rest.length > 0) {
      throw new Error(`${ENV.rates}: expected Category=rps, got "${entry.trim()}"`);
    }
    if (!isRateCategory(name)) {
      throw new Error(`${ENV.rates}: unknown category "${name}"; known: ${RATE_CATEGORIES.join(', ')}`);
    }
    rates[name] = parsePositive(`${ENV.rates} ${name}`, value);
  }
  return rates;
}

/**
 * Reads AWS_RATE_LIMIT_SCALE (a factor, e.g. 0.5 to share the account with other tools) and
 * AWS_RATE_LIMITS (`Category=rps,...` to override single categories). Throws on bad values so
 * that the operator refuses to start rather than run unthrottled.
 */
export function rateLimitsFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): RateLimitOptions {
  const options: RateLimitOptions = {};
  const scale = env[ENV.scale];
  if (scale !== undefined && scale !== '') options.scale = parsePositive(ENV.scale, scale);
  const rates = env[ENV.rates];
  if (rates !== undefined && rates !== '') options.rates = parseRates(rates);
  return options;
}

/** Bounds of workersForQuotas: one slow pass never holds a kind; more only queue on the buckets. */
export const WORKERS_FOR_QUOTAS = { min: 2, max: 64 } as const;

/**
 * Reconciles of one kind to run at once when no flag says: enough that the quotas, not the
 * workers, set the pace. W workers whose passes take T seconds run W/T passes a second; the
 * quotas allow R/k, R a category's rate and k ≥ 1 its calls per pass. W = the fastest category's
 * rate (20 at the default quotas) keeps up while a pass takes under a second per call of its
 * busiest category: a dozen round trips of up to 80 ms each. A worker waiting for a token holds
 * no other kind's work (each kind has its own workers), and idle workers cost nothing.
 */
export function workersForQuotas(rates: RateLimits): number {
  const fastest = Math.max(...RATE_CATEGORIES.map((c) => rates[c]));
  return Math.min(WORKERS_FOR_QUOTAS.max, Math.max(WORKERS_FOR_QUOTAS.min, Math.ceil(fastest)));
}

/** The category whose quota an operation spends; unmapped operations spend `Default`. */
export function rateCategoryOf(service: AwsService, operation: string): RateCategory {
  const categories = OPERATION_CATEGORIES[service];
  // hasOwn: operation names come from outside and must not match Object.prototype keys.
  return Object.hasOwn(categories, operation) ? categories[operation] : 'Default';
}

/**
 * One bucket per (account, Region, category), shared by every caller, plus one per (account,
 * Region, operation, user pool) for the categories AWS also caps per pool.
 */
export class OperationRateLimiter implements RateLimiter {
  readonly options: ResolvedRateLimitOptions;
  private readonly categoryBuckets = new Map<string, TokenBucket>();
  private readonly poolBuckets = new Map<string, TokenBucket>();

  constructor(options: RateLimitOptions = {}) {
    this.options = resolveRateLimitOptions(options);
  }

  /**
   * Resolves when the call may go out. The narrow per-pool bucket is waited on first, so the
   * account-wide token is spent only when the call is about to be sent.
   */
  async take(service: AwsService, operation: string, scope: RateScope = {}): Promise<void> {
    const category = rateCategoryOf(service, operation);
    const region = scope.region ?? '';
    const account = scope.account ?? '';
    if (scope.userPoolId !== undefined && PER_USER_POOL_CATEGORIES.has(category)) {
      await this.poolBucket(`${account}|${region}`, operation, scope.userPoolId).take();
    }
    await this.categoryBucket(region, category, account).take();
  }

  /** The bucket for a category in one account and Region, for metrics and tests. */
  categoryBucket(region: string, category: RateCategory, account = ''): TokenBucket {
    const key = `${account}|${region}|${category}`;
    return getOrCreate(this.categoryBuckets, key, () => this.newBucket(this.options.rates[category]));
  }

  private poolBucket(region: string, operation: string, userPoolId: string): TokenBucket {
    const key = `${region}|${operation}|${userPoolId}`;
    const existing = this.poolBuckets.get(key);
    if (existing !== undefined) return existing;
    this.sweepIdlePoolBuckets();
    const bucket = this.newBucket(this.options.perUserPoolOperationRps);
    this.poolBuckets.set(key, bucket);
    return bucket;
  }

  /** Pools come and go; a full bucket with no waiters is the same as a new one. */
  private sweepIdlePoolBuckets(): void {
    if (this.poolBuckets.size < this.options.maxIdleBuckets) return;
    for (const [key, bucket] of this.poolBuckets) {
      if (bucket.isIdle()) this.poolBuckets.delete(key);
    }
  }

  /** Pool buckets currently held, for tests. */
  get poolBucketCount(): number {
    return this.poolBuckets.size;
  }

  private newBucket(ratePerSecond: number): TokenBucket {
    return new TokenBucket({ ratePerSecond, burst: this.options.burst, clock: this.options.clock });
  }
}

function getOrCreate<K, V>(map: Map<K, V>, key: K, create: () => V): V {
  const existing = map.get(key);
  if (existing !== undefined) return existing;
  const created = create();
  map.set(key, created);
  return created;
}
