/**
 * The ResourceServer external client: Cognito calls for the generic reconciler. Mapping and
 * comparison live in mapping.ts; this file only reads, decides whether a write is due, and makes
 * it. AWS errors propagate unchanged: the reconciler classifies them (src/aws/errors.ts).
 *
 * The external ID is the identifier: Cognito identifies a resource server by user pool and
 * identifier, and a pool holds at most one of an identifier. Resource servers cannot be tagged,
 * so one with this object's identifier in its pool is taken to be the one this object created
 * (a crash between CreateResourceServer and recording the identifier leaves exactly that);
 * the reconciler refuses it when another object already records it (NameConflict).
 */
import { identityProviderSdk } from '../../aws/sdk';
import type { CognitoIdentityProviderClient, ResourceServerType } from '@aws-sdk/client-cognito-identity-provider';
import type { AwsClients } from '../../aws/clients';
import { unlessNotFound } from '../../aws/errors';
import type { ExternalClient, ManagedObject, Observation } from '../../reconciler/external';
import { answered } from '../../reconciler/external';
import type { ResourceServerOutputs, ResourceServerRefs } from './mapping';
import {
  createResourceServerRequest,
  diffResourceServer,
  identifierMismatches,
  requireResourceServer,
  resourceServerOutputs,
  updateResourceServerRequest,
} from './mapping';
import type { ResourceServerSpec } from './schema';

export type { ResourceServerOutputs, ResourceServerRefs } from './mapping';

type Obj = ManagedObject<ResourceServerSpec, ResourceServerRefs>;

export function createResourceServerClient(aws: AwsClients) {
  const cognito = (obj: Obj): CognitoIdentityProviderClient => aws.identityProvider(obj.refs.region);

  async function describe(client: CognitoIdentityProviderClient, obj: Obj, identifier: string): Promise<ResourceServerType | undefined> {
    const out = await unlessNotFound(client.send(new identityProviderSdk.DescribeResourceServerCommand({ UserPoolId: obj.refs.userPoolId, Identifier: identifier })));
    return out && requireResourceServer(out.ResourceServer);
  }

  /** The resource server as AWS showed it, compared with the spec. */
  function judge(obj: Obj, identifier: string, current: ResourceServerType): Observation<ResourceServerOutputs, ResourceServerType> {
    const diff = diffResourceServer(obj.spec, obj.name, current, obj.released);
    return {
      exists: true,
      seen: current,
      upToDate: diff.length === 0,
      diff,
      outputs: resourceServerOutputs(identifier, obj.refs, current),
      immutableMismatches: identifierMismatches(obj.spec, identifier),
    };
  }

  return {
    /** DescribeResourceServer only. */
    async observe(obj, externalId): Promise<Observation<ResourceServerOutputs>> {
      const current = await describe(cognito(obj), obj, externalId);
      return current ? judge(obj, externalId, current) : { exists: false };
    },

    /** The resource server of the spec's identifier in its pool, if there is one. */
    async findOwned(obj) {
      return (await describe(cognito(obj), obj, obj.spec.identifier)) ? obj.spec.identifier : undefined;
    },

    /** CreateResourceServer with the name and scopes: one call, whose answer (the whole server) is judged like a read. */
    async create(obj) {
      const out = await cognito(obj).send(new identityProviderSdk.CreateResourceServerCommand(createResourceServerRequest(obj.spec, obj.refs, obj.name)));
      const identifier = obj.spec.identifier;
      return { externalId: identifier, ...answered(out.ResourceServer, (made) => judge(obj, identifier, made)) };
    },

    /**
     * From a fresh read: UpdateResourceServer with the name and the complete scope list, only
     * when something differs. Returns the spec paths it changed.
     */
    async update(obj, externalId) {
      const client = cognito(obj);
      // Fresh, and required: AWS's not-found error reaches the reconciler.
      const out = await client.send(new identityProviderSdk.DescribeResourceServerCommand({ UserPoolId: obj.refs.userPoolId, Identifier: externalId }));
      const current = requireResourceServer(out.ResourceServer);
      const changed = diffResourceServer(obj.spec, obj.name, current, obj.released);
      if (changed.length === 0) return { changed };
      await client.send(new identityProviderSdk.UpdateResourceServerCommand(updateResourceServerRequest(obj.spec, obj.refs, obj.name, current, externalId, obj.released)));
      return { changed };
    },

    /** DeleteResourceServer; a resource server (or pool) that is gone counts as deleted. */
    async delete(obj, externalId) {
      await unlessNotFound(cognito(obj).send(new identityProviderSdk.DeleteResourceServerCommand({ UserPoolId: obj.refs.userPoolId, Identifier: externalId })));
    },
  } satisfies ExternalClient<ResourceServerSpec, ResourceServerOutputs, ResourceServerRefs>;
}

export type ResourceServerClient = ReturnType<typeof createResourceServerClient>;
