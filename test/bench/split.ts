/**
 * Where converging time goes, from the operator's own histograms (sums between two scrapes of
 * /metrics) and the CPU time of each process of the ground: items waiting in the work queue,
 * reconciles waiting for rate-limit tokens, in AWS (the emulator), in the API server, and the
 * rest of a reconcile (the operator's own CPU and event-loop turns).
 */
import { readFileSync } from 'node:fs';

/** `name_sum{labels} value` lines of one histogram: labels text → seconds. */
function histogramSums(metrics: string, name: string): Map<string, number> {
  const sums = new Map<string, number>();
  for (const m of metrics.matchAll(new RegExp(`^${name}_sum\\{([^}]*)\\} ([0-9.e+-]+)`, 'gm'))) sums.set(m[1] ?? '', Number(m[2]));
  return sums;
}

const label = (labels: string, key: string) => new RegExp(`${key}="([^"]*)"`).exec(labels)?.[1] ?? '';

/** What two scrapes tell together: the sums of the second minus those of the first. */
function delta(before: string, after: string, name: string): Map<string, number> {
  const start = histogramSums(before, name);
  return new Map([...histogramSums(after, name)].map(([k, v]) => [k, v - (start.get(k) ?? 0)]));
}

const total = (sums: Map<string, number>, keep: (labels: string) => boolean = () => true) =>
  [...sums].filter(([k]) => keep(k)).reduce((n, [, v]) => n + v, 0);

export interface TimeSplit {
  /** Item-seconds between an add and a worker taking the item. */
  queue: number;
  /** Worker-seconds inside reconciles. */
  reconcile: number;
  /** Call-seconds waiting for rate-limit tokens, and the category that waited most. */
  tokens: number;
  tokensBy: string;
  /** Call-seconds in AWS (the emulator), token waits excluded. */
  aws: number;
  /** Request-seconds in the API server that a reconcile awaits (Events are sent in the background). */
  kube: number;
}

export function timeSplit(before: string, after: string): TimeSplit {
  const tokens = delta(before, after, 'cognito_operator_rate_limit_wait_seconds');
  const worst = [...tokens].sort((a, b) => b[1] - a[1])[0];
  return {
    queue: total(delta(before, after, 'workqueue_queue_duration_seconds')),
    reconcile: total(delta(before, after, 'controller_runtime_reconcile_time_seconds')),
    tokens: total(tokens),
    tokensBy: worst !== undefined && worst[1] > 0 ? label(worst[0], 'category') : '-',
    aws: total(delta(before, after, 'cognito_operator_aws_request_duration_seconds')),
    kube: total(delta(before, after, 'cognito_operator_kube_request_duration_seconds'), (k) => label(k, 'resource') !== 'events'),
  };
}

/** One line: the reconcile's parts add up to its time; what is left is the operator's own. */
export function formatSplit(s: TimeSplit): string {
  const own = s.reconcile - s.tokens - s.aws - s.kube;
  const f = (n: number) => n.toFixed(1);
  return `queue ${f(s.queue)} | in reconcile ${f(s.reconcile)} = tokens ${f(s.tokens)} (${s.tokensBy}) + AWS ${f(s.aws)} + Kubernetes ${f(s.kube)} + own ${f(own)}`;
}

/** User + system CPU seconds a process has used (clock ticks are 1/100 s on Linux). */
export function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}
