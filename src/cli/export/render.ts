/** Manifests as YAML documents, each with its comment above it. */
import { stringify } from 'yaml';
import type { Manifest } from './manifest';

function commented(text: string): string {
  return text
    .split('\n')
    .map((line) => `# ${line}`.trimEnd())
    .join('\n');
}

export function renderManifest({ comment, placeholder, ...object }: Manifest): string {
  const yaml = stringify(object, { lineWidth: 0, sortMapEntries: false });
  const body = placeholder ? `${yaml}stringData:\n  # ${placeholder}: REPLACE-ME\n` : yaml;
  return comment ? `${commented(comment)}\n${body}` : body;
}

export function renderManifests(manifests: readonly Manifest[]): string {
  return manifests.map((m) => `---\n${renderManifest(m)}`).join('');
}
