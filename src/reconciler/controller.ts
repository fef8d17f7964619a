/**
 * One kind's controller: informers feed a work queue, workers run the managed reconciler, and
 * each outcome decides when the key comes back (resync with jitter, backoff, a fixed delay).
 */
import type { Logger } from 'pino';
import { Annotation } from '../api/group';
import type { KubeApi } from '../kube/client';
import { Informer } from '../kube/informer';
import type { CustomObject } from '../kube/objects';
import { asCustomObject, objectKey, splitKey } from '../kube/objects';
import type { CommonSpec, ManagedKind } from './kind';
import type { ManagedReconciler, Outcome } from './managed';
import { WorkQueue } from './queue';
import type { QueueHooks, Timers } from './queue';
import type { RateLimiter } from './rate-limiter';
import { defaultRateLimiter } from './rate-limiter';

export interface ControllerMetrics {
  reconciled(kind: string, result: 'success' | 'error' | 'requeue' | 'requeue_after', seconds: number): void;
  queueDepth(kind: string, depth: number): void;
  /** The kind runs `max` workers. */
  workers?(kind: string, max: number): void;
  /** A worker took an item (+1) or finished it (-1). */
  working?(kind: string, delta: 1 | -1): void;
  queueHooks?(kind: string): QueueHooks<string>;
}

export interface ControllerOptions {
  api: KubeApi;
  logger: Logger;
  /** Namespaces to watch; all when empty. */
  namespaces: readonly string[];
  resyncIntervalMs: number;
  workers: number;
  metrics?: ControllerMetrics;
  rateLimiter?: RateLimiter<string>;
  timers?: Timers;
  random?: () => number;
  /** Every change the informer sees, status-only ones included (for the dependents index). */
  onChange?(kind: string, obj: CustomObject, change: 'upsert' | 'delete'): void;
  /** The AWS account a namespace's objects use: workers take accounts in turn. */
  accountLaneOf?(namespace: string): string;
}

/** ±10 % so that objects created together do not resync together. */
export function jittered(ms: number, random: () => number = Math.random): number {
  return Math.round(ms * (0.9 + 0.2 * random()));
}

/**
 * Which watch events need a reconcile: new objects, spec changes (generation), annotation
 * changes (adoption, reconcile-requested-at) and deletion. Status-only writes, our own
 * included, do not; nor does the external-id this process wrote itself after a create (the
 * pass that wrote it goes on to finish the job).
 */
export function needsReconcile(obj: CustomObject, old: CustomObject | undefined, wroteExternalId: (obj: CustomObject) => boolean = () => false): boolean {
  if (!old) return true;
  if (obj.metadata.generation !== old.metadata.generation) return true;
  if (obj.metadata.deletionTimestamp !== old.metadata.deletionTimestamp) return true;
  const annotation = (o: CustomObject, a: string) => o.metadata.annotations[a];
  if (annotation(obj, Annotation.reconcileRequestedAt) !== annotation(old, Annotation.reconcileRequestedAt)) return true;
  if (annotation(obj, Annotation.rotateSecretRequestedAt) !== annotation(old, Annotation.rotateSecretRequestedAt)) return true;
  return annotation(obj, Annotation.externalId) !== annotation(old, Annotation.externalId) && !wroteExternalId(obj);
}

export class Controller<Spec extends CommonSpec, Outputs, Refs = undefined> {
  readonly queue: WorkQueue<string>;
  private readonly informers: Informer[];
  private workers: Promise<void>[] = [];
  private readonly kindName: string;

  constructor(
    readonly kind: ManagedKind<Spec, Outputs, Refs>,
    private readonly reconciler: ManagedReconciler<Spec, Outputs, Refs>,
    private readonly opts: ControllerOptions,
  ) {
    this.kindName = kind.resource.kind;
    const laneOf = opts.accountLaneOf;
    this.queue = new WorkQueue<string>(opts.rateLimiter ?? defaultRateLimiter(), opts.timers, opts.metrics?.queueHooks?.(this.kindName), {
      ...(laneOf ? { laneOf: (key: string) => laneOf(splitKey(key).namespace) } : {}),
    });
    const namespaces = opts.namespaces.length > 0 ? opts.namespaces : [undefined];
    this.informers = namespaces.map(
      (namespace) =>
        new Informer({
          api: opts.api,
          narrow: asCustomObject,
          resource: kind.resource,
          namespace,
          logger: opts.logger,
          handlers: {
            onUpsert: (obj, old) => {
              reconciler.observed(obj);
              opts.onChange?.(this.kindName, obj, 'upsert');
              if (needsReconcile(obj, old, (o) => reconciler.wroteExternalId(o))) this.enqueue(obj);
            },
            onDelete: (obj) => {
              reconciler.removed(obj);
              opts.onChange?.(this.kindName, obj, 'delete');
            },
          },
        }),
    );
  }

  /** Looks an object up in the cache. */
  get(namespace: string, name: string): CustomObject | undefined {
    for (const informer of this.informers) {
      const obj = informer.get(namespace, name);
      if (obj) return obj;
    }
    return undefined;
  }

  list(): CustomObject[] {
    return this.informers.flatMap((i) => i.list());
  }

  enqueue(obj: CustomObject): void {
    this.queue.add(objectKey(obj.metadata.namespace, obj.metadata.name));
  }

  /** Starts the informers; resolves once their caches hold a full list. */
  async startInformers(): Promise<void> {
    for (const informer of this.informers) informer.start();
    await Promise.all(this.informers.map((i) => i.synced));
  }

  /**
   * Starts the workers. Call once every kind's informers have synced: a reconcile reads other
   * kinds' caches (references), and an unfilled cache would look like a missing object.
   */
  startWorkers(): void {
    this.opts.metrics?.workers?.(this.kindName, this.opts.workers);
    this.workers = Array.from({ length: this.opts.workers }, () => this.work());
  }

  async stop(): Promise<void> {
    this.queue.shutDown();
    await Promise.all(this.informers.map((i) => i.stop()));
    await Promise.all(this.workers);
  }

  private async work(): Promise<void> {
    for (;;) {
      const key = await this.queue.get();
      if (key === undefined) return;
      this.opts.metrics?.working?.(this.kindName, 1);
      try {
        await this.process(key);
      } finally {
        this.opts.metrics?.working?.(this.kindName, -1);
        this.queue.done(key);
        this.opts.metrics?.queueDepth(this.kindName, this.queue.length);
      }
    }
  }

  private async process(key: string): Promise<void> {
    const { namespace, name } = splitKey(key);
    const obj = this.get(namespace, name);
    if (!obj) {
      this.queue.forget(key);
      return;
    }
    const started = process.hrtime.bigint();
    const outcome = await this.reconciler.reconcile(obj);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    this.schedule(key, outcome, seconds);
  }

  private schedule(key: string, outcome: Outcome, seconds: number): void {
    const metrics = this.opts.metrics;
    switch (outcome.next) {
      case 'resync':
        this.queue.forget(key);
        this.queue.addAfter(key, Math.min(jittered(this.opts.resyncIntervalMs, this.opts.random), outcome.within ?? Infinity));
        metrics?.reconciled(this.kindName, outcome.failed ? 'error' : 'success', seconds);
        return;
      case 'wait':
        this.queue.forget(key);
        metrics?.reconciled(this.kindName, 'success', seconds);
        return;
      case 'backoff':
        this.queue.addRateLimited(key);
        metrics?.reconciled(this.kindName, 'error', seconds);
        return;
      case 'after':
        this.queue.addAfter(key, outcome.ms);
        metrics?.reconciled(this.kindName, 'requeue_after', seconds);
        return;
      default: {
        const unreachable: never = outcome;
        throw new Error(`unknown outcome ${JSON.stringify(unreachable)}`);
      }
    }
  }
}
