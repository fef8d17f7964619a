import type { IdentityPoolRefs } from './mapping';
import { pairKey } from './mapping';
import { principalTagsDiff, principalTagsMatch, principalTagsOwnedPaths, setPrincipalTagsRequests, wantedPrincipalTags } from './principaltags';
import type { IdentityPoolSpec } from './schema';

const userPoolId = 'eu-west-1_AbCdEf123';
const provider = `cognito-idp.eu-west-1.amazonaws.com/${userPoolId}`;
const refs: IdentityPoolRefs = { providers: { [pairKey('shop-users', 'web')]: { userPoolId, clientId: 'c1' } } };
const entry = { userPoolRef: { name: 'shop-users' }, appClientRef: { name: 'web' } };
const spec = (principalTags?: NonNullable<IdentityPoolSpec['userPools']>[number]['principalTags']): IdentityPoolSpec => ({
  deletionPolicy: 'Retain',
  allowUnauthenticatedIdentities: false,
  userPools: [{ ...entry, ...(principalTags ? { principalTags } : {}) }],
});

describe('principal tags', () => {
  it('owns one path per user pool that names them', () => {
    expect(principalTagsOwnedPaths(spec({ tags: { a: 'sub' } }))).toEqual(['principalTags.shop-users']);
    expect(principalTagsOwnedPaths(spec())).toEqual([]);
  });

  it('wants nothing for a pool that never named them', () => {
    expect(wantedPrincipalTags(spec(), refs)).toEqual({});
  });

  it('wants the named map by provider, useDefaults left out meaning false', () => {
    expect(wantedPrincipalTags(spec({ tags: { a: 'sub' } }), refs)).toEqual({ [provider]: { userPool: 'shop-users', useDefaults: false, tags: { a: 'sub' } } });
  });

  it('wants a released map reset, while the pool is still a provider', () => {
    expect(wantedPrincipalTags(spec(), refs, ['principalTags.shop-users'])).toEqual({ [provider]: { userPool: 'shop-users', useDefaults: false, tags: {} } });
    expect(wantedPrincipalTags(spec(), { providers: {} }, ['principalTags.shop-users'])).toEqual({});
  });

  it('compares only the flag when defaults are on (AWS reports its default tags then)', () => {
    const want = { userPool: 'p', useDefaults: true, tags: {} };
    expect(principalTagsMatch(want, { UseDefaults: true, PrincipalTags: { username: 'sub', client: 'aud' } })).toBe(true);
    expect(principalTagsMatch(want, { UseDefaults: false })).toBe(false);
    expect(principalTagsMatch({ ...want, useDefaults: false }, { UseDefaults: true })).toBe(false);
  });

  it('compares custom tags as a map, a missing answer being no tags', () => {
    const want = { userPool: 'p', useDefaults: false, tags: { a: 'sub' } };
    expect(principalTagsMatch(want, { UseDefaults: false, PrincipalTags: { a: 'sub' } })).toBe(true);
    expect(principalTagsMatch(want, { PrincipalTags: { a: 'sub', b: 'aud' } })).toBe(false);
    expect(principalTagsMatch({ ...want, tags: {} }, undefined)).toBe(true);
  });

  it('asks for a write only where AWS differs', () => {
    const wanted = wantedPrincipalTags(spec({ useDefaults: true }), refs);
    expect(principalTagsDiff(wanted, { [provider]: { UseDefaults: true } })).toEqual([]);
    expect(setPrincipalTagsRequests('pool-1', wanted, { [provider]: { UseDefaults: false } })).toEqual([
      { path: 'principalTags.shop-users', request: { IdentityPoolId: 'pool-1', IdentityProviderName: provider, UseDefaults: true, PrincipalTags: {} } },
    ]);
  });
});
