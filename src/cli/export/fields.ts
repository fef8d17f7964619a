/**
 * Reading a spec back out of AWS with a kind's own comparison table: each field's `have` is
 * what the kind compares the spec against, so a value exported from it compares equal on the
 * next observe. A field whose value is what an empty resource reads as (AWS's default) is left
 * out, to keep the YAML to what someone chose.
 */

export type FieldValue = string | number | boolean | readonly string[];

/** The part of a kind's field table the export needs. */
export interface ReadableField<Aws> {
  path: string;
  /** Order does not matter. */
  set?: true;
  have(aws: Aws): FieldValue | undefined;
}

function normalized(value: FieldValue, set: boolean): string {
  if (!Array.isArray(value)) return String(value);
  return JSON.stringify(set ? [...new Set(value)].sort() : value);
}

/** Path → AWS's value, for each field that has one other than the default (`empty` read). */
export function nonDefaultValues<Aws>(fields: readonly ReadableField<Aws>[], aws: Aws, empty: Aws): Map<string, FieldValue> {
  const out = new Map<string, FieldValue>();
  for (const f of fields) {
    const value = f.have(aws);
    if (value === undefined || (Array.isArray(value) && value.length === 0)) continue;
    const fallback = f.have(empty);
    if (fallback !== undefined && normalized(value, f.set === true) === normalized(fallback, f.set === true)) continue;
    out.set(f.path, Array.isArray(value) ? [...value] : value);
  }
  return out;
}

type Tree = Record<string, unknown>;

function isTree(value: unknown): value is Tree {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Sets a dotted path in a plain object, creating the objects on the way. */
export function setPath(target: Tree, path: string, value: unknown): void {
  const keys = path.split('.');
  const last = keys.pop() ?? path;
  let node = target;
  for (const key of keys) {
    const next = node[key];
    if (isTree(next)) node = next;
    else {
      const created: Tree = {};
      node[key] = created;
      node = created;
    }
  }
  node[last] = value;
}

/** The values as a nested object: `a.b` → `{a: {b}}`. */
export function toTree(values: ReadonlyMap<string, unknown>): Tree {
  const out: Tree = {};
  for (const [path, value] of values) setPath(out, path, value);
  return out;
}

/** True when any path starts with `prefix.` (a section the export names). */
export function namesSection(values: ReadonlyMap<string, unknown>, prefix: string): boolean {
  return [...values.keys()].some((p) => p.startsWith(`${prefix}.`));
}
