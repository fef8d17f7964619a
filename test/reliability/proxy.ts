/** The fault-injecting proxy (fault-proxy.js) in a worker thread of its own, and its controls. */
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

export type Fault = 'throttle' | 'error500' | 'delay' | 'drop' | 'ambiguous';

export interface FaultStats {
  injected: Record<Fault, number>;
  calls: number;
}

export interface FaultProxy {
  /** Point AWS_ENDPOINT_URL here. */
  url: string;
  stats(): Promise<FaultStats>;
  /** From now on, inject faults (only those named, when given) into this share of calls. */
  inject(rate: number, only?: Fault[]): void;
  close(): Promise<void>;
}

export async function startFaultProxy(opts: { target: string; seed: number; rate: number; only?: Fault[] }): Promise<FaultProxy> {
  const worker = new Worker(join(__dirname, 'fault-proxy.js'), { workerData: opts });
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('message', (m: { port: number }) => resolve(m.port));
    worker.once('error', reject);
  });
  return {
    url: `http://127.0.0.1:${port}`,
    stats: () =>
      new Promise<FaultStats>((resolve) => {
        worker.once('message', (m: FaultStats) => resolve(m));
        worker.postMessage('stats');
      }),
    inject: (rate, only) => worker.postMessage({ rate, only }),
    close: async () => {
      const exited = new Promise((resolve) => worker.once('exit', resolve));
      worker.postMessage('close');
      await exited;
    },
  };
}
