/**
 * The Cognito API emulator of the test ground: moto in server mode, from a venv pinned by
 * `moto/requirements.txt`, with the operations moto lacks added by `moto/cognito_extensions.py`.
 */
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from './paths';
import { spawnService, stopService, waitUntil } from './process';

// From the repository, not __dirname: test/env/up runs this file compiled elsewhere.
const MOTO_DIR = path.join(repoRoot, 'test', 'env', 'moto');
const REQUIREMENTS = path.join(MOTO_DIR, 'requirements.txt');
const SERVER = path.join(MOTO_DIR, 'server.py');
const READY_TIMEOUT_MS = 60_000;
const PROBE_TIMEOUT_MS = 2_000;

export interface MotoOptions {
  python: string;
  port: number;
  logFile: string;
}

export interface MotoServer {
  endpoint: string;
  pid: number;
}

function log(message: string): void {
  process.stderr.write(`[moto] ${message}\n`);
}

function venvPython(venvDir: string): string {
  return path.join(venvDir, 'bin', 'python');
}

/** Hash of the pins, so that changing a pin builds a fresh venv beside the old one. */
function requirementsHash(): string {
  return createHash('sha256').update(fs.readFileSync(REQUIREMENTS)).digest('hex').slice(0, 16);
}

/** Runs a command with its output on our stderr; rejects unless it exits 0. */
function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 2, 2] });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`})`));
    });
  });
}

async function buildVenv(dir: string): Promise<void> {
  await run('python3', ['-m', 'venv', dir]);
  // Calling pip through the venv's python keeps working after the rename below,
  // unlike the venv's bin/ scripts whose shebangs name the build directory.
  await run(venvPython(dir), [
    '-m',
    'pip',
    'install',
    '--disable-pip-version-check',
    '--no-input',
    '--quiet',
    '--progress-bar',
    'off',
    '-r',
    REQUIREMENTS,
  ]);
}

/** Renames the finished build into place, unless a concurrent build got there first. */
function publishVenv(tempDir: string, venvDir: string): void {
  try {
    fs.renameSync(tempDir, venvDir);
  } catch (error) {
    if (!fs.existsSync(venvPython(venvDir))) throw error;
    log(`another process built ${venvDir} first; using it`);
    fs.rmSync(tempDir, { recursive: true, force: true });
  }
}

/**
 * Returns the python of `<cacheDir>/venv-moto-<hash of requirements.txt>`, building the
 * venv first when it is missing. The build happens in a private directory that is renamed
 * into place only once complete, so an existing venv directory is always a whole one.
 */
export async function ensureMotoVenv(cacheDir: string): Promise<string> {
  const venvDir = path.join(cacheDir, `venv-moto-${requirementsHash()}`);
  if (fs.existsSync(venvPython(venvDir))) return venvPython(venvDir);

  fs.mkdirSync(cacheDir, { recursive: true });
  const tempDir = `${venvDir}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  log(`creating ${venvDir} (pip install -r ${REQUIREMENTS}); this takes a minute`);
  try {
    await buildVenv(tempDir);
    publishVenv(tempDir, venvDir);
  } catch (error) {
    fs.rmSync(tempDir, { recursive: true, force: true });
    throw error;
  }
  log(`venv ready: ${venvDir}`);
  return venvPython(venvDir);
}

/** True when the moto API answers at the endpoint. */
async function answers(endpoint: string): Promise<boolean> {
  const response = await fetch(`${endpoint}/moto-api/`, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
  await response.arrayBuffer();
  return response.ok;
}

/** Starts moto on 127.0.0.1:<port>, detached so it outlives this process; resolves once its API answers. */
export async function startMoto(opts: MotoOptions): Promise<MotoServer> {
  const endpoint = `http://127.0.0.1:${opts.port}`;
  // Something already answering would hide our server failing to bind.
  if (await answers(endpoint).catch(() => false)) {
    throw new Error(`port ${opts.port} is already serving a moto API; stop it or choose another port`);
  }
  const pid = spawnService(opts.python, [SERVER, '--host', '127.0.0.1', '--port', String(opts.port)], opts.logFile, {
    ...process.env,
    PYTHONUNBUFFERED: '1',
  });
  try {
    await waitUntil('moto', () => answers(endpoint), { pid, logFile: opts.logFile, timeoutMs: READY_TIMEOUT_MS });
  } catch (error) {
    await stopService(pid);
    throw error;
  }
  return { endpoint, pid };
}

/** Clears all emulated AWS state. */
export async function resetMoto(endpoint: string): Promise<void> {
  const response = await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' });
  const body = await response.text();
  if (!response.ok) {
    throw new Error(`moto reset at ${endpoint} failed: HTTP ${response.status} ${body}`);
  }
}
