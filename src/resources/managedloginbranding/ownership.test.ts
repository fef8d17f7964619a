import { assetPath, isAssetPath, managedLoginBrandingOwnedPaths, releasedSlots } from './ownership';
import type { ManagedLoginBrandingSpec } from './schema';

const spec: ManagedLoginBrandingSpec = {
  deletionPolicy: 'Delete',
  appClientRef: { name: 'web' },
  settings: {},
  assets: [
    { category: 'PAGE_HEADER_LOGO', colorMode: 'LIGHT', extension: 'PNG', configMapRef: { name: 'brand', key: 'logo.png' } },
    { category: 'FAVICON_ICO', colorMode: 'DYNAMIC', extension: 'ICO', configMapRef: { name: 'brand', key: 'favicon.ico' } },
  ],
};

describe('managedLoginBrandingOwnedPaths', () => {
  it('names the slot of every asset', () => {
    expect(managedLoginBrandingOwnedPaths(spec)).toEqual(['assets[PAGE_HEADER_LOGO/LIGHT]', 'assets[FAVICON_ICO/DYNAMIC]']);
  });
  it('names nothing without assets', () => {
    expect(managedLoginBrandingOwnedPaths({ ...spec, assets: undefined })).toEqual([]);
  });
});

describe('releasedSlots', () => {
  it('gives the slots of released asset paths and ignores other paths', () => {
    expect(releasedSlots([assetPath('FORM_LOGO/DARK'), 'tags.env', 'settings'])).toEqual(new Set(['FORM_LOGO/DARK']));
    expect(releasedSlots(undefined)).toEqual(new Set());
  });
  it('tells asset paths from others', () => {
    expect([assetPath('FORM_LOGO/DARK'), 'settings'].map(isAssetPath)).toEqual([true, false]);
  });
});
