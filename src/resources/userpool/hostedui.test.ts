import { hostedUiDecided, hostedUiDiff, hostedUiOwnedPaths, uiCustomizationRequest } from './hostedui';
import type { UserPoolSpec } from './schema';

const spec = (hostedUi?: UserPoolSpec['hostedUi']): UserPoolSpec => ({ deletionPolicy: 'Retain', deletionProtection: true, ...(hostedUi ? { hostedUi } : {}) });
const css = '.banner-customizable {background-color: #0972d3}';

describe('UserPool hostedUi', () => {
  it('is read only when the spec names it or released it', () => {
    expect(hostedUiDecided(spec(), undefined)).toBe(false);
    expect(hostedUiDecided(spec(), ['logging'])).toBe(false);
    expect(hostedUiDecided(spec({ css }), undefined)).toBe(true);
    expect(hostedUiDecided(spec(), ['hostedUi'])).toBe(true);
    expect(hostedUiOwnedPaths(spec({ css }))).toEqual(['hostedUi']);
    expect(hostedUiOwnedPaths(spec())).toEqual([]);
  });

  it('compares the CSS: equal is no diff and no request', () => {
    expect(hostedUiDiff(spec({ css }), { CSS: css }, undefined)).toEqual([]);
    expect(uiCustomizationRequest(spec({ css }), { CSS: css }, 'pool', undefined)).toBeUndefined();
  });

  it('a changed or missing CSS is set for every client', () => {
    expect(hostedUiDiff(spec({ css }), { CSS: '.x {}' }, undefined)).toEqual(['hostedUi.css']);
    expect(hostedUiDiff(spec({ css }), {}, undefined)).toEqual(['hostedUi.css']);
    expect(uiCustomizationRequest(spec({ css }), {}, 'pool', undefined)).toEqual({ UserPoolId: 'pool', ClientId: 'ALL', CSS: css });
  });

  it('released: a customization AWS still has is reset, none is left alone', () => {
    expect(hostedUiDiff(spec(), { CSS: css }, ['hostedUi'])).toEqual(['hostedUi']);
    expect(uiCustomizationRequest(spec(), { CSS: css }, 'pool', ['hostedUi'])).toEqual({ UserPoolId: 'pool', ClientId: 'ALL' });
    expect(hostedUiDiff(spec(), {}, ['hostedUi'])).toEqual([]);
  });

  it('never named: AWS keeps its customization', () => {
    expect(hostedUiDiff(spec(), { CSS: css }, undefined)).toEqual([]);
    expect(uiCustomizationRequest(spec(), { CSS: css }, 'pool', undefined)).toBeUndefined();
  });
});
