/**
 * Leader election through a coordination.k8s.io Lease, as client-go's leaderelection does it:
 * the leader renews the Lease every retry period; the others take it once it has not changed
 * for a whole lease duration (judged by their own clock from when they last saw it change, so
 * clock skew between nodes does not matter). A leader that cannot renew within the renew
 * deadline stops leading; on a clean shutdown it releases the Lease so another takes over at once.
 */
import type { Logger } from 'pino';
import { collectionPath, isConflict, isNotFound, objectPath } from './client';
import type { KubeConnection } from './connections';

/** The parts of a coordination.k8s.io/v1 Lease the election reads and writes. */
export interface Lease {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; namespace?: string; resourceVersion?: string; [key: string]: unknown };
  spec?: {
    holderIdentity?: string;
    leaseDurationSeconds?: number;
    acquireTime?: string;
    renewTime?: string;
    leaseTransitions?: number;
    [key: string]: unknown;
  };
}

/** The Lease calls the election makes. */
export interface LeaseApi {
  readNamespacedLease(args: { namespace: string; name: string }): Promise<Lease>;
  createNamespacedLease(args: { namespace: string; body: Lease }): Promise<unknown>;
  replaceNamespacedLease(args: { namespace: string; name: string; body: Lease }): Promise<unknown>;
}

const LeaseResource = { group: 'coordination.k8s.io', version: 'v1', plural: 'leases' };

export function leaseApi(http: KubeConnection): LeaseApi {
  const body = (lease: Lease): Lease => ({ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', ...lease });
  return {
    readNamespacedLease: async ({ namespace, name }) => (await http.request('GET', objectPath(LeaseResource, namespace, name))) as Lease,
    createNamespacedLease: ({ namespace, body: lease }) => http.request('POST', collectionPath(LeaseResource, namespace), { body: body(lease) }),
    replaceNamespacedLease: ({ namespace, name, body: lease }) => http.request('PUT', objectPath(LeaseResource, namespace, name), { body: body(lease) }),
  };
}

/** A Lease time: RFC 3339 with microseconds (a plain Date's milliseconds are rejected). */
export function microTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, -1) + '000Z';
}

export interface LeaderElectionOptions {
  api: LeaseApi;
  namespace: string;
  name: string;
  identity: string;
  logger: Logger;
  leaseDurationMs?: number;
  renewDeadlineMs?: number;
  retryPeriodMs?: number;
  /** Injected for tests. */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

const defaults = { leaseDurationMs: 15_000, renewDeadlineMs: 10_000, retryPeriodMs: 2_000 };

export class LeaderElector {
  private readonly o: Required<Omit<LeaderElectionOptions, 'logger' | 'api'>> & Pick<LeaderElectionOptions, 'logger' | 'api'>;
  /** The lease as last seen, and when (our clock) it last changed. */
  private observed: { holder: string; renewTime: string; at: number } | undefined;
  private stopped = false;
  private leading = false;

  constructor(options: LeaderElectionOptions) {
    this.o = { ...defaults, now: Date.now, sleep: (ms) => new Promise((r) => setTimeout(r, ms)), ...options };
  }

  get isLeader(): boolean {
    return this.leading;
  }

  /** Resolves once this process holds the Lease (or never, if stopped first). */
  async acquire(): Promise<boolean> {
    this.o.logger.info({ lease: `${this.o.namespace}/${this.o.name}`, identity: this.o.identity }, 'waiting to become leader');
    while (!this.stopped) {
      if (await this.tryAcquireOrRenew()) {
        this.leading = true;
        this.o.logger.info({ identity: this.o.identity }, 'became leader');
        return true;
      }
      await this.o.sleep(this.jittered(this.o.retryPeriodMs));
    }
    return false;
  }

  /** Renews until a renewal fails for longer than the renew deadline; then resolves (leadership lost). */
  async holdUntilLost(): Promise<void> {
    let lastRenewal = this.o.now();
    while (!this.stopped) {
      await this.o.sleep(this.o.retryPeriodMs);
      if (this.stopped) return;
      if (await this.tryAcquireOrRenew()) {
        lastRenewal = this.o.now();
      } else if (this.o.now() - lastRenewal > this.o.renewDeadlineMs) {
        this.leading = false;
        this.o.logger.error({ identity: this.o.identity }, 'lost leadership: could not renew the lease in time');
        return;
      }
    }
  }

  /** Stops trying; a leader gives the Lease up so a standby can take over without waiting. */
  async release(): Promise<void> {
    this.stopped = true;
    if (!this.leading) return;
    this.leading = false;
    try {
      const lease = await this.read();
      if (lease?.spec?.holderIdentity !== this.o.identity) return;
      await this.o.api.replaceNamespacedLease({
        namespace: this.o.namespace,
        name: this.o.name,
        body: { ...lease, spec: { ...lease.spec, holderIdentity: undefined, leaseDurationSeconds: 1, renewTime: microTime(this.o.now()) } },
      });
      this.o.logger.info('released the leader lease');
    } catch (err) {
      this.o.logger.warn({ err }, 'cannot release the leader lease; another replica takes over when it expires');
    }
  }

  private async read(): Promise<Lease | undefined> {
    try {
      return await this.o.api.readNamespacedLease({ namespace: this.o.namespace, name: this.o.name });
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  private async tryAcquireOrRenew(): Promise<boolean> {
    const now = this.o.now();
    const mine = { holderIdentity: this.o.identity, leaseDurationSeconds: Math.ceil(this.o.leaseDurationMs / 1000), renewTime: microTime(now) };
    try {
      const lease = await this.read();
      if (!lease) {
        await this.o.api.createNamespacedLease({
          namespace: this.o.namespace,
          body: { metadata: { name: this.o.name, namespace: this.o.namespace }, spec: { ...mine, acquireTime: microTime(now), leaseTransitions: 0 } },
        });
        return true;
      }
      const spec = lease.spec ?? {};
      const holder = spec.holderIdentity ?? '';
      this.observe(holder, String(spec.renewTime ?? ''), now);
      const heldByOther = holder !== '' && holder !== this.o.identity;
      const durationMs = (spec.leaseDurationSeconds ?? 0) * 1000;
      if (heldByOther && this.observed && now - this.observed.at < durationMs) return false;
      const transition = holder !== this.o.identity;
      await this.o.api.replaceNamespacedLease({
        namespace: this.o.namespace,
        name: this.o.name,
        // metadata.resourceVersion makes this a compare-and-swap: two candidates cannot both win.
        body: {
          ...lease,
          spec: {
            ...spec,
            ...mine,
            acquireTime: transition ? microTime(now) : spec.acquireTime,
            leaseTransitions: (spec.leaseTransitions ?? 0) + (transition ? 1 : 0),
          },
        },
      });
      return true;
    } catch (err) {
      if (!isConflict(err)) this.o.logger.warn({ err }, 'cannot acquire or renew the leader lease');
      return false;
    }
  }

  private observe(holder: string, renewTime: string, now: number): void {
    if (!this.observed || this.observed.holder !== holder || this.observed.renewTime !== renewTime) {
      this.observed = { holder, renewTime, at: now };
    }
  }

  private jittered(ms: number): number {
    return ms * (1 + Math.random() * 0.2);
  }
}
