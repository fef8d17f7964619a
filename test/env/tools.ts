/**
 * What the deploy and health tests run besides the test ground, prepared once and cached:
 * - helm, kstatus and argocd-health, built from the Go module test/env/go/tools into
 *   `~/.cache/cognito-operator/bin/tools-<hash>/` (helm from helm.sh/helm/v3; kstatus is the
 *   module's own ./kstatus over sigs.k8s.io/cli-utils; argocd-health its ./argocd-health over
 *   github.com/yuin/gopher-lua, the Lua interpreter Argo CD embeds);
 * - the operator's production node_modules (`npm ci --omit=dev`, as the image holds them).
 * Test files run in parallel workers, so each preparation holds a lock while it works.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { cacheDir, repoRoot } from './paths';
import { isAlive, sleep } from './process';

export interface Tools {
  helm: string;
  kstatus: string;
  argocdHealth: string;
}

const moduleDir = join(repoRoot, 'test', 'env', 'go', 'tools');
const lockTimeoutMs = 15 * 60_000;

function hashOf(files: string[]): string {
  const hash = createHash('sha256');
  for (const file of files) hash.update(readFileSync(file));
  return hash.digest('hex').slice(0, 12);
}

/** The version go.mod requires of a module, e.g. `v3.22.0`. */
function requiredVersion(goMod: string, module: string): string {
  const match = new RegExp(`^\\s*(?:require\\s+)?${module.replace(/\./g, '\\.')} (v\\S+)`, 'm').exec(goMod);
  if (!match?.[1]) throw new Error(`test/env/go/tools/go.mod does not require ${module}`);
  return match[1];
}

/** `helm version` and the Kubernetes version `helm template` assumes, stamped as helm's Makefile does. */
function helmLdflags(): string {
  const goMod = readFileSync(join(moduleDir, 'go.mod'), 'utf8');
  const minor = requiredVersion(goMod, 'k8s.io/client-go').split('.')[1];
  const flags = ['-s -w', `-X helm.sh/helm/v3/internal/version.version=${requiredVersion(goMod, 'helm.sh/helm/v3')}`];
  for (const pkg of ['helm.sh/helm/v3/pkg/chartutil', 'helm.sh/helm/v3/pkg/lint/rules']) {
    flags.push(`-X ${pkg}.k8sVersionMajor=1`, `-X ${pkg}.k8sVersionMinor=${minor}`);
  }
  return flags.join(' ');
}

function goBuild(outDir: string, pkg: string, ldflags: string): void {
  execFileSync('go', ['build', '-trimpath', '-ldflags', ldflags, '-o', `${outDir}/`, pkg], {
    cwd: moduleDir,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, CGO_ENABLED: '0', GOTOOLCHAIN: 'local', GOFLAGS: '-mod=readonly' },
  });
}

/** The pid in a lock directory; 0 while it is being written or once the lock is gone. */
function lockHolder(lock: string): number {
  try {
    return Number(readFileSync(join(lock, 'pid'), 'utf8')) || 0;
  } catch {
    return 0;
  }
}

/**
 * Makes `target` with `make(staging)` unless `done(target)` already holds. One process works at
 * a time (a lock directory holding the worker's pid); the others wait for its result.
 */
async function prepareOnce(what: string, target: string, done: (dir: string) => boolean, make: (staging: string) => void): Promise<void> {
  const lock = `${target}.lock`;
  const deadline = Date.now() + lockTimeoutMs;
  while (!done(target)) {
    try {
      mkdirSync(lock, { recursive: false });
    } catch {
      const holder = lockHolder(lock);
      if (holder > 0 && !isAlive(holder)) rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`waited too long for another process preparing ${what} (${lock})`);
      await sleep(1000);
      continue;
    }
    try {
      writeFileSync(join(lock, 'pid'), String(process.pid));
      if (done(target)) return;
      const staging = `${target}.building-${process.pid}`;
      rmSync(staging, { recursive: true, force: true });
      mkdirSync(staging, { recursive: true });
      const started = Date.now();
      console.error(`deploy tools: preparing ${what} (first run only)...`);
      make(staging);
      rmSync(target, { recursive: true, force: true });
      renameSync(staging, target);
      console.error(`deploy tools: ${what} ready in ${Math.round((Date.now() - started) / 1000)}s, cached in ${target}`);
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
}

/** helm, kstatus and argocd-health; the cache key changes with the module's pins or the sources beside it. */
export async function ensureTools(): Promise<Tools> {
  const key = hashOf(['go.mod', 'go.sum', 'kstatus/main.go', 'argocd-health/main.go'].map((f) => join(moduleDir, f)));
  const dir = join(cacheDir, 'bin', `tools-${key}`);
  const tools: Tools = { helm: join(dir, 'helm'), kstatus: join(dir, 'kstatus'), argocdHealth: join(dir, 'argocd-health') };
  const built = (d: string) => ['helm', 'kstatus', 'argocd-health'].every((tool) => existsSync(join(d, tool)));
  await prepareOnce('helm, kstatus and argocd-health', dir, built, (staging) => {
    goBuild(staging, './kstatus', '-s -w');
    goBuild(staging, './argocd-health', '-s -w');
    goBuild(staging, 'helm.sh/helm/v3/cmd/helm', helmLdflags());
  });
  return tools;
}

/**
 * A folder with package.json and the production node_modules only, installed with the
 * Dockerfile's flags, from npm's cache when it can: what the image's /app holds besides dist/.
 */
export async function ensureProductionModules(): Promise<string> {
  const manifests = ['package.json', 'package-lock.json'];
  const dir = join(cacheDir, `node-production-${hashOf(manifests.map((f) => join(repoRoot, f)))}`);
  const installed = (d: string) => existsSync(join(d, 'node_modules', '.package-lock.json'));
  await prepareOnce('production node_modules', dir, installed, (staging) => {
    for (const file of manifests) copyFileSync(join(repoRoot, file), join(staging, file));
    execFileSync('npm', ['ci', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline'], {
      cwd: staging,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  });
  return dir;
}

/**
 * Runs a tool and returns its stdout; throws with its stderr unless it exits 0. Helm keeps its
 * cache and config in the cache folder, never in the user's home.
 */
export function runTool(binary: string, args: string[], input?: string): string {
  const helmHome = join(cacheDir, 'helm-home');
  const result = spawnSync(binary, args, {
    input,
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, HELM_CACHE_HOME: join(helmHome, 'cache'), HELM_CONFIG_HOME: join(helmHome, 'config'), HELM_DATA_HOME: join(helmHome, 'data') },
  });
  if (result.status !== 0) throw new Error(`${basename(binary)} ${args.join(' ')} failed (${result.status ?? result.signal}): ${result.stderr}`);
  return result.stdout;
}
