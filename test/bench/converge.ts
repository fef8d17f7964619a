/**
 * Benchmark: how fast the operator converges and how many AWS calls it spends, measured in one
 * run on the test ground (real API server + Cognito emulator). Prints figures and ratios; asserts
 * nothing about time.
 *
 *   npm run bench            (N=10 pools; BENCH_POOLS=N to change)
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { groundEnv, startGround, stopGround } from '../env/ground';
import { repoRoot } from '../env/paths';
import { kubectlOk } from '../integration/support/kubectl';
import { releaseAll } from '../integration/support/objects';
import type { OperatorProcess } from '../integration/support/operator';
import { callsBetween, startOperator, writeCalls } from '../integration/support/operator';
import { waitFor } from '../integration/support/wait';

const pools = Number(process.env.BENCH_POOLS ?? '10');
const resyncSeconds = 5;
const kindPlurals = ['userpools', 'appclients', 'identityproviders', 'userpoolgroups', 'identitypools'] as const;

/** Which kind an AWS operation serves, for per-kind figures. */
function kindOf(operation: string): string {
  if (/UserPoolClient/.test(operation)) return 'AppClient';
  if (/IdentityProvider/.test(operation)) return 'IdentityProvider';
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

function allReady(namespace: string): boolean {
  // One line per object, `name=<Ready status>`: an object with no status yet has an empty one.
  const out = kubectlOk(['get', kindPlurals.join(','), '-n', namespace, '-o', 'jsonpath={range .items[*]}{.metadata.name}={.status.conditions[?(@.type=="Ready")].status}{"\\n"}{end}']);
  const lines = out.split('\n').filter((l) => l !== '');
  return lines.length > 0 && lines.every((l) => l.endsWith('=True'));
}

async function timeToReady(namespace: string, apply: () => void): Promise<number> {
  const started = Date.now();
  apply();
  await waitFor(`everything Ready in ${namespace}`, () => allReady(namespace) || undefined, { timeoutMs: 300_000, intervalMs: 100 });
  return (Date.now() - started) / 1000;
}

function rssMiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  return Number(line?.replace(/\D+/g, '') ?? 0) / 1024;
}

async function noOpResync(operator: OperatorProcess, objects: number): Promise<{ reads: Map<string, number>; writes: number; resyncs: number }> {
  const before = await operator.awsCalls();
  const windowSeconds = 3 * resyncSeconds;
  await new Promise((r) => setTimeout(r, windowSeconds * 1000));
  const during = callsBetween(before, await operator.awsCalls());
  return { reads: during, writes: writeCalls(during), resyncs: (windowSeconds / resyncSeconds) * objects };
}

async function benchPools(operator: OperatorProcess, namespace: string): Promise<void> {
  const before = await operator.awsCalls();
  const docs = Array.from({ length: pools }, (_, i) =>
    JSON.stringify({ apiVersion: 'cognito.operator.dev/v1alpha1', kind: 'UserPool', metadata: { name: `bench-${i}` }, spec: { poolName: `bench-${namespace}-${i}`, security: { mfa: { mode: 'OPTIONAL', totp: true } }, domain: { prefix: `bench-${i}-${namespace}` } } }),
  );
  const seconds = await timeToReady(namespace, () => kubectlOk(['apply', '-n', namespace, '-f', '-'], `{"apiVersion":"v1","kind":"List","items":[${docs.join(',')}]}`));
  const created = callsBetween(before, await operator.awsCalls());
  console.log(`\n${pools} UserPools (MFA + domain) from one apply: all Ready in ${seconds.toFixed(1)}s (${(seconds / pools).toFixed(2)}s per pool)`);
  console.log(`  AWS calls per create: ${(sum(created) / pools).toFixed(1)} (${(writeCalls(created) / pools).toFixed(1)} writes) ${JSON.stringify(Object.fromEntries(created))}`);
  const resync = await noOpResync(operator, pools);
  console.log(`  no-op resync: ${(sum(resync.reads) / resync.resyncs).toFixed(1)} reads and ${resync.writes} writes per pool per resync ${JSON.stringify(Object.fromEntries(resync.reads))}`);
}

async function benchStack(operator: OperatorProcess, namespace: string): Promise<void> {
  const before = await operator.awsCalls();
  const seconds = await timeToReady(namespace, () => kubectlOk(['apply', '-n', namespace, '-f', join(repoRoot, 'deploy', 'examples')]));
  const created = callsBetween(before, await operator.awsCalls());
  console.log(`\nexample stack (deploy/examples, every kind) from one apply: all Ready in ${seconds.toFixed(1)}s`);
  console.log(`  AWS calls to converge, per kind: ${JSON.stringify(perKind(created))}`);
  const resync = await noOpResync(operator, 1);
  const cycles = resync.resyncs;
  const perKindPerResync = Object.fromEntries(Object.entries(perKind(resync.reads)).map(([k, n]) => [k, Number((n / cycles).toFixed(1))]));
  console.log(`  no-op resync: AWS reads per kind per resync ${JSON.stringify(perKindPerResync)}, writes ${resync.writes}`);
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'cognito-operator-bench-'));
  const ground = await startGround(dir);
  let operator: OperatorProcess | undefined;
  try {
    Object.assign(process.env, groundEnv(ground));
    const namespaces = ['bench-pools', 'bench-stack'];
    for (const ns of namespaces) kubectlOk(['create', 'namespace', ns]);
    operator = await startOperator({ namespace: namespaces.join(','), resyncInterval: `${resyncSeconds}s`, args: ['--log-level=info'] });
    console.log(`operator RSS at idle: ${rssMiB(operator.pid).toFixed(0)} MiB`);
    await benchPools(operator, 'bench-pools');
    console.log(`operator RSS with ${pools} pools: ${rssMiB(operator.pid).toFixed(0)} MiB`);
    // The stack's per-kind figures must not count the pools' resyncs.
    await releaseAll('bench-pools', 'userpools');
    await benchStack(operator, 'bench-stack');
    console.log(`\noperator RSS with the example stack: ${rssMiB(operator.pid).toFixed(0)} MiB`);
    for (const plural of [...kindPlurals].reverse()) await releaseAll('bench-stack', plural);
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
