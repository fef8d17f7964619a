import type { IdentityProviderType } from '@aws-sdk/client-cognito-identity-provider';
import type { IdentityProviderRefs } from './mapping';
import { diffIdentityProvider, updateIdentityProviderRequest } from './mapping';
import { identityProviderOwnedPaths } from './ownership';
import type { IdentityProviderSpec } from './schema';

const refs: IdentityProviderRefs = { userPoolId: 'eu-west-1_Pool', region: 'eu-west-1', secrets: { clientSecret: 's3cret' }, appliedFingerprints: {} };
const details = { client_id: 'app', oidc_issuer: 'https://id.example.com', authorize_scopes: 'openid' };
const spec: IdentityProviderSpec = {
  userPoolRef: { name: 'pool' },
  deletionPolicy: 'Delete',
  providerType: 'OIDC',
  providerDetails: details,
  clientSecretRef: { name: 'oidc', key: 'secret' },
};
const current: IdentityProviderType = {
  ProviderName: 'corp',
  ProviderType: 'OIDC',
  ProviderDetails: {
    ...details,
    client_secret: 's3cret',
    attributes_request_method: 'POST',
    console_added: 'x',
    // Derived by Cognito from the issuer.
    authorize_url: 'https://id.example.com/authorize',
  },
  AttributeMapping: { email: 'email', name: 'name', username: 'sub' },
};

describe('identityProviderOwnedPaths', () => {
  it('names every providerDetails and attributeMapping key', () => {
    expect(identityProviderOwnedPaths({ ...spec, attributeMapping: { email: 'email' } })).toEqual([
      'providerDetails.client_id',
      'providerDetails.oidc_issuer',
      'providerDetails.authorize_scopes',
      'attributeMapping.email',
    ]);
  });
});

describe('releasing IdentityProvider paths', () => {
  it('UpdateIdentityProvider leaves out a released detail; a detail never named stays', () => {
    const request = updateIdentityProviderRequest(spec, refs, current, 'corp', ['providerDetails.attributes_request_method']);
    expect(request.ProviderDetails).not.toHaveProperty('attributes_request_method');
    expect(request.ProviderDetails?.console_added).toBe('x');
    expect(request.ProviderDetails?.client_secret).toBe('s3cret');
  });

  it('once the spec names no attributeMapping, the released mappings are deleted and the rest kept', () => {
    const request = updateIdentityProviderRequest(spec, refs, current, 'corp', ['attributeMapping.email']);
    expect(request.AttributeMapping).toEqual({ name: 'name', username: 'sub' });
  });

  it('without released mappings AttributeMapping is not sent (AWS keeps it)', () => {
    expect(updateIdentityProviderRequest(spec, refs, current, 'corp')).not.toHaveProperty('AttributeMapping');
  });

  it('diffIdentityProvider reports released paths AWS has, never a derived detail or Cognito’s username mapping', () => {
    const released = ['providerDetails.attributes_request_method', 'providerDetails.authorize_url', 'providerDetails.gone', 'attributeMapping.email', 'attributeMapping.username'];
    expect(diffIdentityProvider(spec, refs.secrets, current, {}, released)).toEqual(['providerDetails.attributes_request_method', 'attributeMapping.email']);
  });
});
