/** A KubeApi that counts each request it sends to the API server, by verb and resource. */
import type { KubeApi } from './client';

export type KubeVerb = 'list' | 'get' | 'watch' | 'create' | 'update' | 'patch' | 'delete';

export function countedKubeApi(api: KubeApi, count: (verb: KubeVerb, resource: string) => void): KubeApi {
  /** Counts the request, then sends it. */
  function sent<R>(verb: KubeVerb, resource: string, request: () => Promise<R>): Promise<R> {
    count(verb, resource);
    return request();
  }
  return {
    list: (r, scope) => sent('list', r.plural, () => api.list(r, scope)),
    get: (r, ns, name) => sent('get', r.plural, () => api.get(r, ns, name)),
    patch: (r, ns, name, patch) => sent('patch', r.plural, () => api.patch(r, ns, name, patch)),
    patchStatus: (r, ns, name, patch) => sent('patch', `${r.plural}/status`, () => api.patchStatus(r, ns, name, patch)),
    watch: (r, scope, rv, onEvent) => sent('watch', r.plural, () => api.watch(r, scope, rv, onEvent)),
    createEvent: (ns, event) => sent('create', 'events', () => api.createEvent(ns, event)),
    getSecret: (ns, name) => sent('get', 'secrets', () => api.getSecret(ns, name)),
    createSecret: (ns, secret) => sent('create', 'secrets', () => api.createSecret(ns, secret)),
    replaceSecret: (ns, secret) => sent('update', 'secrets', () => api.replaceSecret(ns, secret)),
    deleteSecret: (ns, name) => sent('delete', 'secrets', () => api.deleteSecret(ns, name)),
    getConfigMap: (ns, name) => sent('get', 'configmaps', () => api.getConfigMap(ns, name)),
  };
}
