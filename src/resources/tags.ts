/**
 * The tag rule every taggable kind follows: the spec's tags (and the owner tag) are set; a key
 * the spec named before and names no longer (in the applied record, src/reconciler/ownership.ts)
 * is untagged; every other tag is kept. The owner tag is set by the create request alone. A tag the spec never named may come from a
 * cost-allocation tool, AWS Backup or a person in the console, and removing it would fight them
 * on every resync. Stale keys under the operator's own prefix are removed too.
 */
import { Group, OwnerUidTag } from '../api/group';
import { keysUnder, mapPaths } from '../reconciler/ownership';

const ReservedTagPrefix = `${Group}/`;
/** AWS's own tags (aws:cloudformation:...): nobody may set or remove them. */
const AwsTagPrefix = 'aws:';

type Tags = Readonly<Record<string, string>>;

export interface TagsDiff {
  tagsToAdd: Record<string, string>;
  keysToRemove: string[];
}

/** The tags the operator sets: the spec's, plus the owner tag that makes creates crash-safe. */
export function desiredTags(specTags: Tags | undefined, ownerUid: string): Record<string, string> {
  return { ...specTags, [OwnerUidTag]: ownerUid };
}

/** Tags a user or tool may set, i.e. without AWS's own aws: tags. */
export function userTags(tags: Tags | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(tags ?? {}).filter(([k]) => !k.startsWith(AwsTagPrefix)));
}

/** The ownership paths of the spec's tags: `tags.<key>`. */
export function tagOwnedPaths(specTags: Tags | undefined): string[] {
  return mapPaths('tags', specTags);
}

/**
 * Tag changes for TagResource / UntagResource. `released` are the ownership paths the spec no
 * longer names: their `tags.<key>` are untagged where AWS still has them.
 */
export function tagsDiff(specTags: Tags | undefined, current: Tags | undefined, ownerUid: string, released?: readonly string[]): TagsDiff {
  const have = current ?? {};
  const want = desiredTags(specTags, ownerUid);
  const gone = new Set(keysUnder(released, 'tags'));
  // The owner tag goes on with the create request only: it makes a create crash-safe, and an
  // adopted resource (or one whose tag someone changed) is never searched for by it, so adding
  // it later would be a write no spec asked for.
  const tagsToAdd = Object.fromEntries(Object.entries(want).filter(([k, v]) => k !== OwnerUidTag && have[k] !== v));
  const keysToRemove = Object.keys(have).filter((k) => !(k in want) && (k.startsWith(ReservedTagPrefix) || gone.has(k)) && !k.startsWith(AwsTagPrefix));
  return { tagsToAdd, keysToRemove };
}

/** The tag keys a diff touches, as spec paths; empty when the tags are up to date. */
export function tagPaths(diff: TagsDiff): string[] {
  return [...Object.keys(diff.tagsToAdd), ...diff.keysToRemove].map((k) => `tags.${k}`);
}
