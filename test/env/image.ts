/**
 * The runtime stage of the Dockerfile: what the container runs, as whom, with which environment.
 * The tests run dist/main.js as it says (the deploy test all of it; every operator the tests and
 * the bench start, its NODE_OPTIONS), so that what they measure is what ships.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './paths';

export interface ImageSpec {
  user: { uid: number; gid: number };
  env: Record<string, string>;
  entrypoint: string[];
}

export function imageSpec(): ImageSpec {
  const text = readFileSync(join(repoRoot, 'Dockerfile'), 'utf8').replace(/\\\n\s*/g, ' ');
  const runtime = text.slice(text.lastIndexOf('\nFROM '));
  const [uid, gid] = (/^USER (\d+):(\d+)$/m.exec(runtime) ?? []).slice(1).map(Number);
  const env: Record<string, string> = {};
  for (const line of runtime.match(/^ENV .*$/gm) ?? []) {
    // A value is one word or a double-quoted string (NODE_OPTIONS holds several flags).
    for (const m of line.slice(4).matchAll(/(\w+)=("[^"]*"|\S+)/g)) env[m[1] ?? ''] = (m[2] ?? '').replace(/^"(.*)"$/, '$1');
  }
  const entrypoint = JSON.parse(/^ENTRYPOINT (\[.*\])$/m.exec(runtime)?.[1] ?? '[]') as string[];
  if (uid === undefined || gid === undefined || entrypoint.length === 0) throw new Error('Dockerfile: runtime stage lacks USER uid:gid or ENTRYPOINT');
  return { user: { uid, gid }, env, entrypoint };
}
