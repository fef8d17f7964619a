/**
 * A work queue of keys (client-go's workqueue): a key is never handed to two workers at once,
 * and a key added while it is being worked is worked again once, afterwards.
 */
import type { RateLimiter } from './rate-limiter';

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms).unref(),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface QueueHooks<K> {
  /** The item became dirty (a worker will take it once it is free and its turn comes). */
  onAdd?(item: K): void;
  onRetry?(item: K): void;
  /** A worker took the item (after onAdd: the time between is the item's wait in the queue). */
  onGet?(item: K): void;
}

export interface QueueOptions<K> {
  /**
   * The lane of an item (its AWS account): get() takes from the lane served least recently, so
   * a lane with many items (one busy account) cannot keep another's waiting behind them.
   */
  laneOf?(item: K): string;
}

export class WorkQueue<K> {
  /** Items that need work. */
  private readonly dirty = new Set<K>();
  /** Items a worker holds right now. */
  private readonly processing = new Set<K>();
  /** Dirty items not being processed, in order; each appears once. */
  private readonly queue: K[] = [];
  /** Delayed adds, at most one per item. */
  private readonly waiting = new Map<K, unknown>();
  /** Workers blocked in get(). */
  private readonly getters: ((item: K | undefined) => void)[] = [];
  private shuttingDown = false;
  /** When each lane was last handed an item (a counter, not a clock). */
  private readonly servedAt = new Map<string, number>();
  private served = 0;

  constructor(
    private readonly limiter: RateLimiter<K>,
    private readonly timers: Timers = realTimers,
    private readonly hooks: QueueHooks<K> = {},
    private readonly options: QueueOptions<K> = {},
  ) {}

  add(item: K): void {
    if (this.shuttingDown || this.dirty.has(item)) return;
    this.hooks.onAdd?.(item);
    this.dirty.add(item);
    if (!this.processing.has(item)) this.enqueue(item);
  }

  /** Adds the item after `ms`, replacing any delayed add of it already pending. */
  addAfter(item: K, ms: number): void {
    if (this.shuttingDown) return;
    this.cancelDelayed(item);
    if (ms <= 0) return this.add(item);
    this.waiting.set(item, this.timers.setTimeout(() => {
      this.waiting.delete(item);
      this.add(item);
    }, ms));
  }

  /** Retries the item after its backoff. */
  addRateLimited(item: K): void {
    this.hooks.onRetry?.(item);
    this.addAfter(item, this.limiter.when(item));
  }

  /** The item succeeded: its next failure starts the backoff over. */
  forget(item: K): void {
    this.limiter.forget(item);
  }

  retries(item: K): number {
    return this.limiter.retries(item);
  }

  /** Waits for an item; undefined once the queue shuts down. Call done(item) when finished. */
  get(): Promise<K | undefined> {
    if (this.shuttingDown) return Promise.resolve(undefined);
    const item = this.takeNext();
    if (item !== undefined) {
      this.dirty.delete(item);
      this.processing.add(item);
      this.hooks.onGet?.(item);
      return Promise.resolve(item);
    }
    return new Promise((resolve) => this.getters.push(resolve));
  }

  done(item: K): void {
    this.processing.delete(item);
    if (this.dirty.has(item)) this.enqueue(item);
  }

  /** Items waiting to be worked (not counting delayed ones). */
  get length(): number {
    return this.queue.length;
  }

  shutDown(): void {
    this.shuttingDown = true;
    for (const handle of this.waiting.values()) this.timers.clearTimeout(handle);
    this.waiting.clear();
    for (const getter of this.getters.splice(0)) getter(undefined);
  }

  /** A dirty item goes to a waiting worker, or to the end of the queue. */
  private enqueue(item: K): void {
    const getter = this.getters.shift();
    if (!getter) {
      this.queue.push(item);
      return;
    }
    this.dirty.delete(item);
    this.processing.add(item);
    this.hooks.onGet?.(item);
    getter(item);
  }

  /** The first queued item of the lane served least recently (the first item without lanes). */
  private takeNext(): K | undefined {
    const laneOf = this.options.laneOf;
    if (!laneOf || this.queue.length <= 1) return this.markServed(this.queue.shift());
    let best = 0;
    let bestServedAt = Infinity;
    const seen = new Set<string>();
    for (let i = 0; i < this.queue.length; i++) {
      const lane = laneOf(this.queue[i] as K);
      if (seen.has(lane)) continue;
      seen.add(lane);
      const at = this.servedAt.get(lane) ?? -1;
      if (at < bestServedAt) [best, bestServedAt] = [i, at];
      if (at === -1) break;
    }
    return this.markServed(this.queue.splice(best, 1)[0]);
  }

  private markServed(item: K | undefined): K | undefined {
    if (item !== undefined && this.options.laneOf) this.servedAt.set(this.options.laneOf(item), ++this.served);
    return item;
  }

  private cancelDelayed(item: K): void {
    const handle = this.waiting.get(item);
    if (handle === undefined) return;
    this.timers.clearTimeout(handle);
    this.waiting.delete(item);
  }
}
