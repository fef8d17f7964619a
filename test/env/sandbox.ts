/**
 * The local sandbox: the test ground (control plane + Cognito emulator, CRDs installed), the
 * examples from deploy/examples applied in namespace `shop`, and `kubectl get cognito -A`.
 * It keeps running until Ctrl-C, printing how to reach it; `--once` stops after printing.
 */
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Ground } from './ground';
import { groundEnv, startGround, stopGround } from './ground';
import { repoRoot } from './paths';

export const sandboxNamespace = 'shop';

function kubectl(ground: Ground, args: string[]): string {
  return execFileSync(ground.kubectl, args, { env: { ...process.env, ...groundEnv(ground) }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
}

function applyExamples(ground: Ground): void {
  kubectl(ground, ['create', 'namespace', sandboxNamespace]);
  process.stdout.write(kubectl(ground, ['apply', '-n', sandboxNamespace, '-f', join(repoRoot, 'deploy', 'examples')]));
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
  try {
    applyExamples(ground);
    console.log(`\n$ kubectl get cognito -A\n${kubectl(ground, ['get', 'cognito', '-A'])}`);
    if (opts.once) return;
    console.log(`Sandbox running (logs in ${dir}). In another shell:\n`);
    for (const [key, value] of Object.entries(groundEnv(ground))) console.log(`  export ${key}=${value}`);
    console.log(`  $KUBECTL get cognito -A\n\nCtrl-C stops it.`);
    await waitForever();
  } finally {
    await stopGround(ground);
  }
}
