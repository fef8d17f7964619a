/**
 * `npm test`: the unit tests, then the integration tests in shards that run at once, each jest
 * process on a test ground of its own (its global set-up starts one). Integration tests spend
 * most of their time waiting on the API server, the emulator and resync intervals, so two shards
 * on two cores take little more than half the time of one. Files are spread by the duration they
 * took last time (kept in the cache folder), longest first onto the lighter shard.
 *
 * With arguments, jest runs once with exactly them (`npm test -- --selectProjects unit`).
 */
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { createInterface } from 'node:readline';
import { cacheDir, repoRoot } from './paths';

const jestBin = join(repoRoot, 'node_modules', '.bin', 'jest');
const durationsFile = join(cacheDir, 'test-durations.json');

/** The parts of jest's --json output read here. */
interface JestResults {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  testResults: { name: string; status: string; message?: string; startTime?: number; endTime?: number }[];
}

/** Runs jest; with `prefix`, each output line is tagged so that concurrent shards stay readable. */
function runJest(args: string[], env: NodeJS.ProcessEnv, prefix?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(jestBin, args, { cwd: repoRoot, env, stdio: prefix ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
    if (prefix && child.stdout && child.stderr) {
      for (const [stream, out] of [[child.stdout, process.stdout], [child.stderr, process.stderr]] as const) {
        createInterface({ input: stream }).on('line', (text) => out.write(`${prefix} ${text}\n`));
      }
    }
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

function readDurations(): Record<string, number> {
  try {
    return JSON.parse(readFileSync(durationsFile, 'utf8')) as Record<string, number>;
  } catch {
    return {};
  }
}

/**
 * Longest first onto the lighter shard. A file never measured counts as the median of those
 * that were (or its size in KB as seconds on a first run), so the split holds up on a fresh machine.
 */
export function splitByDuration(files: string[], durations: Record<string, number>, shards: number): string[][] {
  const known = files.map((f) => durations[relative(repoRoot, f)]).filter((d): d is number => d !== undefined).sort((a, b) => a - b);
  const median = known[Math.floor(known.length / 2)];
  const weight = (f: string) => durations[relative(repoRoot, f)] ?? median ?? statSync(f).size / 1024;
  const bins = Array.from({ length: shards }, () => ({ files: [] as string[], total: 0 }));
  for (const file of [...files].sort((a, b) => weight(b) - weight(a))) {
    const lightest = bins.reduce((a, b) => (b.total < a.total ? b : a));
    lightest.files.push(file);
    lightest.total += weight(file);
  }
  return bins.filter((b) => b.files.length > 0).map((b) => b.files);
}

/** The first lines of jest's failure message for a file, without colour codes. */
function failureSummary(message: string | undefined, lines = 25): string {
  // eslint-disable-next-line no-control-regex
  const plain = (message ?? '').replace(/\u001b\[[0-9;]*m/g, '').trim();
  return plain === '' ? '  (no message)' : plain.split('\n').slice(0, lines).map((l) => `  ${l}`).join('\n');
}

function readResults(file: string): JestResults | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as JestResults;
  } catch {
    return undefined;
  }
}

function listIntegrationTests(): string[] {
  const out = execFileSync(jestBin, ['--selectProjects', 'integration', '--listTests'], { cwd: repoRoot, encoding: 'utf8' });
  return out.split('\n').filter((line) => line.endsWith('.test.ts'));
}

function shardCount(): number {
  const asked = Number(process.env.COGNITO_OPERATOR_TEST_SHARDS);
  if (Number.isInteger(asked) && asked > 0) return asked;
  // A ground started by test/env/up is one ground: its tests run in one process, as before.
  if (process.env.COGNITO_OPERATOR_GROUND) return 1;
  return Math.min(2, availableParallelism());
}

export async function runTests(args: string[]): Promise<number> {
  if (args.length > 0) return runJest(args, process.env);
  const started = Date.now();
  const work = mkdtempSync(join(tmpdir(), 'cognito-operator-tests-'));
  try {
    // The shards' global set-ups would each compile dist/ into the same folder at once.
    execFileSync(join(repoRoot, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.build.json'], { cwd: repoRoot, stdio: 'inherit' });
    const env = { ...process.env, COGNITO_OPERATOR_DIST_BUILT: '1' };
    const unitFile = join(work, 'unit.json');
    const unitCode = await runJest(['--selectProjects', 'unit', '--json', `--outputFile=${unitFile}`], env);

    const durations = readDurations();
    const shards = splitByDuration(listIntegrationTests(), durations, shardCount());
    const shardFiles = shards.map((_, i) => join(work, `integration-${i + 1}.json`));
    console.error(`integration tests: ${shards.length} shard(s) of ${shards.map((s) => s.length).join(' + ')} files, each on its own test ground`);
    const shardCodes = await Promise.all(
      shards.map((files, i) =>
        runJest(['--selectProjects', 'integration', '--json', `--outputFile=${shardFiles[i]}`, '--runTestsByPath', ...files], env, shards.length > 1 ? `[${i + 1}]` : undefined),
      ),
    );

    const results = [unitFile, ...shardFiles].map(readResults);
    for (const r of results) {
      for (const t of r?.testResults ?? []) {
        if (t.startTime && t.endTime) durations[relative(repoRoot, t.name)] = Math.round((t.endTime - t.startTime) / 100) / 10;
      }
    }
    mkdirSync(cacheDir, { recursive: true });
    writeFileSync(durationsFile, `${JSON.stringify(durations, null, 1)}\n`);

    const total = (pick: (r: JestResults) => number) => results.reduce((n, r) => n + (r ? pick(r) : 0), 0);
    const failedFiles = results.flatMap((r) => r?.testResults ?? []).filter((t) => t.status === 'failed');
    // Repeated at the end, where a CI log's tail shows it: a failed hook fails a file whose tests all passed.
    for (const t of failedFiles) console.error(`FAILED ${relative(repoRoot, t.name)}\n${failureSummary(t.message)}`);
    console.log(
      `tests: ${total((r) => r.numPassedTests)} passed, ${total((r) => r.numFailedTests)} failed, ${total((r) => r.numPendingTests)} skipped in ${Math.round((Date.now() - started) / 1000)} s`,
    );
    const codes = [unitCode, ...shardCodes];
    // A shard that crashed writes no results: its non-zero code still fails the run.
    return codes.find((c) => c !== 0) ?? (results.some((r) => !r) ? 1 : 0);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
