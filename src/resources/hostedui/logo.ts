/** Reading the logo `hostedUi.logoConfigMapRef` names, and the fingerprint status recorded. */
import type { KubeApi } from '../../kube/client';
import { configMapKeyBytes } from '../../kube/configmap-bytes';
import type { CustomObject } from '../../kube/objects';
import { isRecord } from '../../kube/objects';
import type { ObjectRef, Resolution } from '../../reconciler/kind';
import type { HostedUiSpec } from './schema';

const ConfigMapKind = 'ConfigMap';

const Message = {
  noConfigMap: (name: string, namespace: string) => `Waiting for ConfigMap ${name} (hostedUi.logoConfigMapRef): it does not exist in namespace ${namespace}`,
  noKey: (name: string, key: string) => `Waiting for key ${key} in ConfigMap ${name} (hostedUi.logoConfigMapRef): the ConfigMap has no such key in binaryData or data`,
} as const;

/** What a kind's references give its hostedUi. */
export interface LogoRefs {
  /** The logo's bytes from its ConfigMap; none when the spec names none (or while deleting). */
  hostedUiLogo?: Uint8Array;
  /** status.hostedUiLogoFingerprint: the logo last applied, as recorded. */
  appliedLogoFingerprint?: string;
}

/**
 * The logo's bytes from its ConfigMap and the fingerprint status recorded; a missing ConfigMap or
 * key is a message naming it.
 */
export async function resolveLogo(api: KubeApi, obj: CustomObject, spec: HostedUiSpec | undefined): Promise<Resolution<LogoRefs>> {
  const ref = spec?.logoConfigMapRef;
  if (!ref) return { ready: true, refs: {} };
  const { namespace } = obj.metadata;
  const configMap = await api.getConfigMap(namespace, ref.name);
  if (!configMap) return { ready: false, message: Message.noConfigMap(ref.name, namespace) };
  const logo = configMapKeyBytes(configMap, ref.key);
  if (!logo) return { ready: false, message: Message.noKey(ref.name, ref.key) };
  const applied = storedLogoFingerprint(obj);
  return { ready: true, refs: { hostedUiLogo: logo, ...(applied ? { appliedLogoFingerprint: applied } : {}) } };
}

/** The ConfigMap to watch, so that a new logo is applied at once. */
export function logoReferences(spec: HostedUiSpec | undefined): ObjectRef[] {
  const name = spec?.logoConfigMapRef?.name;
  return name ? [{ kind: ConfigMapKind, name }] : [];
}

/** status.hostedUiLogoFingerprint as stored. */
function storedLogoFingerprint(obj: CustomObject): string | undefined {
  const value = isRecord(obj.status) ? obj.status.hostedUiLogoFingerprint : undefined;
  return typeof value === 'string' && value !== '' ? value : undefined;
}
