/**
 * The whole test ground: control plane (etcd + kube-apiserver) with the CRDs installed,
 * kube-controller-manager (garbage collector and namespace controller), and the Cognito
 * emulator. Used by `test/env/up`, jest's global set-up and the sandbox alike.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBinaries } from './binaries';
import { startControlPlane } from './controlplane';
import { startControllerManager } from './controllermanager';
import { ensureMotoVenv, startMoto } from './moto';
import { cacheDir, repoRoot } from './paths';
import { freePort, isAlive, stopService } from './process';

export interface Ground {
  dir: string;
  kubeconfig: string;
  kubectl: string;
  server: string;
  awsEndpoint: string;
  /** Services in the order they were started; stopped in reverse. */
  pids: number[];
}

export const groundRegion = 'eu-west-1';
const stateFileName = 'ground.json';

/** Environment that points a process (tests, the operator, kubectl) at this ground. */
export function groundEnv(ground: Ground): Record<string, string> {
  return {
    KUBECONFIG: ground.kubeconfig,
    AWS_ENDPOINT_URL: ground.awsEndpoint,
    AWS_REGION: groundRegion,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    // The emulator's account; the SDK hands it to the operator, which builds ARNs from it.
    AWS_ACCOUNT_ID: '123456789012',
    COGNITO_OPERATOR_GROUND: join(ground.dir, stateFileName),
    KUBECTL: ground.kubectl,
  };
}

function timed<T>(what: string, work: () => T): T {
  const started = Date.now();
  const result = work();
  const log = () => console.error(`test ground: ${what} in ${((Date.now() - started) / 1000).toFixed(1)}s`);
  if (result instanceof Promise) return result.finally(log) as T;
  log();
  return result;
}

/** Applies the CRDs and waits until the API server serves them. */
export function installCrds(kubectl: string, kubeconfig: string): void {
  const env = { ...process.env, KUBECONFIG: kubeconfig };
  const crds = join(repoRoot, 'crds');
  execFileSync(kubectl, ['apply', '--server-side', '-f', crds], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  execFileSync(kubectl, ['wait', '--for=condition=Established', '--timeout=60s', '-f', crds], { env, stdio: ['ignore', 'ignore', 'inherit'] });
}

export async function startGround(dir: string): Promise<Ground> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const bins = timed('binaries ready', () => ensureBinaries());
  const python = await timed('emulator venv ready', () => ensureMotoVenv(cacheDir));
  const pids: number[] = [];
  try {
    const moto = await timed('Cognito emulator up', async () =>
      startMoto({ python, port: await freePort(), logFile: join(dir, 'moto.log') }),
    );
    pids.push(moto.pid);
    const plane = await timed('control plane up', () => startControlPlane(bins, dir));
    pids.push(plane.etcdPid, plane.apiserverPid);
    timed('CRDs installed', () => installCrds(bins.kubectl, plane.kubeconfig));
    pids.push(await timed('controller manager up', () => startControllerManager(bins.kubeControllerManager, plane, dir)));
    const ground: Ground = { dir, kubeconfig: plane.kubeconfig, kubectl: bins.kubectl, server: plane.server, awsEndpoint: moto.endpoint, pids };
    writeFileSync(join(dir, stateFileName), JSON.stringify(ground, null, 2));
    return ground;
  } catch (err) {
    await stopPids(pids);
    throw err;
  }
}

async function stopPids(pids: number[]): Promise<void> {
  for (const pid of [...pids].reverse()) await stopService(pid);
}

export async function stopGround(ground: Ground): Promise<void> {
  await stopPids(ground.pids);
}

/** A ground started earlier (by `test/env/up`), if its state file exists and it still runs. */
export function loadGround(stateFile: string): Ground | undefined {
  if (!existsSync(stateFile)) return undefined;
  const ground = JSON.parse(readFileSync(stateFile, 'utf8')) as Ground;
  return ground.pids.every(isAlive) ? ground : undefined;
}
