/**
 * Gives the integration tests a test ground: the one `test/env/up` started (COGNITO_OPERATOR_GROUND
 * names its state file), or a fresh one for this run. Its environment reaches every test worker.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Ground } from './ground';
import { groundEnv, loadGround, startGround } from './ground';
import { repoRoot } from './paths';

declare global {
  // Set here, read by the teardown (same process).
  var __cognitoOperatorGround: Ground | undefined;
}

/** The tests run the operator as `node dist/main.js`, as a cluster does: compile it first. */
function buildOperator(): void {
  execFileSync(`${repoRoot}/node_modules/.bin/tsc`, ['-p', 'tsconfig.build.json'], { cwd: repoRoot, stdio: 'inherit' });
}

export default async function globalSetup(): Promise<void> {
  // npm test compiles once for all its shards.
  if (!process.env.COGNITO_OPERATOR_DIST_BUILT) buildOperator();
  const stateFile = process.env.COGNITO_OPERATOR_GROUND;
  let ground = stateFile ? loadGround(stateFile) : undefined;
  if (stateFile && !ground) throw new Error(`COGNITO_OPERATOR_GROUND=${stateFile}: that test ground is not running (test/env/up)`);
  if (!ground) {
    ground = await startGround(mkdtempSync(join(tmpdir(), 'cognito-operator-test-')));
    globalThis.__cognitoOperatorGround = ground;
  }
  Object.assign(process.env, groundEnv(ground));
}
