/**
 * The operator keeps working through an API server restart: its watches fail, it retries with
 * backoff, resumes (or re-lists), and reconciles what changed meanwhile. This file runs its own
 * control plane, so restarting it disturbs no other test.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBinaries } from '../env/binaries';
import type { ControlPlane } from '../env/controlplane';
import { restartApiServer, startControlPlane } from '../env/controlplane';
import { installCrds } from '../env/ground';
import { stopService } from '../env/process';
import { useNamespace } from './support/namespace';
import { apply, releaseAll, waitForReady } from './support/objects';
import type { OperatorProcess } from './support/operator';
import { startOperator } from './support/operator';

const dir = mkdtempSync(join(tmpdir(), 'cognito-operator-restart-'));
const sharedKubeconfig = process.env.KUBECONFIG;
let plane: ControlPlane;
let operator: OperatorProcess;

beforeAll(async () => {
  const bins = ensureBinaries();
  plane = await startControlPlane(bins, dir);
  installCrds(bins.kubectl, plane.kubeconfig);
  // Every kubectl call in this file goes to this control plane.
  process.env.KUBECONFIG = plane.kubeconfig;
});

const ns = useNamespace(__filename);

afterAll(async () => {
  await releaseAll(ns.name, 'userpools');
  await operator.stop();
  process.env.KUBECONFIG = sharedKubeconfig;
  await stopService(plane.apiserverPid);
  await stopService(plane.etcdPid);
  rmSync(dir, { recursive: true, force: true });
});

const pool = (name: string) =>
  JSON.stringify({ apiVersion: 'cognito.operator.dev/v1alpha1', kind: 'UserPool', metadata: { name }, spec: { poolName: `it-restart-${name}` } });

it('reconciles objects created after the API server restarted', async () => {
  operator = await startOperator({ namespace: ns.name, env: { KUBECONFIG: plane.kubeconfig } });
  apply(ns.name, pool('before'));
  await waitForReady(ns.name, 'userpool', 'before');

  const started = Date.now();
  plane = await restartApiServer(plane);
  apply(ns.name, pool('after'));
  await waitForReady(ns.name, 'userpool', 'after', 90_000);
  console.log(`API server restart → new object Ready ${((Date.now() - started) / 1000).toFixed(1)}s after the restart began`);
  expect(await Promise.race([operator.exited.then(() => 'exited'), Promise.resolve('running')])).toBe('running');
});
