/** The operator's HTTP endpoints: /metrics, and the probes /healthz and /readyz. */
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { Registry } from 'prom-client';

export type Routes = Record<string, () => Promise<{ status: number; contentType: string; body: string }>>;

/** `host:port` or `:port`; `0` means disabled. */
export function parseBindAddress(address: string): { host: string; port: number } | undefined {
  if (address === '0') return undefined;
  const match = /^(.*):(\d+)$/.exec(address);
  if (!match) throw new Error(`bind address must be host:port or :port, not "${address}"`);
  return { host: match[1] || '0.0.0.0', port: Number(match[2]) };
}

export async function serve(address: string, routes: Routes): Promise<Server | undefined> {
  const bind = parseBindAddress(address);
  if (!bind) return undefined;
  const server = createServer((req, res) => {
    const route = routes[(req.url ?? '/').split('?')[0] ?? '/'];
    if (!route) {
      res.writeHead(404).end('not found\n');
      return;
    }
    route().then(
      (r) => res.writeHead(r.status, { 'Content-Type': r.contentType }).end(r.body),
      (err: unknown) => res.writeHead(500).end(`${err instanceof Error ? err.message : String(err)}\n`),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(bind.port, bind.host, resolve);
  });
  return server;
}

export function metricsRoutes(registry: Registry): Routes {
  return { '/metrics': async () => ({ status: 200, contentType: registry.contentType, body: await registry.metrics() }) };
}

export function probeRoutes(isReady: () => boolean): Routes {
  const text = (status: number, body: string) => ({ status, contentType: 'text/plain', body });
  return {
    '/healthz': async () => text(200, 'ok\n'),
    '/readyz': async () => (isReady() ? text(200, 'ok\n') : text(503, 'informers not synced\n')),
  };
}
