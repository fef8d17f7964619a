/** The objects of YAML files (a file, or every .yaml / .yml under a directory), as plan reads them. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { isRecord } from '../../kube/objects';

export interface LoadedObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace: string; annotations: Record<string, string> };
  spec: Record<string, unknown>;
  /** Secrets and ConfigMaps: their values, decoded. */
  data: Record<string, string>;
  /** ConfigMaps: binaryData, base64 as the file has it. */
  binaryData: Record<string, string>;
  file: string;
}

function yamlFiles(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((name) => {
      const full = join(path, name);
      return statSync(full).isDirectory() ? yamlFiles(full) : /\.ya?ml$/.test(name) ? [full] : [];
    });
}

function strings(value: unknown): Record<string, string> {
  if (!isRecord(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/** Secret data is base64, stringData plain (and wins, as the API server has it). */
function dataOf(doc: Record<string, unknown>): Record<string, string> {
  const decoded = Object.fromEntries(Object.entries(strings(doc.data)).map(([k, v]) => [k, doc.kind === 'Secret' ? Buffer.from(v, 'base64').toString('utf8') : v]));
  return { ...decoded, ...strings(doc.stringData) };
}

export function loadObjects(paths: readonly string[], defaultNamespace: string): LoadedObject[] {
  return paths.flatMap(yamlFiles).flatMap((file) =>
    parseAllDocuments(readFileSync(file, 'utf8')).flatMap((doc) => {
      if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors[0]?.message ?? 'not YAML'}`);
      const value: unknown = doc.toJS();
      if (!isRecord(value) || !isRecord(value.metadata) || typeof value.kind !== 'string' || typeof value.metadata.name !== 'string') return [];
      const namespace = typeof value.metadata.namespace === 'string' ? value.metadata.namespace : defaultNamespace;
      return [
        {
          apiVersion: typeof value.apiVersion === 'string' ? value.apiVersion : '',
          kind: value.kind,
          metadata: { name: value.metadata.name, namespace, annotations: strings(value.metadata.annotations) },
          spec: isRecord(value.spec) ? value.spec : {},
          data: dataOf(value),
          binaryData: strings(value.binaryData),
          file,
        },
      ];
    }),
  );
}
