import type { GetIdentityPoolRolesResponse, IdentityPool } from '@aws-sdk/client-cognito-identity';
import { OwnerUidTag } from '../../api/group';
import type { IdentityPoolRefs } from './mapping';
import { diffIdentityPool, setRolesRequest, updateIdentityPoolRequest } from './mapping';
import { identityPoolOwnedPaths } from './ownership';
import type { IdentityPoolSpec } from './schema';

const uid = 'uid-1';
const id = 'eu-west-1:0000';
const refs: IdentityPoolRefs = { providers: {} };
const role = (name: string) => `arn:aws:iam::123456789012:role/${name}`;
const base: IdentityPoolSpec = { deletionPolicy: 'Retain', allowUnauthenticatedIdentities: true };
const pool: IdentityPool = {
  IdentityPoolId: id,
  IdentityPoolName: 'ids',
  AllowUnauthenticatedIdentities: true,
  SupportedLoginProviders: { 'accounts.google.com': 'g', 'graph.facebook.com': 'f' },
  IdentityPoolTags: { team: 'a', env: 'dev', [OwnerUidTag]: uid },
};
const roles: GetIdentityPoolRolesResponse = { IdentityPoolId: id, Roles: { authenticated: role('auth'), unauthenticated: role('guest') } };

describe('identityPoolOwnedPaths', () => {
  it('names tag keys, login providers and the roles the spec sets', () => {
    expect(identityPoolOwnedPaths({ ...base, tags: { team: 'a' }, supportedLoginProviders: { 'accounts.google.com': 'g' }, roles: { authenticated: role('auth') } })).toEqual([
      'tags.team',
      'supportedLoginProviders.accounts.google.com',
      'roles.authenticated',
    ]);
  });
});

describe('releasing IdentityPool paths', () => {
  it('SetIdentityPoolRoles leaves out a released role and keeps one never named', () => {
    expect(setRolesRequest(base, refs, roles, id, ['roles.unauthenticated'])).toEqual({ IdentityPoolId: id, Roles: { authenticated: role('auth') } });
    expect(setRolesRequest(base, refs, roles, id, [])).toBeUndefined();
  });

  it('UpdateIdentityPool drops released login providers and tags once the spec names none; others stay', () => {
    const request = updateIdentityPoolRequest(base, refs, pool, uid, ['supportedLoginProviders.graph.facebook.com', 'tags.env']);
    expect(request.SupportedLoginProviders).toEqual({ 'accounts.google.com': 'g' });
    expect(request.IdentityPoolTags).toEqual({ team: 'a', [OwnerUidTag]: uid });
  });

  it('all providers released: an empty map, so the update clears them', () => {
    const request = updateIdentityPoolRequest(base, refs, pool, uid, ['supportedLoginProviders.graph.facebook.com', 'supportedLoginProviders.accounts.google.com']);
    expect(request.SupportedLoginProviders).toEqual({});
  });

  it('diffIdentityPool reports released paths AWS still has, and none once they are gone', () => {
    const released = ['supportedLoginProviders.graph.facebook.com', 'roles.unauthenticated', 'tags.env', 'tags.gone'];
    expect(diffIdentityPool(base, refs, { pool, roles }, uid, released).sort()).toEqual(['roles.unauthenticated', 'supportedLoginProviders.graph.facebook.com', 'tags.env']);
    const cleaned = { ...pool, SupportedLoginProviders: { 'accounts.google.com': 'g' }, IdentityPoolTags: { team: 'a', [OwnerUidTag]: uid } };
    expect(diffIdentityPool(base, refs, { pool: cleaned, roles: { ...roles, Roles: { authenticated: role('auth') } } }, uid, released)).toEqual([]);
  });
});
