/**
 * How long an item waits before its next retry (client-go's default_rate_limiters.go): the
 * longer of a per-item exponential backoff and a token bucket shared by all items.
 */

export interface RateLimiter<K> {
  /** Delay before `item` is retried; each call counts as one more failure. */
  when(item: K): number;
  /** The item succeeded: start its backoff over. */
  forget(item: K): void;
  /** Failures counted since the last forget. */
  retries(item: K): number;
}

/** base × 2^failures, capped. */
export class ItemExponentialRateLimiter<K> implements RateLimiter<K> {
  private readonly failures = new Map<K, number>();

  constructor(
    private readonly baseMs: number,
    private readonly maxMs: number,
  ) {}

  when(item: K): number {
    const n = this.failures.get(item) ?? 0;
    this.failures.set(item, n + 1);
    return Math.min(this.maxMs, this.baseMs * 2 ** n);
  }

  forget(item: K): void {
    this.failures.delete(item);
  }

  retries(item: K): number {
    return this.failures.get(item) ?? 0;
  }
}

/** A token bucket over all items: `ratePerSecond` retries on average, `burst` at once. */
export class BucketRateLimiter<K> implements RateLimiter<K> {
  private tokens: number;
  private last: number;

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = burst;
    this.last = now();
  }

  when(_item: K): number {
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) / 1000) * this.ratePerSecond);
    this.last = t;
    this.tokens -= 1;
    return this.tokens >= 0 ? 0 : Math.ceil((-this.tokens / this.ratePerSecond) * 1000);
  }

  forget(_item: K): void {}

  retries(_item: K): number {
    return 0;
  }
}

export class MaxOfRateLimiter<K> implements RateLimiter<K> {
  private readonly limiters: RateLimiter<K>[];

  constructor(...limiters: RateLimiter<K>[]) {
    this.limiters = limiters;
  }

  when(item: K): number {
    return Math.max(0, ...this.limiters.map((l) => l.when(item)));
  }

  forget(item: K): void {
    for (const l of this.limiters) l.forget(item);
  }

  retries(item: K): number {
    return Math.max(0, ...this.limiters.map((l) => l.retries(item)));
  }
}

/**
 * Retries from 1 s doubling to 30 s per item, and no more than 10 a second overall: an object
 * recovers within a minute of AWS recovering, while the overall bucket (and the AWS rate limiter)
 * keeps a long outage from turning into a storm of calls.
 */
export function defaultRateLimiter<K>(now?: () => number): RateLimiter<K> {
  return new MaxOfRateLimiter<K>(new ItemExponentialRateLimiter<K>(1000, 30_000), new BucketRateLimiter<K>(10, 100, now));
}
