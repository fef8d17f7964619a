/**
 * The operator assembled from its parts: AWS clients, one controller per kind, metrics and
 * probes. `main.ts` runs it as a process; tests can run it in-process.
 */
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import { ownAccountId } from './accounts/own';
import { AccountService } from './accounts/service';
import type { AwsCall } from './aws/clients';
import { createAwsClients } from './aws/clients';
import { OperationRateLimiter, workersForQuotas } from './aws/rate-limit';
import type { Config } from './config';
import { ConfigMapResource, createKubeApi, loadKubeConfig, SecretResource } from './kube/client';
import { countedKubeApi } from './kube/counted';
import { createEventRecorder } from './kube/events';
import { LeaderElector, leaseApi } from './kube/leader';
import { metricsRoutes, probeRoutes, serve } from './observability/http';
import { createMetrics } from './observability/metrics';
import { Controller } from './reconciler/controller';
import { DependentsIndex } from './reconciler/dependents';
import { ReferenceViews } from './reconciler/references';
import type { CommonSpec, ManagedKind, ObjectLookup } from './reconciler/kind';
import type { CustomObject } from './kube/objects';
import { SecretWatcher } from './kube/secrets';

const SecretKind = 'Secret';
const ConfigMapKind = 'ConfigMap';
/** Core kinds objects reference and the operator watches one by one: Secrets and ConfigMaps. */
type WatchedKind = typeof SecretKind | typeof ConfigMapKind;
const isWatchedKind = (kind: string): kind is WatchedKind => kind === SecretKind || kind === ConfigMapKind;
import { ManagedReconciler } from './reconciler/managed';
import { registerKinds } from './resources/kinds';

export interface RunningOperator {
  stop(): Promise<void>;
}

export interface OperatorHooks {
  /** Leadership was lost: the process should exit so it restarts as a standby. */
  onLeadershipLost?(): void;
}

/** What the operator needs of a controller, whatever its kind's types. */
interface KindController {
  kind: { resource: { kind: string }; referencesOf?(obj: CustomObject): { kind: string; name: string }[] };
  get(namespace: string, name: string): CustomObject | undefined;
  list(): CustomObject[];
  enqueue(obj: CustomObject): void;
  startInformers(): Promise<void>;
  startWorkers(): void;
  stop(): Promise<void>;
}

/**
 * Keeps the dependents index current and wakes objects whose references changed: a parent's
 * change that its dependents can see (its becoming Ready, say; ReferenceViews) wakes them; a
 * dependent's deletion wakes its parents (a UserPool waiting for its AppClients to go).
 */
function referenceTracker(controllers: Map<string, KindController>, watcherOf: (kind: WatchedKind) => SecretWatcher) {
  const index = new DependentsIndex();
  const views = new ReferenceViews();
  /** Referenced Secrets and ConfigMaps are watched while anything references them. */
  const watchSecrets = (namespace: string, refs: readonly { kind: string; name: string }[], referenced: boolean) => {
    for (const ref of refs) {
      if (!isWatchedKind(ref.kind)) continue;
      if (referenced) watcherOf(ref.kind).watch(namespace, ref.name);
      else if (index.dependentsOf(ref.kind, namespace, ref.name).length === 0) void watcherOf(ref.kind).unwatch(namespace, ref.name);
    }
  };
  const wake = (kind: string, obj: CustomObject) => controllers.get(kind)?.enqueue(obj);
  const lookup: ObjectLookup = {
    get: (kind, namespace, name) => controllers.get(kind)?.get(namespace, name),
    dependentsOf: (kind, namespace, name) => index.dependentsOf(kind, namespace, name),
  };
  const onChange = (kind: string, obj: CustomObject, change: 'upsert' | 'delete') => {
    const { namespace, name } = obj.metadata;
    // A Secret or ConfigMap has no view: any change of one is news to its dependents.
    const news = change === 'delete' || isWatchedKind(kind) || views.changed(kind, obj);
    if (news) for (const d of index.dependentsOf(kind, namespace, name)) wake(d.kind, d.obj);
    if (change === 'delete') {
      views.forget(kind, obj);
      const parents = index.referencesOf(kind, obj);
      index.remove(kind, obj);
      watchSecrets(namespace, parents, false);
      for (const ref of parents) {
        const parent = lookup.get(ref.kind, namespace, ref.name);
        if (parent) wake(ref.kind, parent);
      }
      return;
    }
    if (isWatchedKind(kind)) return;
    const refs = controllers.get(kind)?.kind.referencesOf?.(obj) ?? [];
    const before = index.referencesOf(kind, obj);
    index.set(kind, obj, refs);
    watchSecrets(namespace, refs, true);
    watchSecrets(namespace, before.filter((b) => !refs.some((r) => r.kind === b.kind && r.name === b.name)), false);
  };
  return { lookup, onChange };
}

/** The region for specs that name none: the flag, else the SDK's usual environment variables. */
function defaultRegion(config: Config): string {
  const region = config.awsRegion ?? process.env.AWS_DEFAULT_REGION;
  if (!region) throw new Error('no AWS region: set --aws-region or AWS_REGION');
  return region;
}

/**
 * Test-only: COGNITO_OPERATOR_TEST_CRASH_AFTER=<Operation> kills the process the moment that AWS
 * call succeeds, before the operator can record anything — proving creates are crash-safe.
 */
function crashHook(): ((call: AwsCall) => void) | undefined {
  const operation = process.env.COGNITO_OPERATOR_TEST_CRASH_AFTER;
  if (!operation) return undefined;
  return (call) => {
    if (call.operation === operation && call.outcome === 'success') process.kill(process.pid, 'SIGKILL');
  };
}

export async function startOperator(config: Config, logger: Logger, hooks: OperatorHooks = {}): Promise<RunningOperator> {
  const metrics = createMetrics();
  const crash = crashHook();
  const region = defaultRegion(config);
  const rateLimiter = new OperationRateLimiter(config.rateLimits);
  metrics.rateLimits(rateLimiter.options.rates);
  const workers = config.maxConcurrentReconciles ?? workersForQuotas(rateLimiter.options.rates);
  const aws = createAwsClients({
    defaultRegion: region,
    rateLimiter,
    onCall: (call) => {
      metrics.awsCall(call);
      logger.debug({ aws: call }, 'AWS call');
      crash?.(call);
    },
  });
  const kube = await loadKubeConfig(config.kubeconfig);
  const api = countedKubeApi(createKubeApi(kube), {
    count: (verb, resource) => metrics.kubeRequest(verb, resource),
    answered: (verb, resource, seconds) => metrics.kubeAnswered(verb, resource, seconds),
  });
  const recorder = createEventRecorder(api, logger);
  const byKind = new Map<string, KindController>();
  const watchers = new Map<WatchedKind, SecretWatcher>();
  const { lookup, onChange } = referenceTracker(byKind, (kind) => {
    let watcher = watchers.get(kind);
    if (!watcher) {
      watcher = new SecretWatcher(api, logger, (obj) => onChange(kind, obj, 'upsert'), kind === SecretKind ? SecretResource : ConfigMapResource);
      watchers.set(kind, watcher);
    }
    return watcher;
  });

  const accounts = new AccountService({
    kube,
    logger,
    requireBinding: config.requireAccountBinding,
    defaultRegion: region,
    sessionDurationMs: config.assumeRoleDurationMs,
    ownAccountId: () => ownAccountId(region),
    onAssume: (role) => metrics.assumeRole(role.accountId ?? 'unknown'),
    countKube: (verb, resource) => metrics.kubeRequest(verb, resource),
    // A namespace whose binding changed: its objects check their account again.
    onNamespacesChanged: (namespaces) => {
      const changed = new Set(namespaces);
      for (const c of controllers) for (const obj of c.list()) if (changed.has(obj.metadata.namespace)) c.enqueue(obj);
    },
  });
  const controllerOptions = {
    api,
    logger,
    namespaces: config.watchNamespaces,
    resyncIntervalMs: config.resyncIntervalMs,
    workers,
    metrics,
    onChange,
    accountLaneOf: (namespace: string) => accounts.laneOf(namespace),
  };
  const reconcilerDeps = {
    api,
    recorder,
    logger,
    accounts: accounts.gate(lookup),
    hooks: { onDriftCorrected: (kind: string) => metrics.driftCorrected(kind) },
  };
  const controllers: KindController[] = [];
  registerKinds({ aws, lookup, api, logger }, {
    register<S extends CommonSpec, O, R>(kind: ManagedKind<S, O, R>) {
      const controller = new Controller(kind, new ManagedReconciler(kind, reconcilerDeps), controllerOptions);
      controllers.push(controller);
      byKind.set(kind.resource.kind, controller);
    },
  });

  let ready = false;
  const servers: (Server | undefined)[] = [
    await serve(config.metricsBindAddress, metricsRoutes(metrics.registry)),
    await serve(config.healthProbeBindAddress, probeRoutes(() => ready)),
  ];
  let stopping = false;
  const startControllers = async () => {
    // Bindings first: an object reconciled before they are known could land in the wrong account.
    await accounts.start();
    await Promise.all(controllers.map((c) => c.startInformers()));
    for (const c of controllers) c.startWorkers();
    logger.info({ kinds: controllers.map((c) => c.kind.resource.kind), workersPerKind: workers, namespaces: config.watchNamespaces.length > 0 ? config.watchNamespaces : 'all' }, 'operator started');
  };

  const elector = config.leaderElect
    ? new LeaderElector({
        api: leaseApi(kube),
        namespace: config.leaderElectionNamespace,
        name: config.leaderElectionId,
        identity: `${hostname()}_${randomBytes(4).toString('hex')}`,
        logger,
      })
    : undefined;
  if (elector) {
    // A standby is healthy and ready: it serves probes and metrics while it waits for the Lease.
    ready = true;
    void (async () => {
      if (!(await elector.acquire())) return;
      metrics.leader(true);
      await startControllers();
      await elector.holdUntilLost();
      metrics.leader(false);
      if (!stopping) hooks.onLeadershipLost?.();
    })();
  } else {
    await startControllers();
    ready = true;
  }

  return {
    async stop() {
      stopping = true;
      ready = false;
      await Promise.all(controllers.map((c) => c.stop()));
      await accounts.stop();
      await Promise.all([...watchers.values()].map((w) => w.stop()));
      await elector?.release();
      await Promise.all(servers.map((s) => s && new Promise((resolve) => s.close(resolve))));
      logger.info('operator stopped');
    },
  };
}
