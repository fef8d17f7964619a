/**
 * Where the API server is and how to authenticate to it: the ServiceAccount's mounted token and
 * CA in a cluster, or a kubeconfig file. Read here rather than through @kubernetes/client-node,
 * whose entry point loads every API group's models (about 45 MiB of the operator's memory).
 * Kubeconfig users that authenticate through an exec plugin or an auth provider still go through
 * the library, loaded only then.
 */
import { readFileSync } from 'node:fs';
import type { RequestOptions } from 'node:https';
import { dirname, isAbsolute, join } from 'node:path';
import { isRecord } from './objects';

/** The TLS side of a request: whom to trust, and the client certificate, if any. */
export interface TlsIdentity {
  ca?: string | Buffer;
  cert?: string | Buffer;
  key?: string | Buffer;
  rejectUnauthorized?: boolean;
  servername?: string;
}

export interface RequestCredentials {
  headers: Record<string, string>;
  tls: TlsIdentity;
}

export interface KubeTarget {
  /** https://host:port, no trailing slash. */
  server: string;
  /** Read per request: tokens and certificates rotate. */
  credentials(): Promise<RequestCredentials>;
}

const serviceAccountDir = '/var/run/secrets/kubernetes.io/serviceaccount';
/** A projected token is rotated by the kubelet; read again this often, as client-go does. */
const tokenRereadMs = 60_000;

/** A token file read again once its copy is a minute old. */
function tokenFileReader(path: string, now: () => number = Date.now): () => string {
  let held: { token: string; at: number } | undefined;
  return () => {
    if (!held || now() - held.at > tokenRereadMs) held = { token: readFileSync(path, 'utf8').trim(), at: now() };
    return held.token;
  };
}

export function inClusterTarget(env: NodeJS.ProcessEnv = process.env, dir = serviceAccountDir): KubeTarget {
  const host = env.KUBERNETES_SERVICE_HOST;
  const port = env.KUBERNETES_SERVICE_PORT;
  if (!host || !port) throw new Error('not in a cluster (KUBERNETES_SERVICE_HOST and _PORT are unset) and no --kubeconfig given');
  const ca = readFileSync(join(dir, 'ca.crt'));
  const token = tokenFileReader(join(dir, 'token'));
  return {
    server: `https://${host.includes(':') ? `[${host}]` : host}:${port}`,
    credentials: async () => ({ headers: { authorization: `Bearer ${token()}` }, tls: { ca } }),
  };
}

function named(list: unknown, name: unknown, field: string): Record<string, unknown> {
  const entry = Array.isArray(list) ? list.find((e: unknown) => isRecord(e) && e.name === name) : undefined;
  if (!isRecord(entry) || !isRecord(entry[field])) throw new Error(`kubeconfig: no ${field} named ${String(name)}`);
  return entry[field];
}

/** A `<what>-data` field (base64) or a `<what>` file path relative to the kubeconfig. */
function fileOrData(entry: Record<string, unknown>, what: string, base: string): Buffer | undefined {
  const data = entry[`${what}-data`];
  if (typeof data === 'string' && data !== '') return Buffer.from(data, 'base64');
  const file = entry[what];
  if (typeof file === 'string' && file !== '') return readFileSync(isAbsolute(file) ? file : join(base, file));
  return undefined;
}

const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/**
 * The kubeconfig's current context: a token, a token file, a client certificate or basic auth.
 * The YAML parser is loaded only here: in a cluster nothing needs it.
 */
export async function kubeconfigTarget(path: string): Promise<KubeTarget> {
  const base = dirname(path);
  const { parse } = await import('yaml');
  const doc: unknown = parse(readFileSync(path, 'utf8'));
  if (!isRecord(doc)) throw new Error(`kubeconfig ${path}: not a mapping`);
  const context = named(doc.contexts, doc['current-context'], 'context');
  const cluster = named(doc.clusters, context.cluster, 'cluster');
  const user = context.user === undefined ? {} : named(doc.users, context.user, 'user');
  const server = str(cluster.server)?.replace(/\/+$/, '');
  if (!server) throw new Error(`kubeconfig ${path}: the current context's cluster has no server`);
  if (user.exec !== undefined || user['auth-provider'] !== undefined) return libraryTarget(path, server);

  const ca = fileOrData(cluster, 'certificate-authority', base);
  const tls: TlsIdentity = {
    ...(ca ? { ca } : {}),
    ...(cluster['insecure-skip-tls-verify'] === true ? { rejectUnauthorized: false } : {}),
    ...(str(cluster['tls-server-name']) ? { servername: str(cluster['tls-server-name']) } : {}),
  };
  const cert = fileOrData(user, 'client-certificate', base);
  const key = fileOrData(user, 'client-key', base);
  if (cert && key) Object.assign(tls, { cert, key });
  const tokenFile = str(user.tokenFile);
  const token = str(user.token);
  const readToken = tokenFile ? tokenFileReader(isAbsolute(tokenFile) ? tokenFile : join(base, tokenFile)) : undefined;
  const basic = str(user.username) !== undefined ? Buffer.from(`${str(user.username)}:${str(user.password) ?? ''}`).toString('base64') : undefined;
  return {
    server,
    credentials: async () => {
      const bearer = token ?? readToken?.();
      const headers: Record<string, string> = bearer ? { authorization: `Bearer ${bearer}` } : basic ? { authorization: `Basic ${basic}` } : {};
      return { headers, tls };
    },
  };
}

/** Exec plugins and auth providers: the library's own implementation, loaded on first use. */
function libraryTarget(path: string, server: string): KubeTarget {
  let loaded: Promise<(opts: RequestOptions) => Promise<void>> | undefined;
  const load = async () => {
    const { KubeConfig } = await import('@kubernetes/client-node');
    const kc = new KubeConfig();
    kc.loadFromFile(path);
    return (opts: RequestOptions) => kc.applyToHTTPSOptions(opts);
  };
  return {
    server,
    credentials: async () => {
      loaded ??= load();
      const opts: RequestOptions = {};
      await (await loaded)(opts);
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(opts.headers ?? {})) if (typeof v === 'string') headers[k.toLowerCase()] = v;
      const pick = (v: unknown) => (typeof v === 'string' || Buffer.isBuffer(v) ? v : undefined);
      const [ca, cert, key] = [pick(opts.ca), pick(opts.cert), pick(opts.key)];
      return {
        headers,
        tls: { ...(ca ? { ca } : {}), ...(cert ? { cert } : {}), ...(key ? { key } : {}), ...(opts.rejectUnauthorized === false ? { rejectUnauthorized: false } : {}) },
      };
    },
  };
}

export async function loadKubeTarget(path: string | undefined): Promise<KubeTarget> {
  return path ? kubeconfigTarget(path) : inClusterTarget();
}
