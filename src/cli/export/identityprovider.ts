/**
 * An IdentityProvider spec from DescribeIdentityProvider. Details Cognito derives itself are
 * left out (the kind ignores them too); secret details never leave AWS: the spec references a
 * Secret instead, exported as a stub whose key is left to fill in, so the provider waits
 * (ReferenceNotReady) rather than send a placeholder to AWS. SAML metadata given as a file is
 * public, and is exported in a ConfigMap.
 */
import type { IdentityProviderType } from '@aws-sdk/client-cognito-identity-provider';
import { DerivedDetails, SecretDetail } from '../../resources/identityprovider/mapping';
import type { ProviderType } from '../../resources/identityprovider/mapping';
import { providerTypes } from '../../resources/identityprovider/schema';
import type { Manifest } from './manifest';

/** The secret a provider type holds, and where the spec references it. */
const SecretOf: { readonly [t in ProviderType]?: { ref: 'clientSecretRef' | 'privateKeyRef'; key: string; what: string } } = {
  Google: { ref: 'clientSecretRef', key: 'clientSecret', what: 'client secret' },
  Facebook: { ref: 'clientSecretRef', key: 'clientSecret', what: 'app secret' },
  LoginWithAmazon: { ref: 'clientSecretRef', key: 'clientSecret', what: 'client secret' },
  OIDC: { ref: 'clientSecretRef', key: 'clientSecret', what: 'client secret' },
  SignInWithApple: { ref: 'privateKeyRef', key: 'privateKey', what: 'private key (PEM)' },
};

const SecretKeys = new Set(Object.values(SecretDetail).map((d) => d.key));

export interface ProviderExport {
  spec: Record<string, unknown>;
  /** The stub Secret and the metadata ConfigMap the spec references. */
  extra: Manifest[];
}

export function isProviderType(value: string | undefined): value is ProviderType {
  return (providerTypes as readonly string[]).includes(value ?? '');
}

export function identityProviderSpecFrom(provider: IdentityProviderType, ctx: { poolObject: string; objectName: string; namespace: string }): ProviderExport {
  const type = provider.ProviderType;
  if (!isProviderType(type)) throw new Error(`identity provider ${provider.ProviderName ?? ''} has type ${type ?? 'none'}, which the IdentityProvider kind does not manage`);
  const details = provider.ProviderDetails ?? {};
  const derived = new Set(DerivedDetails[type]);
  const usesFile = type === 'SAML' && details.MetadataURL === undefined && details.MetadataFile !== undefined;
  const kept = Object.entries(details)
    .filter(([key]) => !derived.has(key) && !SecretKeys.has(key) && key !== 'MetadataFile')
    .sort(([a], [b]) => a.localeCompare(b));
  const extra: Manifest[] = [];
  const spec: Record<string, unknown> = {
    userPoolRef: { name: ctx.poolObject },
    providerName: provider.ProviderName,
    providerType: type,
    ...(kept.length > 0 ? { providerDetails: Object.fromEntries(kept) } : {}),
  };
  const secret = SecretOf[type];
  if (secret) {
    const name = `${ctx.objectName}-${secret.ref === 'clientSecretRef' ? 'client-secret' : 'private-key'}`;
    spec[secret.ref] = { name, key: secret.key };
    extra.push({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name, namespace: ctx.namespace },
      type: 'Opaque',
      placeholder: secret.key,
      comment: [
        `The ${secret.what} of identity provider ${provider.ProviderName ?? ''} (${type}): AWS keeps it and export never prints it.`,
        `Uncomment the ${secret.key} line below and put it there (or create this Secret another way) before applying;`,
        'until then the IdentityProvider waits (ReferenceNotReady) and writes nothing to AWS.',
      ].join('\n'),
    });
  }
  if (usesFile) {
    const name = `${ctx.objectName}-saml-metadata`;
    spec.metadataFileRef = { kind: 'ConfigMap', name, key: 'metadata.xml' };
    extra.push({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: ctx.namespace }, data: { 'metadata.xml': details.MetadataFile ?? '' } });
  }
  const mapping = Object.entries(provider.AttributeMapping ?? {}).sort(([a], [b]) => a.localeCompare(b));
  if (mapping.length > 0) spec.attributeMapping = Object.fromEntries(mapping);
  if ((provider.IdpIdentifiers ?? []).length > 0) spec.idpIdentifiers = [...(provider.IdpIdentifiers ?? [])].sort();
  return { spec, extra };
}
