/**
 * The AppClient external client: Cognito calls for the generic reconciler. Mapping and
 * comparison live in mapping.ts; this file only reads, decides whether a write is due, and
 * makes it. Every call goes to the user pool's region, with the pool ID from the resolved
 * references. AWS errors propagate unchanged: the reconciler classifies them (src/aws/errors.ts).
 */
import { identityProviderSdk } from '../../aws/sdk';
import { TerminalError } from '../../reconciler/errors';
import type { CognitoIdentityProviderClient, UICustomizationType, UserPoolClientType } from '@aws-sdk/client-cognito-identity-provider';
import type { RiskSections } from '../threatprotection/mapping';
import { clientSectionsOf, riskConfigurationDecided, riskDiff, riskRequestSections } from '../threatprotection/mapping';
import type { HostedUiWanted } from '../hostedui/mapping';
import { hostedUiDecided, hostedUiDiff, hostedUiOutputs, ownCustomization, sentLogos, uiCustomizationRequest } from '../hostedui/mapping';
import { OwnedPath } from './ownership';
import type { AwsClients } from '../../aws/clients';
import { unlessNotFound } from '../../aws/errors';
import type { ExternalClient, ManagedObject, Observation } from '../../reconciler/external';
import { answered, immutableMismatches } from '../../reconciler/external';
import { appClientImmutableFields } from './immutable';
import type { AppClientOutputs, AppClientRefs } from './mapping';
import {
  IncompleteResponseError,
  appClientOutputs,
  clientNameOf,
  createUserPoolClientRequest,
  diffAppClient,
  secretNameOf,
  updateUserPoolClientRequest,
} from './mapping';
import type { AppClientSpec } from './schema';

export type { AppClientOutputs, AppClientRefs } from './mapping';

/** ListUserPoolClients accepts at most 60 per page. */
const MaxListPageSize = 60;

const Message = {
  noClient: 'DescribeUserPoolClient returned no client',
  noClientId: 'CreateUserPoolClient returned no client ID',
  ambiguous: (name: string, pool: string, ids: string[]) =>
    `user pool ${pool} has ${ids.length} app clients named ${name} (${ids.join(', ')}); app clients cannot be tagged, so the operator cannot tell which one this object created. Set the cognito.operator.dev/external-id annotation to the right one.`,
} as const;

/** Two clients of one name in a pool: the operator will not guess which is its own. */
export class AmbiguousClientError extends TerminalError {
  override readonly name = 'AmbiguousClientError';
}

export interface AppClientClientOptions {
  /** ListUserPoolClients page size for findOwned (1-60); tests use a small one to exercise paging. */
  listPageSize?: number;
}

type Obj = ManagedObject<AppClientSpec, AppClientRefs>;

/**
 * What observe reads: the client (without its secret) and, only when the spec decides it (names
 * or released a section), the client's own risk configuration (empty: it has none).
 */
export interface ObservedAppClient {
  client: UserPoolClientType;
  risk?: RiskSections;
  /** The client's own classic hosted UI customization, read only when the spec decides it (empty: it has none). */
  hostedUi?: UICustomizationType;
}

/** The client as update merges onto it: the secret stays in outputs, where it is wrapped, and nowhere else. */
function withoutSecret(client: UserPoolClientType): UserPoolClientType {
  const settings = { ...client };
  delete settings.ClientSecret;
  return settings;
}

export function createAppClientClient(aws: AwsClients, opts: AppClientClientOptions = {}) {
  const pageSize = Math.min(Math.max(opts.listPageSize ?? MaxListPageSize, 1), MaxListPageSize);
  const cognito = (obj: Obj): CognitoIdentityProviderClient => aws.identityProvider(obj.refs.region);
  const logos = sentLogos();
  const targetOf = (obj: Obj, clientId: string) => `${obj.refs.region}/${obj.refs.userPoolId}/${clientId}`;
  const hostedUiOf = (obj: Obj, clientId: string): HostedUiWanted => ({
    spec: obj.spec.hostedUi,
    logo: obj.refs.hostedUiLogo,
    appliedLogo: logos.applied(targetOf(obj, clientId), obj.refs.appliedLogoFingerprint),
    released: obj.released,
  });

  /** DescribeUserPoolClient; undefined when the client (or its pool) is gone. */
  async function describeClient(obj: Obj, clientId: string): Promise<UserPoolClientType | undefined> {
    const out = await unlessNotFound(cognito(obj).send(new identityProviderSdk.DescribeUserPoolClientCommand({ UserPoolId: obj.refs.userPoolId, ClientId: clientId })));
    return out?.UserPoolClient;
  }

  /** DescribeUserPoolClient where the client must exist: AWS's not-found error reaches the caller. */
  async function requireClient(obj: Obj, clientId: string): Promise<UserPoolClientType> {
    const out = await cognito(obj).send(new identityProviderSdk.DescribeUserPoolClientCommand({ UserPoolId: obj.refs.userPoolId, ClientId: clientId }));
    if (!out.UserPoolClient) throw new IncompleteResponseError(Message.noClient);
    return out.UserPoolClient;
  }

  /** The client's own risk configuration, read only when the spec decides it. */
  async function readRisk(obj: Obj, clientId: string): Promise<RiskSections | undefined> {
    if (!riskConfigurationDecided(obj.spec.threatProtection, OwnedPath.threatProtection, obj.released)) return undefined;
    const out = await cognito(obj).send(new identityProviderSdk.DescribeRiskConfigurationCommand({ UserPoolId: obj.refs.userPoolId, ClientId: clientId }));
    return clientSectionsOf(out.RiskConfiguration, clientId) ?? {};
  }

  /**
   * The client's own customization, read only when the spec decides it. GetUICustomization answers
   * the pool's (ClientId ALL) for a client without one: that is not the client's.
   */
  async function readHostedUi(obj: Obj, clientId: string): Promise<UICustomizationType | undefined> {
    if (!hostedUiDecided(obj.spec.hostedUi, obj.released)) return undefined;
    const out = await cognito(obj).send(new identityProviderSdk.GetUICustomizationCommand({ UserPoolId: obj.refs.userPoolId, ClientId: clientId }));
    return ownCustomization(out.UICustomization, clientId);
  }

  /** One SetUICustomization with the client's ID (it replaces the client's whole customization). */
  async function applyHostedUi(obj: Obj, clientId: string, current: UICustomizationType | undefined): Promise<string[]> {
    const wanted = hostedUiOf(obj, clientId);
    const request = uiCustomizationRequest(wanted, current, { UserPoolId: obj.refs.userPoolId, ClientId: clientId });
    if (!request) return [];
    await cognito(obj).send(new identityProviderSdk.SetUICustomizationCommand(request));
    logos.remember(targetOf(obj, clientId), request);
    return hostedUiDiff(wanted, current);
  }

  /** The client as read (with its secret, which goes to outputs only), compared with the spec. */
  function judge(obj: Obj, clientId: string, client: UserPoolClientType, risk: RiskSections | undefined, hostedUi: UICustomizationType | undefined): Observation<AppClientOutputs, ObservedAppClient> & { exists: true } {
    const seen: ObservedAppClient = { client: withoutSecret(client), ...(risk ? { risk } : {}), ...(hostedUi ? { hostedUi } : {}) };
    const diff = diffOf(obj, seen, clientId);
    const mismatches = immutableMismatches(appClientImmutableFields, obj.spec, client);
    const outputs = { ...appClientOutputs(client, secretNameOf(obj.spec, obj.name), obj.refs.userPoolId), ...hostedUiOutputs(hostedUiOf(obj, clientId)) };
    return { exists: true, upToDate: diff.length === 0 && mismatches.length === 0, diff, outputs, seen, ...(mismatches.length > 0 ? { immutableMismatches: mismatches } : {}) };
  }

  function diffOf(obj: Obj, observed: ObservedAppClient, clientId: string): string[] {
    return [
      ...diffAppClient(obj.spec, obj.refs, observed.client, obj.released),
      ...riskDiff(obj.spec.threatProtection, observed.risk, OwnedPath.threatProtection, obj.released),
      ...hostedUiDiff(hostedUiOf(obj, clientId), observed.hostedUi),
    ];
  }

  /** IDs of the pool's clients named `name`, across every page of ListUserPoolClients. */
  async function clientsNamed(obj: Obj, name: string): Promise<string[]> {
    const ids: string[] = [];
    let token: string | undefined;
    do {
      const page = await cognito(obj).send(new identityProviderSdk.ListUserPoolClientsCommand({ UserPoolId: obj.refs.userPoolId, MaxResults: pageSize, NextToken: token }));
      for (const c of page.UserPoolClients ?? []) if (c.ClientName === name && c.ClientId) ids.push(c.ClientId);
      token = page.NextToken;
    } while (token);
    return ids;
  }

  return {
    /**
     * Reads only: one DescribeUserPoolClient, and DescribeRiskConfiguration and GetUICustomization
     * when the spec decides the client's own.
     */
    async observe(obj, externalId): Promise<Observation<AppClientOutputs, ObservedAppClient>> {
      const client = await describeClient(obj, externalId);
      if (!client) return { exists: false };
      return judge(obj, externalId, client, await readRisk(obj, externalId), await readHostedUi(obj, externalId));
    },

    /**
     * The pool's client with this object's client name. App clients cannot be tagged, so the
     * name within the pool is the only mark a create leaves; two of that name are an error.
     */
    async findOwned(obj) {
      const name = clientNameOf(obj.spec, obj.name);
      const ids = await clientsNamed(obj, name);
      if (ids.length > 1) throw new AmbiguousClientError(Message.ambiguous(name, obj.refs.userPoolId, ids));
      return ids[0];
    },

    /**
     * CreateUserPoolClient with every setting of the spec. Its answer is the whole client, as
     * DescribeUserPoolClient would show it, judged here: a new client has no risk configuration
     * or customization of its own, so a threatProtection or hostedUi section is still to do and
     * update sets it; a spec without them is matched already, with nothing more to read.
     */
    async create(obj) {
      const out = await cognito(obj).send(new identityProviderSdk.CreateUserPoolClientCommand(createUserPoolClientRequest(obj.spec, obj.refs, obj.name)));
      const client = out.UserPoolClient;
      const id = client?.ClientId;
      if (!client || !id) throw new IncompleteResponseError(Message.noClientId);
      const risk = riskConfigurationDecided(obj.spec.threatProtection, OwnedPath.threatProtection, obj.released) ? {} : undefined;
      return { externalId: id, ...answered(client, (made) => judge(obj, id, made, risk, undefined)) };
    },

    /**
     * Read-merge-write: one UpdateUserPoolClient carrying every current setting when a setting
     * differs, then one SetRiskConfiguration (it replaces the client's whole configuration) when
     * a risk section differs, then one SetUICustomization when the client's own hosted UI differs.
     */
    async update(obj, externalId, seen?: ObservedAppClient) {
      // The merge starts from what AWS has: this pass's observe read it, or it is read now.
      const current = seen ?? { client: await requireClient(obj, externalId), risk: await readRisk(obj, externalId), hostedUi: await readHostedUi(obj, externalId) };
      const settings = diffAppClient(obj.spec, obj.refs, current.client, obj.released);
      if (settings.length > 0) {
        await cognito(obj).send(new identityProviderSdk.UpdateUserPoolClientCommand(updateUserPoolClientRequest(obj.spec, obj.refs, current.client, obj.released)));
      }
      const risk = riskDiff(obj.spec.threatProtection, current.risk, OwnedPath.threatProtection, obj.released);
      if (risk.length > 0) {
        const sections = riskRequestSections(obj.spec.threatProtection, current.risk, OwnedPath.threatProtection, obj.released);
        await cognito(obj).send(new identityProviderSdk.SetRiskConfigurationCommand({ UserPoolId: obj.refs.userPoolId, ClientId: externalId, ...sections }));
      }
      const hostedUi = await applyHostedUi(obj, externalId, current.hostedUi);
      return { changed: [...settings, ...risk, ...hostedUi] };
    },

    /** DeleteUserPoolClient; a client (or pool) that is already gone counts as deleted. */
    async delete(obj, externalId) {
      await unlessNotFound(cognito(obj).send(new identityProviderSdk.DeleteUserPoolClientCommand({ UserPoolId: obj.refs.userPoolId, ClientId: externalId })));
    },
  } satisfies ExternalClient<AppClientSpec, AppClientOutputs, AppClientRefs, ObservedAppClient>;
}

export type AppClientClient = ReturnType<typeof createAppClientClient>;
