import type { ManagedLoginBrandingType } from '@aws-sdk/client-cognito-identity-provider';
import type { ManagedLoginBrandingRefs } from './mapping';
import { createBrandingRequest, diffBranding, toDocument, updateBrandingRequest, wantedAssets } from './mapping';
import type { ManagedLoginBrandingSpec } from './schema';

const bytes = (text: string) => new Uint8Array(Buffer.from(text));
const settings = { components: { primaryButton: { lightMode: { defaults: { backgroundColor: '0972d3ff' } } } } };
const logo = { category: 'PAGE_HEADER_LOGO', colorMode: 'LIGHT', extension: 'PNG', configMapRef: { name: 'brand', key: 'logo.png' } } as const;
const spec: ManagedLoginBrandingSpec = { deletionPolicy: 'Delete', appClientRef: { name: 'web' }, settings, assets: [logo] };
const refs: ManagedLoginBrandingRefs = { userPoolId: 'eu-west-1_Pool', clientId: 'client1', region: 'eu-west-1', assetBytes: new Map([['PAGE_HEADER_LOGO/LIGHT', bytes('logo')]]) };
const awsLogo = { Category: 'PAGE_HEADER_LOGO', ColorMode: 'LIGHT', Extension: 'PNG', Bytes: bytes('logo') } as const;
const editorIcon = { Category: 'FAVICON_ICO', ColorMode: 'DYNAMIC', Extension: 'ICO', Bytes: bytes('ico') } as const;
const inAws = (overrides: Partial<ManagedLoginBrandingType> = {}): ManagedLoginBrandingType => ({
  ManagedLoginBrandingId: 'b-1',
  UserPoolId: refs.userPoolId,
  UseCognitoProvidedValues: false,
  Settings: settings,
  Assets: [awsLogo],
  ...overrides,
});
const cognitoValues: ManagedLoginBrandingSpec = { deletionPolicy: 'Delete', appClientRef: { name: 'web' }, useCognitoProvidedValues: true };

describe('diffBranding', () => {
  const cases: { name: string; spec?: ManagedLoginBrandingSpec; refs?: ManagedLoginBrandingRefs; current: ManagedLoginBrandingType; released?: string[]; want: string[] }[] = [
    { name: 'nothing when AWS matches, whatever the key order of settings', current: inAws({ Settings: { components: { primaryButton: { lightMode: { defaults: { backgroundColor: '0972d3ff' } } } } } }), want: [] },
    { name: 'settings that differ', current: inAws({ Settings: {} }), want: ['settings'] },
    { name: 'an asset whose bytes changed (a new ConfigMap value)', current: inAws({ Assets: [{ ...awsLogo, Bytes: bytes('old') }] }), want: ['assets[PAGE_HEADER_LOGO/LIGHT]'] },
    { name: 'an asset whose extension changed', current: inAws({ Assets: [{ ...awsLogo, Extension: 'SVG' }] }), want: ['assets[PAGE_HEADER_LOGO/LIGHT]'] },
    { name: 'an asset AWS lacks', current: inAws({ Assets: [] }), want: ['assets[PAGE_HEADER_LOGO/LIGHT]'] },
    { name: 'not an asset the spec never named (the branding editor’s)', current: inAws({ Assets: [awsLogo, editorIcon] }), want: [] },
    { name: 'an asset the spec named before and no longer does', current: inAws({ Assets: [awsLogo, editorIcon] }), released: ['assets[FAVICON_ICO/DYNAMIC]'], want: ['assets[FAVICON_ICO/DYNAMIC]'] },
    { name: 'not an asset whose file is unknown (while deleting)', refs: { ...refs, assetBytes: new Map() }, current: inAws({ Assets: [{ ...awsLogo, Bytes: bytes('old') }] }), want: [] },
    { name: 'not the bytes of an asset AWS answers without them', current: inAws({ Assets: [{ ...awsLogo, Bytes: undefined }] }), want: [] },
    { name: 'Cognito’s values: only whether AWS has them', spec: cognitoValues, current: inAws(), want: ['useCognitoProvidedValues'] },
    { name: 'Cognito’s values AWS has', spec: cognitoValues, current: inAws({ UseCognitoProvidedValues: true, Settings: undefined, Assets: [] }), want: [] },
  ];
  it.each(cases)('reports $name', ({ spec: s = spec, refs: r = refs, current, released, want }) => {
    expect(diffBranding(s, r, current, released)).toEqual(want);
  });
});

describe('createBrandingRequest', () => {
  it('sends the settings and the assets with their bytes', () => {
    expect(createBrandingRequest(spec, refs)).toEqual({ UserPoolId: refs.userPoolId, ClientId: 'client1', Settings: settings, Assets: [awsLogo] });
  });
  it('sends only the flag for Cognito’s values', () => {
    expect(createBrandingRequest(cognitoValues, refs)).toEqual({ UserPoolId: refs.userPoolId, ClientId: 'client1', UseCognitoProvidedValues: true });
  });
});

describe('updateBrandingRequest', () => {
  it('is nothing when AWS matches', () => {
    expect(updateBrandingRequest(spec, refs, inAws(), 'b-1')).toBeUndefined();
  });
  it('sends the settings without assets when only settings differ', () => {
    expect(updateBrandingRequest(spec, refs, inAws({ Settings: {} }), 'b-1')).toEqual({ UserPoolId: refs.userPoolId, ManagedLoginBrandingId: 'b-1', UseCognitoProvidedValues: false, Settings: settings });
  });
  it('sends the complete asset list when one differs: the spec’s and the editor’s, less the released', () => {
    const current = inAws({ Assets: [{ ...awsLogo, Bytes: bytes('old') }, editorIcon, { ...editorIcon, Category: 'FORM_LOGO' }] });
    const got = updateBrandingRequest(spec, refs, current, 'b-1', ['assets[FORM_LOGO/DYNAMIC]']);
    expect(got?.Assets).toEqual([awsLogo, editorIcon]);
  });
  it('resets to Cognito’s values with the flag alone', () => {
    expect(updateBrandingRequest(cognitoValues, refs, inAws(), 'b-1')).toEqual({ UserPoolId: refs.userPoolId, ManagedLoginBrandingId: 'b-1', UseCognitoProvidedValues: true });
  });
});

describe('wantedAssets', () => {
  it('keeps AWS’s asset of a slot whose file is unknown', () => {
    const current = inAws({ Assets: [{ ...awsLogo, Bytes: bytes('old') }] });
    expect(wantedAssets(spec, { ...refs, assetBytes: new Map() }, current)).toEqual([{ ...awsLogo, Bytes: bytes('old') }]);
  });
});

describe('toDocument', () => {
  it('passes JSON through', () => {
    expect(toDocument({ a: [1, 'b', null, { c: true }] })).toEqual({ a: [1, 'b', null, { c: true }] });
  });
  it('refuses what JSON cannot hold, naming where', () => {
    expect(() => toDocument({ a: [undefined] })).toThrow('settings.a[0] is not a JSON value');
  });
});
