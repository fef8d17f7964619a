/** Each test file works in a namespace of its own, removed when the file is done. */
import { randomBytes } from 'node:crypto';
import { basename } from 'node:path';
import { kubectlOk } from './kubectl';

/** Registers beforeAll/afterAll hooks; the returned object's `name` is valid inside tests. */
export function useNamespace(testFile: string): { name: string } {
  const stem = basename(testFile).replace(/\.test\.ts$/, '').toLowerCase().replace(/[^a-z0-9-]/g, '-').slice(0, 40);
  const namespace = { name: `${stem}-${randomBytes(3).toString('hex')}` };
  beforeAll(() => {
    kubectlOk(['create', 'namespace', namespace.name]);
  });
  afterAll(() => {
    kubectlOk(['delete', 'namespace', namespace.name, '--wait=false']);
  });
  return namespace;
}
