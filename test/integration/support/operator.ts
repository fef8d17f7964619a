/**
 * The operator as a separate process (node dist/main.js), the way it runs in a cluster, pointed
 * at the test ground and at one namespace. Its /metrics tell how many AWS calls it made.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { dirname, join } from 'node:path';
import { imageSpec } from '../../env/image';
import { repoRoot } from '../../env/paths';
import { freePort, logTail } from '../../env/process';
import { waitFor } from './wait';

export interface OperatorProcess {
  /** AWS calls so far, by operation, successful or not. */
  awsCalls(): Promise<Map<string, number>>;
  /** Resolves when the process has exited. */
  exited: Promise<number | null>;
  /** SIGTERM, then wait for exit; SIGKILL and an error if it takes longer than a clean shutdown may. */
  stop(): Promise<void>;
  /** SIGKILL: a crash, no clean-up. */
  kill(): Promise<void>;
  /** The raw /metrics text. */
  metrics(): Promise<string>;
  logFile: string;
  pid: number;
}

/** How long a clean shutdown may take: reconciles in progress finish first. */
const stopGraceMs = 60_000;

export interface OperatorOptions {
  namespace: string;
  resyncInterval?: string;
  env?: Record<string, string>;
  /** More flags. */
  args?: string[];
}

/**
 * fetch, tried a second time when the connection fails: a kept-alive socket the server closes
 * just as it is reused ("other side closed") says nothing about the operator.
 */
async function fetchOnceMore(url: string): Promise<Response> {
  try {
    return await fetch(url);
  } catch {
    return fetch(url);
  }
}

async function readyz(port: number): Promise<boolean> {
  const res = await fetch(`http://127.0.0.1:${port}/readyz`);
  return res.ok;
}

/** Parses cognito_operator_aws_requests_total lines into operation → count. */
export function parseAwsCalls(metrics: string): Map<string, number> {
  const calls = new Map<string, number>();
  for (const m of metrics.matchAll(/^cognito_operator_aws_requests_total\{[^}]*operation="([^"]+)"[^}]*\} (\d+)/gm)) {
    const op = m[1] ?? '';
    calls.set(op, (calls.get(op) ?? 0) + Number(m[2]));
  }
  return calls;
}

/** Parses cognito_operator_kube_requests_total lines into `verb resource` → count. */
export function parseKubeRequests(metrics: string): Map<string, number> {
  const requests = new Map<string, number>();
  for (const m of metrics.matchAll(/^cognito_operator_kube_requests_total\{([^}]*)\} (\d+)/gm)) {
    const labels = Object.fromEntries([...(m[1] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((l) => [l[1], l[2]]));
    const key = `${labels.verb} ${labels.resource}`;
    requests.set(key, (requests.get(key) ?? 0) + Number(m[2]));
  }
  return requests;
}

/** Requests that change something in the API server (Events included). */
export function kubeWrites(requests: Map<string, number>): number {
  return [...requests].filter(([key]) => !/^(get|list|watch) /.test(key)).reduce((n, [, c]) => n + c, 0);
}

const writePrefixes = ['Create', 'Update', 'Delete', 'Set', 'Add', 'Tag', 'Untag', 'Admin'];
export function writeCalls(calls: Map<string, number>): number {
  return [...calls].filter(([op]) => writePrefixes.some((p) => op.startsWith(p))).reduce((n, [, c]) => n + c, 0);
}

/** Calls made between two snapshots. */
export function callsBetween(before: Map<string, number>, after: Map<string, number>): Map<string, number> {
  return new Map([...after].map(([op, n]) => [op, n - (before.get(op) ?? 0)] as const).filter(([, n]) => n > 0));
}

/**
 * The Node.js flags the image runs the operator with (its NODE_OPTIONS and those of its
 * ENTRYPOINT before dist/main.js), so that memory and CPU are measured as they ship.
 * OPERATOR_NODE_FLAGS replaces them, to measure a candidate before it goes in the Dockerfile
 * (V8 flags such as --lite-mode are refused in NODE_OPTIONS; on the command line they work).
 */
export function operatorNodeFlags(): string[] {
  const words = (text: string) => text.split(/\s+/).filter((w) => w !== '');
  if (process.env.OPERATOR_NODE_FLAGS !== undefined) return words(process.env.OPERATOR_NODE_FLAGS);
  const image = imageSpec();
  const main = image.entrypoint.indexOf('dist/main.js');
  return [...words(image.env.NODE_OPTIONS ?? ''), ...image.entrypoint.slice(1, Math.max(1, main))];
}

export async function startOperator(opts: OperatorOptions): Promise<OperatorProcess> {
  const [metricsPort, probePort] = [await freePort(), await freePort()];
  const logFile = join(dirname(process.env.COGNITO_OPERATOR_GROUND ?? '/tmp/x'), `operator-${opts.namespace}-${Date.now()}.log`);
  const log = createWriteStream(logFile);
  const child: ChildProcess = spawn(
    process.execPath,
    [
      ...operatorNodeFlags(),
      join(repoRoot, 'dist', 'main.js'),
      `--watch-namespaces=${opts.namespace}`,
      `--resync-interval=${opts.resyncInterval ?? '10m'}`,
      `--metrics-bind-address=127.0.0.1:${metricsPort}`,
      `--health-probe-bind-address=127.0.0.1:${probePort}`,
      '--log-level=debug',
      ...(opts.args ?? []),
    ],
    { env: { ...process.env, NODE_OPTIONS: '', ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let running = true;
  void exited.then(() => (running = false));
  await waitFor('operator ready', async () => running && (await readyz(probePort).catch(() => false)), { timeoutMs: 30_000, failFast: () => (!running ? `operator exited; see ${logFile}` : undefined) });

  const metrics = async () => (await fetchOnceMore(`http://127.0.0.1:${metricsPort}/metrics`)).text();
  return {
    logFile,
    pid: child.pid ?? 0,
    exited,
    metrics,
    async awsCalls() {
      return parseAwsCalls(await metrics());
    },
    async stop() {
      if (!running) return;
      child.kill('SIGTERM');
      // A clean shutdown finishes the reconciles in progress; one that hangs is a bug to report.
      let timer: NodeJS.Timeout | undefined;
      const stopped = await Promise.race([exited.then(() => true), new Promise<false>((resolve) => (timer = setTimeout(resolve, stopGraceMs, false)))]);
      clearTimeout(timer);
      if (stopped) return;
      child.kill('SIGKILL');
      await exited;
      throw new Error(`operator did not stop within ${stopGraceMs / 1000} s of SIGTERM; last lines of ${logFile}:\n${logTail(logFile)}`);
    },
    async kill() {
      if (running) child.kill('SIGKILL');
      await exited;
    },
  };
}
