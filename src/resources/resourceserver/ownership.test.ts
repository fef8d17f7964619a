import { descriptionPath, releasedScopes, resourceServerOwnedPaths, scopePath } from './ownership';
import type { ResourceServerSpec } from './schema';

const spec: ResourceServerSpec = {
  deletionPolicy: 'Delete',
  userPoolRef: { name: 'shop-users' },
  identifier: 'https://api.shop.example.com',
  scopes: [{ name: 'orders.read', description: 'Read orders' }, { name: 'orders.write' }],
};

describe('resourceServerOwnedPaths', () => {
  it('names every scope, and the description of each scope that has one', () => {
    expect(resourceServerOwnedPaths(spec)).toEqual(['scopes[orders.read]', 'scopes[orders.read].description', 'scopes[orders.write]']);
  });

  it('names nothing when the spec lists no scopes', () => {
    expect(resourceServerOwnedPaths({ ...spec, scopes: undefined })).toEqual([]);
  });
});

describe('releasedScopes', () => {
  it('tells scopes from descriptions, also for names with dots and brackets', () => {
    const names = ['orders.read', 'x].description', 'a[b]'];
    const released = [...names.map(scopePath), descriptionPath('orders.read'), descriptionPath('x].description'), 'name', 'tags.env'];
    expect(releasedScopes(released)).toEqual({ scopes: new Set(names), descriptions: new Set(['orders.read', 'x].description']) });
  });

  it('is empty without released paths', () => {
    expect(releasedScopes(undefined)).toEqual({ scopes: new Set(), descriptions: new Set() });
  });
});
