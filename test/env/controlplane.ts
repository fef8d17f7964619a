/** etcd and kube-apiserver on loopback, started the way controller-runtime's envtest starts them. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';
import type { Binaries } from './binaries';
import type { Pki } from './certs';
import { createPki } from './certs';
import { freePort, spawnService, stopService, waitUntil } from './process';

export interface ControlPlane {
  kubeconfig: string;
  server: string;
  etcdPid: number;
  apiserverPid: number;
  /** How the API server was started, so a test can stop and start it again. */
  apiserver: { command: string; args: string[]; logFile: string; pki: Pki };
}

const readyTimeoutMs = 120_000;

async function startEtcd(bins: Binaries, dir: string): Promise<{ pid: number; url: string }> {
  const [clientPort, peerPort] = [await freePort(), await freePort()];
  const url = `http://127.0.0.1:${clientPort}`;
  const logFile = join(dir, 'etcd.log');
  const pid = spawnService(bins.etcd, [
    `--data-dir=${join(dir, 'etcd-data')}`,
    `--listen-client-urls=${url}`,
    `--advertise-client-urls=${url}`,
    `--listen-peer-urls=http://127.0.0.1:${peerPort}`,
    `--initial-advertise-peer-urls=http://127.0.0.1:${peerPort}`,
    `--initial-cluster=default=http://127.0.0.1:${peerPort}`,
    '--unsafe-no-fsync=true',
    '--log-level=warn',
  ], logFile);
  await waitUntil('etcd', async () => (await fetch(`${url}/health`)).ok, { pid, logFile, timeoutMs: readyTimeoutMs });
  return { pid, url };
}

function apiserverArgs(pki: Pki, dir: string, etcdUrl: string, port: number): string[] {
  return [
    `--etcd-servers=${etcdUrl}`,
    `--cert-dir=${join(dir, 'apiserver-certs')}`,
    `--tls-cert-file=${pki.servingCert}`,
    `--tls-private-key-file=${pki.servingKey}`,
    `--client-ca-file=${pki.caCert}`,
    `--secure-port=${port}`,
    '--bind-address=127.0.0.1',
    '--service-cluster-ip-range=10.0.0.0/24',
    '--allow-privileged=true',
    '--disable-admission-plugins=ServiceAccount',
    '--authorization-mode=RBAC',
    '--service-account-issuer=https://kubernetes.default.svc',
    `--service-account-key-file=${pki.serviceAccountPub}`,
    `--service-account-signing-key-file=${pki.serviceAccountKey}`,
    '--v=1',
  ];
}

/** GET a path with the admin certificate; true on 200. */
function adminGetOk(pki: Pki, server: string, path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request(`${server}${path}`, {
      ca: readFileSync(pki.caCert),
      cert: readFileSync(pki.adminCert),
      key: readFileSync(pki.adminKey),
      timeout: 5000,
    }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => req.destroy());
    req.end();
  });
}

function writeKubeconfig(pki: Pki, server: string, path: string): void {
  const b64 = (file: string) => readFileSync(file).toString('base64');
  writeFileSync(path, [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- name: test-ground',
    '  cluster:',
    `    server: ${server}`,
    `    certificate-authority-data: ${b64(pki.caCert)}`,
    'users:',
    '- name: admin',
    '  user:',
    `    client-certificate-data: ${b64(pki.adminCert)}`,
    `    client-key-data: ${b64(pki.adminKey)}`,
    'contexts:',
    '- name: test-ground',
    '  context: {cluster: test-ground, user: admin, namespace: default}',
    'current-context: test-ground',
    '',
  ].join('\n'), { mode: 0o600 });
}

/** Starts etcd and kube-apiserver with their state under `dir`; resolves once /readyz is 200. */
export async function startControlPlane(bins: Binaries, dir: string): Promise<ControlPlane> {
  mkdirSync(dir, { recursive: true });
  const pki = createPki(dir);
  const etcd = await startEtcd(bins, dir);
  const port = await freePort();
  const server = `https://127.0.0.1:${port}`;
  const logFile = join(dir, 'kube-apiserver.log');
  const apiserver = { command: bins.kubeApiserver, args: apiserverArgs(pki, dir, etcd.url, port), logFile, pki };
  const apiserverPid = await launchApiServer(apiserver, server);
  const kubeconfig = join(dir, 'kubeconfig');
  writeKubeconfig(pki, server, kubeconfig);
  return { kubeconfig, server, etcdPid: etcd.pid, apiserverPid, apiserver };
}

async function launchApiServer(apiserver: ControlPlane['apiserver'], server: string): Promise<number> {
  const pid = spawnService(apiserver.command, apiserver.args, apiserver.logFile);
  await waitUntil('kube-apiserver', () => adminGetOk(apiserver.pki, server, '/readyz'), { pid, logFile: apiserver.logFile, timeoutMs: readyTimeoutMs });
  return pid;
}

/** Stops kube-apiserver and starts it again on the same port and etcd (what an upgrade or a crash does). */
export async function restartApiServer(plane: ControlPlane): Promise<ControlPlane> {
  await stopService(plane.apiserverPid);
  return { ...plane, apiserverPid: await launchApiServer(plane.apiserver, plane.server) };
}
