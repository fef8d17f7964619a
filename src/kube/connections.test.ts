import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { connectKube, identityOf, KubeApiError, keptAgents } from './connections';

describe('keptAgents', () => {
  it('gives every request of one TLS identity the same kept-alive agent, and a new one when it changes', () => {
    const agentFor = keptAgents();
    const first = agentFor({ ca: Buffer.from('ca'), cert: 'cert-1', key: 'key-1' });
    expect(first.options.keepAlive).toBe(true);
    expect(agentFor({ ca: Buffer.from('ca'), cert: 'cert-1', key: 'key-1' })).toBe(first);
    const rotated = agentFor({ ca: Buffer.from('ca'), cert: 'cert-2', key: 'key-2' });
    expect(rotated).not.toBe(first);
    expect(rotated.options.cert).toBe('cert-2');
  });

  it('tells identities apart by their certificate bytes', () => {
    expect(identityOf({ ca: Buffer.from('a') })).not.toBe(identityOf({ ca: Buffer.from('b') }));
  });
});

describe('connectKube', () => {
  let server: Server;
  let base = '';
  const seen: { method: string; url: string; headers: Record<string, unknown>; body: string }[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
        if (req.url?.startsWith('/missing')) {
          res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ kind: 'Status', code: 404, reason: 'NotFound' }));
        } else if (req.url?.startsWith('/silent')) {
          // Never answers: the call's own limit must end it.
          if (req.url.includes('watch=true')) res.writeHead(200, { 'content-type': 'application/json' }).write(`${JSON.stringify({ type: 'ADDED', object: { n: 0 } })}\n`);
        } else if (req.url?.includes('watch=true')) {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.write(`${JSON.stringify({ type: 'ADDED', object: { n: 1 } })}\n`);
          res.end(`${JSON.stringify({ type: 'DELETED', object: { n: 2 } })}\n`);
        } else {
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ echo: body }));
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  }));

  const http = () => connectKube({ server: base, credentials: async () => ({ headers: { authorization: 'Bearer t0ken' }, tls: {} }) });

  it('sends JSON with the credentials and the query, and returns the answer', async () => {
    const answer = await http().request('PATCH', '/apis/g/v1/namespaces/ns/things/a', { query: { fieldManager: 'me', skip: undefined }, body: { spec: { x: 1 } }, contentType: 'application/merge-patch+json' });
    expect(answer).toEqual({ echo: '{"spec":{"x":1}}' });
    const last = seen.at(-1);
    expect(last?.url).toBe('/apis/g/v1/namespaces/ns/things/a?fieldManager=me');
    expect(last?.headers.authorization).toBe('Bearer t0ken');
    expect(last?.headers['content-type']).toBe('application/merge-patch+json');
  });

  it('throws the status and body of an error answer', async () => {
    const err: unknown = await http().request('GET', '/missing').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KubeApiError);
    expect(err).toMatchObject({ code: 404 });
    expect((err as KubeApiError).body).toContain('NotFound');
  });

  it('streams one JSON value a line until the server ends the stream', async () => {
    const lines: unknown[] = [];
    const watch = await http().stream('/api/v1/things', { watch: true }, (line) => lines.push(line));
    await watch.done;
    expect(lines).toEqual([{ type: 'ADDED', object: { n: 1 } }, { type: 'DELETED', object: { n: 2 } }]);
  });

  const impatient = () => connectKube({ server: base, credentials: async () => ({ headers: {}, tls: {} }) }, { requestMs: 100, watchGraceMs: 100 });

  it('gives up on a call the API server never answers, with a message that says so', async () => {
    await expect(impatient().request('GET', '/silent/thing')).rejects.toThrow('GET /silent/thing: no answer from the API server within 0.1 s');
  });

  it('ends a watch that falls silent past its timeout, as if the server had ended it', async () => {
    const lines: unknown[] = [];
    const watch = await impatient().stream('/silent/things', { watch: true, timeoutSeconds: 0 }, (line) => lines.push(line));
    await expect(watch.done).resolves.toBeUndefined();
    expect(lines).toEqual([{ type: 'ADDED', object: { n: 0 } }]);
  });
});
