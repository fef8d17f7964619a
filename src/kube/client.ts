/**
 * The Kubernetes API calls the operator makes, as plain REST over kept-alive connections
 * (@kubernetes/client-node's types only: its runtime loads every API group's models).
 */
import type { CoreV1Event, V1ConfigMap, V1Secret } from '@kubernetes/client-node';
import type { KubeConnection, Query } from './connections';
import { connectKube, KubeApiError } from './connections';
import { loadKubeTarget } from './kubeconfig';
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
  if (err instanceof KubeApiError) return err.code;
  if (isRecord(err) && typeof err.statusCode === 'number') return err.statusCode;
  return undefined;
}

export function isNotFound(err: unknown): boolean {
  return kubeErrorStatus(err) === 404;
}

export function isConflict(err: unknown): boolean {
  return kubeErrorStatus(err) === 409;
}

/** A connection to the cluster of the kubeconfig at path, or, without one, the cluster the operator runs in. */
export async function loadKubeConfig(path: string | undefined): Promise<KubeConnection> {
  return connectKube(await loadKubeTarget(path));
}

export const MergePatch = 'application/merge-patch+json';

/** The collection a resource lives in: /api/v1/… for the core group, /apis/<group>/<version>/… else. */
export function collectionPath(resource: Pick<ResourceRef, 'group' | 'version' | 'plural'>, namespace: string | undefined): string {
  const ns = namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  const group = resource.group === '' ? `/api/${resource.version}` : `/apis/${resource.group}/${resource.version}`;
  return `${group}${ns}/${resource.plural}`;
}

export function objectPath(resource: Pick<ResourceRef, 'group' | 'version' | 'plural'>, namespace: string | undefined, name: string): string {
  return `${collectionPath(resource, namespace)}/${encodeURIComponent(name)}`;
}

function isWatchEventType(value: unknown): value is WatchEvent['type'] {
  return value === 'ADDED' || value === 'MODIFIED' || value === 'DELETED' || value === 'BOOKMARK' || value === 'ERROR';
}

/** A list response's items and resourceVersion, not yet narrowed. */
export async function listRaw(http: KubeConnection, path: string, query: Query = {}): Promise<{ items: unknown[]; resourceVersion: string }> {
  const body = await http.request('GET', path, { query });
  if (!isRecord(body) || !Array.isArray(body.items) || !isRecord(body.metadata)) throw new Error(`unexpected list response for ${path}`);
  return { items: body.items, resourceVersion: typeof body.metadata.resourceVersion === 'string' ? body.metadata.resourceVersion : '' };
}

/** Streams watch events of a collection from resourceVersion until the server ends the stream. */
export async function watchRaw(http: KubeConnection, path: string, scope: Pick<ListScope, 'fieldSelector'>, resourceVersion: string, onEvent: (event: WatchEvent) => void): Promise<{ done: Promise<void>; stop: () => void }> {
  const query = { watch: true, resourceVersion, allowWatchBookmarks: true, timeoutSeconds: 300 + Math.floor(Math.random() * 60), fieldSelector: scope.fieldSelector };
  return http.stream(path, query, (line) => {
    if (isRecord(line) && isWatchEventType(line.type)) onEvent({ type: line.type, object: line.object });
  });
}

async function orUndefined<T>(call: Promise<T>): Promise<T | undefined> {
  try {
    return await call;
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

export function createKubeApi(http: KubeConnection): KubeApi {
  const fieldManager = FieldManager;

  return {
    async list(resource, scope = {}) {
      const { namespace, fieldSelector } = scope;
      const { items, resourceVersion } = await listRaw(http, collectionPath(resource, namespace), { fieldSelector });
      return { items: items.map(asCustomObject), resourceVersion };
    },

    async get(resource, namespace, name) {
      const body = await orUndefined(http.request('GET', objectPath(resource, namespace, name)));
      return body === undefined ? undefined : asCustomObject(body);
    },

    async patch(resource, namespace, name, patch) {
      return asCustomObject(await http.request('PATCH', objectPath(resource, namespace, name), { query: { fieldManager }, body: patch, contentType: MergePatch }));
    },

    async patchStatus(resource, namespace, name, patch) {
      return asCustomObject(await http.request('PATCH', `${objectPath(resource, namespace, name)}/status`, { query: { fieldManager }, body: patch, contentType: MergePatch }));
    },

    async watch(resource, scope, resourceVersion, onEvent) {
      return watchRaw(http, collectionPath(resource, scope.namespace), scope, resourceVersion, onEvent);
    },

    async createEvent(namespace, event) {
      await http.request('POST', collectionPath({ group: '', version: 'v1', plural: 'events' }, namespace), { body: event });
    },

    async getSecret(namespace, name) {
      // The API server's JSON is a V1Secret.
      return (await orUndefined(http.request('GET', objectPath(SecretResource, namespace, name)))) as V1Secret | undefined;
    },

    async createSecret(namespace, secret) {
      await http.request('POST', collectionPath(SecretResource, namespace), { query: { fieldManager }, body: { apiVersion: 'v1', kind: 'Secret', ...secret } });
    },

    async replaceSecret(namespace, secret) {
      const name = secret.metadata?.name ?? '';
      await http.request('PUT', objectPath(SecretResource, namespace, name), { query: { fieldManager }, body: { apiVersion: 'v1', kind: 'Secret', ...secret } });
    },

    async getConfigMap(namespace, name) {
      return (await orUndefined(http.request('GET', objectPath(ConfigMapResource, namespace, name)))) as V1ConfigMap | undefined;
    },

    async deleteSecret(namespace, name) {
      await orUndefined(http.request('DELETE', objectPath(SecretResource, namespace, name)));
    },
  };
}

/**
 * A failed API call as one sentence: its status code, reason and the API server's own message
 * (from the Status object in the body), never the raw response with its headers.
 */
export function kubeErrorMessage(err: unknown): string | undefined {
  if (!(err instanceof KubeApiError)) return undefined;
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
