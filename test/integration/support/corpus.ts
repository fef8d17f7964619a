/** Test cases kept as YAML files: each starts with `# expect: <text the rejection must contain>`. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface CorpusCase {
  file: string;
  expect: string;
  /** The YAML documents of the file, as text. */
  documents: string[];
}

export function readCorpus(dir: string): CorpusCase[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((file) => {
      const text = readFileSync(join(dir, file), 'utf8');
      const expect = /^# expect: (.+)$/m.exec(text)?.[1]?.trim();
      if (!expect) throw new Error(`${file}: first line must be "# expect: <part of the error message>"`);
      const documents = text.split(/^---\s*$/m).filter((doc) => /\bkind:/.test(doc));
      return { file, expect, documents };
    });
}
