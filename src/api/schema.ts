/**
 * A small builder for OpenAPI v3 structural schemas whose TypeScript types are inferred from the
 * schema itself. The CRDs in crds/ are generated from these builders and the operator's types are
 * `Infer<typeof ...>` of the same builders, so the two cannot drift apart.
 */

/** One CEL rule, as `x-kubernetes-validations` holds it. */
export interface ValidationRule {
  rule: string;
  message: string;
  /** A field path (JSONPath-like) the error is reported against, e.g. `.prefix`. */
  fieldPath?: string;
  reason?: 'FieldValueInvalid' | 'FieldValueForbidden' | 'FieldValueRequired' | 'FieldValueDuplicate';
}

/** The subset of apiextensions.k8s.io/v1 JSONSchemaProps this project uses. */
export interface JSONSchemaProps {
  type?: 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array';
  description?: string;
  format?: string;
  pattern?: string;
  enum?: readonly (string | number)[];
  default?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  minProperties?: number;
  maxProperties?: number;
  properties?: Record<string, JSONSchemaProps>;
  required?: string[];
  items?: JSONSchemaProps;
  additionalProperties?: JSONSchemaProps;
  'x-kubernetes-list-type'?: 'atomic' | 'set' | 'map';
  'x-kubernetes-list-map-keys'?: string[];
  'x-kubernetes-map-type'?: 'atomic' | 'granular';
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-validations'?: ValidationRule[];
}

/**
 * A schema node. `T` is the value's type; `Present` is true when the value is always there in a
 * stored object (required, or defaulted by the API server), which makes the property non-optional
 * in the inferred type.
 */
export class Schema<T, Present extends boolean = false> {
  /** Phantom members: they carry the types, never a value. */
  declare readonly __type: T;
  declare readonly __present: Present;

  constructor(
    readonly props: JSONSchemaProps,
    readonly isRequired = false,
  ) {}

  /** The property must be set; listed in the parent's `required`. */
  required(): Schema<T, true> {
    return new Schema<T, true>(this.props, true);
  }

  /** The API server fills this value in when it is left out. */
  default(value: T): Schema<T, true> {
    return new Schema<T, true>({ ...this.props, default: value }, this.isRequired);
  }

  /** Extra keywords (bounds, formats, list types). */
  with(props: JSONSchemaProps): Schema<T, Present> {
    return new Schema<T, Present>({ ...this.props, ...props }, this.isRequired);
  }

  /** A CEL rule evaluated by the API server on admission. */
  rule(rule: string, message: string, extra: Omit<ValidationRule, 'rule' | 'message'> = {}): Schema<T, Present> {
    const rules = [...(this.props['x-kubernetes-validations'] ?? []), { rule, message, ...extra }];
    return this.with({ 'x-kubernetes-validations': rules });
  }

  /** The value cannot change once set (a CEL transition rule). */
  immutable(message: string): Schema<T, Present> {
    return this.rule('self == oldSelf', message);
  }
}

/** The inferred TypeScript type of a schema. */
export type Infer<S> = S extends Schema<infer T, boolean> ? T : never;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a type-level bound only
type AnySchema = Schema<any, boolean>;
type Fields = Record<string, AnySchema>;
type PresentKeys<F extends Fields> = { [K in keyof F]: F[K] extends Schema<unknown, true> ? K : never }[keyof F];
type OptionalKeys<F extends Fields> = Exclude<keyof F, PresentKeys<F>>;
type Simplify<T> = { [K in keyof T]: T[K] } & {};
export type ObjectOf<F extends Fields> = Simplify<
  { [K in PresentKeys<F>]: Infer<F[K]> } & { [K in OptionalKeys<F>]?: Infer<F[K]> }
>;

export function string(description: string, props: JSONSchemaProps = {}): Schema<string> {
  return new Schema({ type: 'string', description, ...props });
}

export function integer(description: string, props: JSONSchemaProps = {}): Schema<number> {
  return new Schema({ type: 'integer', description, ...props });
}

export function boolean(description: string): Schema<boolean> {
  return new Schema({ type: 'boolean', description });
}

/** A closed set of strings; the type is the union of the values. */
export function oneOf<const V extends readonly string[]>(values: V, description: string): Schema<V[number]> {
  return new Schema({ type: 'string', description, enum: values });
}

export function array<S extends AnySchema>(items: S, description: string, props: JSONSchemaProps = {}): Schema<Infer<S>[]> {
  return new Schema({ type: 'array', description, items: items.props, ...props });
}

/** A string-keyed map of one value type. */
export function map<S extends AnySchema>(values: S, description: string, props: JSONSchemaProps = {}): Schema<Record<string, Infer<S>>> {
  return new Schema({ type: 'object', description, additionalProperties: values.props, ...props });
}

export function object<F extends Fields>(fields: F, description: string, props: JSONSchemaProps = {}): Schema<ObjectOf<F>> {
  const properties: Record<string, JSONSchemaProps> = {};
  const required: string[] = [];
  for (const [name, field] of Object.entries(fields)) {
    properties[name] = field.props;
    if (field.isRequired) required.push(name);
  }
  return new Schema({
    type: 'object',
    description,
    properties,
    ...(required.length > 0 ? { required } : {}),
    ...props,
  });
}
