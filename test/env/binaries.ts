/**
 * kube-apiserver, kubectl and etcd, built once from their Go modules (test/env/go/) and cached;
 * kube-controller-manager from the same k8s.io/kubernetes module, cached under a key of its own
 * so that adding it did not rebuild the others. An existing KUBEBUILDER_ASSETS directory is used
 * instead of building (kube-controller-manager is built when the directory lacks it, as
 * envtest's assets do).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { cacheDir, repoRoot, versions } from './paths';

export interface Binaries {
  etcd: string;
  kubeApiserver: string;
  kubectl: string;
  kubeControllerManager: string;
}

const names = { etcd: 'etcd', kubeApiserver: 'kube-apiserver', kubectl: 'kubectl' } as const;
const goDir = join(repoRoot, 'test', 'env', 'go');

type ControlPlaneBinaries = Omit<Binaries, 'kubeControllerManager'>;

function binariesIn(dir: string): ControlPlaneBinaries {
  return { etcd: join(dir, names.etcd), kubeApiserver: join(dir, names.kubeApiserver), kubectl: join(dir, names.kubectl) };
}

function complete(bins: ControlPlaneBinaries): boolean {
  return Object.values(bins).every((path) => existsSync(path));
}

function pinsHash(modules: string[]): string {
  const hash = createHash('sha256');
  for (const module of modules) {
    for (const file of ['go.mod', 'go.sum']) hash.update(readFileSync(join(goDir, module, file)));
  }
  return hash.digest('hex').slice(0, 12);
}

/** The cache key changes whenever a module's pins change. */
function buildKey(): string {
  return `${versions.kubernetes}-etcd-${versions.etcd}-${pinsHash(['kube', 'etcd'])}`;
}

function controllerManagerKey(): string {
  return `kube-controller-manager-${versions.kubernetes}-${pinsHash(['kube'])}`;
}

function goBuild(moduleDir: string, outDir: string, packages: string[], ldflags: string): void {
  execFileSync('go', ['build', '-trimpath', '-ldflags', ldflags, '-o', `${outDir}/`, ...packages], {
    cwd: moduleDir,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, CGO_ENABLED: '0', GOTOOLCHAIN: 'local', GOFLAGS: '-mod=readonly' },
  });
}

/** `/version` and `kubectl version` tell the truth only when the build stamps them. */
function kubeVersionFlags(): string {
  const [major, minor] = versions.kubernetes.slice(1).split('.');
  const stamp = (pkg: string) =>
    [`-X ${pkg}.gitVersion=${versions.kubernetes}`, `-X ${pkg}.gitMajor=${major}`, `-X ${pkg}.gitMinor=${minor}`, `-X ${pkg}.gitTreeState=clean`];
  return ['-s -w', ...stamp('k8s.io/component-base/version'), ...stamp('k8s.io/client-go/pkg/version')].join(' ');
}

/** Builds into a staging folder and moves it into place, so a half-built cache never counts. */
function build(target: string, what: string, work: (staging: string) => void): void {
  const staging = `${target}.building-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  const started = Date.now();
  console.error(`test ground: building ${what} (first run only)...`);
  work(staging);
  rmSync(target, { recursive: true, force: true });
  renameSync(staging, target);
  console.error(`test ground: built ${what} in ${Math.round((Date.now() - started) / 1000)}s, cached in ${target}`);
}

function ensureControlPlaneBinaries(): ControlPlaneBinaries {
  const assets = process.env.KUBEBUILDER_ASSETS;
  if (assets) {
    const bins = binariesIn(assets);
    if (!complete(bins)) throw new Error(`KUBEBUILDER_ASSETS=${assets} lacks etcd, kube-apiserver or kubectl`);
    return bins;
  }
  const dir = join(cacheDir, 'bin', buildKey());
  const bins = binariesIn(dir);
  if (!complete(bins)) {
    build(dir, `kube-apiserver, kubectl ${versions.kubernetes} and etcd ${versions.etcd}`, (staging) => {
      goBuild(join(goDir, 'kube'), staging, ['k8s.io/kubernetes/cmd/kube-apiserver', 'k8s.io/kubernetes/cmd/kubectl'], kubeVersionFlags());
      goBuild(join(goDir, 'etcd'), staging, ['.'], '-s -w');
    });
  }
  return bins;
}

function ensureControllerManager(): string {
  const fromAssets = process.env.KUBEBUILDER_ASSETS && join(process.env.KUBEBUILDER_ASSETS, 'kube-controller-manager');
  if (fromAssets && existsSync(fromAssets)) return fromAssets;
  const dir = join(cacheDir, 'bin', controllerManagerKey());
  const binary = join(dir, 'kube-controller-manager');
  if (!existsSync(binary)) {
    build(dir, `kube-controller-manager ${versions.kubernetes}`, (staging) => {
      goBuild(join(goDir, 'kube'), staging, ['k8s.io/kubernetes/cmd/kube-controller-manager'], kubeVersionFlags());
    });
  }
  return binary;
}

export function ensureBinaries(): Binaries {
  return { ...ensureControlPlaneBinaries(), kubeControllerManager: ensureControllerManager() };
}
