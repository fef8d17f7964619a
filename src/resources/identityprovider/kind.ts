/**
 * IdentityProvider plugged into the generic reconciler: its references are the UserPool (Ready,
 * for its ID and region) and the Secrets (and ConfigMap) holding its secret values. The operator
 * watches every Secret `referencesOf` names, so a rotated secret is reconciled at once.
 */
import { Group, Version } from '../../api/group';
import { isRecord } from '../../kube/objects';
import type { CustomObject } from '../../kube/objects';
import { decodeSecretData } from '../../kube/secrets';
import type { ManagedKind, ObjectRef, Resolution } from '../../reconciler/kind';
import { claimantOf } from '../../reconciler/claims';
import type { KindDeps } from '../kinds';
import { parentPoolForDeletion, readyParentPool } from '../userpool/parent';
import { identityProviderOwnedPaths } from './ownership';
import { createIdentityProviderClient } from './client';
import type { IdentityProviderOutputs, IdentityProviderRefs, ProviderSecrets, SecretName } from './mapping';
import { SecretDetail } from './mapping';
import type { IdentityProviderSpec } from './schema';

export const IdentityProviderKindName = 'IdentityProvider';
const UserPoolKindName = 'UserPool';
const SecretKind = 'Secret';

type Spec = IdentityProviderSpec;

/** One key of a Secret or ConfigMap that a secret value comes from. */
interface ValueSource {
  secret: SecretName;
  kind: 'Secret' | 'ConfigMap';
  name: string;
  key: string;
}

const Message = {
  noSpec: 'IdentityProvider has no spec',
} as const;

function specOf(obj: CustomObject): Spec {
  if (!isRecord(obj.spec)) throw new Error(Message.noSpec);
  // The API server validated and defaulted the spec against the schema this type comes from.
  return obj.spec as Spec;
}

/** The keys the spec's secret values come from. */
function valueSources(spec: Spec): ValueSource[] {
  const sources: ValueSource[] = [];
  if (spec.clientSecretRef) sources.push({ secret: 'clientSecret', kind: 'Secret', ...spec.clientSecretRef });
  if (spec.privateKeyRef) sources.push({ secret: 'privateKey', kind: 'Secret', ...spec.privateKeyRef });
  if (spec.metadataFileRef) sources.push({ secret: 'metadataFile', ...spec.metadataFileRef });
  return sources;
}

/** How a message names a source: `Secret google-oauth (clientSecretRef)`. Never its value. */
const describeSource = (s: ValueSource) => `${s.kind} ${s.name} (${SecretDetail[s.secret].path})`;

/** status.secretFingerprints as stored, string values only. */
function storedFingerprints(status: unknown): Record<string, string> {
  const stored = isRecord(status) && isRecord(status.secretFingerprints) ? status.secretFingerprints : {};
  return Object.fromEntries(Object.entries(stored).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

export function identityProviderKind({ aws, lookup, api }: KindDeps): ManagedKind<Spec, IdentityProviderOutputs, IdentityProviderRefs> {
  /** The data of a source's object; undefined when it does not exist. */
  async function readData(namespace: string, source: ValueSource): Promise<Record<string, string> | undefined> {
    if (source.kind === 'Secret') {
      const secret = await api.getSecret(namespace, source.name);
      return secret && decodeSecretData(secret);
    }
    const configMap = await api.getConfigMap(namespace, source.name);
    return configMap && { ...configMap.data };
  }

  /**
   * Each source's value, or messages naming what is missing. Values are trimmed: a newline at the
   * end of a file put in a Secret is not part of a client secret.
   */
  async function readSecrets(namespace: string, spec: Spec): Promise<{ secrets: ProviderSecrets; missing: string[] }> {
    const secrets: ProviderSecrets = {};
    const missing: string[] = [];
    for (const source of valueSources(spec)) {
      const data = await readData(namespace, source);
      const value = data?.[source.key]?.trim();
      if (data === undefined) missing.push(`Waiting for ${describeSource(source)}: it does not exist in namespace ${namespace}`);
      else if (value === undefined) missing.push(`Waiting for key ${source.key} in ${describeSource(source)}`);
      else if (value === '') missing.push(`Waiting for key ${source.key} in ${describeSource(source)}: it is empty`);
      else secrets[source.secret] = value;
    }
    return { secrets, missing };
  }

  return {
    resource: { group: Group, version: Version, plural: 'identityproviders', kind: IdentityProviderKindName },
    noun: 'identity provider',
    client: createIdentityProviderClient(aws),
    spec: specOf,
    ownedPaths: identityProviderOwnedPaths,
    statusOutputs: ({ providerName, userPoolId, secretFingerprints }) => ({
      providerName,
      userPoolId,
      ...(Object.keys(secretFingerprints).length > 0 ? { secretFingerprints } : {}),
    }),
    claimedBy: (obj, providerName) => claimantOf(lookup, obj, IdentityProviderKindName, { kind: UserPoolKindName, name: specOf(obj).userPoolRef.name }, providerName),
    // A rotated Secret changes AWS without a spec change; that is an update, not drift.
    followsReference: (path) => Object.values(SecretDetail).some((d) => d.path === path),

    /** The UserPool, and the Secrets to watch. A ConfigMap is read on each reconcile, not watched. */
    referencesOf(obj): ObjectRef[] {
      const spec = specOf(obj);
      const secrets = [...new Set(valueSources(spec).filter((s) => s.kind === 'Secret').map((s) => s.name))];
      return [{ kind: UserPoolKindName, name: spec.userPoolRef.name }, ...secrets.map((name) => ({ kind: SecretKind, name }))];
    },

    /**
     * The pool must be Ready (its ID) and every secret value present. While the object is being
     * deleted, its pool's ID is enough (parentPoolForDeletion) and missing Secrets do not hold
     * the deletion up: deleting needs none of them.
     */
    async resolve(obj): Promise<Resolution<IdentityProviderRefs>> {
      const spec = specOf(obj);
      const { namespace } = obj.metadata;
      const pool = obj.metadata.deletionTimestamp
        ? parentPoolForDeletion(lookup, aws.defaultRegion, obj, spec.userPoolRef.name)
        : readyParentPool(lookup, aws.defaultRegion, { namespace, poolName: spec.userPoolRef.name, region: spec.region, noun: 'a provider' });
      if (!pool.ready) return pool;
      const { secrets, missing } = await readSecrets(namespace, spec);
      if (missing.length > 0 && !obj.metadata.deletionTimestamp) return { ready: false, message: missing.join('; ') };
      return { ready: true, refs: { ...pool.refs, secrets, appliedFingerprints: storedFingerprints(obj.status) } };
    },
  };
}
