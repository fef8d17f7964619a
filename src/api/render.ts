/** Renders the CRD manifests in crds/ from the kinds' schemas: the single source of both. */
import { stringify } from 'yaml';
import { customResourceDefinition } from './crd';
import { kinds } from './kinds';

const header = '# Generated from src/resources/*/schema.ts by `npm run generate`. Do not edit.\n';

/** File name (relative to crds/) → manifest text. */
export function renderCrds(): Map<string, string> {
  const files = new Map<string, string>();
  for (const kind of kinds) {
    const crd = customResourceDefinition(kind);
    // YAML 1.1, as Kubernetes reads it: there, unquoted ON and OFF would be booleans.
    files.set(`${crd.metadata.name}.yaml`, header + stringify(crd, { lineWidth: 0, version: '1.1' }));
  }
  return files;
}
