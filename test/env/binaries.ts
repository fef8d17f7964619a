/**
 * kube-apiserver, kubectl and etcd, built once from their Go modules (test/env/go/) and cached.
 * An existing KUBEBUILDER_ASSETS directory is used instead of building.
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
}

const names = { etcd: 'etcd', kubeApiserver: 'kube-apiserver', kubectl: 'kubectl' } as const;
const goDir = join(repoRoot, 'test', 'env', 'go');

function binariesIn(dir: string): Binaries {
  return { etcd: join(dir, names.etcd), kubeApiserver: join(dir, names.kubeApiserver), kubectl: join(dir, names.kubectl) };
}

function complete(bins: Binaries): boolean {
  return Object.values(bins).every((path) => existsSync(path));
}

/** The cache key changes whenever a module's pins change. */
function buildKey(): string {
  const hash = createHash('sha256');
  for (const module of ['kube', 'etcd']) {
    for (const file of ['go.mod', 'go.sum']) hash.update(readFileSync(join(goDir, module, file)));
  }
  return `${versions.kubernetes}-etcd-${versions.etcd}-${hash.digest('hex').slice(0, 12)}`;
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

function build(target: string): void {
  const staging = `${target}.building-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  const started = Date.now();
  console.error(`test ground: building kube-apiserver, kubectl ${versions.kubernetes} and etcd ${versions.etcd} (first run only)...`);
  goBuild(join(goDir, 'kube'), staging, ['k8s.io/kubernetes/cmd/kube-apiserver', 'k8s.io/kubernetes/cmd/kubectl'], kubeVersionFlags());
  goBuild(join(goDir, 'etcd'), staging, ['.'], '-s -w');
  rmSync(target, { recursive: true, force: true });
  renameSync(staging, target);
  console.error(`test ground: built in ${Math.round((Date.now() - started) / 1000)}s, cached in ${target}`);
}

export function ensureBinaries(): Binaries {
  const assets = process.env.KUBEBUILDER_ASSETS;
  if (assets) {
    const bins = binariesIn(assets);
    if (!complete(bins)) throw new Error(`KUBEBUILDER_ASSETS=${assets} lacks etcd, kube-apiserver or kubectl`);
    return bins;
  }
  const dir = join(cacheDir, 'bin', buildKey());
  const bins = binariesIn(dir);
  if (!complete(bins)) build(dir);
  return bins;
}
