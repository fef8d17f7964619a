/**
 * An AppClient spec from DescribeUserPoolClient, through the kind's own comparison table
 * (clientFields in mapping.ts). The client secret stays in AWS: only the fact that the client
 * has one (generateSecret, fixed at create) is exported.
 */
import type { UICustomizationType, UserPoolClientType } from '@aws-sdk/client-cognito-identity-provider';
import { clientFields } from '../../resources/appclient/mapping';
import { hostedUiSpecOf } from '../../resources/hostedui/mapping';
import type { RiskSections } from '../../resources/threatprotection/mapping';
import { riskSpecOf } from '../../resources/threatprotection/mapping';
import type { FieldValue } from './fields';
import { nonDefaultValues, toTree } from './fields';

/** What the client's references become: object names of the pool's exported providers and resource servers. */
export interface ClientContext {
  poolObject: string;
  /** Provider name in the pool → IdentityProvider object name. */
  providerObjects: ReadonlyMap<string, string>;
  /** Resource server identifier → ResourceServer object name. */
  resourceServerObjects: ReadonlyMap<string, string>;
}

/** A duration the CRD accepts (a whole number and one unit), in the largest unit that divides it. */
export function durationText(seconds: number): string {
  for (const [unit, size] of [['d', 86400], ['h', 3600], ['m', 60]] as const) {
    if (seconds % size === 0) return `${seconds / size}${unit}`;
  }
  return `${seconds}s`;
}

const TokenPaths = ['tokenValidity.accessToken', 'tokenValidity.idToken', 'tokenValidity.refreshToken'];

/** Table values whose spec shape differs from what the table compares. */
function specShaped(values: Map<string, FieldValue>): Map<string, unknown> {
  const out = new Map<string, unknown>(values);
  for (const path of TokenPaths) {
    const v = values.get(path);
    if (v !== undefined) out.set(path, durationText(Number(v)));
  }
  const session = values.get('tokenValidity.authSession');
  if (session !== undefined) out.set('tokenValidity.authSession', `${Number(session)}m`);
  const prevent = values.get('preventUserExistenceErrors');
  if (prevent !== undefined) out.set('preventUserExistenceErrors', prevent === 'ENABLED');
  return out;
}

function sorted(values: Iterable<string>): string[] {
  return [...values].sort();
}

/** What the client has of its own, in place of the pool's: read with its ClientId. */
export interface ClientOwn {
  /** Its risk configuration (DescribeRiskConfiguration), when it has one. */
  risk?: RiskSections;
  /** Its classic hosted UI customization (GetUICustomization), when it has one. */
  hostedUi?: UICustomizationType;
}

export function appClientSpecFrom(client: UserPoolClientType, context: ClientContext, own: ClientOwn = {}): Record<string, unknown> {
  const values = specShaped(nonDefaultValues(clientFields, client, {}));
  // The flag says whether the OAuth section exists: without it, the spec leaves oauth out.
  values.delete('oauth');
  if (client.AllowedOAuthFlowsUserPoolClient !== true) for (const path of [...values.keys()]) if (path.startsWith('oauth.')) values.delete(path);
  if (values.has('refreshTokenRotation.retryGracePeriodSeconds') && !values.has('refreshTokenRotation.enabled')) {
    values.set('refreshTokenRotation.enabled', client.RefreshTokenRotation?.Feature === 'ENABLED');
  }
  values.delete('identityProviders');
  const providers = client.SupportedIdentityProviders ?? [];
  const builtIn = providers.filter((p) => !context.providerObjects.has(p));
  const providerRefs = sorted(providers.flatMap((p) => context.providerObjects.get(p) ?? []));
  const serverRefs = new Set(
    (client.AllowedOAuthScopes ?? []).flatMap((scope) => {
      const cut = scope.lastIndexOf('/');
      return cut > 0 ? (context.resourceServerObjects.get(scope.slice(0, cut)) ?? []) : [];
    }),
  );
  const tree = toTree(values);
  const threatProtection = riskSpecOf(own.risk);
  const hostedUi = hostedUiSpecOf(own.hostedUi);
  return {
    userPoolRef: { name: context.poolObject },
    clientName: tree.clientName,
    // Fixed when the client was created; the secret itself stays in AWS.
    ...(client.ClientSecret ? { generateSecret: true } : {}),
    ...tree,
    ...(builtIn.length > 0 ? { identityProviders: sorted(builtIn) } : {}),
    ...(providerRefs.length > 0 ? { identityProviderRefs: providerRefs.map((name) => ({ name })) } : {}),
    ...(serverRefs.size > 0 ? { resourceServerRefs: sorted(serverRefs).map((name) => ({ name })) } : {}),
    ...(threatProtection ? { threatProtection } : {}),
    ...(hostedUi ? { hostedUi } : {}),
  };
}
