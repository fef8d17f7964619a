/**
 * Prometheus metrics under controller-runtime's names, so existing dashboards work, plus the
 * operator's own AWS, Kubernetes request and drift counters.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { AwsCall } from '../aws/clients';
import type { RateLimits } from '../aws/rate-limit';
import { RATE_CATEGORIES, rateCategoryOf } from '../aws/rate-limit';
import type { KubeVerb } from '../kube/counted';
import type { ControllerMetrics } from '../reconciler/controller';

export interface OperatorMetrics extends ControllerMetrics {
  registry: Registry;
  awsCall(call: AwsCall): void;
  kubeRequest(verb: KubeVerb, resource: string): void;
  /** The client-side rate limits in effect (requests per second, after scaling). */
  rateLimits(rates: RateLimits): void;
  /** A Kubernetes request answered after `seconds`. */
  kubeAnswered(verb: KubeVerb, resource: string, seconds: number): void;
  driftCorrected(kind: string): void;
  /** One sts:AssumeRole for an AWSAccountBinding's role. */
  assumeRole(account: string): void;
  leader(isLeader: boolean): void;
}

const waitBuckets = [0.001, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];
const requestBuckets = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Times items from their add to a worker taking them (client-go's queue latency). */
function queueLatency(observe: (seconds: number) => void, now: () => number = () => performance.now()) {
  const addedAt = new Map<string, number>();
  return {
    added(item: string) {
      if (!addedAt.has(item)) addedAt.set(item, now());
    },
    taken(item: string) {
      const at = addedAt.get(item);
      if (at === undefined) return;
      addedAt.delete(item);
      observe((now() - at) / 1000);
    },
  };
}

export function createMetrics(): OperatorMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const reconcileTotal = new Counter({ name: 'controller_runtime_reconcile_total', help: 'Total number of reconciliations per controller', labelNames: ['controller', 'result'], registers: [registry] });
  const reconcileErrors = new Counter({ name: 'controller_runtime_reconcile_errors_total', help: 'Total number of reconciliation errors per controller', labelNames: ['controller'], registers: [registry] });
  const reconcileTime = new Histogram({
    name: 'controller_runtime_reconcile_time_seconds',
    help: 'Length of time per reconciliation per controller',
    labelNames: ['controller'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [registry],
  });
  const depth = new Gauge({ name: 'workqueue_depth', help: 'Current depth of workqueue', labelNames: ['name'], registers: [registry] });
  const adds = new Counter({ name: 'workqueue_adds_total', help: 'Total number of adds handled by workqueue', labelNames: ['name'], registers: [registry] });
  const retries = new Counter({ name: 'workqueue_retries_total', help: 'Total number of retries handled by workqueue', labelNames: ['name'], registers: [registry] });
  const awsRequests = new Counter({
    name: 'cognito_operator_aws_requests_total',
    help: 'AWS API calls by account, service, operation and outcome',
    labelNames: ['account', 'service', 'operation', 'outcome'],
    registers: [registry],
  });
  const kubeRequests = new Counter({
    name: 'cognito_operator_kube_requests_total',
    help: 'Requests to the Kubernetes API server by verb and resource (watches count once per stream)',
    labelNames: ['verb', 'resource'],
    registers: [registry],
  });
  const drift = new Counter({ name: 'cognito_operator_drift_corrections_total', help: 'Resources changed outside Kubernetes and restored', labelNames: ['kind'], registers: [registry] });
  const assumeRoles = new Counter({
    name: 'cognito_operator_sts_assume_role_total',
    help: 'sts:AssumeRole calls for AWSAccountBindings, by account (one per session, renewed before expiry)',
    labelNames: ['account'],
    registers: [registry],
  });
  // Where converging time goes: in the queue before a worker, waiting for AWS tokens, in AWS, in the API server.
  const queueDuration = new Histogram({
    name: 'workqueue_queue_duration_seconds',
    help: 'How long an item stays in workqueue before being requested',
    labelNames: ['name'],
    buckets: waitBuckets,
    registers: [registry],
  });
  const rateLimitWait = new Histogram({
    name: 'cognito_operator_rate_limit_wait_seconds',
    help: 'Time an AWS call waited for rate-limit tokens (all its attempts), by quota category',
    labelNames: ['category'],
    buckets: waitBuckets,
    registers: [registry],
  });
  const awsDuration = new Histogram({
    name: 'cognito_operator_aws_request_duration_seconds',
    help: 'Time an AWS call took without its rate-limit waits (SDK retries included), by quota category',
    labelNames: ['service', 'category'],
    buckets: requestBuckets,
    registers: [registry],
  });
  const kubeDuration = new Histogram({
    name: 'cognito_operator_kube_request_duration_seconds',
    help: 'Time the Kubernetes API server took to answer a request, by verb and resource (watches not counted)',
    labelNames: ['verb', 'resource'],
    buckets: requestBuckets,
    registers: [registry],
  });
  const rateLimitRps = new Gauge({
    name: 'cognito_operator_rate_limit_requests_per_second',
    help: 'The client-side rate limit of each AWS quota category, after AWS_RATE_LIMIT_SCALE and AWS_RATE_LIMITS',
    labelNames: ['category'],
    registers: [registry],
  });
  const maxWorkers = new Gauge({ name: 'controller_runtime_max_concurrent_reconciles', help: 'Maximum number of concurrent reconciles per controller', labelNames: ['controller'], registers: [registry] });
  const activeWorkers = new Gauge({ name: 'controller_runtime_active_workers', help: 'Number of currently used workers per controller', labelNames: ['controller'], registers: [registry] });
  const leader = new Gauge({ name: 'leader_election_master_status', help: '1 while this replica leads', labelNames: ['name'], registers: [registry] });
  const controller = (kind: string) => kind.toLowerCase();

  return {
    registry,
    reconciled(kind, result, seconds) {
      reconcileTotal.inc({ controller: controller(kind), result });
      if (result === 'error') reconcileErrors.inc({ controller: controller(kind) });
      reconcileTime.observe({ controller: controller(kind) }, seconds);
    },
    workers(kind, max) {
      maxWorkers.set({ controller: controller(kind) }, max);
      activeWorkers.set({ controller: controller(kind) }, 0);
    },
    working(kind, delta) {
      activeWorkers.inc({ controller: controller(kind) }, delta);
    },
    rateLimits(rates) {
      for (const category of RATE_CATEGORIES) rateLimitRps.set({ category }, rates[category]);
    },
    queueDepth(kind, value) {
      depth.set({ name: controller(kind) }, value);
    },
    queueHooks: (kind) => {
      const latency = queueLatency((seconds) => queueDuration.observe({ name: controller(kind) }, seconds));
      return {
        onAdd: (item) => {
          adds.inc({ name: controller(kind) });
          latency.added(item);
        },
        onRetry: () => retries.inc({ name: controller(kind) }),
        onGet: (item) => latency.taken(item),
      };
    },
    awsCall(call) {
      awsRequests.inc({ account: call.account, service: call.service, operation: call.operation, outcome: call.outcome });
      const category = rateCategoryOf(call.service, call.operation);
      rateLimitWait.observe({ category }, call.rateLimitWaitMs / 1000);
      awsDuration.observe({ service: call.service, category }, Math.max(0, call.durationMs - call.rateLimitWaitMs) / 1000);
    },
    kubeRequest(verb, resource) {
      kubeRequests.inc({ verb, resource });
    },
    kubeAnswered(verb, resource, seconds) {
      kubeDuration.observe({ verb, resource }, seconds);
    },
    driftCorrected(kind) {
      drift.inc({ kind });
    },
    assumeRole(account) {
      assumeRoles.inc({ account });
    },
    leader(isLeader) {
      leader.set({ name: 'cognito-operator' }, isLeader ? 1 : 0);
    },
  };
}
