/**
 * The IdentityProvider external client: Cognito calls for the generic reconciler. Mapping and
 * comparison live in mapping.ts; this file only reads, decides whether a write is due, and makes
 * it. AWS errors propagate unchanged: the reconciler classifies them (src/aws/errors.ts).
 *
 * The external ID is the provider's name: Cognito identifies a provider by user pool and name,
 * and a pool holds at most one provider of a name. Providers cannot be tagged, so a provider of
 * this object's name in its pool is taken to be the one this object created (a crash between
 * CreateIdentityProvider and recording the name leaves exactly that).
 */
import { identityProviderSdk } from '../../aws/sdk';
import type { CognitoIdentityProviderClient, IdentityProviderType } from '@aws-sdk/client-cognito-identity-provider';
import type { AwsClients } from '../../aws/clients';
import { unlessNotFound } from '../../aws/errors';
import type { ExternalClient, ManagedObject, Observation } from '../../reconciler/external';
import { answered } from '../../reconciler/external';
import type { IdentityProviderOutputs, IdentityProviderRefs } from './mapping';
import {
  checkProviderType,
  createIdentityProviderRequest,
  diffIdentityProvider,
  identityProviderOutputs,
  providerNameOf,
  requireProvider,
  sentSecretFingerprints,
  updateIdentityProviderRequest,
} from './mapping';
import type { IdentityProviderSpec } from './schema';

export type { IdentityProviderOutputs, IdentityProviderRefs } from './mapping';

type Obj = ManagedObject<IdentityProviderSpec, IdentityProviderRefs>;

export function createIdentityProviderClient(aws: AwsClients) {
  const cognito = (obj: Obj): CognitoIdentityProviderClient => aws.identityProvider(obj.refs.region);

  /**
   * Fingerprints of the secret values this process sent, by provider: they bridge the time
   * between a write and the status that records them (status.secretFingerprints, read back
   * through refs.appliedFingerprints after a restart).
   */
  const sent = new Map<string, Record<string, string>>();
  const keyOf = (obj: Obj, name: string) => `${obj.refs.region}/${obj.refs.userPoolId}/${name}`;
  const applied = (obj: Obj, name: string): Record<string, string> => ({ ...obj.refs.appliedFingerprints, ...sent.get(keyOf(obj, name)) });
  const remember = (obj: Obj, name: string) => sent.set(keyOf(obj, name), sentSecretFingerprints(obj.refs.secrets));

  async function describe(client: CognitoIdentityProviderClient, obj: Obj, name: string): Promise<IdentityProviderType | undefined> {
    const out = await unlessNotFound(client.send(new identityProviderSdk.DescribeIdentityProviderCommand({ UserPoolId: obj.refs.userPoolId, ProviderName: name })));
    return out && requireProvider(out.IdentityProvider);
  }

  /** The provider as AWS showed it, compared with the spec. */
  function judge(obj: Obj, name: string, current: IdentityProviderType): Observation<IdentityProviderOutputs, IdentityProviderType> {
    checkProviderType(obj.spec, current, name);
    const diff = diffIdentityProvider(obj.spec, obj.refs.secrets, current, applied(obj, name), obj.released);
    return { exists: true, seen: current, upToDate: diff.length === 0, diff, outputs: identityProviderOutputs(name, obj.refs, current) };
  }

  return {
    /** DescribeIdentityProvider only; what it read is `seen` (plan shows AWS's values from it). */
    async observe(obj, externalId): Promise<Observation<IdentityProviderOutputs>> {
      const current = await describe(cognito(obj), obj, externalId);
      return current ? judge(obj, externalId, current) : { exists: false };
    },

    /** The provider of this object's name in its pool, if there is one (names are unique in a pool). */
    async findOwned(obj) {
      const name = providerNameOf(obj.spec, obj.name);
      return (await describe(cognito(obj), obj, name)) ? name : undefined;
    },

    /** CreateIdentityProvider with everything the spec names: one call, whose answer (the whole provider) is judged like a read. */
    async create(obj) {
      const name = providerNameOf(obj.spec, obj.name);
      const out = await cognito(obj).send(new identityProviderSdk.CreateIdentityProviderCommand(createIdentityProviderRequest(obj.spec, obj.refs, name)));
      remember(obj, name);
      return { externalId: name, ...answered(out.IdentityProvider, (made) => judge(obj, name, made)) };
    },

    /**
     * Read-merge-write from a fresh read: UpdateIdentityProvider with the full ProviderDetails,
     * only when something differs. Returns the spec paths it changed (never values).
     */
    async update(obj, externalId) {
      const client = cognito(obj);
      // Fresh, and required: AWS's not-found error reaches the reconciler.
      const out = await client.send(new identityProviderSdk.DescribeIdentityProviderCommand({ UserPoolId: obj.refs.userPoolId, ProviderName: externalId }));
      const provider = requireProvider(out.IdentityProvider);
      checkProviderType(obj.spec, provider, externalId);
      const changed = diffIdentityProvider(obj.spec, obj.refs.secrets, provider, applied(obj, externalId), obj.released);
      if (changed.length === 0) return { changed };
      await client.send(new identityProviderSdk.UpdateIdentityProviderCommand(updateIdentityProviderRequest(obj.spec, obj.refs, provider, externalId, obj.released)));
      remember(obj, externalId);
      return { changed };
    },

    /** DeleteIdentityProvider; a provider (or pool) that is gone counts as deleted. */
    async delete(obj, externalId) {
      await unlessNotFound(cognito(obj).send(new identityProviderSdk.DeleteIdentityProviderCommand({ UserPoolId: obj.refs.userPoolId, ProviderName: externalId })));
      sent.delete(keyOf(obj, externalId));
    },
  } satisfies ExternalClient<IdentityProviderSpec, IdentityProviderOutputs, IdentityProviderRefs>;
}

export type IdentityProviderClient = ReturnType<typeof createIdentityProviderClient>;
