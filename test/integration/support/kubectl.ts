/** kubectl against the test ground, as a user would run it. */
import { spawnSync } from 'node:child_process';

export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function kubectl(args: string[], input?: string): KubectlResult {
  const binary = process.env.KUBECTL;
  if (!binary) throw new Error('KUBECTL is not set: run the integration tests through jest (its global set-up starts the test ground)');
  const result = spawnSync(binary, args, { input, encoding: 'utf8', env: process.env, timeout: 60_000 });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** Runs kubectl and fails with its error output when it does not succeed. */
export function kubectlOk(args: string[], input?: string): string {
  const result = kubectl(args, input);
  if (result.code !== 0) throw new Error(`kubectl ${args.join(' ')} failed (${result.code}): ${result.stderr}`);
  return result.stdout;
}
