import { includesPath, keysUnder, mapPaths, parseApplied, releasedPaths, serializeApplied, unionPaths } from './ownership';

describe('parseApplied', () => {
  const cases: { name: string; text: string | undefined; want: string[] }[] = [
    { name: 'absent reads as empty (adoption, objects from before the record)', text: undefined, want: [] },
    { name: 'empty text reads as empty', text: '', want: [] },
    { name: 'a list is sorted and deduplicated', text: '["tags.env","domain.prefix","tags.env"]', want: ['domain.prefix', 'tags.env'] },
    { name: 'non-strings and empty strings are dropped', text: '["tags.a",1,null,""]', want: ['tags.a'] },
    { name: 'not a list reads as empty', text: '{"tags.a":true}', want: [] },
    { name: 'unreadable JSON reads as empty', text: '["tags.a"', want: [] },
  ];
  it.each(cases)('$name', ({ text, want }) => {
    expect(parseApplied(text)).toEqual(want);
  });
});

describe('serializeApplied', () => {
  it('writes compact, sorted JSON that parses back', () => {
    const text = serializeApplied(['triggers.preSignUp', 'analytics', 'triggers.preSignUp']);
    expect(text).toBe('["analytics","triggers.preSignUp"]');
    expect(parseApplied(text)).toEqual(['analytics', 'triggers.preSignUp']);
  });
  it('gives the same text for the same set in any order', () => {
    expect(serializeApplied(['b', 'a'])).toBe(serializeApplied(['a', 'b']));
  });
});

describe('releasedPaths and unionPaths', () => {
  const recorded = ['tags.env', 'tags.team', 'triggers.postConfirmation'];
  it('releases what the record has and the spec names no longer', () => {
    expect(releasedPaths(recorded, ['tags.team'])).toEqual(['tags.env', 'triggers.postConfirmation']);
  });
  it('releases nothing on the first pass (empty record): only what the spec names is owned', () => {
    expect(releasedPaths([], ['tags.team'])).toEqual([]);
  });
  it('a path new in the spec is not released', () => {
    expect(releasedPaths(recorded, [...recorded, 'domain.prefix'])).toEqual([]);
  });
  it('the union keeps every path of both', () => {
    expect(unionPaths(recorded, ['domain.prefix', 'tags.env'])).toEqual(['domain.prefix', 'tags.env', 'tags.team', 'triggers.postConfirmation']);
  });
});

describe('path helpers', () => {
  it('keysUnder gives the map keys under a prefix, keys with dots included', () => {
    expect(keysUnder(['tags.env', 'tags.a.b', 'tagsx.c', 'tags.', 'triggers.preSignUp'], 'tags')).toEqual(['env', 'a.b']);
    expect(keysUnder(undefined, 'tags')).toEqual([]);
  });
  it('mapPaths names each key of a map', () => {
    expect(mapPaths('providerDetails', { client_id: 'x', authorize_scopes: 'openid' })).toEqual(['providerDetails.client_id', 'providerDetails.authorize_scopes']);
    expect(mapPaths('tags', undefined)).toEqual([]);
  });
  it('includesPath', () => {
    expect(includesPath(['analytics'], 'analytics')).toBe(true);
    expect(includesPath(undefined, 'analytics')).toBe(false);
  });
});
