/**
 * Health as GitOps tools judge it, on UserPools captured live from the API server while the
 * operator works on them: the Argo CD health check we ship (deploy/argocd, run by argocd-health
 * in gopher-lua with the libraries Argo CD opens, as Argo CD runs it) and kstatus
 * (sigs.k8s.io/cli-utils, what Flux uses), at each stage:
 * before the operator runs, its first status write (Reconciling), Ready, Stalled (an adoption
 * target that does not exist), a spec changed since the last reconcile, and a Ready pool whose
 * resync AWS throttled (the operator talks to the emulator through the fault proxy of
 * test/reliability, which throttles every call for that stage): Ready stays True, Synced=False.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import type { Tools } from '../env/tools';
import { ensureTools, runTool } from '../env/tools';
import { kubectlOk } from './support/kubectl';
import { useNamespace } from './support/namespace';
import type { StoredObject } from './support/objects';
import { apply, condition, getObject, releaseAll, waitForCondition } from './support/objects';
import type { OperatorProcess } from './support/operator';
import { startOperator } from './support/operator';
import { waitFor } from './support/wait';
import type { FaultProxy } from '../reliability/proxy';
import { startFaultProxy } from '../reliability/proxy';

const ns = useNamespace(__filename);
const scratch = mkdtempSync(join(tmpdir(), 'cognito-operator-health-'));
let tools: Tools;
let operator: OperatorProcess | undefined;
let proxy: FaultProxy | undefined;

/** What Argo CD runs for a UserPool: its key in the argocd-cm patch. */
const healthScript = join(scratch, 'health.lua');
writeFileSync(
  healthScript,
  (parseDocument(readFileSync(join(__dirname, '..', '..', 'deploy', 'argocd', 'argocd-cm-patch.yaml'), 'utf8')).toJS() as { data: Record<string, string> }).data[
    'resource.customizations.health.cognito.operator.dev_UserPool'
  ] ?? '',
);

function argoHealth(obj: unknown): { status: string; message: string } {
  return JSON.parse(runTool(tools.argocdHealth, [healthScript], JSON.stringify(obj))) as { status: string; message: string };
}

function kstatus(obj: unknown): string {
  return runTool(tools.kstatus, [], JSON.stringify(obj)).trim();
}

function applyPool(name: string, annotations?: Record<string, string>): void {
  const spec = { deletionPolicy: 'Delete', deletionProtection: false };
  apply(ns.name, JSON.stringify({ apiVersion: 'cognito.operator.dev/v1alpha1', kind: 'UserPool', metadata: { name, annotations }, spec }));
}

/** Every version of one object, as a raw watch streams them (one JSON event per line). */
function watchVersions(name: string): { versions: StoredObject[]; stop: () => void } {
  const path = `/apis/cognito.operator.dev/v1alpha1/namespaces/${ns.name}/userpools?watch=true&fieldSelector=metadata.name%3D${name}`;
  const child = spawn(process.env.KUBECTL ?? 'kubectl', ['get', '--raw', path], { stdio: ['ignore', 'pipe', 'inherit'] });
  const versions: StoredObject[] = [];
  let buffered = '';
  child.stdout.on('data', (chunk: Buffer) => {
    const lines = (buffered + chunk.toString('utf8')).split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines.filter((l) => l.trim() !== '')) versions.push((JSON.parse(line) as { object: StoredObject }).object);
  });
  return { versions, stop: () => child.kill() };
}

const fixtures: Record<string, StoredObject> = {};

beforeAll(async () => {
  tools = await ensureTools();

  // Before the operator runs: objects as the API server stored them, no status.
  applyPool('ready');
  applyPool('stalled', { 'cognito.operator.dev/external-id': 'eu-west-1_missing' });
  fixtures.unobserved = getObject(ns.name, 'userpool', 'ready') as StoredObject;

  const watch = watchVersions('ready');
  await waitFor('the watch to deliver the object', () => watch.versions.length > 0);
  proxy = await startFaultProxy({ target: process.env.AWS_ENDPOINT_URL ?? '', seed: 1, rate: 0 });
  const throughProxy = { env: { AWS_ENDPOINT_URL: proxy.url }, resyncInterval: '2s' };
  operator = await startOperator({ namespace: ns.name, ...throughProxy });
  fixtures.ready = await waitFor('Ready at its generation', () => {
    const obj = getObject(ns.name, 'userpool', 'ready');
    return condition(obj, 'Ready')?.status === 'True' && obj?.status?.observedGeneration === obj?.metadata.generation ? obj : undefined;
  });
  fixtures.stalled = await waitForCondition(ns.name, 'userpool', 'stalled', 'Stalled', 'True', 'AdoptionTargetNotFound');
  watch.stop();
  const reconciling = watch.versions.find((v) => condition(v, 'Reconciling')?.status === 'True');
  if (!reconciling) throw new Error(`no version with Reconciling=True among ${watch.versions.length} watched`);
  fixtures.reconciling = reconciling;

  // AWS throttles every call; the next resync fails, then AWS recovers.
  proxy.inject(1, ['throttle']);
  fixtures.throttled = await waitForCondition(ns.name, 'userpool', 'ready', 'Synced', 'False', 'Throttled');
  proxy.inject(0);
  fixtures.recovered = await waitForCondition(ns.name, 'userpool', 'ready', 'Synced', 'True');

  // A spec the operator has not seen yet: changed while it is stopped.
  await operator.stop();
  kubectlOk(['patch', 'userpool', 'ready', '-n', ns.name, '--type=merge', '-p', '{"spec":{"tags":{"changed":"yes"}}}']);
  fixtures.stale = getObject(ns.name, 'userpool', 'ready') as StoredObject;
  operator = await startOperator({ namespace: ns.name, ...throughProxy });
}, 300_000);

afterAll(async () => {
  await releaseAll(ns.name, 'userpools');
  await operator?.stop();
  await proxy?.close();
  rmSync(scratch, { recursive: true, force: true });
});

describe.each([
  // stage, Argo CD status, kstatus
  ['reconciling', 'Progressing', 'InProgress'],
  ['ready', 'Healthy', 'Current'],
  ['stalled', 'Degraded', 'Failed'],
  ['stale', 'Progressing', 'InProgress'],
  // Usable as last seen (kstatus Current), but the last pass failed: Degraded, as Crossplane's check says.
  ['throttled', 'Degraded', 'Current'],
  ['recovered', 'Healthy', 'Current'],
])('a UserPool %s', (stage, argo, kstatusWant) => {
  it(`is ${argo} to Argo CD`, () => {
    expect(argoHealth(fixtures[stage]).status).toBe(argo);
  });

  it(`is ${kstatusWant} to kstatus`, () => {
    expect(kstatus(fixtures[stage])).toBe(`UserPool/${fixtures[stage]?.metadata.name}: ${kstatusWant}`);
  });
});

describe('a Ready UserPool whose resync AWS throttled', () => {
  it('stays Ready, unchanged since it became Ready, with the error in Synced', () => {
    expect(condition(fixtures.throttled, 'Ready')).toEqual(condition(fixtures.ready, 'Ready'));
    expect(condition(fixtures.throttled, 'Synced')?.message).toMatch(/TooManyRequestsException|Rate exceeded/);
    expect(argoHealth(fixtures.throttled).message).toBe(condition(fixtures.throttled, 'Synced')?.message);
  });

  it('keeps Ready through the recovery', () => {
    expect(condition(fixtures.recovered, 'Ready')?.lastTransitionTime).toBe(condition(fixtures.ready, 'Ready')?.lastTransitionTime);
  });
});

describe('the messages', () => {
  it("Degraded carries the Stalled condition's message", () => {
    const stalled = condition(fixtures.stalled, 'Stalled');
    expect(stalled?.message).toMatch(/eu-west-1_missing/);
    expect(argoHealth(fixtures.stalled).message).toBe(stalled?.message);
  });

  it('Progressing says what it waits for', () => {
    expect(argoHealth(fixtures.reconciling).message).toBe(condition(fixtures.reconciling, 'Reconciling')?.message);
    expect(argoHealth(fixtures.stale).message).toMatch(/latest spec/);
  });
});

describe('a UserPool the operator has not seen yet', () => {
  it('is Progressing to Argo CD', () => {
    expect(fixtures.unobserved?.status).toBeUndefined();
    expect(argoHealth(fixtures.unobserved)).toEqual({ status: 'Progressing', message: expect.stringMatching(/Waiting for the operator/) });
  });

  // kstatus judges a custom resource without status Current: it cannot tell "no controller
  // writes status" from "not yet". Flux's health checks see a fresh UserPool as ready until the
  // operator's first status write, which comes within a reconcile (Reconciling=True above).
  it('is Current to kstatus, which cannot wait for a first status', () => {
    expect(kstatus(fixtures.unobserved)).toBe('UserPool/ready: Current');
  });
});

// The runner must refuse what Argo CD refuses, or the checks above could pass on a script that
// fails in Argo CD.
describe('argocd-health runs scripts as Argo CD does', () => {
  function runScript(name: string, script: string): () => string {
    const file = join(scratch, name);
    writeFileSync(file, script);
    return () => runTool(tools.argocdHealth, [file], JSON.stringify(fixtures.ready));
  }

  it('in Lua 5.1: Lua 5.3 syntax such as integer division does not parse', () => {
    expect(runScript('floor-division.lua', 'return {status = (7 // 2 == 3) and "Healthy" or "Degraded"}\n')).toThrow(/argocd-health/);
  });

  it('without the string library, which Argo CD does not open for customizations', () => {
    expect(runScript('string-library.lua', 'return {status = string.upper("healthy")}\n')).toThrow(/string/);
  });

  it('with obj set, and an unknown status as Unknown', () => {
    expect(JSON.parse(runScript('unknown.lua', 'return {status = obj.kind, message = "m"}\n')())).toEqual({ status: 'Unknown', message: 'Lua returned an invalid health status' });
  });
});
