/** Writes crds/*.yaml from the schemas. Run with `npm run generate`. */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderCrds } from '../api/render';

const dir = process.argv[2] ?? 'crds';
mkdirSync(dir, { recursive: true });
const files = renderCrds();
for (const name of readdirSync(dir)) {
  if (name.endsWith('.yaml') && !files.has(name)) rmSync(join(dir, name));
}
for (const [name, text] of files) writeFileSync(join(dir, name), text);
console.log(`wrote ${files.size} CRDs to ${dir}/`);
