/**
 * IdentityProvider spec (+ the secret values its references resolved to) ↔ Cognito requests and
 * responses. Pure functions, no I/O.
 *
 * Rules every function here follows:
 * - ProviderDetails is one map in AWS, but three sources here: the spec's non-secret
 *   providerDetails, the secret values (client_secret, private_key, MetadataFile), and keys
 *   Cognito adds itself (endpoint URLs of social providers, discovered OIDC endpoints, a SAML
 *   provider's encryption certificate and binding URIs). Only the first two are compared; the
 *   third is normalized away, so there is no perpetual diff.
 * - Updates are read-merge-write: UpdateIdentityProvider replaces the whole ProviderDetails map,
 *   so the request carries what AWS has, minus the keys Cognito derives (sending a stale one back
 *   would pin it: an old discovered authorize_url beside a new oidc_issuer), plus the spec's keys
 *   and the secret values. A detail the spec does not name keeps its AWS value.
 * - attributeMapping and idpIdentifiers are managed when the spec names them, compared as a map
 *   and a set. Cognito maps `username` itself (to `sub`); that entry is kept unless the spec
 *   names `username`.
 * - Secret values never leave this module in a diff: a diff holds spec paths only
 *   (`clientSecretRef`), never values. AWS returns client_secret, so a rotated Secret is compared
 *   directly; a value AWS does not return (the Apple private key) is compared by its fingerprint
 *   as last applied.
 */
import { createHash } from 'node:crypto';
import type {
  CreateIdentityProviderCommandInput,
  IdentityProviderType,
  UpdateIdentityProviderCommandInput,
} from '@aws-sdk/client-cognito-identity-provider';
import { TerminalError } from '../../reconciler/errors';
import type { IdentityProviderSpec } from './schema';
import { releasedAttributeMapping, releasedDetailKeys, releasedDetailPaths, releasedMappingPaths } from './ownership';

type Spec = IdentityProviderSpec;
export type ProviderType = Spec['providerType'];

/** Secret values the references resolved to; each is present when the spec names its reference. */
export interface ProviderSecrets {
  clientSecret?: string;
  privateKey?: string;
  metadataFile?: string;
}
export type SecretName = keyof ProviderSecrets;

/** What the kind's `resolve` gives the client. */
export interface IdentityProviderRefs {
  /** The ID of the referenced UserPool. */
  userPoolId: string;
  /** The pool's region: a provider lives in its pool's region. */
  region: string;
  secrets: ProviderSecrets;
  /** status.secretFingerprints: fingerprints of secret values AWS does not return, as last applied. */
  appliedFingerprints: Record<string, string>;
}

/** Identifiers for status. Never secret values. */
export interface IdentityProviderOutputs {
  providerName: string;
  userPoolId: string;
  /** Fingerprints of the secret values AWS does not return (see IdentityProviderRefs). */
  secretFingerprints: Record<string, string>;
}

/** The ProviderDetails key each secret fills, and the spec path a difference is reported under. */
export const SecretDetail: { readonly [s in SecretName]: { key: string; path: string } } = {
  clientSecret: { key: 'client_secret', path: 'clientSecretRef' },
  privateKey: { key: 'private_key', path: 'privateKeyRef' },
  metadataFile: { key: 'MetadataFile', path: 'metadataFileRef' },
};
const secretNames = Object.keys(SecretDetail) as SecretName[];

/** Endpoint settings Cognito fills in for the social providers (API reference, Describe responses). */
const socialDerived = ['authorize_url', 'token_url', 'attributes_url', 'attributes_url_add_attributes', 'token_request_method', 'oidc_issuer', 'jwks_uri'];

/**
 * ProviderDetails keys that Cognito derives and returns although no request set them. They are
 * never compared and never sent back, unless the spec names them (OIDC endpoints for an issuer
 * without a discovery document).
 */
export const DerivedDetails: { readonly [t in ProviderType]: readonly string[] } = {
  Google: socialDerived,
  Facebook: socialDerived,
  LoginWithAmazon: socialDerived,
  SignInWithApple: socialDerived,
  // Discovered from oidc_issuer's /.well-known/openid-configuration.
  OIDC: ['authorize_url', 'token_url', 'attributes_url', 'jwks_uri', 'attributes_url_add_attributes', 'token_request_method'],
  // From the metadata document, and the pool's own certificate.
  SAML: ['ActiveEncryptionCertificate', 'SLORedirectBindingURI', 'SSORedirectBindingURI'],
};

/** The attribute Cognito maps by itself when a request does not. */
const UsernameAttribute = 'username';

/** Values that are sets of scopes: order and separators do not matter. */
const ScopeDetails: ReadonlySet<string> = new Set(['authorize_scopes']);
/** Values that are booleans as text: AWS may answer "True" for "true". */
const FlagDetails: ReadonlySet<string> = new Set(['IDPInit', 'IDPSignout', 'EncryptedResponses', 'attributes_url_add_attributes']);

const Message = {
  noDetails: 'DescribeIdentityProvider returned no provider',
} as const;

import { IncompleteResponseError } from '../../aws/errors';

export { IncompleteResponseError };

/**
 * The provider in AWS has another type than the spec names. Cognito cannot change a provider's
 * type, so the operator does not try: the object stalls until the spec or AWS changes.
 */
export class ProviderTypeMismatchError extends TerminalError {
  override readonly name = 'ProviderTypeMismatchError';
}

// ---------------------------------------------------------------------------------- helpers

/** The object without its undefined values (requests stay minimal and readable in tests). */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function tokens(value: string): string[] {
  return [...new Set(value.split(/[\s,]+/).filter((t) => t !== ''))].sort();
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((v) => right.has(v));
}

/** Whether AWS's value of a detail is the spec's, once normalized. */
export function sameDetail(key: string, wanted: string, actual: string | undefined): boolean {
  if (actual === undefined) return false;
  if (ScopeDetails.has(key)) return sameSet(tokens(wanted), tokens(actual));
  if (FlagDetails.has(key)) return wanted.toLowerCase() === actual.toLowerCase();
  return wanted === actual;
}

/** `sha256:<hex>` of a secret value: enough to see that it changed, nothing about what it is. */
export function fingerprint(value: string): string {
  return `sha256:${createHash('sha256').update(value, 'utf8').digest('hex')}`;
}

/** The provider's name in the pool: spec.providerName, else the object's name. */
export function providerNameOf(spec: Spec, objectName: string): string {
  return spec.providerName ?? objectName;
}

/** The secret values as ProviderDetails entries. */
function secretDetails(secrets: ProviderSecrets): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of secretNames) {
    const value = secrets[name];
    if (value !== undefined) out[SecretDetail[name].key] = value;
  }
  return out;
}

/** SAML names its metadata by URL or by file: the one the spec does not use is dropped. */
function unusedMetadataKey(spec: Spec): string | undefined {
  if (spec.providerType !== 'SAML') return undefined;
  return spec.metadataFileRef ? 'MetadataURL' : 'MetadataFile';
}

/** Whether an AWS ProviderDetails key is carried over into an update (read-merge-write). */
function keptFromAws(spec: Spec, key: string): boolean {
  return !DerivedDetails[spec.providerType].includes(key) && key !== unusedMetadataKey(spec);
}

/** The AttributeMapping to send: the spec's, plus Cognito's own `username` entry when the spec has none. */
function wantedAttributeMapping(wanted: Record<string, string>, current: Record<string, string> | undefined): Record<string, string> {
  const username = current?.[UsernameAttribute];
  return UsernameAttribute in wanted || username === undefined ? { ...wanted } : { [UsernameAttribute]: username, ...wanted };
}

// -------------------------------------------------------------------------- spec → requests

/** CreateIdentityProvider: the spec's details with the secret values; mapping and identifiers when named. */
export function createIdentityProviderRequest(spec: Spec, refs: IdentityProviderRefs, providerName: string): CreateIdentityProviderCommandInput {
  return compact({
    UserPoolId: refs.userPoolId,
    ProviderName: providerName,
    ProviderType: spec.providerType,
    ProviderDetails: { ...spec.providerDetails, ...secretDetails(refs.secrets) },
    AttributeMapping: spec.attributeMapping ? { ...spec.attributeMapping } : undefined,
    IdpIdentifiers: spec.idpIdentifiers ? [...spec.idpIdentifiers] : undefined,
  });
}

/**
 * The full ProviderDetails for UpdateIdentityProvider: AWS's current map without the keys Cognito
 * derives, then the spec's keys, then the secret values.
 */
export function mergedProviderDetails(spec: Spec, secrets: ProviderSecrets, current: IdentityProviderType, released?: readonly string[]): Record<string, string> {
  const gone = releasedDetailKeys(released);
  const kept = Object.entries(current.ProviderDetails ?? {}).filter(([key]) => keptFromAws(spec, key) && !gone.has(key));
  return { ...Object.fromEntries(kept), ...spec.providerDetails, ...secretDetails(secrets) };
}

/**
 * UpdateIdentityProvider, read-merge-write: full ProviderDetails (the call replaces the map)
 * less the released details; AttributeMapping and IdpIdentifiers only when the spec names them
 * (omitted, AWS keeps them), or AWS's mapping less the released attributes.
 */
export function updateIdentityProviderRequest(
  spec: Spec,
  refs: IdentityProviderRefs,
  current: IdentityProviderType,
  providerName: string,
  released?: readonly string[],
): UpdateIdentityProviderCommandInput {
  return compact({
    UserPoolId: refs.userPoolId,
    ProviderName: providerName,
    ProviderDetails: mergedProviderDetails(spec, refs.secrets, current, released),
    AttributeMapping: spec.attributeMapping
      ? wantedAttributeMapping(spec.attributeMapping, current.AttributeMapping)
      : releasedAttributeMapping(current, released),
    IdpIdentifiers: spec.idpIdentifiers ? [...spec.idpIdentifiers] : undefined,
  });
}

// ----------------------------------------------------------------------------- comparison

/** The spec's non-secret details that AWS has otherwise. */
function detailPaths(spec: Spec, details: Record<string, string>): string[] {
  return Object.entries(spec.providerDetails ?? {})
    .filter(([key, wanted]) => !sameDetail(key, wanted, details[key]))
    .map(([key]) => `providerDetails.${key}`);
}

/**
 * The secret references whose value AWS does not have. AWS's own value when it returns one;
 * otherwise the fingerprint last applied (unknown counts as different: it is sent once).
 */
function secretPaths(secrets: ProviderSecrets, details: Record<string, string>, applied: Record<string, string>): string[] {
  return secretNames
    .filter((name) => {
      const value = secrets[name];
      if (value === undefined) return false;
      const { key } = SecretDetail[name];
      const actual = details[key];
      return actual !== undefined ? actual !== value : applied[key] !== fingerprint(value);
    })
    .map((name) => SecretDetail[name].path);
}

function attributeMappingPaths(spec: Spec, current: Record<string, string> | undefined): string[] {
  if (!spec.attributeMapping) return [];
  const wanted = wantedAttributeMapping(spec.attributeMapping, current);
  const actual = current ?? {};
  const keys = [...new Set([...Object.keys(wanted), ...Object.keys(actual)])].sort();
  return keys.filter((key) => wanted[key] !== actual[key]).map((key) => `attributeMapping.${key}`);
}

function identifierPaths(spec: Spec, current: readonly string[] | undefined): string[] {
  if (!spec.idpIdentifiers) return [];
  return sameSet(spec.idpIdentifiers, current ?? []) ? [] : ['idpIdentifiers'];
}

/**
 * The spec paths where AWS differs from the spec and the secret values, and the released paths
 * AWS still has. `applied` maps detail keys that AWS does not return to the fingerprint of the
 * value last sent.
 */
export function diffIdentityProvider(
  spec: Spec,
  secrets: ProviderSecrets,
  current: IdentityProviderType,
  applied: Record<string, string>,
  released?: readonly string[],
): string[] {
  const details = current.ProviderDetails ?? {};
  return [
    ...detailPaths(spec, details),
    ...secretPaths(secrets, details, applied),
    ...attributeMappingPaths(spec, current.AttributeMapping),
    ...identifierPaths(spec, current.IdpIdentifiers),
    ...releasedDetailPaths(current, released, DerivedDetails[spec.providerType]),
    ...releasedMappingPaths(spec, current, released),
  ];
}

/** Fingerprints of the secret values AWS does not return, for status (and the next comparison). */
export function unreturnedSecretFingerprints(secrets: ProviderSecrets, current: IdentityProviderType): Record<string, string> {
  const details = current.ProviderDetails ?? {};
  const out: Record<string, string> = {};
  for (const name of secretNames) {
    const value = secrets[name];
    const { key } = SecretDetail[name];
    if (value !== undefined && details[key] === undefined) out[key] = fingerprint(value);
  }
  return out;
}

/** Fingerprints of every secret value a request sent, by detail key. */
export function sentSecretFingerprints(secrets: ProviderSecrets): Record<string, string> {
  return Object.fromEntries(Object.entries(secretDetails(secrets)).map(([key, value]) => [key, fingerprint(value)]));
}

/** Throws when AWS's provider is of another type than the spec's: no update could fix that. */
export function checkProviderType(spec: Spec, current: IdentityProviderType, providerName: string): void {
  if (current.ProviderType !== undefined && current.ProviderType !== spec.providerType) {
    throw new ProviderTypeMismatchError(
      `identity provider ${providerName} in AWS is of type ${current.ProviderType}, not ${spec.providerType}; Cognito cannot change a provider's type. Delete it in AWS, or choose another providerName.`,
    );
  }
}

export function requireProvider(provider: IdentityProviderType | undefined): IdentityProviderType {
  if (!provider) throw new IncompleteResponseError(Message.noDetails);
  return provider;
}

export function identityProviderOutputs(providerName: string, refs: IdentityProviderRefs, current: IdentityProviderType): IdentityProviderOutputs {
  return { providerName, userPoolId: refs.userPoolId, secretFingerprints: unreturnedSecretFingerprints(refs.secrets, current) };
}
