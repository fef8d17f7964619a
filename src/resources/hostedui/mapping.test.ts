import type { HostedUiWanted } from './mapping';
import { followsLogoConfigMap, hostedUiDecided, hostedUiDiff, hostedUiOutputs, hostedUiOwnedPaths, hostedUiSpecOf, logoFingerprint, ownCustomization, sentLogos, uiCustomizationRequest } from './mapping';

const css = '.banner-customizable {background-color: #0972d3}';
const logo = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
const other = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 9]);
const ref = { name: 'brand', key: 'logo.png' };
const pool = { UserPoolId: 'pool', ClientId: 'ALL' };
const image = 'https://x.auth.eu-west-1.amazoncognito.com/ui-images/abc';

function wanted(extra: Partial<HostedUiWanted> = {}): HostedUiWanted {
  return { spec: undefined, released: undefined, ...extra };
}

describe('hostedUi', () => {
  it('is read only when the spec names it or released it', () => {
    expect(hostedUiDecided(undefined, undefined)).toBe(false);
    expect(hostedUiDecided(undefined, ['logging'])).toBe(false);
    expect(hostedUiDecided({ css }, undefined)).toBe(true);
    expect(hostedUiDecided(undefined, ['hostedUi'])).toBe(true);
  });

  it('owns the section, and the logo when named', () => {
    expect(hostedUiOwnedPaths(undefined)).toEqual([]);
    expect(hostedUiOwnedPaths({ css })).toEqual(['hostedUi']);
    expect(hostedUiOwnedPaths({ css, logoConfigMapRef: ref })).toEqual(['hostedUi', 'hostedUi.logoConfigMapRef']);
  });

  it('compares the CSS: equal is no diff and no request', () => {
    expect(hostedUiDiff(wanted({ spec: { css } }), { CSS: css })).toEqual([]);
    expect(uiCustomizationRequest(wanted({ spec: { css } }), { CSS: css }, pool)).toBeUndefined();
    expect(hostedUiDiff(wanted({ spec: { css } }), { CSS: '.x {}' })).toEqual(['hostedUi.css']);
    expect(uiCustomizationRequest(wanted({ spec: { css } }), {}, pool)).toEqual({ ...pool, CSS: css });
  });

  it('a logo is compared by the fingerprint applied, and sent with the CSS', () => {
    const spec = { css, logoConfigMapRef: ref };
    const applied = logoFingerprint(logo);
    expect(hostedUiDiff(wanted({ spec, logo, appliedLogo: applied }), { CSS: css, ImageUrl: image })).toEqual([]);
    // The ConfigMap changed: it follows the reference, it is not drift.
    expect(hostedUiDiff(wanted({ spec, logo: other, appliedLogo: applied }), { CSS: css, ImageUrl: image })).toEqual(['hostedUi.logoConfigMapRef.content']);
    expect(followsLogoConfigMap('hostedUi.logoConfigMapRef.content')).toBe(true);
    expect(followsLogoConfigMap('hostedUi.logoConfigMapRef')).toBe(false);
    // Unknown (adopted, status lost) counts as different: sent once.
    expect(hostedUiDiff(wanted({ spec, logo }), { CSS: css, ImageUrl: image })).toEqual(['hostedUi.logoConfigMapRef.content']);
    // AWS has no logo (a CSS write dropped it): drift.
    expect(hostedUiDiff(wanted({ spec, logo, appliedLogo: applied }), { CSS: css })).toEqual(['hostedUi.logoConfigMapRef']);
    expect(uiCustomizationRequest(wanted({ spec, logo, appliedLogo: applied }), { CSS: '.x {}', ImageUrl: image }, pool)).toEqual({ ...pool, CSS: css, ImageFile: logo });
    expect(hostedUiOutputs(wanted({ spec, logo }))).toEqual({ hostedUiLogoFingerprint: applied });
    expect(hostedUiOutputs(wanted({ spec: { css } }))).toEqual({});
  });

  it('a released logo is dropped with one write of the CSS only', () => {
    const w = wanted({ spec: { css }, released: ['hostedUi.logoConfigMapRef'] });
    expect(hostedUiDiff(w, { CSS: css, ImageUrl: image })).toEqual(['hostedUi.logoConfigMapRef']);
    expect(uiCustomizationRequest(w, { CSS: css, ImageUrl: image }, pool)).toEqual({ ...pool, CSS: css });
    expect(hostedUiDiff(w, { CSS: css })).toEqual([]);
  });

  it('a logo never named is kept as AWS has it', () => {
    expect(hostedUiDiff(wanted({ spec: { css } }), { CSS: css, ImageUrl: image })).toEqual([]);
  });

  it('released: a customization AWS still has is reset, none is left alone', () => {
    const w = wanted({ released: ['hostedUi'] });
    expect(hostedUiDiff(w, { CSS: css })).toEqual(['hostedUi']);
    expect(hostedUiDiff(w, { ImageUrl: image })).toEqual(['hostedUi']);
    expect(uiCustomizationRequest(w, { CSS: css }, pool)).toEqual(pool);
    expect(hostedUiDiff(w, {})).toEqual([]);
    expect(hostedUiDiff(w, undefined)).toEqual([]);
  });

  it('never named: AWS keeps its customization', () => {
    expect(hostedUiDiff(wanted(), { CSS: css })).toEqual([]);
    expect(uiCustomizationRequest(wanted(), { CSS: css }, pool)).toBeUndefined();
  });

  it("a client's answer is its own only when it carries the client's ID, not ALL", () => {
    expect(ownCustomization({ ClientId: 'ALL', CSS: css }, 'c1')).toBeUndefined();
    expect(ownCustomization({ ClientId: 'c1', CSS: css }, 'c1')).toEqual({ ClientId: 'c1', CSS: css });
    expect(ownCustomization(undefined, 'c1')).toBeUndefined();
    // The pool's CSS, answered in the client's place, is not the client's: its own is still to set.
    expect(hostedUiDiff(wanted({ spec: { css } }), ownCustomization({ ClientId: 'ALL', CSS: css }, 'c1'))).toEqual(['hostedUi.css']);
    // Released, with only the pool's answered: nothing of the client's to reset.
    expect(hostedUiDiff(wanted({ released: ['hostedUi'] }), ownCustomization({ ClientId: 'ALL', CSS: css }, 'c1'))).toEqual([]);
  });

  it('remembers the logo it sent until status records it', () => {
    const logos = sentLogos();
    expect(logos.applied('p', 'from-status')).toBe('from-status');
    logos.remember('p', { ...pool, ImageFile: logo });
    expect(logos.applied('p', 'from-status')).toBe(logoFingerprint(logo));
    logos.remember('p', { ...pool, CSS: css });
    expect(logos.applied('p', 'from-status')).toBeUndefined();
  });

  it('exports as the spec the diff finds equal to AWS (the CSS; none without one)', () => {
    const spec = hostedUiSpecOf({ ...pool, CSS: css, ImageUrl: image });
    expect(spec).toEqual({ css });
    expect(hostedUiDiff(wanted({ spec }), { ...pool, CSS: css })).toEqual([]);
    expect(hostedUiSpecOf({ ...pool })).toBeUndefined();
    expect(hostedUiSpecOf(undefined)).toBeUndefined();
  });
});
