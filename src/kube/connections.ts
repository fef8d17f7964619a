/**
 * Requests to the API server over kept-alive connections: one agent serves every request of a
 * TLS identity, as client-go reuses one transport, so calls do not each pay a TCP and TLS
 * handshake; a changed identity (a rotated client certificate) gets a new agent. JSON in and out;
 * a watch is a stream of one JSON event a line.
 */
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import type { ClientRequest, IncomingMessage } from 'node:http';
import { Agent, request as httpsRequest } from 'node:https';
import { createInterface } from 'node:readline';
import type { KubeTarget, TlsIdentity } from './kubeconfig';

/** A request the API server answered with an error status; body is its Status object's text. */
export class KubeApiError extends Error {
  constructor(
    readonly code: number,
    readonly body: string,
    method: string,
    path: string,
  ) {
    super(`${method} ${path}: HTTP ${code}`);
    this.name = 'KubeApiError';
  }
}

export type Query = Record<string, string | number | boolean | undefined>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** Content type of the body; JSON unless a patch says otherwise. */
  contentType?: string;
}

export interface KubeConnection {
  /** The response's JSON. */
  request(method: string, path: string, options?: RequestOptions): Promise<unknown>;
  /** Calls onLine with each JSON line of a streaming GET until the server ends it (done) or stop() is called. */
  stream(path: string, query: Query, onLine: (value: unknown) => void): Promise<{ done: Promise<void>; stop: () => void }>;
}

const tlsFields = ['ca', 'cert', 'key', 'rejectUnauthorized', 'servername'] as const satisfies readonly (keyof TlsIdentity)[];

/** What makes one TLS identity differ from another. */
export function identityOf(tls: TlsIdentity): string {
  return JSON.stringify(tlsFields.map((k) => {
    const value: unknown = tls[k];
    return Buffer.isBuffer(value) ? value.toString('base64') : value;
  }));
}

/** One kept-alive agent per TLS identity; the last one is reused until the identity changes. */
export function keptAgents(): (tls: TlsIdentity) => Agent {
  let kept: { agent: Agent; identity: string } | undefined;
  return (tls) => {
    const identity = identityOf(tls);
    if (kept?.identity !== identity) {
      kept?.agent.destroy();
      kept = { agent: new Agent({ ...tls, keepAlive: true }), identity };
    }
    return kept.agent;
  };
}

function withQuery(path: string, query: Query | undefined): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) params.set(k, String(v));
  const qs = params.toString();
  return qs === '' ? path : `${path}?${qs}`;
}

async function readAll(res: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of res) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
}

/** How long a call may go unanswered, and a watch silent (past the server's own timeoutSeconds). */
export interface ConnectionTimeouts {
  requestMs: number;
  /** Added to the watch's timeoutSeconds: the server ends a watch by then, so silence past it is a dead connection. */
  watchGraceMs: number;
}

/**
 * A connection that died without a reset (a dropped node, a NAT that forgot it) answers nothing:
 * without a limit a reconcile would wait on it for good, and a watch would stop seeing changes.
 */
const defaultTimeouts: ConnectionTimeouts = { requestMs: 60_000, watchGraceMs: 60_000 };

export function connectKube(target: KubeTarget, timeouts: ConnectionTimeouts = defaultTimeouts): KubeConnection {
  const url = new URL(target.server);
  const secure = url.protocol === 'https:';
  const agentFor = keptAgents();
  const plainAgent = new HttpAgent({ keepAlive: true });
  const prefix = url.pathname.replace(/\/+$/, '');

  const send = async (method: string, path: string, options: RequestOptions, idle: { ms: number; onIdle: (req: ClientRequest) => void }, signal?: AbortSignal): Promise<IncomingMessage> => {
    const { headers, tls } = await target.credentials();
    const body = options.body === undefined ? undefined : JSON.stringify(options.body);
    const requestOptions = {
      method,
      host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
      port: url.port || (secure ? 443 : 80),
      path: withQuery(prefix + path, options.query),
      headers: {
        ...headers,
        accept: 'application/json',
        ...(body !== undefined ? { 'content-type': options.contentType ?? 'application/json', 'content-length': Buffer.byteLength(body) } : {}),
      },
      ...(signal ? { signal } : {}),
    };
    return new Promise<IncomingMessage>((resolve, reject) => {
      const req = secure ? httpsRequest({ ...requestOptions, agent: agentFor(tls) }, resolve) : httpRequest({ ...requestOptions, agent: plainAgent }, resolve);
      req.once('error', reject);
      // Idle time on the socket: while an answer or a watch's events keep coming, it never fires.
      req.setTimeout(idle.ms, () => idle.onIdle(req));
      req.end(body);
    });
  };

  const failed = async (res: IncomingMessage, method: string, path: string) => new KubeApiError(res.statusCode ?? 0, await readAll(res), method, path);

  return {
    async request(method, path, options = {}) {
      const unanswered = (req: ClientRequest) => req.destroy(new Error(`${method} ${path}: no answer from the API server within ${timeouts.requestMs / 1000} s`));
      const res = await send(method, path, options, { ms: timeouts.requestMs, onIdle: unanswered });
      const status = res.statusCode ?? 0;
      if (status < 200 || status >= 300) throw await failed(res, method, path);
      const text = await readAll(res);
      return text === '' ? undefined : (JSON.parse(text) as unknown);
    },

    async stream(path, query, onLine) {
      const abort = new AbortController();
      const serverTimeoutMs = typeof query.timeoutSeconds === 'number' ? query.timeoutSeconds * 1000 : 0;
      // A silent watch ends as the server would end it: the informer watches again from where it was.
      const res = await send('GET', path, { query }, { ms: serverTimeoutMs + timeouts.watchGraceMs, onIdle: () => abort.abort() }, abort.signal);
      if ((res.statusCode ?? 0) !== 200) throw await failed(res, 'GET', path);
      const done = (async () => {
        try {
          for await (const line of createInterface({ input: res, crlfDelay: Infinity })) {
            if (line.trim() !== '') onLine(JSON.parse(line) as unknown);
          }
        } catch (err) {
          // Our own stop aborts the stream: that ends the watch, it is no failure.
          if (!abort.signal.aborted) throw err;
        }
      })();
      return { done, stop: () => abort.abort() };
    },
  };
}
