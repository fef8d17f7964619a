/**
 * The operator assembled from its parts: AWS clients, one controller per kind, metrics and
 * probes. `main.ts` runs it as a process; tests can run it in-process.
 */
import type { Server } from 'node:http';
import type { Logger } from 'pino';
import type { AwsCall } from './aws/clients';
import { createAwsClients } from './aws/clients';
import type { Config } from './config';
import { createKubeApi, loadKubeConfig } from './kube/client';
import { createEventRecorder } from './kube/events';
import { metricsRoutes, probeRoutes, serve } from './observability/http';
import { createMetrics } from './observability/metrics';
import { Controller } from './reconciler/controller';
import type { CommonSpec, ManagedKind } from './reconciler/kind';
import { ManagedReconciler } from './reconciler/managed';
import { userPoolKind } from './resources/userpool/kind';

export interface RunningOperator {
  stop(): Promise<void>;
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

export async function startOperator(config: Config, logger: Logger): Promise<RunningOperator> {
  const metrics = createMetrics();
  const crash = crashHook();
  const aws = createAwsClients({
    defaultRegion: defaultRegion(config),
    onCall: (call) => {
      metrics.awsCall(call);
      logger.debug({ aws: call }, 'AWS call');
      crash?.(call);
    },
  });
  const api = createKubeApi(loadKubeConfig(config.kubeconfig));
  const recorder = createEventRecorder(api, logger);
  const controllerOptions = {
    api,
    logger,
    namespaces: config.watchNamespaces,
    resyncIntervalMs: config.resyncIntervalMs,
    workers: config.maxConcurrentReconciles,
    metrics,
  };
  const reconcilerDeps = { api, recorder, logger, hooks: { onDriftCorrected: (kind: string) => metrics.driftCorrected(kind) } };
  const controllerFor = <S extends CommonSpec, O>(kind: ManagedKind<S, O>) =>
    new Controller(kind, new ManagedReconciler(kind, reconcilerDeps), controllerOptions);
  const controllers = [controllerFor(userPoolKind(aws))];

  let ready = false;
  const servers: (Server | undefined)[] = [
    await serve(config.metricsBindAddress, metricsRoutes(metrics.registry)),
    await serve(config.healthProbeBindAddress, probeRoutes(() => ready)),
  ];
  await Promise.all(controllers.map((c) => c.start()));
  ready = true;
  logger.info({ kinds: controllers.map((c) => c.kind.resource.kind), namespaces: config.watchNamespaces.length > 0 ? config.watchNamespaces : 'all' }, 'operator started');

  return {
    async stop() {
      ready = false;
      await Promise.all(controllers.map((c) => c.stop()));
      await Promise.all(servers.map((s) => s && new Promise((resolve) => s.close(resolve))));
      logger.info('operator stopped');
    },
  };
}
