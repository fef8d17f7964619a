import {
  DEFAULT_RATE_LIMITS,
  OPERATION_CATEGORIES,
  OperationRateLimiter,
  RATE_CATEGORIES,
  RATE_LIMIT_DEFAULTS,
  TokenBucket,
  rateCategoryOf,
  rateLimitsFromEnv,
  resolveRateLimitOptions,
  workersForQuotas,
  type AwsService,
  type Clock,
  type RateCategory,
} from './rate-limit';

/** Lets every pending promise callback run. */
const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** A clock that moves only when the test says so. */
class FakeClock implements Clock {
  private time = 0;
  private timers: { at: number; resolve: () => void }[] = [];

  now = (): number => this.time;

  delay = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      this.timers.push({ at: this.time + ms, resolve });
    });

  /** Moves time forward, firing timers in order and letting their callbacks run. */
  async advance(ms: number): Promise<void> {
    const target = this.time + ms;
    await flush();
    for (let next = this.nextTimer(target); next !== undefined; next = this.nextTimer(target)) {
      this.timers = this.timers.filter((t) => t !== next);
      this.time = next.at;
      next.resolve();
      await flush();
    }
    this.time = target;
    await flush();
  }

  private nextTimer(until: number): { at: number; resolve: () => void } | undefined {
    return this.timers.filter((t) => t.at <= until).sort((a, b) => a.at - b.at)[0];
  }
}

/** Starts `count` takes and records, in order, the clock time at which each resolved. */
function takeMany(take: () => Promise<void>, clock: FakeClock, count: number): { label: number; at: number }[] {
  const resolved: { label: number; at: number }[] = [];
  for (let i = 0; i < count; i += 1) {
    void take().then(() => resolved.push({ label: i, at: clock.now() }));
  }
  return resolved;
}

describe('TokenBucket', () => {
  it('starts full and then hands out one token per 1/rate seconds', async () => {
    const clock = new FakeClock();
    const bucket = new TokenBucket({ ratePerSecond: 2, burst: 2, clock });
    const resolved = takeMany(() => bucket.take(), clock, 5);
    await clock.advance(2000);
    expect(resolved.map((r) => r.at)).toEqual([0, 0, 500, 1000, 1500]);
  });

  it('serves waiters in arrival order, and newcomers queue behind them', async () => {
    const clock = new FakeClock();
    const bucket = new TokenBucket({ ratePerSecond: 10, burst: 1, clock });
    const resolved = takeMany(() => bucket.take(), clock, 4);
    await clock.advance(150);
    expect(bucket.tryTake()).toBe(false); // a token is free, but label 3 is still queued
    await clock.advance(1000);
    expect(resolved.map((r) => r.label)).toEqual([0, 1, 2, 3]);
    expect(bucket.waiting).toBe(0);
  });

  it('never holds more than burst tokens after an idle spell', async () => {
    const clock = new FakeClock();
    const bucket = new TokenBucket({ ratePerSecond: 5, burst: 3, clock });
    await clock.advance(60_000);
    expect([bucket.tryTake(), bucket.tryTake(), bucket.tryTake(), bucket.tryTake()]).toEqual([true, true, true, false]);
  });

  it('keeps fractional rates: 1.5 per second', async () => {
    const clock = new FakeClock();
    const bucket = new TokenBucket({ ratePerSecond: 1.5, burst: 1, clock });
    const resolved = takeMany(() => bucket.take(), clock, 4);
    await clock.advance(3000);
    expect(resolved.map((r) => r.at)).toEqual([0, 667, 1334, 2001]);
  });

  it('is idle only when full with nobody waiting', async () => {
    const clock = new FakeClock();
    const bucket = new TokenBucket({ ratePerSecond: 1, burst: 1, clock });
    expect(bucket.isIdle()).toBe(true);
    await bucket.take();
    expect(bucket.isIdle()).toBe(false);
    await clock.advance(1000);
    expect(bucket.isIdle()).toBe(true);
  });

  it.each([
    { name: 'zero rate', options: { ratePerSecond: 0, burst: 1 }, want: /ratePerSecond/ },
    { name: 'negative rate', options: { ratePerSecond: -1, burst: 1 }, want: /ratePerSecond/ },
    { name: 'burst below one', options: { ratePerSecond: 1, burst: 0.5 }, want: /burst/ },
    { name: 'infinite burst', options: { ratePerSecond: 1, burst: Infinity }, want: /burst/ },
  ])('rejects $name', ({ options, want }) => {
    expect(() => new TokenBucket(options)).toThrow(want);
  });
});

describe('rateCategoryOf', () => {
  const rows = (Object.keys(OPERATION_CATEGORIES) as AwsService[]).flatMap((service) =>
    Object.entries(OPERATION_CATEGORIES[service]).map(([operation, category]) => ({ service, operation, category })),
  );

  it.each(rows)('$service $operation spends $category', ({ service, operation, category }) => {
    expect(rateCategoryOf(service, operation)).toBe(category);
  });

  it.each([
    { service: 'cognito-idp' as const, operation: 'AdminGetUser' },
    { service: 'cognito-identity' as const, operation: 'GetId' },
    { service: 'cognito-idp' as const, operation: 'toString' },
    { service: 'cognito-idp' as const, operation: '' },
  ])('$service "$operation" is not mapped and spends Default', ({ service, operation }) => {
    expect(rateCategoryOf(service, operation)).toBe('Default');
  });

  it('tells the two services apart', () => {
    expect(rateCategoryOf('cognito-idp', 'TagResource')).toBe('UserPoolResourceUpdate');
    expect(rateCategoryOf('cognito-identity', 'TagResource')).toBe('IdentityPoolTagResource');
  });

  it('maps every operation the operator calls', () => {
    const idp = [
      'CreateUserPool', 'DescribeUserPool', 'UpdateUserPool', 'DeleteUserPool', 'ListUserPools',
      'SetUserPoolMfaConfig', 'GetUserPoolMfaConfig', 'AddCustomAttributes', 'CreateUserPoolDomain',
      'DescribeUserPoolDomain', 'UpdateUserPoolDomain', 'DeleteUserPoolDomain', 'TagResource', 'UntagResource',
      'ListTagsForResource', 'CreateUserPoolClient', 'DescribeUserPoolClient', 'UpdateUserPoolClient',
      'DeleteUserPoolClient', 'ListUserPoolClients', 'CreateIdentityProvider', 'DescribeIdentityProvider',
      'UpdateIdentityProvider', 'DeleteIdentityProvider', 'ListIdentityProviders', 'CreateResourceServer',
      'DescribeResourceServer', 'UpdateResourceServer', 'DeleteResourceServer', 'ListResourceServers',
      'CreateGroup', 'GetGroup', 'UpdateGroup', 'DeleteGroup', 'ListGroups',
      'CreateManagedLoginBranding', 'DescribeManagedLoginBranding', 'DescribeManagedLoginBrandingByClient',
      'UpdateManagedLoginBranding', 'DeleteManagedLoginBranding',
      'AddUserPoolClientSecret', 'ListUserPoolClientSecrets', 'DeleteUserPoolClientSecret',
      'SetRiskConfiguration', 'DescribeRiskConfiguration', 'SetLogDeliveryConfiguration', 'GetLogDeliveryConfiguration',
      'SetUICustomization', 'GetUICustomization',
    ];
    const identity = [
      'CreateIdentityPool', 'DescribeIdentityPool', 'UpdateIdentityPool', 'DeleteIdentityPool', 'ListIdentityPools',
      'SetIdentityPoolRoles', 'GetIdentityPoolRoles', 'TagResource', 'UntagResource', 'ListTagsForResource',
      'SetPrincipalTagAttributeMap', 'GetPrincipalTagAttributeMap',
    ];
    expect(Object.keys(OPERATION_CATEGORIES['cognito-idp']).sort()).toEqual([...idp].sort());
    expect(Object.keys(OPERATION_CATEGORIES['cognito-identity']).sort()).toEqual([...identity].sort());
  });

  it('uses every category but Default', () => {
    const used = new Set<RateCategory>(Object.values(OPERATION_CATEGORIES).flatMap((m) => Object.values(m)));
    expect(RATE_CATEGORIES.filter((c) => !used.has(c))).toEqual(['Default']);
  });
});

describe('resolveRateLimitOptions', () => {
  it('runs at the published quotas by default, one call at a time', () => {
    const resolved = resolveRateLimitOptions();
    expect(resolved.rates).toEqual(DEFAULT_RATE_LIMITS);
    expect(resolved.perUserPoolOperationRps).toBe(5);
    expect(resolved.burst).toBe(RATE_LIMIT_DEFAULTS.burst);
    expect(RATE_LIMIT_DEFAULTS.burst).toBe(1);
  });

  it('applies overrides before the scale', () => {
    const resolved = resolveRateLimitOptions({ scale: 0.5, rates: { UserPoolRead: 4 } });
    expect(resolved.rates.UserPoolRead).toBe(2);
    expect(resolved.rates.UserPoolUpdate).toBe(7.5);
  });

  it.each([
    { name: 'zero scale', options: { scale: 0 }, want: /scale/ },
    { name: 'NaN scale', options: { scale: Number.NaN }, want: /scale/ },
    { name: 'negative rate', options: { rates: { UserPoolRead: -1 } }, want: /UserPoolRead/ },
    { name: 'zero per-pool rate', options: { perUserPoolOperationRps: 0 }, want: /perUserPoolOperationRps/ },
    { name: 'zero burst', options: { burst: 0 }, want: /burst/ },
    { name: 'a fractional burst', options: { burst: 1.5 }, want: /whole number/ },
  ])('rejects $name', ({ options, want }) => {
    expect(() => resolveRateLimitOptions(options)).toThrow(want);
  });
});

describe('rateLimitsFromEnv', () => {
  it.each([
    { name: 'nothing set', env: {}, want: {} },
    { name: 'empty values', env: { AWS_RATE_LIMIT_SCALE: '', AWS_RATE_LIMITS: '' }, want: {} },
    { name: 'a scale', env: { AWS_RATE_LIMIT_SCALE: '0.5' }, want: { scale: 0.5 } },
    {
      name: 'category overrides',
      env: { AWS_RATE_LIMITS: 'UserPoolRead=10, UserPoolClientRead = 2.5,' },
      want: { rates: { UserPoolRead: 10, UserPoolClientRead: 2.5 } },
    },
  ])('reads $name', ({ env, want }) => {
    expect(rateLimitsFromEnv(env)).toEqual(want);
  });

  it.each([
    { name: 'a word as scale', env: { AWS_RATE_LIMIT_SCALE: 'half' }, want: /AWS_RATE_LIMIT_SCALE.*"half"/ },
    { name: 'a negative scale', env: { AWS_RATE_LIMIT_SCALE: '-1' }, want: /AWS_RATE_LIMIT_SCALE/ },
    { name: 'an unknown category', env: { AWS_RATE_LIMITS: 'UserRead=3' }, want: /unknown category "UserRead"/ },
    { name: 'a missing value', env: { AWS_RATE_LIMITS: 'UserPoolRead' }, want: /Category=rps/ },
    { name: 'a zero rate', env: { AWS_RATE_LIMITS: 'UserPoolRead=0' }, want: /UserPoolRead/ },
    { name: 'two equals signs', env: { AWS_RATE_LIMITS: 'UserPoolRead=1=2' }, want: /Category=rps/ },
  ])('rejects $name', ({ env, want }) => {
    expect(() => rateLimitsFromEnv(env)).toThrow(want);
  });
});

describe('OperationRateLimiter', () => {
  function limiter(clock: FakeClock, rates: Partial<Record<RateCategory, number>> = {}): OperationRateLimiter {
    return new OperationRateLimiter({ rates, clock });
  }

  it('shares one bucket between the operations of a category', async () => {
    const clock = new FakeClock();
    const rl = limiter(clock, { UserPoolRead: 10 });
    const operations = ['DescribeUserPool', 'ListUserPools', 'DescribeUserPool', 'ListUserPools'];
    const resolved = operations.map((operation) =>
      rl.take('cognito-idp', operation, { region: 'eu-west-1' }).then(() => clock.now()),
    );
    await clock.advance(1000);
    await expect(Promise.all(resolved)).resolves.toEqual([0, 100, 200, 300]);
  });

  it('keeps categories apart', async () => {
    const clock = new FakeClock();
    const rl = limiter(clock, { UserPoolRead: 1, UserPoolUpdate: 1 });
    await rl.take('cognito-idp', 'DescribeUserPool');
    const update = rl.take('cognito-idp', 'UpdateUserPool').then(() => clock.now());
    await clock.advance(0);
    await expect(update).resolves.toBe(0);
  });

  it('keeps Regions apart: quotas are per Region', async () => {
    const clock = new FakeClock();
    const rl = limiter(clock, { UserPoolRead: 1 });
    await rl.take('cognito-idp', 'DescribeUserPool', { region: 'eu-west-1' });
    const other = rl.take('cognito-idp', 'DescribeUserPool', { region: 'us-east-1' }).then(() => clock.now());
    const same = rl.take('cognito-idp', 'DescribeUserPool', { region: 'eu-west-1' }).then(() => clock.now());
    await clock.advance(2000);
    await expect(other).resolves.toBe(0);
    await expect(same).resolves.toBe(1000);
  });

  it('keeps accounts apart: one account’s calls never wait on another’s bucket', async () => {
    const clock = new FakeClock();
    const rl = limiter(clock, { UserPoolRead: 1 });
    const busy = { account: '111111111111', region: 'eu-west-1' };
    await rl.take('cognito-idp', 'DescribeUserPool', busy);
    const queued = [1, 2, 3].map(() => rl.take('cognito-idp', 'DescribeUserPool', busy).then(() => clock.now()));
    const quiet = rl.take('cognito-idp', 'DescribeUserPool', { account: '222222222222', region: 'eu-west-1' }).then(() => clock.now());
    await clock.advance(4000);
    await expect(quiet).resolves.toBe(0);
    await expect(Promise.all(queued)).resolves.toEqual([1000, 2000, 3000]);
  });

  it('caps one operation on one user pool below the category rate', async () => {
    const clock = new FakeClock();
    const rl = new OperationRateLimiter({
      rates: { UserPoolClientRead: 100 },
      perUserPoolOperationRps: 5,
      clock,
    });
    const samePool = takeMany(
      () => rl.take('cognito-idp', 'DescribeUserPoolClient', { region: 'eu-west-1', userPoolId: 'eu-west-1_A' }),
      clock,
      3,
    );
    const otherPool = takeMany(
      () => rl.take('cognito-idp', 'DescribeUserPoolClient', { region: 'eu-west-1', userPoolId: 'eu-west-1_B' }),
      clock,
      1,
    );
    const otherOperation = takeMany(
      () => rl.take('cognito-idp', 'ListUserPoolClients', { region: 'eu-west-1', userPoolId: 'eu-west-1_A' }),
      clock,
      1,
    );
    await clock.advance(1000);
    expect(samePool.map((r) => r.at)).toEqual([0, 200, 400]);
    expect(otherPool.map((r) => r.at)).toEqual([10]); // waits only for the shared category bucket
    expect(otherOperation.map((r) => r.at)).toEqual([20]);
  });

  it('does not cap UserPoolRead per pool: AWS does not', async () => {
    const clock = new FakeClock();
    const rl = new OperationRateLimiter({ perUserPoolOperationRps: 1, clock });
    const resolved = takeMany(
      () => rl.take('cognito-idp', 'DescribeUserPool', { userPoolId: 'eu-west-1_A' }),
      clock,
      3,
    );
    await clock.advance(1000);
    expect(resolved.every((r) => r.at < 1000)).toBe(true);
    expect(rl.poolBucketCount).toBe(0);
  });

  it('sweeps idle per-pool buckets once there are many', async () => {
    const clock = new FakeClock();
    const rl = new OperationRateLimiter({ maxIdleBuckets: 3, clock });
    for (const pool of ['a', 'b', 'c']) {
      const taken = rl.take('cognito-idp', 'DescribeUserPoolClient', { userPoolId: pool });
      await clock.advance(100); // the category's next token
      await taken;
    }
    expect(rl.poolBucketCount).toBe(3);
    await clock.advance(1000);
    await rl.take('cognito-idp', 'DescribeUserPoolClient', { userPoolId: 'd' });
    expect(rl.poolBucketCount).toBe(1);
  });

  it('sends unmapped operations through the Default bucket', async () => {
    const clock = new FakeClock();
    const rl = limiter(clock, { Default: 2 });
    const resolved = takeMany(() => rl.take('cognito-idp', 'AdminGetUser'), clock, 3);
    await clock.advance(1000);
    expect(resolved.map((r) => r.at)).toEqual([0, 500, 1000]);
    expect(rl.categoryBucket('', 'Default').ratePerSecond).toBe(2);
  });

  it.each([
    { category: 'UserPoolRead', service: 'cognito-idp', operation: 'DescribeUserPool' },
    { category: 'UserPoolResourceRead', service: 'cognito-idp', operation: 'GetUserPoolMfaConfig' },
    { category: 'IdentityPoolRead', service: 'cognito-identity', operation: 'DescribeIdentityPool' },
  ] as const)('sustains all of the $category quota by default and never exceeds it in any second', async ({ category, service, operation }) => {
    const clock = new FakeClock();
    const rl = new OperationRateLimiter({ clock });
    const quota = DEFAULT_RATE_LIMITS[category];
    const calls = 10 * quota;
    const sent = takeMany(() => rl.take(service, operation, { region: 'eu-west-1' }), clock, calls);
    await clock.advance(20_000);
    const at = sent.map((r) => r.at);
    // Ten seconds' worth of calls in ten seconds (a millisecond a call for the timer's rounding).
    expect(at[calls - 1]).toBeLessThanOrEqual(((calls - 1) * 1000) / quota + calls);
    const busiestSecond = Math.max(...at.map((start) => at.filter((t) => t >= start && t < start + 1000).length));
    expect(busiestSecond).toBe(quota);
  });
});

describe('workersForQuotas', () => {
  const at = (scale: number) => resolveRateLimitOptions({ scale }).rates;
  it.each([
    { name: 'the default quotas: the fastest, UserPoolResourceRead 20', rates: at(RATE_LIMIT_DEFAULTS.scale), want: 20 },
    { name: 'quotas scaled to a tenth: never fewer than 2', rates: at(0.1), want: 2 },
    { name: 'quotas lifted a hundredfold: never more than 64', rates: at(100), want: 64 },
    { name: 'a fractional rate rounds up', rates: resolveRateLimitOptions({ scale: 1, rates: { UserPoolResourceRead: 20.5 } }).rates, want: 21 },
  ])('$name → $want', ({ rates, want }) => {
    expect(workersForQuotas(rates)).toBe(want);
  });
});
