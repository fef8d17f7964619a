/**
 * ManagedLoginBranding plugged into the generic reconciler: its references are the AppClient
 * (Ready, for its client ID; its UserPool, Ready, for the pool's ID and region) and the ConfigMaps
 * holding the asset files. The operator watches every ConfigMap `referencesOf` names, so a new
 * logo is applied at once.
 */
import { Group, Version } from '../../api/group';
import { isRecord } from '../../kube/objects';
import type { CustomObject } from '../../kube/objects';
import type { KubeApi } from '../../kube/client';
import { configMapKeyBytes } from '../../kube/configmap-bytes';
import { claimantOf } from '../../reconciler/claims';
import type { ManagedKind, ObjectLookup, ObjectRef, Resolution } from '../../reconciler/kind';
import { readyTarget, statusString } from '../../reconciler/references';
import type { KindDeps } from '../kinds';
import { readyParentPool, regionOfPoolId } from '../userpool/parent';
import { createManagedLoginBrandingClient } from './client';
import type { ManagedLoginBrandingOutputs, ManagedLoginBrandingRefs } from './mapping';
import { isAssetPath, managedLoginBrandingOwnedPaths, slotOf } from './ownership';
import type { BrandingAsset, ManagedLoginBrandingSpec } from './schema';

export const ManagedLoginBrandingKindName = 'ManagedLoginBranding';
const AppClientKindName = 'AppClient';
const ConfigMapKind = 'ConfigMap';

type Spec = ManagedLoginBrandingSpec;

const Message = {
  noSpec: 'ManagedLoginBranding has no spec',
  clientGone: 'neither this object nor its AppClient records the client: nothing was created that could still be in AWS',
  noConfigMap: (name: string, namespace: string) => `Waiting for ConfigMap ${name}: it does not exist in namespace ${namespace}`,
  noKey: (a: BrandingAsset) => `Waiting for key ${a.configMapRef.key} in ConfigMap ${a.configMapRef.name} (asset ${slotOf(a)})`,
} as const;

function specOf(obj: CustomObject): Spec {
  if (!isRecord(obj.spec)) throw new Error(Message.noSpec);
  // The API server validated and defaulted the spec against the schema this type comes from.
  return obj.spec as Spec;
}

function statusOf(obj: CustomObject, field: string): string | undefined {
  const value = isRecord(obj.status) ? obj.status[field] : undefined;
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Each asset's bytes by slot, and messages naming what is missing. Each ConfigMap is read once. */
export async function readAssets(api: KubeApi, namespace: string, spec: Spec): Promise<{ bytes: Map<string, Uint8Array>; missing: string[] }> {
  const bytes = new Map<string, Uint8Array>();
  const missing: string[] = [];
  const configMaps = new Map<string, Awaited<ReturnType<KubeApi['getConfigMap']>>>();
  for (const asset of spec.assets ?? []) {
    const { name, key } = asset.configMapRef;
    if (!configMaps.has(name)) configMaps.set(name, await api.getConfigMap(namespace, name));
    const configMap = configMaps.get(name);
    const value = configMap && configMapKeyBytes(configMap, key);
    if (!configMap) missing.push(Message.noConfigMap(name, namespace));
    else if (!value) missing.push(Message.noKey(asset));
    else bytes.set(slotOf(asset), value);
  }
  return { bytes, missing: [...new Set(missing)] };
}

interface ResolveDeps {
  lookup: ObjectLookup;
  api: KubeApi;
  defaultRegion: string;
}

/**
 * The AppClient and its pool must be Ready, and every asset file present. While the object is
 * being deleted, the client and pool may be going too: the IDs this object recorded are used,
 * and missing asset files do not hold the deletion up.
 */
export async function resolveManagedLoginBranding({ lookup, api, defaultRegion }: ResolveDeps, obj: CustomObject): Promise<Resolution<ManagedLoginBrandingRefs>> {
  const spec = specOf(obj);
  const { namespace } = obj.metadata;
  if (obj.metadata.deletionTimestamp) {
    // Its own record first; else (a status restore left out) the AppClient's, if it is still there.
    const client = lookup.get(AppClientKindName, namespace, spec.appClientRef.name);
    const userPoolId = statusOf(obj, 'userPoolId') ?? (client && statusOf(client, 'userPoolId'));
    const clientId = statusOf(obj, 'clientId') ?? (client && statusOf(client, 'clientId'));
    if (!userPoolId || !clientId) return { ready: false, message: Message.clientGone };
    const { bytes } = await readAssets(api, namespace, spec);
    return { ready: true, refs: { userPoolId, clientId, region: regionOfPoolId(userPoolId) ?? defaultRegion, assetBytes: bytes } };
  }
  const client = readyTarget(lookup, AppClientKindName, namespace, spec.appClientRef.name);
  if (!client.ready) return client;
  const clientSpec = isRecord(client.obj.spec) ? client.obj.spec : {};
  const poolRef = isRecord(clientSpec.userPoolRef) && typeof clientSpec.userPoolRef.name === 'string' ? clientSpec.userPoolRef.name : '';
  const pool = readyParentPool(lookup, defaultRegion, { namespace, poolName: poolRef, region: spec.region, noun: 'a managed login branding style' });
  if (!pool.ready) return pool;
  const { bytes, missing } = await readAssets(api, namespace, spec);
  if (missing.length > 0) return { ready: false, message: missing.join('; ') };
  return { ready: true, refs: { ...pool.refs, clientId: statusString(client, 'clientId'), assetBytes: bytes } };
}

export function managedLoginBrandingKind({ aws, lookup, api }: KindDeps): ManagedKind<Spec, ManagedLoginBrandingOutputs, ManagedLoginBrandingRefs> {
  return {
    resource: { group: Group, version: Version, plural: 'managedloginbrandings', kind: ManagedLoginBrandingKindName },
    noun: 'managed login branding style',
    client: createManagedLoginBrandingClient(aws),
    spec: specOf,
    ownedPaths: managedLoginBrandingOwnedPaths,
    statusOutputs: ({ clientId, userPoolId }) => ({ clientId, userPoolId }),
    claimedBy: (obj, id) => claimantOf(lookup, obj, ManagedLoginBrandingKindName, { kind: AppClientKindName, name: specOf(obj).appClientRef.name }, id),
    // A changed ConfigMap changes an asset without a spec change; that is an update, not drift.
    followsReference: isAssetPath,
    /** The AppClient, and the ConfigMaps to watch. */
    referencesOf(obj): ObjectRef[] {
      const spec = specOf(obj);
      const configMaps = [...new Set((spec.assets ?? []).map((a) => a.configMapRef.name))];
      return [{ kind: AppClientKindName, name: spec.appClientRef.name }, ...configMaps.map((name) => ({ kind: ConfigMapKind, name }))];
    },
    resolve: (obj) => resolveManagedLoginBranding({ lookup, api, defaultRegion: aws.defaultRegion }, obj),
  };
}
