import type { IdentityProviderType } from '@aws-sdk/client-cognito-identity-provider';
import type { Case } from '../../../test/unit/support/fakes';
import { TerminalError } from '../../reconciler/errors';
import type { IdentityProviderRefs, ProviderSecrets } from './mapping';
import {
  IncompleteResponseError,
  ProviderTypeMismatchError,
  checkProviderType,
  createIdentityProviderRequest,
  diffIdentityProvider,
  fingerprint,
  identityProviderOutputs,
  mergedProviderDetails,
  providerNameOf,
  requireProvider,
  sameDetail,
  sentSecretFingerprints,
  updateIdentityProviderRequest,
} from './mapping';
import type { IdentityProviderSpec } from './schema';

const poolId = 'eu-west-1_AbCdEf123';
const clientSecret = 'GOCSPX-rotate-me-0001';
const privateKey = '-----BEGIN PRIVATE KEY-----\nMIGTAgEAMBMGByqGSM49\n-----END PRIVATE KEY-----';
const metadataXml = '<EntityDescriptor entityID="https://idp.example.com"/>';
const certificate = 'MIICvDCCAaSgAwIBAgIIexample';

/** A spec with the API server's defaults filled in, plus what a case names. */
function spec(named: Partial<IdentityProviderSpec> & Pick<IdentityProviderSpec, 'providerType'>): IdentityProviderSpec {
  return { deletionPolicy: 'Delete', userPoolRef: { name: 'shop-users' }, ...named };
}

function refs(secrets: ProviderSecrets = {}, appliedFingerprints: Record<string, string> = {}): IdentityProviderRefs {
  return { userPoolId: poolId, region: 'eu-west-1', secrets, appliedFingerprints };
}

const google = (named: Partial<IdentityProviderSpec> = {}) =>
  spec({
    providerType: 'Google',
    providerName: 'Google',
    providerDetails: { client_id: 'web.apps.googleusercontent.com', authorize_scopes: 'openid email profile' },
    clientSecretRef: { name: 'google-oauth', key: 'clientSecret' },
    ...named,
  });

const oidc = (named: Partial<IdentityProviderSpec> = {}) =>
  spec({
    providerType: 'OIDC',
    providerName: 'corp-oidc',
    providerDetails: { client_id: 'corp', oidc_issuer: 'https://login.corp.example.com', authorize_scopes: 'openid email', attributes_request_method: 'GET' },
    clientSecretRef: { name: 'corp-oidc', key: 'secret' },
    ...named,
  });

const saml = (named: Partial<IdentityProviderSpec> = {}) =>
  spec({ providerType: 'SAML', providerName: 'corp-saml', providerDetails: { MetadataURL: 'https://idp.example.com/metadata', IDPSignout: 'true' }, ...named });

const apple = (named: Partial<IdentityProviderSpec> = {}) =>
  spec({
    providerType: 'SignInWithApple',
    providerName: 'SignInWithApple',
    providerDetails: { client_id: 'com.example.shop', team_id: 'TEAM123', key_id: 'KEY123', authorize_scopes: 'email name' },
    privateKeyRef: { name: 'apple', key: 'key.p8' },
    ...named,
  });

/** Google as DescribeIdentityProvider answers it: the request's details plus what Cognito adds. */
function awsGoogle(overrides: Partial<IdentityProviderType> = {}): IdentityProviderType {
  return {
    UserPoolId: poolId,
    ProviderName: 'Google',
    ProviderType: 'Google',
    ProviderDetails: {
      client_id: 'web.apps.googleusercontent.com',
      client_secret: clientSecret,
      authorize_scopes: 'openid email profile',
      attributes_url: 'https://people.googleapis.com/v1/people/me?personFields=',
      attributes_url_add_attributes: 'true',
      authorize_url: 'https://accounts.google.com/o/oauth2/v2/auth',
      oidc_issuer: 'https://accounts.google.com',
      token_request_method: 'POST',
      token_url: 'https://www.googleapis.com/oauth2/v4/token',
    },
    AttributeMapping: { username: 'sub' },
    IdpIdentifiers: [],
    CreationDate: new Date(0),
    LastModifiedDate: new Date(0),
    ...overrides,
  };
}

function awsSaml(details: Record<string, string> = {}, overrides: Partial<IdentityProviderType> = {}): IdentityProviderType {
  return {
    UserPoolId: poolId,
    ProviderName: 'corp-saml',
    ProviderType: 'SAML',
    ProviderDetails: {
      MetadataURL: 'https://idp.example.com/metadata',
      IDPSignout: 'true',
      ActiveEncryptionCertificate: certificate,
      SSORedirectBindingURI: 'https://idp.example.com/sso/saml',
      SLORedirectBindingURI: 'https://idp.example.com/slo/saml',
      ...details,
    },
    ...overrides,
  };
}

function awsOidc(details: Record<string, string> = {}, overrides: Partial<IdentityProviderType> = {}): IdentityProviderType {
  return {
    UserPoolId: poolId,
    ProviderName: 'corp-oidc',
    ProviderType: 'OIDC',
    ProviderDetails: {
      client_id: 'corp',
      client_secret: clientSecret,
      oidc_issuer: 'https://login.corp.example.com',
      authorize_scopes: 'openid email',
      attributes_request_method: 'GET',
      attributes_url_add_attributes: 'false',
      authorize_url: 'https://login.corp.example.com/authorize',
      token_url: 'https://login.corp.example.com/token',
      attributes_url: 'https://login.corp.example.com/userinfo',
      jwks_uri: 'https://login.corp.example.com/jwks',
      ...details,
    },
    AttributeMapping: { username: 'sub' },
    ...overrides,
  };
}

function awsApple(details: Record<string, string> = {}): IdentityProviderType {
  return {
    UserPoolId: poolId,
    ProviderName: 'SignInWithApple',
    ProviderType: 'SignInWithApple',
    // AWS does not return private_key.
    ProviderDetails: {
      client_id: 'com.example.shop',
      team_id: 'TEAM123',
      key_id: 'KEY123',
      authorize_scopes: 'email name',
      attributes_url_add_attributes: 'false',
      authorize_url: 'https://appleid.apple.com/auth/authorize',
      oidc_issuer: 'https://appleid.apple.com',
      token_request_method: 'POST',
      token_url: 'https://appleid.apple.com/auth/token',
      ...details,
    },
    AttributeMapping: { username: 'sub' },
  };
}

describe('providerNameOf', () => {
  it('is spec.providerName, else the object name', () => {
    expect(providerNameOf(google(), 'google')).toBe('Google');
    expect(providerNameOf(saml({ providerName: undefined }), 'corp-saml-obj')).toBe('corp-saml-obj');
  });
});

describe('createIdentityProviderRequest', () => {
  const cases: Case<[IdentityProviderSpec, IdentityProviderRefs], Record<string, unknown>>[] = [
    {
      name: 'Google',
      reason: 'the client secret from the Secret goes into ProviderDetails beside the spec’s details',
      args: [google({ attributeMapping: { email: 'email' }, idpIdentifiers: ['google'] }), refs({ clientSecret })],
      want: {
        UserPoolId: poolId,
        ProviderName: 'Google',
        ProviderType: 'Google',
        ProviderDetails: { client_id: 'web.apps.googleusercontent.com', authorize_scopes: 'openid email profile', client_secret: clientSecret },
        AttributeMapping: { email: 'email' },
        IdpIdentifiers: ['google'],
      },
    },
    {
      name: 'Facebook',
      reason: 'api_version is a plain detail',
      args: [
        spec({
          providerType: 'Facebook',
          providerName: 'Facebook',
          providerDetails: { client_id: '1234', authorize_scopes: 'public_profile,email', api_version: 'v17.0' },
          clientSecretRef: { name: 'fb', key: 'secret' },
        }),
        refs({ clientSecret }),
      ],
      want: {
        UserPoolId: poolId,
        ProviderName: 'Facebook',
        ProviderType: 'Facebook',
        ProviderDetails: { client_id: '1234', authorize_scopes: 'public_profile,email', api_version: 'v17.0', client_secret: clientSecret },
      },
    },
    {
      name: 'LoginWithAmazon',
      reason: 'same shape as Google',
      args: [
        spec({ providerType: 'LoginWithAmazon', providerName: 'LoginWithAmazon', providerDetails: { client_id: 'amzn1.app', authorize_scopes: 'profile' } }),
        refs({ clientSecret }),
      ],
      want: {
        UserPoolId: poolId,
        ProviderName: 'LoginWithAmazon',
        ProviderType: 'LoginWithAmazon',
        ProviderDetails: { client_id: 'amzn1.app', authorize_scopes: 'profile', client_secret: clientSecret },
      },
    },
    {
      name: 'SignInWithApple',
      reason: 'the private key from privateKeyRef goes in as private_key',
      args: [apple(), refs({ privateKey })],
      want: {
        UserPoolId: poolId,
        ProviderName: 'SignInWithApple',
        ProviderType: 'SignInWithApple',
        ProviderDetails: { client_id: 'com.example.shop', team_id: 'TEAM123', key_id: 'KEY123', authorize_scopes: 'email name', private_key: privateKey },
      },
    },
    {
      name: 'OIDC',
      reason: 'issuer and request method are plain details; the secret is client_secret',
      args: [oidc({ attributeMapping: { email: 'email', username: 'sub' } }), refs({ clientSecret })],
      want: {
        UserPoolId: poolId,
        ProviderName: 'corp-oidc',
        ProviderType: 'OIDC',
        ProviderDetails: {
          client_id: 'corp',
          oidc_issuer: 'https://login.corp.example.com',
          authorize_scopes: 'openid email',
          attributes_request_method: 'GET',
          client_secret: clientSecret,
        },
        AttributeMapping: { email: 'email', username: 'sub' },
      },
    },
    {
      name: 'SAML with MetadataURL',
      reason: 'no secret; the details are sent as the spec has them',
      args: [saml({ idpIdentifiers: ['corp.example.com'] }), refs()],
      want: {
        UserPoolId: poolId,
        ProviderName: 'corp-saml',
        ProviderType: 'SAML',
        ProviderDetails: { MetadataURL: 'https://idp.example.com/metadata', IDPSignout: 'true' },
        IdpIdentifiers: ['corp.example.com'],
      },
    },
    {
      name: 'SAML with metadataFileRef',
      reason: 'the metadata document read from the ConfigMap or Secret goes in as MetadataFile',
      args: [saml({ providerDetails: { IDPSignout: 'false' }, metadataFileRef: { kind: 'ConfigMap', name: 'corp-saml', key: 'metadata.xml' } }), refs({ metadataFile: metadataXml })],
      want: {
        UserPoolId: poolId,
        ProviderName: 'corp-saml',
        ProviderType: 'SAML',
        ProviderDetails: { IDPSignout: 'false', MetadataFile: metadataXml },
      },
    },
    {
      name: 'empty identifiers and mapping',
      reason: 'named but empty is still named: sent as empty',
      args: [saml({ attributeMapping: {}, idpIdentifiers: [] }), refs()],
      want: {
        UserPoolId: poolId,
        ProviderName: 'corp-saml',
        ProviderType: 'SAML',
        ProviderDetails: { MetadataURL: 'https://idp.example.com/metadata', IDPSignout: 'true' },
        AttributeMapping: {},
        IdpIdentifiers: [],
      },
    },
  ];
  it.each(cases)('$name: $reason', ({ args, want }) => {
    const [s, r] = args;
    expect(createIdentityProviderRequest(s, r, providerNameOf(s, 'obj'))).toEqual(want);
  });
});

describe('diffIdentityProvider', () => {
  const cases: Case<[IdentityProviderSpec, ProviderSecrets, IdentityProviderType, Record<string, string>], string[]>[] = [
    {
      name: 'Google as AWS returns it',
      reason: 'endpoint URLs, oidc_issuer and the username mapping Cognito adds are not differences',
      args: [google(), { clientSecret }, awsGoogle(), {}],
      want: [],
    },
    {
      name: 'scopes in another order and with commas',
      reason: 'authorize_scopes is a set',
      args: [google(), { clientSecret }, awsGoogle({ ProviderDetails: { ...awsGoogle().ProviderDetails, authorize_scopes: 'profile,openid  email' } }), {}],
      want: [],
    },
    {
      name: 'a rotated client secret',
      reason: 'AWS returns client_secret: a different value is a difference, reported by path only',
      args: [google(), { clientSecret: 'GOCSPX-rotated-0002' }, awsGoogle(), {}],
      want: ['clientSecretRef'],
    },
    {
      name: 'changed details',
      reason: 'each spec key that differs is a path; AWS-only keys are not',
      args: [google({ providerDetails: { client_id: 'new.apps.googleusercontent.com', authorize_scopes: 'openid email' } }), { clientSecret }, awsGoogle(), {}],
      want: ['providerDetails.client_id', 'providerDetails.authorize_scopes'],
    },
    {
      name: 'attribute mapping as a map',
      reason: 'added, changed and removed keys are paths; Cognito’s username entry is kept when the spec does not name username',
      args: [
        google({ attributeMapping: { email: 'email', name: 'name' } }),
        { clientSecret },
        awsGoogle({ AttributeMapping: { username: 'sub', email: 'email_address', given_name: 'given_name' } }),
        {},
      ],
      want: ['attributeMapping.email', 'attributeMapping.given_name', 'attributeMapping.name'],
    },
    {
      name: 'attribute mapping that names username',
      reason: 'then the spec’s username mapping is compared like any other',
      args: [google({ attributeMapping: { username: 'email' } }), { clientSecret }, awsGoogle(), {}],
      want: ['attributeMapping.username'],
    },
    {
      name: 'attribute mapping not named',
      reason: 'a mapping made in the console is kept',
      args: [google(), { clientSecret }, awsGoogle({ AttributeMapping: { username: 'sub', email: 'email' } }), {}],
      want: [],
    },
    {
      name: 'identifiers as a set',
      reason: 'order does not matter',
      args: [saml({ idpIdentifiers: ['b.example.com', 'a.example.com'] }), {}, awsSaml({}, { IdpIdentifiers: ['a.example.com', 'b.example.com'] }), {}],
      want: [],
    },
    {
      name: 'identifiers that differ',
      reason: 'one path for the set',
      args: [saml({ idpIdentifiers: ['a.example.com'] }), {}, awsSaml({}, { IdpIdentifiers: ['a.example.com', 'b.example.com'] }), {}],
      want: ['idpIdentifiers'],
    },
    {
      name: 'empty identifiers against none',
      reason: 'AWS may leave the list out',
      args: [saml({ idpIdentifiers: [] }), {}, awsSaml(), {}],
      want: [],
    },
    {
      name: 'SAML as AWS returns it',
      reason: 'certificate and binding URIs come from the metadata, not the spec',
      args: [saml(), {}, awsSaml(), {}],
      want: [],
    },
    {
      name: 'SAML flags in AWS’s case',
      reason: 'booleans as text compare without case',
      args: [saml(), {}, awsSaml({ IDPSignout: 'True' }), {}],
      want: [],
    },
    {
      name: 'SAML metadata file, unchanged',
      reason: 'AWS returns MetadataFile: compared with the ConfigMap’s value',
      args: [saml({ providerDetails: {}, metadataFileRef: { kind: 'ConfigMap', name: 'm', key: 'k' } }), { metadataFile: metadataXml }, awsSaml({ MetadataFile: metadataXml }), {}],
      want: [],
    },
    {
      name: 'SAML metadata file, changed',
      reason: 'a new document is a difference of metadataFileRef',
      args: [
        saml({ providerDetails: {}, metadataFileRef: { kind: 'Secret', name: 'm', key: 'k' } }),
        { metadataFile: '<EntityDescriptor entityID="https://idp2.example.com"/>' },
        awsSaml({ MetadataFile: metadataXml }),
        {},
      ],
      want: ['metadataFileRef'],
    },
    {
      name: 'OIDC with discovered endpoints',
      reason: 'discovered URLs are Cognito’s, not the spec’s',
      args: [oidc(), { clientSecret }, awsOidc(), {}],
      want: [],
    },
    {
      name: 'OIDC endpoint named by the spec',
      reason: 'an issuer without discovery: the spec’s URL is compared',
      args: [oidc({ providerDetails: { ...oidc().providerDetails, token_url: 'https://login.corp.example.com/oauth/token' } }), { clientSecret }, awsOidc(), {}],
      want: ['providerDetails.token_url'],
    },
    {
      name: 'Apple key, fingerprint known',
      reason: 'AWS does not return private_key: the fingerprint last applied stands in for it',
      args: [apple(), { privateKey }, awsApple(), { private_key: fingerprint(privateKey) }],
      want: [],
    },
    {
      name: 'Apple key rotated',
      reason: 'a new key no longer matches the applied fingerprint',
      args: [apple(), { privateKey: `${privateKey}\nrotated` }, awsApple(), { private_key: fingerprint(privateKey) }],
      want: ['privateKeyRef'],
    },
    {
      name: 'Apple key, nothing known',
      reason: 'an adopted provider: the key is sent once, since nothing says AWS has it',
      args: [apple(), { privateKey }, awsApple(), {}],
      want: ['privateKeyRef'],
    },
    {
      name: 'secret not resolved',
      reason: 'while deleting, a missing Secret is not compared',
      args: [google(), {}, awsGoogle(), {}],
      want: [],
    },
  ];
  it.each(cases)('$name: $reason', ({ args, want }) => {
    expect(diffIdentityProvider(...args)).toEqual(want);
  });

  it('never puts a secret value in a path', () => {
    const paths = diffIdentityProvider(google(), { clientSecret: 'super-secret-value' }, awsGoogle(), {});
    expect(paths.join(' ')).not.toContain('super-secret-value');
    expect(paths.join(' ')).not.toContain(clientSecret);
  });
});

describe('updateIdentityProviderRequest', () => {
  const cases: Case<[IdentityProviderSpec, IdentityProviderRefs, IdentityProviderType], Record<string, unknown>>[] = [
    {
      name: 'Google',
      reason: 'full ProviderDetails: Cognito’s derived keys dropped, a console-only detail kept, spec and the rotated secret on top',
      args: [
        google({ providerDetails: { client_id: 'web.apps.googleusercontent.com', authorize_scopes: 'openid email' } }),
        refs({ clientSecret: 'GOCSPX-rotated' }),
        awsGoogle({ ProviderDetails: { ...awsGoogle().ProviderDetails, prompt: 'select_account' } }),
      ],
      want: {
        UserPoolId: poolId,
        ProviderName: 'Google',
        ProviderDetails: { client_id: 'web.apps.googleusercontent.com', client_secret: 'GOCSPX-rotated', authorize_scopes: 'openid email', prompt: 'select_account' },
      },
    },
    {
      name: 'mapping and identifiers named',
      reason: 'the spec’s map with Cognito’s username entry; the spec’s identifiers',
      args: [google({ attributeMapping: { email: 'email' }, idpIdentifiers: ['gmail.com'] }), refs({ clientSecret }), awsGoogle({ AttributeMapping: { username: 'sub', name: 'name' } })],
      want: {
        UserPoolId: poolId,
        ProviderName: 'Google',
        ProviderDetails: { client_id: 'web.apps.googleusercontent.com', client_secret: clientSecret, authorize_scopes: 'openid email profile' },
        AttributeMapping: { username: 'sub', email: 'email' },
        IdpIdentifiers: ['gmail.com'],
      },
    },
    {
      name: 'OIDC with a new issuer',
      reason: 'discovered endpoints of the old issuer are not sent back: Cognito discovers the new ones',
      args: [oidc({ providerDetails: { ...oidc().providerDetails, oidc_issuer: 'https://id.corp.example.com' } }), refs({ clientSecret }), awsOidc()],
      want: {
        UserPoolId: poolId,
        ProviderName: 'corp-oidc',
        ProviderDetails: {
          client_id: 'corp',
          client_secret: clientSecret,
          oidc_issuer: 'https://id.corp.example.com',
          authorize_scopes: 'openid email',
          attributes_request_method: 'GET',
        },
      },
    },
    {
      name: 'SAML with MetadataURL',
      reason: 'certificate and binding URIs are Cognito’s; a MetadataFile AWS kept is dropped beside MetadataURL; other flags kept',
      args: [saml(), refs(), awsSaml({ MetadataFile: metadataXml, IDPInit: 'true' })],
      want: {
        UserPoolId: poolId,
        ProviderName: 'corp-saml',
        ProviderDetails: { MetadataURL: 'https://idp.example.com/metadata', IDPSignout: 'true', IDPInit: 'true' },
      },
    },
    {
      name: 'SAML switched to a metadata file',
      reason: 'MetadataURL is dropped: AWS takes one of the two',
      args: [saml({ providerDetails: { IDPSignout: 'true' }, metadataFileRef: { kind: 'ConfigMap', name: 'm', key: 'k' } }), refs({ metadataFile: metadataXml }), awsSaml()],
      want: {
        UserPoolId: poolId,
        ProviderName: 'corp-saml',
        ProviderDetails: { IDPSignout: 'true', MetadataFile: metadataXml },
      },
    },
    {
      name: 'Apple',
      reason: 'the private key is sent from the Secret (AWS does not return it)',
      args: [apple(), refs({ privateKey }), awsApple()],
      want: {
        UserPoolId: poolId,
        ProviderName: 'SignInWithApple',
        ProviderDetails: { client_id: 'com.example.shop', team_id: 'TEAM123', key_id: 'KEY123', authorize_scopes: 'email name', private_key: privateKey },
      },
    },
    {
      name: 'secret not resolved (deleting)',
      reason: 'AWS’s client_secret is kept rather than dropped',
      args: [google(), refs(), awsGoogle()],
      want: {
        UserPoolId: poolId,
        ProviderName: 'Google',
        ProviderDetails: { client_id: 'web.apps.googleusercontent.com', client_secret: clientSecret, authorize_scopes: 'openid email profile' },
      },
    },
  ];
  it.each(cases)('$name: $reason', ({ args, want }) => {
    const [s, r, current] = args;
    expect(updateIdentityProviderRequest(s, r, current, providerNameOf(s, 'obj'))).toEqual(want);
  });

  it('sends what then compares equal: no perpetual diff after an update', () => {
    const s = google({ attributeMapping: { email: 'email' }, idpIdentifiers: ['gmail.com'] });
    const r = refs({ clientSecret: 'GOCSPX-new' });
    const request = updateIdentityProviderRequest(s, r, awsGoogle(), 'Google');
    // AWS after the update: the request plus the keys Cognito derives again.
    const after = awsGoogle({
      ProviderDetails: { ...awsGoogle().ProviderDetails, ...request.ProviderDetails },
      AttributeMapping: request.AttributeMapping,
      IdpIdentifiers: request.IdpIdentifiers,
    });
    expect(diffIdentityProvider(s, r.secrets, after, {})).toEqual([]);
  });
});

describe('mergedProviderDetails', () => {
  it('keeps derived keys the spec names', () => {
    const s = oidc({ providerDetails: { ...oidc().providerDetails, jwks_uri: 'https://login.corp.example.com/keys' } });
    expect(mergedProviderDetails(s, { clientSecret }, awsOidc())).toMatchObject({ jwks_uri: 'https://login.corp.example.com/keys' });
    expect(mergedProviderDetails(s, { clientSecret }, awsOidc())).not.toHaveProperty('authorize_url');
  });
});

describe('sameDetail', () => {
  const cases: Case<[string, string, string | undefined], boolean>[] = [
    { name: 'absent', reason: 'a key AWS lacks differs', args: ['client_id', 'a', undefined], want: false },
    { name: 'exact', reason: 'plain values compare exactly', args: ['client_id', 'a', 'a'], want: true },
    { name: 'case of a plain value', reason: 'client IDs are case-sensitive', args: ['client_id', 'a', 'A'], want: false },
    { name: 'scope order', reason: 'scopes are a set', args: ['authorize_scopes', 'openid email', 'email openid'], want: true },
    { name: 'scope missing', reason: 'a scope fewer differs', args: ['authorize_scopes', 'openid email', 'openid'], want: false },
    { name: 'flag case', reason: 'TRUE is true', args: ['IDPInit', 'true', 'TRUE'], want: true },
  ];
  it.each(cases)('$name: $reason', ({ args, want }) => {
    expect(sameDetail(...args)).toBe(want);
  });
});

describe('fingerprints and outputs', () => {
  it('fingerprints are sha256 and never contain the value', () => {
    expect(fingerprint('abc')).toBe('sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(fingerprint(privateKey)).not.toContain('PRIVATE');
  });

  it('records fingerprints only for values AWS does not return', () => {
    expect(identityProviderOutputs('SignInWithApple', refs({ privateKey }), awsApple())).toEqual({
      providerName: 'SignInWithApple',
      userPoolId: poolId,
      secretFingerprints: { private_key: fingerprint(privateKey) },
    });
    expect(identityProviderOutputs('Google', refs({ clientSecret }), awsGoogle())).toEqual({ providerName: 'Google', userPoolId: poolId, secretFingerprints: {} });
  });

  it('fingerprints everything a request sent', () => {
    expect(sentSecretFingerprints({ clientSecret, metadataFile: metadataXml })).toEqual({ client_secret: fingerprint(clientSecret), MetadataFile: fingerprint(metadataXml) });
  });
});

describe('checks', () => {
  it('refuses a provider of another type', () => {
    expect(() => checkProviderType(google(), awsSaml(), 'Google')).toThrow(ProviderTypeMismatchError);
    // Terminal: the reconciler stalls it (InvalidSpec) instead of retrying.
    expect(() => checkProviderType(google(), awsSaml(), 'Google')).toThrow(TerminalError);
    expect(() => checkProviderType(google(), awsGoogle(), 'Google')).not.toThrow();
  });

  it('refuses a response without a provider', () => {
    expect(() => requireProvider(undefined)).toThrow(IncompleteResponseError);
  });
});
