/**
 * The tag rule every taggable kind follows: the spec's tags (and the owner tag) are set; every
 * other tag is kept. Without a record of which keys the spec named before, a tag in AWS that the
 * spec does not name may as well come from a cost-allocation tool, AWS Backup or a person in the
 * console, and removing it would fight them on every resync. So deleting a key from the spec
 * leaves the tag in AWS; the only keys removed are stale ones under the operator's own prefix.
 */
import { Group, OwnerUidTag } from '../api/group';

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

/** Tag changes for TagResource / UntagResource. */
export function tagsDiff(specTags: Tags | undefined, current: Tags | undefined, ownerUid: string): TagsDiff {
  const have = current ?? {};
  const want = desiredTags(specTags, ownerUid);
  const tagsToAdd = Object.fromEntries(Object.entries(want).filter(([k, v]) => have[k] !== v));
  const keysToRemove = Object.keys(have).filter((k) => k.startsWith(ReservedTagPrefix) && !(k in want));
  return { tagsToAdd, keysToRemove };
}

/** The tag keys a diff touches, as spec paths; empty when the tags are up to date. */
export function tagPaths(diff: TagsDiff): string[] {
  return [...Object.keys(diff.tagsToAdd), ...diff.keysToRemove].map((k) => `tags.${k}`);
}
