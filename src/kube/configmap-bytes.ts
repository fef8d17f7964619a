/** The bytes of one ConfigMap key, as files put there by `kubectl create configmap --from-file` are kept. */
import type { V1ConfigMap } from '@kubernetes/client-node';

/** binaryData (base64: images) first, else data (UTF-8 text such as SVG); undefined when the key is in neither. */
export function configMapKeyBytes(configMap: Pick<V1ConfigMap, 'data' | 'binaryData'>, key: string): Uint8Array | undefined {
  const binary = configMap.binaryData?.[key];
  if (binary !== undefined) return Buffer.from(binary, 'base64');
  const text = configMap.data?.[key];
  return text === undefined ? undefined : Buffer.from(text, 'utf8');
}
