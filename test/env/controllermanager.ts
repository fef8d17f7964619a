/**
 * kube-controller-manager with the two controllers a cluster runs that the operator's objects
 * depend on: the garbage collector (an AppClient's output Secret goes with its owner) and the
 * namespace controller (deleting a namespace deletes what it holds).
 */
import { request } from 'node:https';
import { join } from 'node:path';
import type { ControlPlane } from './controlplane';
import { freePort, spawnService, waitUntil } from './process';

export const controllers = ['garbage-collector-controller', 'namespace-controller'] as const;

const readyTimeoutMs = 120_000;

/** GET /healthz on its self-signed serving certificate (a path it serves to anyone); true on 200. */
function healthy(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request(`https://127.0.0.1:${port}/healthz`, { rejectUnauthorized: false, timeout: 5000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => req.destroy());
    req.end();
  });
}

/**
 * Starts it against the control plane as its admin (the kubeconfig also serves the delegated
 * authentication and authorization of its own endpoint); resolves once /healthz is 200.
 * Start it after the CRDs are installed, so that the garbage collector watches them from the start.
 */
export async function startControllerManager(binary: string, plane: ControlPlane, dir: string): Promise<number> {
  const port = await freePort();
  const logFile = join(dir, 'kube-controller-manager.log');
  const { pki } = plane.apiserver;
  const pid = spawnService(binary, [
    `--kubeconfig=${plane.kubeconfig}`,
    `--authentication-kubeconfig=${plane.kubeconfig}`,
    `--authorization-kubeconfig=${plane.kubeconfig}`,
    `--controllers=${controllers.join(',')}`,
    // The pair the API server verifies tokens with (its --service-account-key-file).
    `--service-account-private-key-file=${pki.serviceAccountKey}`,
    `--root-ca-file=${pki.caCert}`,
    `--cert-dir=${join(dir, 'controller-manager-certs')}`,
    `--secure-port=${port}`,
    '--bind-address=127.0.0.1',
    '--leader-elect=false',
    '--v=1',
  ], logFile);
  await waitUntil('kube-controller-manager', () => healthy(port), { pid, logFile, timeoutMs: readyTimeoutMs });
  return pid;
}
