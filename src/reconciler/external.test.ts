import type { ImmutableField } from './external';
import { immutableMismatches } from './external';

interface Spec {
  mode?: string;
  list?: string[];
}
interface Observed {
  Mode?: string;
  List?: string[];
}

const fields: ImmutableField<Spec, Observed>[] = [
  { path: 'mode', want: (s) => s.mode, have: (o) => o.Mode },
  { path: 'list', want: (s) => (s.list ? [...s.list].sort() : undefined), have: (o) => [...(o.List ?? [])].sort() },
];

describe('immutableMismatches', () => {
  it('names each differing field with both values', () => {
    expect(immutableMismatches(fields, { mode: 'a', list: ['y', 'x'] }, { Mode: 'b', List: ['x'] })).toEqual([
      { path: 'mode', want: 'a', have: 'b' },
      { path: 'list', want: ['x', 'y'], have: ['x'] },
    ]);
  });

  it('ignores what the spec does not name, and what AWS does not have yet', () => {
    expect(immutableMismatches(fields, {}, { Mode: 'b', List: ['x'] })).toEqual([]);
    expect(immutableMismatches(fields, { mode: 'a' }, {})).toEqual([]);
  });

  it('finds nothing when normalized values are equal', () => {
    expect(immutableMismatches(fields, { mode: 'a', list: ['y', 'x'] }, { Mode: 'a', List: ['x', 'y'] })).toEqual([]);
  });
});
