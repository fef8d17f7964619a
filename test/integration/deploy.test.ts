/**
 * The deployable artifacts against the real API server:
 * - the kustomize base and the Helm chart pass `kubectl apply --dry-run=server`;
 * - Helm renders what its values promise, and its Deployment configures the operator as the
 *   values say (read back through the operator's own config parser);
 * - the image's entry point: dist/main.js run as the Dockerfile describes (user, env, command,
 *   production node_modules only, a working directory it cannot write), as the chart's
 *   ServiceAccount with nothing but the chart's RBAC. It serves probes and metrics, gets a
 *   UserPool Ready, and exits 0 soon after SIGTERM.
 */
import { spawn } from 'node:child_process';
import { chmodSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parseAllDocuments, parseDocument } from 'yaml';
import { kinds } from '../../src/api/kinds';
import { loadConfig } from '../../src/config';
import { rateLimitsFromEnv } from '../../src/aws/rate-limit';
import { imageSpec } from '../env/image';
import { freePort } from '../env/process';
import type { Tools } from '../env/tools';
import { ensureProductionModules, ensureTools, runTool } from '../env/tools';
import { kubectl, kubectlOk } from './support/kubectl';
import { useNamespace } from './support/namespace';
import { apply, eventsFor, getObject, waitForGone, waitForReady } from './support/objects';
import { waitFor } from './support/wait';

const repo = join(__dirname, '..', '..');
const chart = join(repo, 'deploy', 'helm', 'cognito-operator');
/** One CRD per kind, as crds/ holds them. */
const ns = useNamespace(__filename);
let tools: Tools;
const scratch = mkdtempSync(join(tmpdir(), 'cognito-operator-deploy-'));

interface Obj {
  kind: string;
  metadata: { name: string; namespace?: string; annotations?: Record<string, string> };
  [key: string]: unknown;
}
interface Container {
  args: string[];
  env: { name: string; value?: string; valueFrom?: { fieldRef?: { fieldPath: string } } }[];
}
interface Rule {
  apiGroups: string[];
  resources: string[];
  verbs: string[];
  resourceNames?: string[];
}

beforeAll(async () => {
  tools = await ensureTools();
}, 600_000);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const docs = (yaml: string): Obj[] => parseAllDocuments(yaml).map((d) => d.toJS() as Obj).filter((o) => o?.kind);
const find = (objs: Obj[], kind: string, name?: string) => objs.filter((o) => o.kind === kind && (!name || o.metadata.name === name));
const container = (objs: Obj[]) => (find(objs, 'Deployment')[0] as unknown as { spec: { template: { spec: { containers: Container[] } } } }).spec.template.spec.containers[0] as Container;
const rulesOf = (role: Obj | undefined) => ((role as unknown as { rules: Rule[] } | undefined)?.rules ?? []);

function helmTemplate(release: string, sets: string[], extra: string[] = []): string {
  return runTool(tools.helm, ['template', release, chart, '--namespace', ns.name, ...extra, ...sets.flatMap((s) => ['--set', s])]);
}

/** The base in this file's namespace: an overlay is how a user moves it, and dry-run needs an existing namespace. */
function kustomizeInto(namespace: string): string {
  const overlay = mkdtempSync(join(scratch, 'overlay-'));
  const base = relative(overlay, join(repo, 'deploy', 'kustomize'));
  writeFileSync(join(overlay, 'kustomization.yaml'), `resources: [${base}]\nnamespace: ${namespace}\n`);
  return kubectlOk(['kustomize', overlay]);
}

function dryRun(yaml: string): string {
  const result = kubectl(['apply', '--dry-run=server', '-f', '-'], yaml);
  expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: expect.not.stringMatching(/error/i) });
  return result.stdout;
}

describe('kustomize base', () => {
  it('passes server-side dry-run, every object', () => {
    const yaml = kustomizeInto(ns.name);
    const objs = docs(yaml);
    const out = dryRun(yaml);
    expect(out.trim().split('\n')).toHaveLength(objs.length);
    expect(objs.map((o) => o.kind).sort()).toEqual(
      ['ClusterRole', 'ClusterRoleBinding', 'Deployment', 'Namespace', 'Role', 'RoleBinding', 'Service', 'ServiceAccount', ...kinds.map(() => 'CustomResourceDefinition')].sort(),
    );
  });

  it('binds its roles to its ServiceAccount in whatever namespace an overlay chooses', () => {
    const objs = docs(kustomizeInto(ns.name));
    for (const binding of [...find(objs, 'RoleBinding'), ...find(objs, 'ClusterRoleBinding')]) {
      expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: 'cognito-operator', namespace: ns.name }]);
    }
  });

  it('runs in cognito-operator-system with leader election and a locked-down container', () => {
    const objs = docs(kubectlOk(['kustomize', join(repo, 'deploy', 'kustomize')]));
    expect(find(objs, 'Namespace').map((o) => o.metadata.name)).toEqual(['cognito-operator-system']);
    expect(container(objs).args).toContain('--leader-elect');
    expect(container(objs)).toMatchObject({ securityContext: { readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } } });
  });
});

describe('Helm chart', () => {
  const region = 'aws.region=eu-west-1';

  it('passes server-side dry-run with its CRDs, cluster-wide and per namespace', () => {
    for (const sets of [[region], [region, `watchNamespaces={${ns.name}}`]]) {
      const yaml = helmTemplate('dry', sets, ['--include-crds']);
      expect(dryRun(yaml).trim().split('\n')).toHaveLength(docs(yaml).length);
    }
  });

  it('annotates the ServiceAccount for IRSA and keeps leader election on with two replicas', () => {
    const arn = 'arn:aws:iam::123456789012:role/cognito-operator';
    const objs = docs(helmTemplate('irsa', [region, `aws.irsaRoleArn=${arn}`, 'replicaCount=2', 'leaderElection.enabled=false']));
    expect(find(objs, 'ServiceAccount')[0]?.metadata.annotations).toEqual({ 'eks.amazonaws.com/role-arn': arn });
    expect(find(objs, 'Deployment')[0]).toMatchObject({ spec: { replicas: 2 } });
    expect(find(objs, 'Deployment')[0]).not.toHaveProperty('spec.strategy');
    expect(container(objs).args).toContain('--leader-elect');
    expect(rulesOf(find(objs, 'Role', 'irsa-cognito-operator-leader-election')[0])).toContainEqual(
      { apiGroups: ['coordination.k8s.io'], resources: ['leases'], resourceNames: ['cognito-operator-leader'], verbs: ['get', 'update'] },
    );
  });

  it('without leader election runs one pod at a time and grants no Lease', () => {
    const objs = docs(helmTemplate('single', [region, 'leaderElection.enabled=false']));
    expect(find(objs, 'Deployment')[0]).toMatchObject({ spec: { replicas: 1, strategy: { type: 'Recreate' } } });
    expect(container(objs).args).not.toContain('--leader-elect');
    expect(find(objs, 'Role')).toEqual([]);
  });

  it("configures the operator as its values say, in the operator's own terms", () => {
    const objs = docs(helmTemplate('conf', [region, 'watchNamespaces={a,b}', 'resyncInterval=90s', 'maxConcurrentReconciles=4', 'logLevel=debug', 'aws.rateLimitScale=0.5', 'aws.rateLimits.UserPoolRead=10', 'aws.rateLimits.Default=2', 'accounts.requireBinding=true', 'accounts.assumeRoleDuration=30m']));
    const c = container(objs);
    const env = Object.fromEntries(c.env.map((e) => [e.name, e.value ?? (e.valueFrom?.fieldRef?.fieldPath === 'metadata.namespace' ? 'ops' : '')]));
    expect(loadConfig(c.args, env)).toMatchObject({
      kubeconfig: undefined,
      watchNamespaces: ['a', 'b'],
      resyncIntervalMs: 90_000,
      maxConcurrentReconciles: 4,
      logLevel: 'debug',
      awsRegion: 'eu-west-1',
      metricsBindAddress: ':8080',
      healthProbeBindAddress: ':8081',
      leaderElect: true,
      leaderElectionNamespace: 'ops',
      requireAccountBinding: true,
      assumeRoleDurationMs: 1_800_000,
      rateLimits: { scale: 0.5, rates: { UserPoolRead: 10, Default: 2 } },
    });
    expect(rateLimitsFromEnv(env)).toEqual({ scale: 0.5, rates: { UserPoolRead: 10, Default: 2 } });
    // Watching named namespaces: a Role in each; cluster-wide only the reads of AWSAccountBindings and namespaces.
    const clusterRoles = find(objs, 'ClusterRole');
    expect(clusterRoles.map((o) => o.metadata.name)).toEqual([expect.stringMatching(/-accounts$/)]);
    expect(rulesOf(clusterRoles[0]).flatMap((r) => r.resources)).toEqual(['awsaccountbindings', 'awsaccountbindings/status', 'namespaces']);
    expect(find(objs, 'RoleBinding').map((o) => o.metadata.namespace).sort()).toEqual(['a', 'b', ns.name]);
  });

  it('makes pods the restricted Pod Security Standard admits, as does the kustomize base', () => {
    kubectlOk(['label', 'namespace', ns.name, 'pod-security.kubernetes.io/enforce=restricted', '--overwrite']);
    for (const objs of [docs(helmTemplate('psa', [region])), docs(kustomizeInto(ns.name))]) {
      const template = (find(objs, 'Deployment')[0] as unknown as { spec: { template: { spec: unknown } } }).spec.template;
      const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'psa-check', namespace: ns.name }, spec: template.spec };
      const result = kubectl(['create', '--dry-run=server', '-f', '-'], JSON.stringify(pod));
      expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
    }
  });

  it('refuses a missing region and an unknown rate-limit category', () => {
    expect(() => helmTemplate('bad', [])).toThrow(/aws.region is required/);
    expect(() => helmTemplate('bad', [region, 'aws.rateLimits.UserPoolReed=1'])).toThrow(/UserPoolReed/);
  });

  it('grants exactly the rules of the kustomize base, with no wildcard', () => {
    const helmObjs = docs(helmTemplate('rules', [region]));
    const kustomizeObjs = docs(kustomizeInto(ns.name));
    expect(rulesOf(find(helmObjs, 'ClusterRole')[0])).toEqual(rulesOf(find(kustomizeObjs, 'ClusterRole')[0]));
    expect(rulesOf(find(helmObjs, 'Role')[0])).toEqual(rulesOf(find(kustomizeObjs, 'Role')[0]));
    const everything = [...helmObjs, ...kustomizeObjs].filter((o) => /Role$/.test(o.kind)).flatMap((o) => rulesOf(o).flatMap((r) => Object.values(r).flat()));
    expect(everything.filter((v) => String(v).includes('*'))).toEqual([]);
  });
});

/** A kubeconfig that is the ServiceAccount: the test ground's server and CA, the account's token. */
function serviceAccountKubeconfig(serviceAccount: string): string {
  const admin = parseDocument(readFileSync(process.env.KUBECONFIG ?? '', 'utf8')).toJS() as { clusters: { cluster: Record<string, string> }[] };
  const cluster = admin.clusters[0]?.cluster ?? {};
  const token = kubectlOk(['create', 'token', serviceAccount, '-n', ns.name, '--duration=1h']).trim();
  return JSON.stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'ground', cluster: { server: cluster.server, 'certificate-authority-data': cluster['certificate-authority-data'] } }],
    users: [{ name: serviceAccount, user: { token } }],
    contexts: [{ name: 'operator', context: { cluster: 'ground', user: serviceAccount, namespace: ns.name } }],
    'current-context': 'operator',
  });
}

/**
 * The Node.js binary the image user can run. This test's own may sit under root's home
 * (test/env/with-node caches it there), which the image user cannot enter: a copy in the
 * scratch folder stands in for the image's /usr/local/bin/node.
 */
function nodeFor(asImageUser: boolean): string {
  if (!asImageUser) return process.execPath;
  const copy = join(scratch, 'node');
  cpSync(process.execPath, copy);
  chmodSync(copy, 0o755);
  return copy;
}

describe("the image's entry point, with the chart's ServiceAccount and RBAC only", () => {
  const ports = { metrics: 0, probes: 0 };
  let exited: Promise<{ code: number | null; atMs: number }>;
  let child: ReturnType<typeof spawn>;
  let logFile: string;
  let appDir: string;
  const get = (port: number, path: string) => fetch(`http://127.0.0.1:${port}${path}`);

  beforeAll(async () => {
    // The chart as installed in this namespace, watching it. Its RBAC and ServiceAccount for real.
    const objs = docs(helmTemplate('op', ['aws.region=eu-west-1', `watchNamespaces={${ns.name}}`]));
    const identity = objs.filter((o) => ['ServiceAccount', 'Role', 'RoleBinding'].includes(o.kind));
    kubectlOk(['apply', '-f', '-'], identity.map((o) => JSON.stringify(o)).join('\n'));

    // /app as the image holds it: package.json, production node_modules, dist/. Read-only.
    const image = imageSpec();
    const asImageUser = process.getuid?.() === 0;
    appDir = join(scratch, 'app');
    cpSync(await ensureProductionModules(), appDir, { recursive: true });
    rmSync(join(appDir, 'package-lock.json'));
    cpSync(join(repo, 'dist'), join(appDir, 'dist'), { recursive: true });
    const kubeconfig = join(scratch, 'kubeconfig');
    writeFileSync(kubeconfig, serviceAccountKubeconfig(find(objs, 'ServiceAccount')[0]?.metadata.name ?? ''), { mode: 0o644 });
    chmodSync(scratch, 0o755);
    chmodSync(appDir, 0o555);

    // The container's environment: the image's ENV, then the Deployment's (the downward API
    // resolved), then what stands in for the cluster: a kubeconfig instead of the in-cluster
    // one, the emulator's endpoint and static credentials instead of IRSA. No HOME, no other variable.
    const c = container(objs);
    const deploymentEnv = Object.fromEntries(c.env.map((e) => [e.name, e.value ?? (e.valueFrom?.fieldRef?.fieldPath === 'metadata.namespace' ? ns.name : '')]));
    const env = {
      PATH: process.env.PATH ?? '',
      ...image.env,
      ...deploymentEnv,
      KUBECONFIG: kubeconfig,
      AWS_ENDPOINT_URL: process.env.AWS_ENDPOINT_URL ?? '',
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
    };
    // The Deployment's ports are fixed; other tests may hold them, so later flags move them.
    ports.metrics = await freePort();
    ports.probes = await freePort();
    const [command = '', ...args] = image.entrypoint;
    logFile = join(scratch, 'operator.log');
    const log: Buffer[] = [];
    child = spawn(command === 'node' ? nodeFor(asImageUser) : command, [...args, ...c.args, `--metrics-bind-address=127.0.0.1:${ports.metrics}`, `--health-probe-bind-address=127.0.0.1:${ports.probes}`], {
      cwd: appDir,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(asImageUser ? { uid: image.user.uid, gid: image.user.gid } : {}),
    });
    child.stdout?.on('data', (d: Buffer) => log.push(d));
    child.stderr?.on('data', (d: Buffer) => log.push(d));
    exited = new Promise((resolve) => child.once('exit', (code) => {
      writeFileSync(logFile, Buffer.concat(log));
      resolve({ code, atMs: Date.now() });
    }));
    let running = true;
    void exited.then(() => (running = false));
    await waitFor('the operator to answer /readyz', async () => running && (await get(ports.probes, '/readyz')).ok, {
      timeoutMs: 30_000,
      failFast: () => (running ? undefined : `it exited: ${Buffer.concat(log).toString().slice(-2000)}`),
    });
  });

  afterAll(async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
    await exited;
    chmodSync(appDir, 0o755);
    // After a failure the pool may still hold the finalizer of an operator that is gone.
    kubectl(['patch', 'userpool', 'deployed', '-n', ns.name, '--type=merge', '-p', '{"metadata":{"finalizers":null}}']);
    kubectl(['delete', 'userpool', 'deployed', '-n', ns.name, '--ignore-not-found', '--wait=false']);
  });

  it('runs as the image user, in a working directory it cannot write', () => {
    if (process.getuid?.() !== 0) return; // only root can take another user's identity
    const uid = /^Uid:\s+(\d+)/m.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1];
    expect(Number(uid)).toBe(imageSpec().user.uid);
    expect(imageSpec().user.uid).not.toBe(0);
  });

  it('serves /healthz, /readyz and /metrics', async () => {
    expect((await get(ports.probes, '/healthz')).status).toBe(200);
    expect((await get(ports.probes, '/readyz')).status).toBe(200);
    const metrics = await get(ports.metrics, '/metrics');
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toMatch(/^# TYPE cognito_operator_aws_requests_total counter$/m);
  });

  it('takes the Lease, gets a UserPool Ready with Events, and deletes it', async () => {
    const lease = await waitFor('the Lease', () => getLeaseHolder());
    expect(lease).not.toBe('');
    apply(ns.name, JSON.stringify({ apiVersion: 'cognito.operator.dev/v1alpha1', kind: 'UserPool', metadata: { name: 'deployed' }, spec: { deletionPolicy: 'Delete', deletionProtection: false } }));
    const pool = await waitForReady(ns.name, 'userpool', 'deployed');
    expect(pool.status?.id).toEqual(expect.any(String));
    expect(eventsFor(ns.name, 'deployed').length).toBeGreaterThan(0);
    kubectlOk(['delete', 'userpool', 'deployed', '-n', ns.name, '--wait=false']);
    await waitForGone(ns.name, 'userpool', 'deployed');
  });

  it('wrote nothing where it runs', () => {
    expect(readdirSync(appDir).sort()).toEqual(['dist', 'node_modules', 'package.json']);
  });

  it('exits 0 on SIGTERM', async () => {
    const sent = Date.now();
    child.kill('SIGTERM');
    const { code, atMs } = await exited;
    console.log(`SIGTERM → exit in ${atMs - sent} ms`);
    expect(code).toBe(0);
  });

  function getLeaseHolder(): string | undefined {
    const lease = getObject(ns.name, 'lease', 'cognito-operator-leader') as unknown as { spec?: { holderIdentity?: string } } | undefined;
    return lease?.spec?.holderIdentity;
  }
});
