/** The API server's defaulting, from the CRD schema: plan sees a spec as the operator would. */
import type { JSONSchemaProps } from '../../api/schema';
import { isRecord } from '../../kube/objects';

export function withDefaults(schema: JSONSchemaProps, value: unknown): unknown {
  if (Array.isArray(value)) return schema.items ? value.map((v) => withDefaults(schema.items ?? {}, v)) : value;
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = { ...value };
  for (const [key, prop] of Object.entries(schema.properties ?? {})) {
    if (out[key] === undefined && prop.default !== undefined) out[key] = structuredClone(prop.default);
    else if (out[key] !== undefined) out[key] = withDefaults(prop, out[key]);
  }
  if (schema.additionalProperties) {
    const values = schema.additionalProperties;
    for (const key of Object.keys(out)) if (!(key in (schema.properties ?? {}))) out[key] = withDefaults(values, out[key]);
  }
  return out;
}
