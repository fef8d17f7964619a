/**
 * The local sandbox: the test ground (control plane + Cognito emulator, CRDs installed), the
 * operator (node dist/main.js), the examples from deploy/examples applied in namespace `shop`,
 * a wait for them to be Ready, and `kubectl get cognito -A`. It keeps running until Ctrl-C,
 * printing how to reach it; `--once` stops after printing.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Ground } from './ground';
import { groundEnv, startGround, stopGround } from './ground';
import { repoRoot } from './paths';
import { freePort, spawnService, stopService, waitUntil } from './process';

export const sandboxNamespace = 'shop';

function kubectl(ground: Ground, args: string[]): string {
  return execFileSync(ground.kubectl, args, { env: { ...process.env, ...groundEnv(ground) }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
}

function applyExamples(ground: Ground): void {
  kubectl(ground, ['create', 'namespace', sandboxNamespace]);
  process.stdout.write(kubectl(ground, ['apply', '-n', sandboxNamespace, '-f', join(repoRoot, 'deploy', 'examples')]));
}

/** Builds and starts the operator against the ground; resolves when /readyz answers. */
async function startOperator(ground: Ground, dir: string): Promise<number> {
  execFileSync(join(repoRoot, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.build.json'], { cwd: repoRoot, stdio: 'inherit' });
  const [metrics, probes] = [await freePort(), await freePort()];
  const logFile = join(dir, 'operator.log');
  const pid = spawnService(
    process.execPath,
    [join(repoRoot, 'dist', 'main.js'), `--metrics-bind-address=127.0.0.1:${metrics}`, `--health-probe-bind-address=127.0.0.1:${probes}`],
    logFile,
    { ...process.env, ...groundEnv(ground) },
  );
  await waitUntil('operator', async () => (await fetch(`http://127.0.0.1:${probes}/readyz`)).ok, { pid, logFile, timeoutMs: 60_000 });
  console.log(`operator running (log ${logFile}, metrics http://127.0.0.1:${metrics}/metrics)`);
  return pid;
}

/** Waits for every example to be Ready; false (with kubectl's words) when some are not. */
function waitForExamples(ground: Ground): boolean {
  const kinds = 'userpools,appclients,identityproviders,resourceservers,identitypools,userpoolgroups,managedloginbrandings';
  const result = spawnSync(ground.kubectl, ['wait', '-n', sandboxNamespace, '--for=condition=Ready', kinds, '--all', '--timeout=120s'], {
    env: { ...process.env, ...groundEnv(ground) },
    encoding: 'utf8',
  });
  if (result.status !== 0) console.log(`not everything became Ready in time:\n${result.stderr}`);
  return result.status === 0;
}

function waitForever(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
}

export async function runSandbox(opts: { once: boolean }): Promise<void> {
  const dir = process.env.COGNITO_OPERATOR_SANDBOX_DIR ?? join(tmpdir(), 'cognito-operator-sandbox');
  const ground = await startGround(dir);
  let operatorPid: number | undefined;
  try {
    operatorPid = await startOperator(ground, dir);
    applyExamples(ground);
    const ready = waitForExamples(ground);
    console.log(`\n$ kubectl get cognito -A\n${kubectl(ground, ['get', 'cognito', '-A'])}`);
    if (opts.once) {
      if (!ready) throw new Error('the examples did not all become Ready');
      return;
    }
    console.log(`Sandbox running (logs in ${dir}). In another shell:\n`);
    for (const [key, value] of Object.entries(groundEnv(ground))) console.log(`  export ${key}=${value}`);
    console.log(`  $KUBECTL get cognito -A\n\nCtrl-C stops it.`);
    await waitForever();
  } finally {
    if (operatorPid !== undefined) await stopService(operatorPid);
    await stopGround(ground);
  }
}
