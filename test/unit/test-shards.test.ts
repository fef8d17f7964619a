/** How `npm test` spreads integration files over its shards (test/env/tests.ts). */
import { join } from 'node:path';
import { repoRoot } from '../env/paths';
import { splitByDuration } from '../env/tests';

const file = (name: string) => join(repoRoot, 'test', 'integration', name);

describe('splitByDuration', () => {
  it('puts the longest files first onto the lighter shard, so shards end close together', () => {
    const durations = { 'test/integration/a.test.ts': 90, 'test/integration/b.test.ts': 50, 'test/integration/c.test.ts': 45, 'test/integration/d.test.ts': 40 };
    const shards = splitByDuration(['a', 'b', 'c', 'd'].map((n) => file(`${n}.test.ts`)), durations, 2);
    expect(shards).toEqual([[file('a.test.ts'), file('d.test.ts')], [file('b.test.ts'), file('c.test.ts')]]);
  });

  it('counts a file never measured as the median of those that were, and loses none', () => {
    const durations = { 'test/integration/a.test.ts': 10, 'test/integration/b.test.ts': 20, 'test/integration/c.test.ts': 30 };
    const files = ['a', 'b', 'c', 'new'].map((n) => file(`${n}.test.ts`));
    const shards = splitByDuration(files, durations, 2);
    expect(shards.flat().sort()).toEqual([...files].sort());
    // 30 | 20 → 30 | 20+20 → 30+10 | 40.
    expect(shards.map((s) => s.length).sort()).toEqual([2, 2]);
  });

  it('makes no empty shard when there are fewer files than shards', () => {
    expect(splitByDuration([file('userpool.test.ts')], {}, 2)).toEqual([[file('userpool.test.ts')]]);
  });
});
