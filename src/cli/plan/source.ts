/**
 * What the kinds read from Kubernetes, for plan: the objects of the files first, then (with
 * --kubeconfig) the cluster. Read-only: every write throws, so a plan cannot change anything.
 */
import type { V1ConfigMap, V1Secret } from '@kubernetes/client-node';
import type { KubeApi } from '../../kube/client';
import type { CustomObject, ResourceRef } from '../../kube/objects';
import type { ObjectLookup } from '../../reconciler/kind';
import type { LoadedObject } from './load';

const Message = {
  readOnly: (what: string) => `plan is read-only: it never ${what}`,
} as const;

const key = (kind: string, namespace: string, name: string) => `${kind}/${namespace}/${name}`;

/** The file objects as the operator's caches would hold them; status is set as plan learns it. */
export class PlanObjects implements ObjectLookup {
  private readonly objects = new Map<string, CustomObject>();

  constructor(private readonly loaded: readonly LoadedObject[]) {}

  put(obj: CustomObject): void {
    this.objects.set(key(obj.kind, obj.metadata.namespace, obj.metadata.name), obj);
  }

  get(kind: string, namespace: string, name: string): CustomObject | undefined {
    return this.objects.get(key(kind, namespace, name));
  }

  dependentsOf(): { kind: string; obj: CustomObject }[] {
    return [];
  }

  /** A Secret or ConfigMap of the files. */
  dataObject(kind: 'Secret' | 'ConfigMap', namespace: string, name: string): Pick<LoadedObject, 'data' | 'binaryData'> | undefined {
    return this.loaded.find((o) => o.kind === kind && o.metadata.namespace === namespace && o.metadata.name === name);
  }
}

/** KubeApi for the kinds during a plan: file objects, else the cluster's (when given). */
export function planKubeApi(objects: PlanObjects, cluster: KubeApi | undefined): KubeApi {
  const refuse = (what: string) => () => Promise.reject(new Error(Message.readOnly(what)));
  return {
    list: refuse('lists'),
    watch: refuse('watches'),
    patch: refuse('patches objects'),
    patchStatus: refuse('writes status'),
    createEvent: refuse('writes Events'),
    createSecret: refuse('creates Secrets'),
    replaceSecret: refuse('replaces Secrets'),
    deleteSecret: refuse('deletes Secrets'),
    async get(resource: ResourceRef, namespace: string, name: string) {
      return objects.get(resource.kind, namespace, name) ?? (await cluster?.get(resource, namespace, name));
    },
    async getSecret(namespace: string, name: string): Promise<V1Secret | undefined> {
      const data = objects.dataObject('Secret', namespace, name)?.data;
      if (data) return { metadata: { name, namespace }, data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v, 'utf8').toString('base64')])) };
      return cluster?.getSecret(namespace, name);
    },
    async getConfigMap(namespace: string, name: string): Promise<V1ConfigMap | undefined> {
      const found = objects.dataObject('ConfigMap', namespace, name);
      if (found) return { metadata: { name, namespace }, data: found.data, binaryData: found.binaryData };
      return cluster?.getConfigMap(namespace, name);
    },
  };
}
