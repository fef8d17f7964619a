import { jsonEqual } from './json';

describe('jsonEqual', () => {
  it('ignores the order of object members at every depth', () => {
    const built = { type: 'Ready', status: 'True', nested: { b: 1, a: [{ y: 2, x: 1 }] } };
    const stored = { nested: { a: [{ x: 1, y: 2 }], b: 1 }, status: 'True', type: 'Ready' };
    expect(jsonEqual(built, stored)).toBe(true);
  });

  it('treats a member set to undefined as absent, as JSON does', () => {
    expect(jsonEqual({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(jsonEqual({ a: 1 }, { a: 1, b: undefined })).toBe(true);
    expect(jsonEqual({ a: undefined }, { b: undefined })).toBe(true);
  });

  it('tells different values, members and array orders apart', () => {
    expect(jsonEqual({ a: 1 }, { a: 2 })).toBe(false);
    expect(jsonEqual({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(jsonEqual({ a: 1, b: 2 }, { a: 1, c: 2 })).toBe(false);
    expect(jsonEqual([1, 2], [2, 1])).toBe(false);
    expect(jsonEqual([1], [1, 1])).toBe(false);
    expect(jsonEqual({ a: [] }, { a: {} })).toBe(false);
    expect(jsonEqual('1', 1)).toBe(false);
    expect(jsonEqual(null, {})).toBe(false);
    expect(jsonEqual(undefined, null)).toBe(false);
  });
});
