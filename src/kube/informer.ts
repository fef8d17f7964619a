/**
 * A cache of one kind's objects kept current by list + watch. It survives whatever the watch
 * does: a closed stream is resumed from the last resourceVersion, `410 Gone` (history compacted)
 * re-lists, and errors (an API server restart) are retried with capped exponential backoff.
 */
import type { Logger } from 'pino';
import type { KubeApi, WatchEvent } from './client';
import { kubeErrorStatus } from './client';
import type { CustomObject, ResourceRef } from './objects';
import { isRecord, objectKey } from './objects';

/** What a cache keys objects by. */
export interface Cached {
  metadata: { name: string; namespace?: string; resourceVersion: string };
}

export interface InformerHandlers<T extends Cached = CustomObject> {
  /** An object appeared or changed (also called for each object on every re-list). */
  onUpsert(obj: T, old: T | undefined): void;
  onDelete(obj: T): void;
}

/** The list and watch calls of KubeApi, for objects narrowed to T. */
export interface ListWatch<T extends Cached> {
  list(resource: ResourceRef, scope: Parameters<KubeApi['list']>[1]): Promise<{ items: T[]; resourceVersion: string }>;
  watch: KubeApi['watch'];
}

export interface InformerOptions<T extends Cached = CustomObject> {
  api: ListWatch<T>;
  /** Narrows a watched object to what the cache keeps (drops what is never read). */
  narrow: (value: unknown) => T;
  resource: ResourceRef;
  /** One namespace, or all when undefined. */
  namespace?: string;
  /** Only objects matching this field selector (one Secret: `metadata.name=x`). */
  fieldSelector?: string;
  handlers: InformerHandlers<T>;
  logger: Logger;
  /** Injected for tests. */
  delay?: (ms: number) => Promise<void>;
  backoffInitialMs?: number;
  backoffMaxMs?: number;
}

/** The watch history the server kept is gone: list again. */
class ResourceExpired extends Error {}

const defaultDelay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class Informer<T extends Cached = CustomObject> {
  private readonly cache = new Map<string, T>();
  private resourceVersion = '';
  private stopped = false;
  private stopWatch: () => void = () => undefined;
  /** Ends the backoff wait in progress, so stop() never waits out a retry delay. */
  private wakeFromBackoff: () => void = () => undefined;
  private loop: Promise<void> = Promise.resolve();
  private syncedOnce: () => void = () => undefined;
  /** Resolves after the first complete list. */
  readonly synced = new Promise<void>((resolve) => (this.syncedOnce = resolve));
  private attemptedOnce: () => void = () => undefined;
  /** Resolves after the first list, whether it succeeded or failed (it is retried either way). */
  readonly attempted = new Promise<void>((resolve) => (this.attemptedOnce = resolve));

  constructor(private readonly opts: InformerOptions<T>) {}

  get(namespace: string, name: string): T | undefined {
    return this.cache.get(objectKey(namespace, name));
  }

  list(): T[] {
    return [...this.cache.values()];
  }

  start(): void {
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.stopWatch();
    this.wakeFromBackoff();
    await this.loop;
  }

  private scope() {
    return { namespace: this.opts.namespace, fieldSelector: this.opts.fieldSelector };
  }

  private async run(): Promise<void> {
    const { delay = defaultDelay, backoffInitialMs = 500, backoffMaxMs = 30_000 } = this.opts;
    let failures = 0;
    while (!this.stopped) {
      try {
        if (this.resourceVersion === '') await this.relist();
        await this.watchOnce();
        failures = 0;
      } catch (err) {
        if (this.stopped) break;
        if (err instanceof ResourceExpired || kubeErrorStatus(err) === 410) {
          this.opts.logger.info({ resource: this.opts.resource.plural }, 'watch history expired; listing again');
          this.resourceVersion = '';
          continue;
        }
        this.attemptedOnce();
        failures++;
        const waitMs = Math.min(backoffMaxMs, backoffInitialMs * 2 ** (failures - 1));
        this.opts.logger.warn({ err, resource: this.opts.resource.plural, retryInMs: waitMs }, 'cannot list or watch; retrying');
        await Promise.race([delay(waitMs), new Promise<void>((resolve) => (this.wakeFromBackoff = resolve))]);
      }
    }
  }

  /** Replaces the cache with a fresh list, reporting what changed while we were not watching. */
  private async relist(): Promise<void> {
    const { items, resourceVersion } = await this.opts.api.list(this.opts.resource, this.scope());
    const fresh = new Map(items.map((o) => [objectKey(o.metadata.namespace ?? '', o.metadata.name), o]));
    for (const [key, old] of this.cache) {
      if (!fresh.has(key)) {
        this.cache.delete(key);
        this.opts.handlers.onDelete(old);
      }
    }
    for (const [key, obj] of fresh) {
      const old = this.cache.get(key);
      this.cache.set(key, obj);
      this.opts.handlers.onUpsert(obj, old);
    }
    this.resourceVersion = resourceVersion;
    this.syncedOnce();
    this.attemptedOnce();
  }

  private async watchOnce(): Promise<void> {
    // Set when an event ends this watch; the stream is stopped and the loop decides what next.
    let ended: Error | undefined;
    const watch = await this.opts.api.watch(this.opts.resource, this.scope(), this.resourceVersion, (event) => {
      if (ended) return;
      try {
        this.apply(event);
      } catch (err) {
        ended = err instanceof Error ? err : new Error(String(err));
        this.stopWatch();
      }
    });
    this.stopWatch = watch.stop;
    // stop() came while the watch was being opened: it stopped the previous one, not this.
    if (this.stopped) watch.stop();
    try {
      await watch.done;
    } catch (err) {
      if (!ended) throw err;
    }
    if (ended) throw ended;
  }

  private apply(event: WatchEvent): void {
    if (event.type === 'ERROR') {
      const code = isRecord(event.object) ? event.object.code : undefined;
      if (code === 410) throw new ResourceExpired();
      throw new Error(`watch error: ${JSON.stringify(event.object)}`);
    }
    if (event.type === 'BOOKMARK') {
      const meta = isRecord(event.object) && isRecord(event.object.metadata) ? event.object.metadata : {};
      if (typeof meta.resourceVersion === 'string') this.resourceVersion = meta.resourceVersion;
      return;
    }
    const obj = this.opts.narrow(event.object);
    const key = objectKey(obj.metadata.namespace ?? '', obj.metadata.name);
    this.resourceVersion = obj.metadata.resourceVersion;
    if (event.type === 'DELETED') {
      this.cache.delete(key);
      this.opts.handlers.onDelete(obj);
    } else {
      const old = this.cache.get(key);
      this.cache.set(key, obj);
      this.opts.handlers.onUpsert(obj, old);
    }
  }
}
