/**
 * This process's writes to its objects, as the API server answered them, kept until the cache
 * shows them. A watch event comes after the write it reports, by seconds on a busy API server,
 * and a pass that starts on the older cached copy in the meantime would repeat a status write,
 * or send the finalizer's compare-and-swap with a stale resourceVersion and get 409 and a
 * backoff. Such a pass works on the answer instead.
 *
 * Only a resourceVersion one of these writes replaced counts as older. Any other is a newer write
 * by someone else and is used as it is. resourceVersions are compared for equality only: the API
 * conventions make them opaque.
 */
import type { CustomObject } from '../kube/objects';

interface Written {
  /** The resourceVersions this process's writes replaced since the cache last caught up. */
  replaced: Set<string>;
  /** The API server's answer to the newest write. */
  latest: CustomObject;
}

export class OwnWrites {
  private readonly byUid = new Map<string, Written>();

  /** A write this process made: it replaced resourceVersion `before` with `written`. */
  wrote(before: string, written: CustomObject): void {
    const entry = this.byUid.get(written.metadata.uid);
    if (entry === undefined) {
      this.byUid.set(written.metadata.uid, { replaced: new Set([before]), latest: written });
      return;
    }
    entry.replaced.add(before);
    entry.latest = written;
  }

  /** The copy a pass should work on: the newest answer when `cached` is a version it replaced. */
  current(cached: CustomObject): CustomObject {
    const entry = this.byUid.get(cached.metadata.uid);
    return entry?.replaced.has(cached.metadata.resourceVersion) ? entry.latest : cached;
  }

  /** A copy the cache now holds: one no write of ours replaced means the cache has caught up. */
  seen(obj: CustomObject): void {
    const entry = this.byUid.get(obj.metadata.uid);
    if (entry !== undefined && !entry.replaced.has(obj.metadata.resourceVersion)) this.byUid.delete(obj.metadata.uid);
  }

  forget(uid: string): void {
    this.byUid.delete(uid);
  }

  /** Objects whose newest write the cache does not show yet. */
  get size(): number {
    return this.byUid.size;
  }
}
