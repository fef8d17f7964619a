/**
 * Three-way ownership, like `kubectl apply`: which settings this object has applied from its
 * spec. Kept in an annotation (a restore from backup keeps metadata, not status) as a compact,
 * sorted JSON list of spec paths such as `tags.env`, `triggers.postConfirmation` or `domain.prefix`.
 *
 * A path the spec names is made so in AWS; a path in the record the spec no longer names is
 * released (removed or reset to AWS's default); a path never recorded keeps its AWS value.
 * Pure functions, no I/O.
 */

/** The annotation's content, parsed: spec paths, sorted, without repeats. */
export type AppliedPaths = readonly string[];

/** Sorted and without repeats, so that equal sets serialize to equal text. */
function normalize(paths: Iterable<string>): string[] {
  return [...new Set(paths)].sort();
}

/**
 * The record from the annotation's text. Absent or unreadable (edited by hand) reads as empty:
 * the object then owns only what its spec names, as on adoption.
 */
export function parseApplied(text: string | undefined): AppliedPaths {
  if (text === undefined || text === '') return [];
  try {
    const value: unknown = JSON.parse(text);
    if (!Array.isArray(value)) return [];
    return normalize(value.filter((p): p is string => typeof p === 'string' && p !== ''));
  } catch {
    return [];
  }
}

/** The annotation's text for a set of paths. */
export function serializeApplied(paths: Iterable<string>): string {
  return JSON.stringify(normalize(paths));
}

/** Paths in the record that the spec names no longer: what must leave AWS. */
export function releasedPaths(recorded: AppliedPaths, owned: Iterable<string>): string[] {
  const now = new Set(owned);
  return normalize(recorded.filter((p) => !now.has(p)));
}

/** Record and spec together: written before AWS writes, so a crash in between forgets no path. */
export function unionPaths(recorded: AppliedPaths, owned: Iterable<string>): string[] {
  return normalize([...recorded, ...owned]);
}

/** The map keys a set of paths names under `prefix` (`tags` → `env` for `tags.env`). */
export function keysUnder(paths: readonly string[] | undefined, prefix: string): string[] {
  const start = `${prefix}.`;
  return (paths ?? []).filter((p) => p.startsWith(start) && p.length > start.length).map((p) => p.slice(start.length));
}

/** The paths of a map's keys under `prefix`: `mapPaths('tags', {env: 'dev'})` → `['tags.env']`. */
export function mapPaths(prefix: string, map: Readonly<Record<string, unknown>> | undefined): string[] {
  return Object.keys(map ?? {}).map((k) => `${prefix}.${k}`);
}

/** Whether `path` is among `paths` (undefined: none). */
export function includesPath(paths: readonly string[] | undefined, path: string): boolean {
  return paths?.includes(path) ?? false;
}
