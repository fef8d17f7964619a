/**
 * Equality of two values as the API server stores them: JSON semantics, not serialization.
 * Object members compare regardless of order (the API server answers with sorted keys, while
 * the operator builds its own in whatever order), and a member whose value is undefined is
 * absent, as JSON.stringify would leave it out. Arrays compare element by element.
 */
import { isRecord } from './objects';

export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((item, i) => jsonEqual(item, b[i]));
  if (!isRecord(a) || !isRecord(b)) return false;
  const keysOf = (o: Record<string, unknown>) => Object.keys(o).filter((k) => o[k] !== undefined);
  const keys = keysOf(a);
  return keys.length === keysOf(b).length && keys.every((k) => Object.hasOwn(b, k) && jsonEqual(a[k], b[k]));
}
