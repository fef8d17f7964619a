/** Reading the logo `hostedUi.logoConfigMapRef` names, and the fingerprint status recorded. */
import type { KubeApi } from '../../kube/client';
import { configMapKeyBytes } from '../../kube/configmap-bytes';
import type { CustomObject } from '../../kube/objects';
import { isRecord } from '../../kube/objects';
import type { ObjectRef } from '../../reconciler/kind';
import type { HostedUiSpec } from './schema';

const ConfigMapKind = 'ConfigMap';

const Message = {
  noConfigMap: (name: string, namespace: string) => `Waiting for ConfigMap ${name} (hostedUi.logoConfigMapRef): it does not exist in namespace ${namespace}`,
  noKey: (name: string, key: string) => `Waiting for key ${key} in ConfigMap ${name} (hostedUi.logoConfigMapRef): the ConfigMap has no such key in binaryData or data`,
} as const;

/** What the logo resolved to: its bytes, none named, or why it cannot be read yet. */
export type LogoResolution = { ready: true; logo?: Uint8Array } | { ready: false; message: string };

/** The logo's bytes from its ConfigMap; a missing ConfigMap or key is a message naming it. */
export async function readLogo(api: KubeApi, namespace: string, spec: HostedUiSpec | undefined): Promise<LogoResolution> {
  const ref = spec?.logoConfigMapRef;
  if (!ref) return { ready: true };
  const configMap = await api.getConfigMap(namespace, ref.name);
  if (!configMap) return { ready: false, message: Message.noConfigMap(ref.name, namespace) };
  const logo = configMapKeyBytes(configMap, ref.key);
  return logo ? { ready: true, logo } : { ready: false, message: Message.noKey(ref.name, ref.key) };
}

/** The ConfigMap to watch, so that a new logo is applied at once. */
export function logoReferences(spec: HostedUiSpec | undefined): ObjectRef[] {
  const name = spec?.logoConfigMapRef?.name;
  return name ? [{ kind: ConfigMapKind, name }] : [];
}

/** status.hostedUiLogoFingerprint as stored. */
export function storedLogoFingerprint(obj: CustomObject): string | undefined {
  const value = isRecord(obj.status) ? obj.status.hostedUiLogoFingerprint : undefined;
  return typeof value === 'string' && value !== '' ? value : undefined;
}
