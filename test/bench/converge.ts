/**
 * Benchmark: how fast the operator converges and how many AWS calls it spends, measured in one
 * run on the test ground (real API server + Cognito emulator). Prints figures and ratios; asserts
 * nothing about time.
 *
 *   npm run bench            (N=50 pools and app clients; BENCH_POOLS=N to change)
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { DescribeUserPoolCommand } from '@aws-sdk/client-cognito-identity-provider';
import type { AwsService } from '../../src/aws/rate-limit';
import { DEFAULT_RATE_LIMITS, OPERATION_CATEGORIES, rateCategoryOf } from '../../src/aws/rate-limit';
import { join } from 'node:path';
import type { Ground } from '../env/ground';
import { groundEnv, startGround, stopGround } from '../env/ground';
import { repoRoot } from '../env/paths';
import { kubectlOk } from '../integration/support/kubectl';
import { cognito } from '../integration/support/aws';
import type { OperatorProcess } from '../integration/support/operator';
import { callsBetween, kubeWrites, parseAwsCalls, parseKubeRequests, startOperator, writeCalls } from '../integration/support/operator';
import { waitFor } from '../integration/support/wait';
import { watchReadiness } from './ready-watch';
import { cpuSeconds, formatSplit, timeSplit } from './split';

const pools = Number(process.env.BENCH_POOLS ?? '50');
const resyncSeconds = 5;
const kindPlurals = ['userpools', 'appclients', 'identityproviders', 'resourceservers', 'userpoolgroups', 'identitypools'] as const;

/** Which kind an AWS operation serves, for per-kind figures. */
function kindOf(operation: string): string {
  if (/UserPoolClient/.test(operation)) return 'AppClient';
  if (/IdentityProvider/.test(operation)) return 'IdentityProvider';
  if (/ResourceServer/.test(operation)) return 'ResourceServer';
  if (/Group$/.test(operation)) return 'UserPoolGroup';
  if (/IdentityPool|^GetIdentityPoolRoles|^SetIdentityPoolRoles/.test(operation)) return 'IdentityPool';
  return 'UserPool';
}

function sum(calls: Map<string, number>): number {
  return [...calls.values()].reduce((a, b) => a + b, 0);
}

function perKind(calls: Map<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [op, n] of calls) out[kindOf(op)] = (out[kindOf(op)] ?? 0) + n;
  return out;
}

/** How many objects of the bench's kinds the namespace holds: one kubectl list, after the apply. */
function objectCount(namespace: string): number {
  return kubectlOk(['get', kindPlurals.join(','), '-n', namespace, '-o', 'name']).split('\n').filter((l) => l !== '').length;
}

/** How long the last apply took: the objects reach the operator one by one over that time. */
let applySeconds = 0;

async function timeToReady(namespace: string, apply: () => void, timeoutMs = 300_000): Promise<number> {
  const readiness = await watchReadiness(namespace, kindPlurals);
  try {
    const started = Date.now();
    apply();
    applySeconds = (Date.now() - started) / 1000;
    // Everything the apply made exists once it returns; the watches may still be catching up.
    const expected = objectCount(namespace);
    await waitFor(
      `everything Ready in ${namespace}`,
      () => {
        const { seen, ready } = readiness.counts();
        return (seen >= expected && ready === seen) || undefined;
      },
      { timeoutMs, intervalMs: 100 },
    );
    return (Date.now() - started) / 1000;
  } finally {
    await readiness.stop();
  }
}

/** RSS in MiB, and its two parts: memory the process allocated, and pages of mapped files. */
interface Rss {
  total: number;
  anonymous: number;
  files: number;
}

function rss(pid: number): Rss {
  const lines = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n');
  const kib = (field: string) => Number(lines.find((l) => l.startsWith(`${field}:`))?.replace(/\D+/g, '') ?? 0) / 1024;
  return { total: kib('VmRSS'), anonymous: kib('RssAnon'), files: kib('RssFile') + kib('RssShmem') };
}

/**
 * Most of the file-backed part is the node binary's own code, read-only pages that every node
 * process on a host shares and that the kernel may drop and read again: shown apart, since
 * only the anonymous part grows with the work.
 */
function rssText(r: Rss): string {
  return `${r.total.toFixed(0)} MiB (anonymous ${r.anonymous.toFixed(0)}, file-backed ${r.files.toFixed(0)})`;
}

/** Samples RSS until stopped; the peak is what the operator needed at its busiest. */
function rssSampler(pid: number): { stop: () => Rss } {
  let peak = rss(pid);
  const sample = () => {
    const now = rss(pid);
    if (now.total > peak.total) peak = now;
  };
  // An operator that exited leaves no /proc entry: the run's own error says why, not this timer.
  const timer = setInterval(() => existsSync(`/proc/${pid}`) && sample(), 200);
  return { stop: () => (clearInterval(timer), sample(), peak) };
}

const load = () => loadavg()[0]?.toFixed(1) ?? '?';

/**
 * The emulator's CPU, sampled once a second until stopped, as its busy share while the apply
 * ran (the bench's loop waits on kubectl then: one share for all of it) and in each fifth of
 * the time after: where it idles is where the run is longer than its floor.
 */
function busySampler(pid: number): { stop: (applyMs: number) => string } {
  const samples = [{ at: Date.now(), cpu: cpuSeconds(pid) }];
  const timer = setInterval(() => samples.push({ at: Date.now(), cpu: cpuSeconds(pid) }), 1000);
  const share = (from: { at: number; cpu: number }, to: { at: number; cpu: number }) =>
    to.at > from.at ? `${Math.round(((to.cpu - from.cpu) / ((to.at - from.at) / 1000)) * 100)} %` : '-';
  return {
    stop: (applyMs) => {
      clearInterval(timer);
      samples.push({ at: Date.now(), cpu: cpuSeconds(pid) });
      const first = samples[0] ?? { at: 0, cpu: 0 };
      const last = samples[samples.length - 1] ?? first;
      // The first sample once the apply returned, then the last at or before each fifth's end.
      const applied = samples.find((x) => x.at >= first.at + applyMs) ?? last;
      const fifth = (last.at - applied.at) / 5;
      const at = (t: number) => samples.filter((x) => x.at <= t).pop() ?? applied;
      const fifths = [1, 2, 3, 4, 5].map((i) => share(at(applied.at + (i - 1) * fifth), i === 5 ? last : at(applied.at + i * fifth)));
      return `${share(first, applied)} during the apply; after it, by fifth: ${fifths.join(' · ')}`;
    },
  };
}

function serviceOf(operation: string): AwsService {
  return Object.hasOwn(OPERATION_CATEGORIES['cognito-identity'], operation) ? 'cognito-identity' : 'cognito-idp';
}

/**
 * The least time AWS's quotas allow for these calls: each category's bucket refills at its own
 * rate, in parallel with the others, so the slowest category sets the time.
 */
function quotaMinimumSeconds(calls: Map<string, number>, rates: Readonly<Record<string, number>> = DEFAULT_RATE_LIMITS): { seconds: number; category: string } {
  const byCategory = new Map<string, number>();
  for (const [op, n] of calls) {
    const category = rateCategoryOf(serviceOf(op), op);
    byCategory.set(category, (byCategory.get(category) ?? 0) + n);
  }
  let worst = { seconds: 0, category: '-' };
  for (const [category, n] of byCategory) {
    const seconds = n / (rates[category] ?? Infinity);
    if (seconds > worst.seconds) worst = { seconds, category };
  }
  return worst;
}

/** The rates the operator runs with (its gauge): AWS's quotas × AWS_RATE_LIMIT_SCALE (1 by default). */
function operatorRates(metrics: string): Record<string, number> {
  return Object.fromEntries([...metrics.matchAll(/^cognito_operator_rate_limit_requests_per_second\{category="([^"]+)"\} ([0-9.e+-]+)/gm)].map((m) => [m[1] ?? '', Number(m[2])]));
}

const writesOnly = (calls: Map<string, number>) => new Map([...calls].filter(([op]) => writeCalls(new Map([[op, 1]])) > 0));

/** The emulator's own time per call, measured serially: its floor for a run of `calls` calls. */
async function emulatorMsPerCall(poolId: string): Promise<number> {
  const aws = cognito();
  const samples = 40;
  const started = process.hrtime.bigint();
  for (let i = 0; i < samples; i++) await aws.send(new DescribeUserPoolCommand({ UserPoolId: poolId }));
  aws.destroy();
  return Number(process.hrtime.bigint() - started) / 1e6 / samples;
}

function perObject(requests: Map<string, number>, objects: number): string {
  return (sum(requests) / objects).toFixed(2);
}

const line = (label: string, value: string) => console.log(`  ${label.padEnd(44)} ${value}`);

/** The V8 heap (used of total) and memory outside it (buffers, native objects), in MiB, from a scrape of /metrics. */
function heapText(metrics: string): string {
  const mib = (name: string) => (Number(new RegExp(`^${name} ([0-9.e+-]+)`, 'm').exec(metrics)?.[1] ?? NaN) / 2 ** 20).toFixed(0);
  return `V8 heap ${mib('nodejs_heap_size_used_bytes')} of ${mib('nodejs_heap_size_total_bytes')} MiB, external ${mib('nodejs_external_memory_bytes')} MiB`;
}

/** Reconcile passes in a scrape of /metrics, every kind (controller_runtime_reconcile_total). */
function passesIn(metrics: string): number {
  return [...metrics.matchAll(/^controller_runtime_reconcile_total\{[^}]*\} (\d+)/gm)].reduce((n, m) => n + Number(m[1]), 0);
}

/** Reconcile passes in a scrape, by controller and result. */
function passesByKind(metrics: string): Map<string, number> {
  return new Map([...metrics.matchAll(/^controller_runtime_reconcile_total\{controller="([^"]+)",result="([^"]+)"\} (\d+)/gm)].map((m) => [`${m[1]} ${m[2]}`, Number(m[3])]));
}

/** The operator's debug line for a pass that met a 409 (src/reconciler/managed.ts, fail). */
const conflictMessage = 'object changed during reconcile; retrying';

/**
 * Why passes failed, from the operator's log (its `cannot reconcile` warnings, and the debug
 * line of a 409), counted by reason and message with numbers blanked, so that 1,000 objects'
 * copies of one cause count as one.
 */
function failedPasses(logFile: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const text of readFileSync(logFile, 'utf8').split('\n')) {
    if (!text.startsWith('{')) continue;
    const entry = JSON.parse(text) as { level?: string; reason?: string; msg?: string; err?: { message?: string } };
    const failure = (entry.level === 'warn' && entry.reason !== undefined) || entry.msg === conflictMessage;
    if (!failure) continue;
    const key = `${entry.reason ?? 'Conflict'}: ${entry.msg ?? ''}${entry.err?.message ? ` (${entry.err.message})` : ''}`.replace(/\d+/g, 'N');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** Reconcile passes so far. */
async function passesSoFar(operator: OperatorProcess): Promise<number> {
  return passesIn(await operator.metrics());
}

/**
 * CPU seconds of the ground's emulator, its control plane (etcd + kube-apiserver) and its
 * kube-controller-manager (whose garbage collector watches every object and Secret), by their pids.
 */
function groundCpu(ground: Ground): { emulator: number; apiServer: number; controllerManager: number } {
  const [moto = 0, etcd = 0, apiServer = 0, controllerManager = 0] = ground.pids;
  return { emulator: cpuSeconds(moto), apiServer: cpuSeconds(etcd) + cpuSeconds(apiServer), controllerManager: cpuSeconds(controllerManager) };
}

/**
 * What passes that find nothing to do cost, per pass: over three resync intervals, counted by
 * the reconciles that ran (at large N the quotas, not the interval, set how many run).
 */
async function noOpResync(operator: OperatorProcess): Promise<{ aws: Map<string, number>; kube: Map<string, number>; passes: number }> {
  const [aws, kube, passes] = [await operator.awsCalls(), parseKubeRequests(await operator.metrics()), await passesSoFar(operator)];
  await new Promise((r) => setTimeout(r, 3 * resyncSeconds * 1000));
  return {
    aws: callsBetween(aws, await operator.awsCalls()),
    kube: callsBetween(kube, parseKubeRequests(await operator.metrics())),
    passes: Math.max(1, (await passesSoFar(operator)) - passes),
  };
}

type OperatorStarter = (resyncInterval: string) => Promise<OperatorProcess>;

/**
 * N UserPools (the spec of the comparison with ACK) and one AppClient each, from one apply. The
 * operator converges them with its resync far off, so that the calls counted are the creates'
 * own; then a fresh one with a short resync measures passes that find nothing to do.
 */
async function benchPools(start: OperatorStarter, namespace: string, ground: Ground): Promise<OperatorProcess> {
  let operator = await start('10m');
  console.log(`operator RSS at idle: ${rssText(rss(operator.pid))}`);
  const objects = 2 * pools;
  const docs = Array.from({ length: pools }, (_, i) => [
    JSON.stringify({
      apiVersion: 'cognito.operator.dev/v1alpha1',
      kind: 'UserPool',
      metadata: { name: `bench-${i}` },
      spec: {
        poolName: `bench-${namespace}-${i}`,
        deletionPolicy: 'Delete',
        security: { passwordPolicy: { minimumLength: 10 }, mfa: { mode: 'OPTIONAL', totp: true } },
        signUp: { attributes: [{ name: 'tier', custom: true, type: 'String' }] },
        tags: { team: 'bench' },
      },
    }),
    JSON.stringify({ apiVersion: 'cognito.operator.dev/v1alpha1', kind: 'AppClient', metadata: { name: `bench-${i}-web` }, spec: { userPoolRef: { name: `bench-${i}` }, generateSecret: true, deletionPolicy: 'Delete' } }),
  ]).flat();
  const metricsBefore = await operator.metrics();
  const [awsBefore, kubeBefore, cpuBefore, loadBefore] = [parseAwsCalls(metricsBefore), parseKubeRequests(metricsBefore), cpuSeconds(operator.pid), load()];
  const groundCpuBefore = groundCpu(ground);
  const sampler = rssSampler(operator.pid);
  const emulatorBusy = busySampler(ground.pids[0] ?? 0);
  const convergeMs = Math.max(300, pools * 3) * 1000;
  // Server-side, as Argo CD and Flux apply: one request per object (a client-side apply reads
  // each first), so the objects reach the operator sooner and the apply takes less CPU from
  // the emulator and the API server being measured.
  const applied = `{"apiVersion":"v1","kind":"List","items":[${docs.join(',')}]}`;
  const seconds = await timeToReady(namespace, () => kubectlOk(['apply', '--server-side', '-n', namespace, '-f', '-'], applied, convergeMs), convergeMs);
  const peak = sampler.stop();
  const busyByFifth = emulatorBusy.stop(applySeconds * 1000);
  const cpu = cpuSeconds(operator.pid) - cpuBefore;
  const emulatorCpu = groundCpu(ground).emulator - groundCpuBefore.emulator;
  const apiServerCpu = groundCpu(ground).apiServer - groundCpuBefore.apiServer;
  const controllerManagerCpu = groundCpu(ground).controllerManager - groundCpuBefore.controllerManager;
  const metricsAfter = await operator.metrics();
  const created = callsBetween(awsBefore, parseAwsCalls(metricsAfter));
  const kube = callsBetween(kubeBefore, parseKubeRequests(metricsAfter));
  const passes = passesIn(metricsAfter) - passesIn(metricsBefore);
  const firstPool = kubectlOk(['get', 'userpool', 'bench-0', '-n', namespace, '-o', 'jsonpath={.status.id}']);
  const emulatorMs = await emulatorMsPerCall(firstPool);
  const quota = quotaMinimumSeconds(created);
  const writeQuota = quotaMinimumSeconds(writesOnly(created));
  // moto serves each request on its own thread, but Python's GIL runs one at a time: the CPU
  // seconds it spent on these calls are a serial floor no concurrency of ours can go under.
  const emulatorFloor = emulatorCpu;
  const floor = Math.max(quota.seconds, emulatorFloor);
  // With AWS_RATE_LIMIT_SCALE below 1 the operator leaves part of each quota to other tools: at its own rates, the least time is longer.
  const ownQuota = quotaMinimumSeconds(created, operatorRates(metricsAfter));
  const ownFloor = Math.max(ownQuota.seconds, emulatorFloor);

  console.log(`\n${pools} UserPools + ${pools} AppClients from one apply (load average ${loadBefore} before, ${load()} after)`);
  line('seconds to all Ready', `${seconds.toFixed(1)} (${((seconds / pools) * 1000).toFixed(0)} ms per pair; the apply itself took ${applySeconds.toFixed(1)})`);
  line('AWS calls per pool + client pair', `${(sum(created) / pools).toFixed(2)} (${(writeCalls(created) / pools).toFixed(2)} writes)`);
  line('AWS calls per object, by kind', JSON.stringify(Object.fromEntries(Object.entries(perKind(created)).map(([k, n]) => [k, Number((n / pools).toFixed(2))]))));
  line('AWS calls by operation', JSON.stringify(Object.fromEntries(created)));
  line('quota minimum for these calls', `${quota.seconds.toFixed(1)} s (${quota.category} sets it)`);
  line('quota minimum for the writes alone', `${writeQuota.seconds.toFixed(1)} s (${writeQuota.category})`);
  line('emulator CPU (serial: one call at a time)', `${emulatorCpu.toFixed(1)} s, ${((emulatorCpu / sum(created)) * 1000).toFixed(1)} ms per call, busy ${((emulatorCpu / seconds) * 100).toFixed(0)} % of the time`);
  line('emulator busy', busyByFifth);
  line('emulator time per call, one client in series', `${emulatorMs.toFixed(1)} ms (${((sum(created) * emulatorMs) / 1000).toFixed(1)} s for these calls)`);
  line('quota minimum at the operator\'s own rates', `${ownQuota.seconds.toFixed(1)} s (${ownQuota.category})`);
  line('measured / max(quota, emulator CPU) minimum', `${(seconds / floor).toFixed(2)} (at the operator's rates: ${(seconds / ownFloor).toFixed(2)})`);
  line('time split, summed over items (s)', formatSplit(timeSplit(metricsBefore, metricsAfter)));
  line('reconcile passes per object to converge', `${(passes / objects).toFixed(2)} ${JSON.stringify(Object.fromEntries(callsBetween(passesByKind(metricsBefore), passesByKind(metricsAfter))))}`);
  const failed = failedPasses(operator.logFile);
  if (failed.size > 0) line('passes that ended in error, by reason', JSON.stringify(Object.fromEntries(failed)));
  line('API server + etcd CPU seconds', apiServerCpu.toFixed(1));
  line('kube-controller-manager CPU seconds', controllerManagerCpu.toFixed(1));
  line('Kubernetes requests per object', `${perObject(kube, objects)} ${JSON.stringify(Object.fromEntries(kube))}`);
  line('operator CPU seconds to converge', cpu.toFixed(1));
  line('operator RSS peak while converging', rssText(peak));
  line('operator memory once converged', heapText(metricsAfter));

  await operator.stop();
  operator = await start(`${resyncSeconds}s`);
  // The first pass of every object after the start is one too; wait until they have run.
  const started = operator;
  await waitFor('the first passes after the start', async () => ((await passesSoFar(started)) >= objects) || undefined, { timeoutMs: Math.max(120, pools) * 1000, intervalMs: 500 });
  const resync = await noOpResync(operator);
  line('no-op resync: AWS reads per pass', `${(sum(resync.aws) / resync.passes).toFixed(2)} (${resync.passes} passes) ${JSON.stringify(Object.fromEntries(resync.aws))}`);
  line('no-op resync: AWS writes', String(writeCalls(resync.aws)));
  line('no-op resync: Kubernetes requests per pass', `${perObject(resync.kube, resync.passes)} (writes: ${kubeWrites(resync.kube)}) ${JSON.stringify(Object.fromEntries(resync.kube))}`);
  line('operator RSS steady after the resyncs', `${rssText(rss(operator.pid))}; ${heapText(await operator.metrics())}`);
  return operator;
}

async function benchStack(operator: OperatorProcess, namespace: string): Promise<void> {
  const before = await operator.awsCalls();
  const seconds = await timeToReady(namespace, () => kubectlOk(['apply', '-n', namespace, '-f', join(repoRoot, 'deploy', 'examples')]));
  const created = callsBetween(before, await operator.awsCalls());
  console.log(`\nexample stack (deploy/examples, every kind) from one apply: all Ready in ${seconds.toFixed(1)}s`);
  console.log(`  AWS calls to converge, per kind: ${JSON.stringify(perKind(created))}`);
  const resync = await noOpResync(operator);
  const cycles = 3;
  const perKindPerResync = Object.fromEntries(Object.entries(perKind(resync.aws)).map(([k, n]) => [k, Number((n / cycles).toFixed(1))]));
  console.log(`  no-op resync: AWS reads per kind per resync ${JSON.stringify(perKindPerResync)}, AWS writes ${writeCalls(resync.aws)}, Kubernetes writes ${kubeWrites(resync.kube)}`);
}


async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'cognito-operator-bench-'));
  const ground = await startGround(dir);
  let operator: OperatorProcess | undefined;
  try {
    Object.assign(process.env, groundEnv(ground));
    const namespaces = ['bench-pools', 'bench-stack'];
    for (const ns of namespaces) kubectlOk(['create', 'namespace', ns]);
    const starter =
      (namespace: string): OperatorStarter =>
      async (resyncInterval) =>
        // Debug: the log then tells why any pass failed (a 409 is a debug line), at a line per AWS call.
        (operator = await startOperator({ namespace, resyncInterval, args: ['--log-level=debug'] }));
    await (await benchPools(starter('bench-pools'), 'bench-pools', ground)).stop();
    // The stack's per-kind figures must not count the pools' resyncs: an operator that watches
    // the stack's namespace alone (releasing 1,000 pairs one by one would take minutes). The
    // ground, with all that is left in it, goes at the end.
    operator = await starter('bench-stack')(`${resyncSeconds}s`);
    await benchStack(operator, 'bench-stack');
    console.log(`\noperator RSS with the example stack: ${rssText(rss(operator.pid))}`);
  } finally {
    await operator?.stop();
    await stopGround(ground);
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
