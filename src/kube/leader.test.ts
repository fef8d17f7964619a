import type { KubeConnection, RequestOptions } from './connections';
import { leaseApi, microTime } from './leader';

describe('microTime', () => {
  it('writes microseconds, as the API server wants for Lease times', () => {
    expect(microTime(Date.UTC(2026, 0, 2, 3, 4, 5, 678))).toBe('2026-01-02T03:04:05.678000Z');
  });
});

describe('leaseApi', () => {
  it('reads, creates and replaces the Lease at coordination.k8s.io/v1', async () => {
    const calls: [string, string, RequestOptions | undefined][] = [];
    const http: KubeConnection = {
      request: async (method, path, options) => (calls.push([method, path, options]), {}),
      stream: async () => ({ done: Promise.resolve(), stop: () => undefined }),
    };
    const api = leaseApi(http);
    await api.readNamespacedLease({ namespace: 'ops', name: 'leader' });
    await api.createNamespacedLease({ namespace: 'ops', body: { metadata: { name: 'leader' } } });
    await api.replaceNamespacedLease({ namespace: 'ops', name: 'leader', body: { metadata: { name: 'leader', resourceVersion: '7' } } });
    expect(calls.map(([m, p]) => `${m} ${p}`)).toEqual([
      'GET /apis/coordination.k8s.io/v1/namespaces/ops/leases/leader',
      'POST /apis/coordination.k8s.io/v1/namespaces/ops/leases',
      'PUT /apis/coordination.k8s.io/v1/namespaces/ops/leases/leader',
    ]);
    expect(calls[2]?.[2]?.body).toEqual({ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'leader', resourceVersion: '7' } });
  });
});
