/**
 * The ManagedLoginBranding external client: Cognito calls for the generic reconciler. Mapping and
 * comparison live in mapping.ts; this file only reads, decides whether a write is due, and makes
 * it. AWS errors propagate unchanged: the reconciler classifies them (src/aws/errors.ts).
 *
 * The external ID is the ManagedLoginBrandingId. An app client has at most one style, so the
 * style of the referenced client is the one this object created (a crash between
 * CreateManagedLoginBranding and recording the ID leaves exactly that) or one to adopt; the
 * reconciler refuses it when another object already records it (NameConflict).
 */
import { identityProviderSdk } from '../../aws/sdk';
import type { CognitoIdentityProviderClient, ManagedLoginBrandingType } from '@aws-sdk/client-cognito-identity-provider';
import type { AwsClients } from '../../aws/clients';
import { unlessNotFound } from '../../aws/errors';
import type { ExternalClient, ManagedObject, Observation } from '../../reconciler/external';
import type { ManagedLoginBrandingOutputs, ManagedLoginBrandingRefs } from './mapping';
import { brandingOutputs, createBrandingRequest, diffBranding, requireStyle, updateBrandingRequest } from './mapping';
import type { ManagedLoginBrandingSpec } from './schema';

export type { ManagedLoginBrandingOutputs, ManagedLoginBrandingRefs } from './mapping';

type Obj = ManagedObject<ManagedLoginBrandingSpec, ManagedLoginBrandingRefs>;

export function createManagedLoginBrandingClient(aws: AwsClients) {
  const cognito = (obj: Obj): CognitoIdentityProviderClient => aws.identityProvider(obj.refs.region);

  /** Only what was customized (ReturnMergedResources false): what the spec can name. */
  const describeRequest = (obj: Obj, id: string) => ({ UserPoolId: obj.refs.userPoolId, ManagedLoginBrandingId: id, ReturnMergedResources: false });

  return {
    /** DescribeManagedLoginBranding only. */
    async observe(obj, externalId): Promise<Observation<ManagedLoginBrandingOutputs, ManagedLoginBrandingType>> {
      const out = await unlessNotFound(cognito(obj).send(new identityProviderSdk.DescribeManagedLoginBrandingCommand(describeRequest(obj, externalId))));
      if (!out) return { exists: false };
      const current = requireStyle(out.ManagedLoginBranding);
      const diff = diffBranding(obj.spec, obj.refs, current, obj.released);
      return { exists: true, seen: current, upToDate: diff.length === 0, diff, outputs: brandingOutputs(externalId, obj.refs) };
    },

    /** The style of the referenced app client, if it has one (a client has at most one). */
    async findOwned(obj) {
      const request = { UserPoolId: obj.refs.userPoolId, ClientId: obj.refs.clientId, ReturnMergedResources: false };
      const out = await unlessNotFound(cognito(obj).send(new identityProviderSdk.DescribeManagedLoginBrandingByClientCommand(request)));
      return out?.ManagedLoginBranding?.ManagedLoginBrandingId;
    },

    /** CreateManagedLoginBranding with Cognito's values, or the settings and assets: one call. */
    async create(obj) {
      const out = await cognito(obj).send(new identityProviderSdk.CreateManagedLoginBrandingCommand(createBrandingRequest(obj.spec, obj.refs)));
      const id = requireStyle(out.ManagedLoginBranding).ManagedLoginBrandingId;
      if (!id) throw new Error('CreateManagedLoginBranding returned no ManagedLoginBrandingId');
      return { externalId: id };
    },

    /**
     * Merges onto what observe read (or a fresh read): UpdateManagedLoginBranding with what
     * differs, only when something does. Returns the spec paths it changed.
     */
    async update(obj, externalId, seen?: ManagedLoginBrandingType) {
      const client = cognito(obj);
      // Fresh, and required, when observe's read is not at hand: AWS's not-found error reaches the reconciler.
      const current = seen ?? requireStyle((await client.send(new identityProviderSdk.DescribeManagedLoginBrandingCommand(describeRequest(obj, externalId)))).ManagedLoginBranding);
      const changed = diffBranding(obj.spec, obj.refs, current, obj.released);
      const request = updateBrandingRequest(obj.spec, obj.refs, current, externalId, obj.released);
      if (request) await client.send(new identityProviderSdk.UpdateManagedLoginBrandingCommand(request));
      return { changed };
    },

    /** DeleteManagedLoginBranding; a style (or client, or pool) that is gone counts as deleted. */
    async delete(obj, externalId) {
      await unlessNotFound(cognito(obj).send(new identityProviderSdk.DeleteManagedLoginBrandingCommand({ UserPoolId: obj.refs.userPoolId, ManagedLoginBrandingId: externalId })));
    },
  } satisfies ExternalClient<ManagedLoginBrandingSpec, ManagedLoginBrandingOutputs, ManagedLoginBrandingRefs, ManagedLoginBrandingType>;
}

export type ManagedLoginBrandingClient = ReturnType<typeof createManagedLoginBrandingClient>;
