import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderCrds } from './render';

const crdDir = join(__dirname, '..', '..', 'crds');

describe('crds/ is generated from the schemas', () => {
  const rendered = renderCrds();

  it('has exactly the generated files', () => {
    const onDisk = readdirSync(crdDir).filter((f) => f.endsWith('.yaml')).sort();
    expect(onDisk).toEqual([...rendered.keys()].sort());
  });

  it.each([...rendered.keys()])('%s matches its schema (run `npm run generate` after changing a schema)', (name) => {
    expect(readFileSync(join(crdDir, name), 'utf8')).toBe(rendered.get(name));
  });
});
