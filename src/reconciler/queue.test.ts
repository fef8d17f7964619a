import { WorkQueue } from './queue';
import type { Timers } from './queue';
import { BucketRateLimiter, ItemExponentialRateLimiter, MaxOfRateLimiter } from './rate-limiter';

/** Timers that fire only when the test advances time. */
function fakeTimers() {
  let now = 0;
  let next = 0;
  const pending = new Map<number, { at: number; fn: () => void }>();
  const timers: Timers = {
    setTimeout: (fn, ms) => {
      pending.set(++next, { at: now + ms, fn });
      return next;
    },
    clearTimeout: (handle) => pending.delete(handle as number),
  };
  const advance = (ms: number) => {
    now += ms;
    for (const [id, t] of [...pending].sort((a, b) => a[1].at - b[1].at)) {
      if (t.at <= now) {
        pending.delete(id);
        t.fn();
      }
    }
  };
  return { timers, advance, pendingCount: () => pending.size };
}

const noDelay = () => new ItemExponentialRateLimiter<string>(0, 0);

describe('WorkQueue', () => {
  it('hands out each key once however often it is added', async () => {
    const q = new WorkQueue<string>(noDelay());
    q.add('a');
    q.add('b');
    q.add('a');
    expect(q.length).toBe(2);
    expect(await q.get()).toBe('a');
    expect(await q.get()).toBe('b');
    expect(q.length).toBe(0);
  });

  it('tells its hooks when a key becomes dirty and when a worker takes it, queued or awaited', async () => {
    const events: string[] = [];
    const q = new WorkQueue<string>(noDelay(), undefined, { onAdd: (k) => events.push(`add ${k}`), onGet: (k) => events.push(`get ${k}`) });
    q.add('a');
    expect(await q.get()).toBe('a');
    const waiting = q.get();
    q.add('b');
    expect(await waiting).toBe('b');
    // Added again while a worker holds it: taken again only after done.
    q.add('a');
    q.done('a');
    expect(await q.get()).toBe('a');
    expect(events).toEqual(['add a', 'get a', 'add b', 'get b', 'add a', 'get a']);
  });

  it('takes lanes in turn: a lane with many keys does not keep another waiting', async () => {
    const q = new WorkQueue<string>(noDelay(), undefined, {}, { laneOf: (key) => key.split('/')[0] ?? '' });
    for (let i = 0; i < 5; i++) q.add(`busy/${i}`);
    q.add('quiet/only');
    const order: string[] = [];
    while (q.length > 0) {
      const key = (await q.get()) ?? '';
      order.push(key);
      q.done(key);
    }
    expect(order.slice(0, 2)).toEqual(['busy/0', 'quiet/only']);
    expect(order.slice(2)).toEqual(['busy/1', 'busy/2', 'busy/3', 'busy/4']);
  });

  it('never gives a key to two workers: an add during processing waits for done', async () => {
    const q = new WorkQueue<string>(noDelay());
    q.add('a');
    const item = await q.get();
    q.add('a');
    expect(q.length).toBe(0);
    q.done(item ?? '');
    expect(q.length).toBe(1);
    expect(await q.get()).toBe('a');
  });

  it('wakes a waiting worker', async () => {
    const q = new WorkQueue<string>(noDelay());
    const waiting = q.get();
    q.add('x');
    expect(await waiting).toBe('x');
  });

  it('addAfter delays and keeps only the latest delay per key', () => {
    const { timers, advance, pendingCount } = fakeTimers();
    const q = new WorkQueue<string>(noDelay(), timers);
    q.addAfter('a', 1000);
    q.addAfter('a', 5000);
    expect(pendingCount()).toBe(1);
    advance(1000);
    expect(q.length).toBe(0);
    advance(4000);
    expect(q.length).toBe(1);
  });

  it('retries with per-item exponential backoff, reset by forget', async () => {
    const { timers, advance } = fakeTimers();
    const q = new WorkQueue<string>(new ItemExponentialRateLimiter(1000, 8000), timers);
    const delays: number[] = [];
    for (let i = 0; i < 5; i++) {
      q.addRateLimited('a');
      let waited = 0;
      while (q.length === 0 && waited < 60_000) {
        advance(500);
        waited += 500;
      }
      delays.push(waited);
      q.done((await q.get()) ?? '');
    }
    expect(delays).toEqual([1000, 2000, 4000, 8000, 8000]);
    expect(q.retries('a')).toBe(5);
    q.forget('a');
    expect(q.retries('a')).toBe(0);
  });

  it('returns undefined to workers after shutdown', async () => {
    const q = new WorkQueue<string>(noDelay());
    const waiting = q.get();
    q.shutDown();
    expect(await waiting).toBeUndefined();
    q.add('a');
    expect(await q.get()).toBeUndefined();
  });
});

describe('rate limiters', () => {
  it('bucket allows the burst, then spaces retries at the rate', () => {
    let now = 0;
    const bucket = new BucketRateLimiter<string>(10, 2, () => now);
    expect([bucket.when('a'), bucket.when('b'), bucket.when('c')]).toEqual([0, 0, 100]);
    now = 1000;
    expect(bucket.when('d')).toBe(0);
  });

  it('max-of takes the longer delay', () => {
    let now = 0;
    const limiter = new MaxOfRateLimiter<string>(new ItemExponentialRateLimiter(1000, 60_000), new BucketRateLimiter(1, 1, () => now));
    expect(limiter.when('a')).toBe(1000);
    expect(limiter.when('a')).toBe(2000);
    now = 0;
    expect(limiter.when('b')).toBe(2000);
  });
});
