/** The Kubernetes API calls the operator makes, over @kubernetes/client-node. */
import type { CoreV1Event, KubernetesObject, V1ConfigMap, V1Secret } from '@kubernetes/client-node';
import { ApiException, CoreV1Api, CustomObjectsApi, KubeConfig, PatchStrategy, Watch, setHeaderOptions } from '@kubernetes/client-node';
import { makeKeepAliveClient } from './connections';
import type { CustomObject, ResourceRef } from './objects';
import { asCustomObject, isRecord } from './objects';

export const FieldManager = 'cognito-operator';

export interface ListResult {
  items: CustomObject[];
  resourceVersion: string;
}

/** One watch event as the API server sends it. */
export interface WatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: unknown;
}

/** Narrows a list or watch; a field selector such as `metadata.name=google-oauth`. */
export interface ListScope {
  namespace?: string;
  fieldSelector?: string;
}

/** Core v1 Secrets, listed and watched like custom objects (for the Secrets IdentityProviders reference). */
export const SecretResource: ResourceRef = { group: '', version: 'v1', plural: 'secrets', kind: 'Secret' };

/** Core v1 ConfigMaps, listed and watched the same way (the asset files ManagedLoginBrandings reference). */
export const ConfigMapResource: ResourceRef = { group: '', version: 'v1', plural: 'configmaps', kind: 'ConfigMap' };

export interface KubeApi {
  list(resource: ResourceRef, scope?: ListScope): Promise<ListResult>;
  /** undefined when the object does not exist. */
  get(resource: ResourceRef, namespace: string, name: string): Promise<CustomObject | undefined>;
  /** JSON merge patch of the object (metadata, spec). */
  patch(resource: ResourceRef, namespace: string, name: string, patch: object): Promise<CustomObject>;
  /** JSON merge patch through the status subresource: touches nothing but status. */
  patchStatus(resource: ResourceRef, namespace: string, name: string, patch: object): Promise<CustomObject>;
  /** Streams events from `resourceVersion` until the server closes the stream or it fails. */
  watch(resource: ResourceRef, scope: ListScope, resourceVersion: string, onEvent: (event: WatchEvent) => void): Promise<{ done: Promise<void>; stop: () => void }>;
  createEvent(namespace: string, event: CoreV1Event): Promise<void>;
  /** undefined when the Secret does not exist. */
  getSecret(namespace: string, name: string): Promise<V1Secret | undefined>;
  createSecret(namespace: string, secret: V1Secret): Promise<void>;
  /** Replaces the Secret; its metadata.resourceVersion makes this a compare-and-swap. */
  replaceSecret(namespace: string, secret: V1Secret): Promise<void>;
  deleteSecret(namespace: string, name: string): Promise<void>;
  /** undefined when the ConfigMap does not exist (SAML metadata files). */
  getConfigMap(namespace: string, name: string): Promise<V1ConfigMap | undefined>;
}

/** The HTTP status of a failed API call, when there was one. */
export function kubeErrorStatus(err: unknown): number | undefined {
  if (err instanceof ApiException) return err.code;
  if (isRecord(err) && typeof err.statusCode === 'number') return err.statusCode;
  return undefined;
}

export function isNotFound(err: unknown): boolean {
  return kubeErrorStatus(err) === 404;
}

export function isConflict(err: unknown): boolean {
  return kubeErrorStatus(err) === 409;
}

export function loadKubeConfig(path: string | undefined): KubeConfig {
  const kc = new KubeConfig();
  if (path) kc.loadFromFile(path);
  else kc.loadFromCluster();
  return kc;
}

const mergePatch = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);

function watchPath(resource: ResourceRef, namespace: string | undefined): string {
  const ns = namespace ? `/namespaces/${namespace}` : '';
  const group = resource.group === '' ? `/api/${resource.version}` : `/apis/${resource.group}/${resource.version}`;
  return `${group}${ns}/${resource.plural}`;
}

function isWatchEventType(value: unknown): value is WatchEvent['type'] {
  return value === 'ADDED' || value === 'MODIFIED' || value === 'DELETED' || value === 'BOOKMARK' || value === 'ERROR';
}

export function createKubeApi(kc: KubeConfig): KubeApi {
  const custom = makeKeepAliveClient(kc, CustomObjectsApi);
  const core = makeKeepAliveClient(kc, CoreV1Api);
  const watcher = new Watch(kc);
  const params = (r: ResourceRef) => ({ group: r.group, version: r.version, plural: r.plural });

  return {
    async list(resource, scope = {}) {
      const { namespace, fieldSelector } = scope;
      let body: unknown;
      if (resource.group === '') {
        if (!namespace) throw new Error('core objects are listed per namespace');
        if (resource.plural === 'secrets') body = await core.listNamespacedSecret({ namespace, fieldSelector });
        else if (resource.plural === 'configmaps') body = await core.listNamespacedConfigMap({ namespace, fieldSelector });
        else throw new Error('only Secrets and ConfigMaps are listed from the core group');
      } else {
        body = namespace
          ? await custom.listNamespacedCustomObject({ ...params(resource), namespace, fieldSelector })
          : await custom.listClusterCustomObject({ ...params(resource), fieldSelector });
      }
      if (!isRecord(body) || !Array.isArray(body.items) || !isRecord(body.metadata)) throw new Error(`unexpected list response for ${resource.plural}`);
      const resourceVersion = typeof body.metadata.resourceVersion === 'string' ? body.metadata.resourceVersion : '';
      return { items: body.items.map(asCustomObject), resourceVersion };
    },

    async get(resource, namespace, name) {
      try {
        return asCustomObject(await custom.getNamespacedCustomObject({ ...params(resource), namespace, name }));
      } catch (err) {
        if (isNotFound(err)) return undefined;
        throw err;
      }
    },

    async patch(resource, namespace, name, patch) {
      const body: unknown = await custom.patchNamespacedCustomObject({ ...params(resource), namespace, name, body: patch, fieldManager: FieldManager }, mergePatch);
      return asCustomObject(body);
    },

    async patchStatus(resource, namespace, name, patch) {
      const body: unknown = await custom.patchNamespacedCustomObjectStatus({ ...params(resource), namespace, name, body: patch, fieldManager: FieldManager }, mergePatch);
      return asCustomObject(body);
    },

    async watch(resource, scope, resourceVersion, onEvent) {
      let finish: (err?: unknown) => void = () => undefined;
      const done = new Promise<void>((resolve, reject) => {
        finish = (err) => (err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve());
      });
      const query = { resourceVersion, allowWatchBookmarks: true, timeoutSeconds: 300 + Math.floor(Math.random() * 60), fieldSelector: scope.fieldSelector };
      const controller = await watcher.watch(
        watchPath(resource, scope.namespace),
        query,
        (type: string, object: KubernetesObject) => {
          if (isWatchEventType(type)) onEvent({ type, object });
        },
        (err: unknown) => finish(err ?? undefined),
      );
      return { done, stop: () => controller.abort() };
    },

    async createEvent(namespace, event) {
      await core.createNamespacedEvent({ namespace, body: event });
    },

    async getSecret(namespace, name) {
      try {
        return await core.readNamespacedSecret({ namespace, name });
      } catch (err) {
        if (isNotFound(err)) return undefined;
        throw err;
      }
    },

    async createSecret(namespace, secret) {
      await core.createNamespacedSecret({ namespace, body: secret, fieldManager: FieldManager });
    },

    async replaceSecret(namespace, secret) {
      await core.replaceNamespacedSecret({ namespace, name: secret.metadata?.name ?? '', body: secret, fieldManager: FieldManager });
    },

    async getConfigMap(namespace, name) {
      try {
        return await core.readNamespacedConfigMap({ namespace, name });
      } catch (err) {
        if (isNotFound(err)) return undefined;
        throw err;
      }
    },

    async deleteSecret(namespace, name) {
      try {
        await core.deleteNamespacedSecret({ namespace, name });
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
    },
  };
}

/**
 * A failed API call as one sentence: its status code, reason and the API server's own message
 * (from the Status object in the body), never the raw response with its headers.
 */
export function kubeErrorMessage(err: unknown): string | undefined {
  if (!(err instanceof ApiException)) return undefined;
  const status = parseStatus(err.body);
  const reason = typeof status?.reason === 'string' && status.reason !== '' ? ` ${status.reason}` : '';
  const message = typeof status?.message === 'string' && status.message !== '' ? `: ${status.message}` : '';
  return `the Kubernetes API answered ${err.code}${reason}${message}`;
}

function parseStatus(body: unknown): Record<string, unknown> | undefined {
  if (isRecord(body)) return body;
  if (typeof body !== 'string') return undefined;
  try {
    const parsed: unknown = JSON.parse(body);
    return isRecord(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}
