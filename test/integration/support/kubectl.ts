/** kubectl against the test ground, as a user would run it. */
import { spawnSync } from 'node:child_process';

export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** A minute, or longer than kubectl's own --timeout when one is given, so that kubectl's own limit ends it, with its message. */
function spawnTimeoutMs(args: readonly string[]): number {
  const own = args.map((a) => /^--timeout=(\d+)s$/.exec(a)?.[1]).find((s) => s !== undefined);
  return Math.max(60_000, own === undefined ? 0 : Number(own) * 1000 + 30_000);
}

/** `timeoutMs`: how long kubectl may run before it is killed (an apply of thousands of objects takes minutes). */
export function kubectl(args: string[], input?: string, timeoutMs = spawnTimeoutMs(args)): KubectlResult {
  const binary = process.env.KUBECTL;
  if (!binary) throw new Error('KUBECTL is not set: run the integration tests through jest (its global set-up starts the test ground)');
  const result = spawnSync(binary, args, { input, encoding: 'utf8', env: process.env, timeout: timeoutMs });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** Runs kubectl and fails with its error output when it does not succeed. */
export function kubectlOk(args: string[], input?: string, timeoutMs?: number): string {
  const result = kubectl(args, input, timeoutMs);
  if (result.code !== 0) throw new Error(`kubectl ${args.join(' ')} failed (${result.code === -1 ? 'killed after its time limit' : result.code}): ${result.stderr}`);
  return result.stdout;
}
