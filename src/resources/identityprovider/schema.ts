/**
 * The IdentityProvider API: a social, OIDC or SAML provider users of a user pool sign in with.
 * Non-secret details go in providerDetails; secrets are read from Secrets (clientSecretRef,
 * privateKeyRef) and never stored in the spec. The operator watches the referenced Secrets, so a
 * rotated secret reaches AWS at once; a ConfigMap holding SAML metadata is read on each reconcile.
 */
import { commonStatus, poolIdStatus, deletionPolicy, localRef, region, secretKeyRef, onceCreated, unchangedRule } from '../../api/common';
import type { KindDefinition } from '../../api/crd';
import type { Infer } from '../../api/schema';
import { array, map, object, oneOf, string } from '../../api/schema';

export const providerTypes = ['Google', 'Facebook', 'LoginWithAmazon', 'SignInWithApple', 'OIDC', 'SAML'] as const;

/** Social providers: Cognito names each after its type. */
const socialTypes = ['Google', 'Facebook', 'LoginWithAmazon', 'SignInWithApple'] as const;

/** Provider types that authenticate to the provider with a client secret. */
const clientSecretTypes = ['Google', 'Facebook', 'LoginWithAmazon', 'OIDC'] as const;

const quoted = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

const detailKey = (key: string) => `has(self.providerDetails) && '${key}' in self.providerDetails`;

const providerDetails = map(
  string('A detail’s value.', { maxLength: 2048 }),
  [
    'Non-secret provider details, as CreateIdentityProvider names them.',
    'Google, Facebook, LoginWithAmazon: client_id, authorize_scopes (Facebook also api_version).',
    'SignInWithApple: client_id, team_id, key_id, authorize_scopes.',
    'OIDC: client_id, oidc_issuer (https), authorize_scopes, attributes_request_method (GET or POST), and authorize_url, token_url, attributes_url, jwks_uri when the issuer has no discovery document.',
    'SAML: MetadataURL (or metadataFileRef), IDPSignout, IDPInit, EncryptedResponses, RequestSigningAlgorithm.',
    'Secrets never go here: use clientSecretRef and privateKeyRef.',
    'A detail removed from the spec is deleted in AWS (details Cognito derives itself come back); details the spec never named are kept.',
  ].join(' '),
  { maxProperties: 20 },
)
  .rule('self.all(k, size(k) <= 64)', 'providerDetails: keys are at most 64 characters')
  .rule(
    "!('client_secret' in self)",
    'providerDetails must not contain client_secret: put the secret in a Secret and name it in clientSecretRef',
  )
  .rule("!('private_key' in self)", 'providerDetails must not contain private_key: put the key in a Secret and name it in privateKeyRef')
  .rule("!('MetadataFile' in self)", 'providerDetails must not contain MetadataFile: put the SAML metadata in a ConfigMap and name it in metadataFileRef')
  .rule(
    "!('attributes_request_method' in self) || self.attributes_request_method in ['GET', 'POST']",
    'providerDetails.attributes_request_method must be GET or POST',
  )
  .rule("!('oidc_issuer' in self) || self.oidc_issuer.startsWith('https://')", 'providerDetails.oidc_issuer must be an https:// URL');

const metadataFileRef = object(
  {
    kind: oneOf(['ConfigMap', 'Secret'] as const, 'Where the metadata is kept: ConfigMap (it is public) or Secret.').default('ConfigMap'),
    name: string('Name of the ConfigMap or Secret.', { minLength: 1, maxLength: 253, pattern: '^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$' }).required(),
    key: string('Key holding the metadata XML.', { minLength: 1, maxLength: 253, pattern: '^[-._a-zA-Z0-9]+$' }).required(),
  },
  'SAML: the identity provider’s metadata XML, read from a key of a ConfigMap (default) or Secret in the same namespace. Use it when the provider publishes no MetadataURL.',
);

export const identityProviderSpec = object(
  {
    region,
    deletionPolicy: deletionPolicy('Delete', 'a provider holds no data and is re-created from this spec.'),
    userPoolRef: localRef('the UserPool')
      .with({ description: 'Reference to the UserPool users sign in to, in the same namespace. Cannot be changed after creation.' })
      .required(),
    providerName: string(
      'Name of the provider in the user pool, used by app clients and in the hosted sign-in pages. Defaults to metadata.name. Social providers must be named after their type (Google, Facebook, LoginWithAmazon, SignInWithApple). 3-32 characters, no spaces. Cannot be changed after creation.',
      { minLength: 3, maxLength: 32, pattern: '^[^_\\p{Z}][\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}][^_\\p{Z}]+$' },
    ).rule("self != 'COGNITO'", 'providerName cannot be COGNITO: Cognito reserves it for the pool’s own users'),
    providerType: oneOf(providerTypes, 'Google, Facebook, LoginWithAmazon, SignInWithApple, OIDC or SAML. Cannot be changed after creation.').required(),
    providerDetails,
    clientSecretRef: secretKeyRef('Google, Facebook, LoginWithAmazon, OIDC: the client secret (client_secret)'),
    privateKeyRef: secretKeyRef('SignInWithApple: the private key (private_key), a PEM text'),
    metadataFileRef,
    attributeMapping: map(
      string('The provider’s attribute (a claim, or a SAML attribute name).', { minLength: 1, maxLength: 2048 }),
      'User pool attribute (email, username, custom:tier, ...) → provider attribute. App clients need write access to each mapped attribute. The complete map: mappings AWS has beyond it are removed (Cognito keeps its own username mapping); removed from the spec, the mappings it named are deleted in AWS.',
      { maxProperties: 100 },
    ).rule('self.all(k, size(k) <= 32)', 'attributeMapping: user pool attribute names are at most 32 characters'),
    idpIdentifiers: array(
      string('An identifier, such as a domain.', { minLength: 1, maxLength: 40, pattern: '^[\\w\\s+=.@-]+$' }),
      'Identifiers that route users to this provider, such as the domain of their email address.',
      { maxItems: 50, 'x-kubernetes-list-type': 'set' },
    ),
  },
  'Desired state of the Cognito identity provider.',
)
  .rule(
    `!(self.providerType in [${quoted(socialTypes)}]) || (has(self.providerName) && self.providerName == self.providerType)`,
    'providerName must equal providerType for Google, Facebook, LoginWithAmazon and SignInWithApple: Cognito names social providers after their type',
  )
  .rule(
    `!has(self.providerName) || !(self.providerName in [${quoted(socialTypes)}]) || self.providerName == self.providerType`,
    'providerName Google, Facebook, LoginWithAmazon and SignInWithApple are reserved for providers of that type',
  )
  .rule(
    `!(self.providerType in [${quoted(clientSecretTypes)}]) || (has(self.clientSecretRef) && ${detailKey('client_id')})`,
    'providerType Google, Facebook, LoginWithAmazon and OIDC need providerDetails.client_id and clientSecretRef (the client secret, in a Secret)',
  )
  .rule(
    `self.providerType != 'SignInWithApple' || (has(self.privateKeyRef) && ${detailKey('client_id')} && 'team_id' in self.providerDetails && 'key_id' in self.providerDetails)`,
    'providerType SignInWithApple needs providerDetails.client_id, team_id and key_id, and privateKeyRef (the private key, in a Secret)',
  )
  .rule(`self.providerType != 'OIDC' || (${detailKey('oidc_issuer')})`, 'providerType OIDC needs providerDetails.oidc_issuer: the https:// URL of the issuer')
  .rule(
    `self.providerType != 'SAML' || (${detailKey('MetadataURL')}) != has(self.metadataFileRef)`,
    'providerType SAML needs exactly one of providerDetails.MetadataURL or metadataFileRef',
  )
  .rule(
    `!has(self.clientSecretRef) || self.providerType in [${quoted(clientSecretTypes)}]`,
    'clientSecretRef applies to Google, Facebook, LoginWithAmazon and OIDC only (SignInWithApple uses privateKeyRef; SAML has no secret)',
  )
  .rule("!has(self.privateKeyRef) || self.providerType == 'SignInWithApple'", 'privateKeyRef applies to SignInWithApple only')
  .rule("!has(self.metadataFileRef) || self.providerType == 'SAML'", 'metadataFileRef applies to SAML only');

export const identityProviderStatus = object(
  {
    ...commonStatus,
    id: string('The provider’s name in the user pool: the AWS identifier the operator manages (as the external-id annotation holds it).'),
    providerName: string('The provider’s name in the user pool, as created.'),
    userPoolId: poolIdStatus('the provider'),
    secretFingerprints: map(
      string('sha256:<hex digest> of the value.', { maxLength: 80 }),
      'SHA-256 fingerprints, by provider detail (private_key...), of secret values that AWS does not return once set, as last applied. They let the operator tell a rotated Secret from an unchanged one after a restart. Never the values themselves.',
      { maxProperties: 3 },
    ),
  },
  'What the operator observed and did.',
);

export type IdentityProviderSpec = Infer<typeof identityProviderSpec>;
export type IdentityProviderStatus = Infer<typeof identityProviderStatus>;

export const identityProviderKind: KindDefinition = {
  kind: 'IdentityProvider',
  plural: 'identityproviders',
  shortName: 'cidp',
  description: 'An identity provider of an Amazon Cognito user pool: Google, Facebook, Login with Amazon, Sign in with Apple, OIDC or SAML.',
  spec: identityProviderSpec.required(),
  status: identityProviderStatus,
  columns: [
    { name: 'Type', type: 'string', jsonPath: '.spec.providerType', description: 'Provider type.' },
    { name: 'Pool', type: 'string', jsonPath: '.spec.userPoolRef.name', description: 'The UserPool the provider belongs to.' },
  ],
  objectRules: [
    onceCreated(
      unchangedRule('region'),
      'region cannot be changed after creation: create a new IdentityProvider in the other region instead',
    ),
    onceCreated(
      unchangedRule('userPoolRef'),
      'userPoolRef cannot be changed after creation: a provider belongs to one user pool; create a new IdentityProvider for the other pool',
    ),
    onceCreated(
      unchangedRule('providerName'),
      'providerName cannot be changed after creation (it defaults to metadata.name): Cognito identifies a provider by its name; create a new IdentityProvider instead',
    ),
    onceCreated(
      unchangedRule('providerType'),
      'providerType cannot be changed after creation: create a new IdentityProvider instead',
    ),
  ],
};
