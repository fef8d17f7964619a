/** The Kubernetes API calls the operator makes, over @kubernetes/client-node. */
import type { CoreV1Event, KubernetesObject } from '@kubernetes/client-node';
import { ApiException, CoreV1Api, CustomObjectsApi, KubeConfig, PatchStrategy, Watch, setHeaderOptions } from '@kubernetes/client-node';
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

export interface KubeApi {
  list(resource: ResourceRef, namespace?: string): Promise<ListResult>;
  /** undefined when the object does not exist. */
  get(resource: ResourceRef, namespace: string, name: string): Promise<CustomObject | undefined>;
  /** JSON merge patch of the object (metadata, spec). */
  patch(resource: ResourceRef, namespace: string, name: string, patch: object): Promise<CustomObject>;
  /** JSON merge patch through the status subresource: touches nothing but status. */
  patchStatus(resource: ResourceRef, namespace: string, name: string, patch: object): Promise<CustomObject>;
  /** Streams events from `resourceVersion` until the server closes the stream or it fails. */
  watch(resource: ResourceRef, namespace: string | undefined, resourceVersion: string, onEvent: (event: WatchEvent) => void): Promise<{ done: Promise<void>; stop: () => void }>;
  createEvent(namespace: string, event: CoreV1Event): Promise<void>;
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
  return `/apis/${resource.group}/${resource.version}${ns}/${resource.plural}`;
}

function isWatchEventType(value: unknown): value is WatchEvent['type'] {
  return value === 'ADDED' || value === 'MODIFIED' || value === 'DELETED' || value === 'BOOKMARK' || value === 'ERROR';
}

export function createKubeApi(kc: KubeConfig): KubeApi {
  const custom = kc.makeApiClient(CustomObjectsApi);
  const core = kc.makeApiClient(CoreV1Api);
  const watcher = new Watch(kc);
  const params = (r: ResourceRef) => ({ group: r.group, version: r.version, plural: r.plural });

  return {
    async list(resource, namespace) {
      const body: unknown = namespace
        ? await custom.listNamespacedCustomObject({ ...params(resource), namespace })
        : await custom.listClusterCustomObject(params(resource));
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

    async watch(resource, namespace, resourceVersion, onEvent) {
      let finish: (err?: unknown) => void = () => undefined;
      const done = new Promise<void>((resolve, reject) => {
        finish = (err) => (err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve());
      });
      const query = { resourceVersion, allowWatchBookmarks: true, timeoutSeconds: 300 + Math.floor(Math.random() * 60) };
      const controller = await watcher.watch(
        watchPath(resource, namespace),
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
  };
}
