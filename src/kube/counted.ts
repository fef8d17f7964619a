/** A KubeApi that counts each request it sends to the API server, by verb and resource, and times it. */
import type { KubeApi } from './client';

export type KubeVerb = 'list' | 'get' | 'watch' | 'create' | 'update' | 'patch' | 'delete';

/** What a counted API reports: each request as it is sent, and its time once answered. */
export interface KubeRequestObserver {
  count(verb: KubeVerb, resource: string): void;
  /** Seconds from send to answer (or failure); never for watches, which stay open. */
  answered?(verb: KubeVerb, resource: string, seconds: number): void;
}

export function countedKubeApi(api: KubeApi, observer: KubeRequestObserver): KubeApi {
  /** Counts the request, then sends it and times the answer. */
  async function sent<R>(verb: KubeVerb, resource: string, request: () => Promise<R>): Promise<R> {
    observer.count(verb, resource);
    const started = performance.now();
    try {
      return await request();
    } finally {
      observer.answered?.(verb, resource, (performance.now() - started) / 1000);
    }
  }
  return {
    list: (r, scope) => sent('list', r.plural, () => api.list(r, scope)),
    get: (r, ns, name) => sent('get', r.plural, () => api.get(r, ns, name)),
    patch: (r, ns, name, patch) => sent('patch', r.plural, () => api.patch(r, ns, name, patch)),
    patchStatus: (r, ns, name, patch) => sent('patch', `${r.plural}/status`, () => api.patchStatus(r, ns, name, patch)),
    watch: (r, scope, rv, onEvent) => {
      observer.count('watch', r.plural);
      return api.watch(r, scope, rv, onEvent);
    },
    createEvent: (ns, event) => sent('create', 'events', () => api.createEvent(ns, event)),
    getSecret: (ns, name) => sent('get', 'secrets', () => api.getSecret(ns, name)),
    createSecret: (ns, secret) => sent('create', 'secrets', () => api.createSecret(ns, secret)),
    replaceSecret: (ns, secret) => sent('update', 'secrets', () => api.replaceSecret(ns, secret)),
    deleteSecret: (ns, name) => sent('delete', 'secrets', () => api.deleteSecret(ns, name)),
    getConfigMap: (ns, name) => sent('get', 'configmaps', () => api.getConfigMap(ns, name)),
  };
}
