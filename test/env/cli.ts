/**
 * `up`: start the test ground in the background and print `export` lines for it.
 * `down`: stop exactly what `up` started.
 * Both take the ground's folder from COGNITO_OPERATOR_GROUND_DIR (default: <tmp>/cognito-operator-ground).
 * `prepare`: build what the ground needs (binaries, emulator venv) without starting it.
 * `sandbox [--once]`: the local sandbox; see sandbox.ts.
 * `test [jest arguments]`: `npm test`; see tests.ts.
 */
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBinaries } from './binaries';
import { groundEnv, loadGround, startGround, stopGround } from './ground';
import { ensureMotoVenv } from './moto';
import { cacheDir } from './paths';
import { ensureProductionModules, ensureTools } from './tools';
import { runSandbox } from './sandbox';
import { runTests } from './tests';

const dir = process.env.COGNITO_OPERATOR_GROUND_DIR ?? join(tmpdir(), 'cognito-operator-ground');
const stateFile = join(dir, 'ground.json');

function printExports(env: Record<string, string>): void {
  for (const [key, value] of Object.entries(env)) console.log(`export ${key}=${value}`);
}

async function up(): Promise<void> {
  const running = loadGround(stateFile);
  if (running) {
    console.error(`test ground already running in ${dir}`);
    printExports(groundEnv(running));
    return;
  }
  const ground = await startGround(dir);
  console.error(`test ground up: API server ${ground.server}, Cognito emulator ${ground.awsEndpoint}; logs in ${dir}`);
  printExports(groundEnv(ground));
}

async function down(): Promise<void> {
  const ground = loadGround(stateFile);
  if (!ground) {
    console.error(`no running test ground in ${dir}`);
    return;
  }
  await stopGround(ground);
  rmSync(dir, { recursive: true, force: true });
  console.error('test ground stopped');
}

async function prepare(): Promise<void> {
  ensureBinaries();
  await ensureMotoVenv(cacheDir);
  await ensureTools();
  await ensureProductionModules();
}

const sandbox = () => runSandbox({ once: process.argv.includes('--once') });

async function test(): Promise<void> {
  process.exitCode = await runTests(process.argv.slice(3));
}

const commands: Record<string, () => Promise<void>> = { up, down, prepare, sandbox, test };
const command = commands[process.argv[2] ?? ''];
if (!command) {
  console.error('usage: cli.js up|down|prepare|sandbox [--once]|test [jest arguments]');
  process.exit(2);
}
command().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
