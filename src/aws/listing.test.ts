import { SharedListing } from './listing';

function counting(resources: { name: string; id: string }[]) {
  const scopes: string[] = [];
  const listing = new SharedListing(async (scope) => {
    scopes.push(scope);
    return [...resources];
  });
  return { listing, scopes, resources };
}

describe('SharedListing', () => {
  it('serves concurrent and later searches of any name from one listing per scope', async () => {
    const t = counting([{ name: 'a', id: '1' }, { name: 'b', id: '2' }, { name: 'a', id: '3' }]);
    const [a, b] = await Promise.all([t.listing.idsNamed('eu-west-1', 'a'), t.listing.idsNamed('eu-west-1', 'b')]);
    expect(a).toEqual(['1', '3']);
    expect(b).toEqual(['2']);
    await expect(t.listing.idsNamed('eu-west-1', 'c')).resolves.toEqual([]);
    await t.listing.idsNamed('us-east-1', 'a');
    expect(t.scopes).toEqual(['eu-west-1', 'us-east-1']);
  });

  it('lists again for a name created since the listing began, and only for that name', async () => {
    const t = counting([{ name: 'a', id: '1' }]);
    await t.listing.idsNamed('eu-west-1', 'a');
    t.resources.push({ name: 'a', id: '2' });
    t.listing.createEnded('eu-west-1', 'a');
    await expect(t.listing.idsNamed('eu-west-1', 'b')).resolves.toEqual([]);
    expect(t.scopes).toHaveLength(1);
    await expect(t.listing.idsNamed('eu-west-1', 'a')).resolves.toEqual(['1', '2']);
    expect(t.scopes).toHaveLength(2);
    await t.listing.idsNamed('eu-west-1', 'a');
    expect(t.scopes).toHaveLength(2);
  });

  it('does not reuse a listing past its time to live', async () => {
    let now = 0;
    const scopes: string[] = [];
    const listing = new SharedListing(async (scope) => (scopes.push(scope), []), 1000, () => now);
    await listing.idsNamed('s', 'a');
    now = 999;
    await listing.idsNamed('s', 'a');
    now = 1000;
    await listing.idsNamed('s', 'a');
    expect(scopes).toHaveLength(2);
  });

  it('does not keep a failed listing', async () => {
    let calls = 0;
    const listing = new SharedListing(async () => {
      calls++;
      if (calls === 1) throw new Error('throttled');
      return [{ name: 'a', id: '1' }];
    });
    await expect(listing.idsNamed('s', 'a')).rejects.toThrow('throttled');
    await expect(listing.idsNamed('s', 'a')).resolves.toEqual(['1']);
  });
});
