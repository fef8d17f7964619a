/**
 * The AppClient API: a user pool app client, with every setting of CreateUserPoolClient that the
 * AWS console offers. The operator writes the client's credentials to a Secret (writeSecretTo);
 * the client secret never appears in spec, status, logs or Events. A setting the spec never named
 * is left as AWS has it; OAuth URLs, analytics and threatProtection sections that it named and
 * names no longer are removed from AWS (three-way ownership, src/reconciler/ownership.ts).
 */
import { commonStatus, poolIdStatus, deletionPolicy, iamRoleArn, localRef, region, onceCreated, unchangedRule } from '../../api/common';
import type { KindDefinition } from '../../api/crd';
import type { Infer } from '../../api/schema';
import { array, boolean, integer, object, oneOf, string } from '../../api/schema';
import { hostedUiLogoFingerprint, hostedUiSchema } from '../hostedui/schema';
import { riskSections } from '../threatprotection/schema';

export const authFlows = [
  'ALLOW_USER_SRP_AUTH',
  'ALLOW_REFRESH_TOKEN_AUTH',
  'ALLOW_USER_AUTH',
  'ALLOW_USER_PASSWORD_AUTH',
  'ALLOW_ADMIN_USER_PASSWORD_AUTH',
  'ALLOW_CUSTOM_AUTH',
] as const;

export const oauthFlows = ['code', 'implicit', 'client_credentials'] as const;

/** Scopes about a user; a client_credentials grant has no user, so it takes custom scopes only. */
const userScopes = ['openid', 'email', 'phone', 'profile', 'aws.cognito.signin.user.admin'] as const;

const quoted = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

/**
 * Durations: a whole number and a unit, s (seconds), m (minutes), h (hours) or d (days), such as
 * `15m`, `1h` or `30d`. At most six digits keeps every value inside CEL's int range.
 */
const durationPattern = '^[1-9][0-9]{0,5}[smhd]$';

/** The CEL expression for a duration string's length in seconds. */
export function durationSeconds(value: string): string {
  const unit = `(${value}.endsWith('d') ? 86400 : ${value}.endsWith('h') ? 3600 : ${value}.endsWith('m') ? 60 : 1)`;
  return `int(${value}.substring(0, size(${value}) - 1)) * ${unit}`;
}

/** A rule on a duration that skips malformed values, so that they get the pattern's message alone. */
const whenWellFormed = (condition: string) => `!self.matches('${durationPattern}') || (${condition})`;

function duration(description: string, min: { seconds: number; text: string }, max: { seconds: number; text: string }, field: string) {
  return string(`${description} A duration such as 15m, 1h or 30d (units s, m, h, d); ${min.text} to ${max.text}.`, {
    pattern: durationPattern,
    maxLength: 7,
  }).rule(
    whenWellFormed(`${durationSeconds('self')} >= ${min.seconds} && ${durationSeconds('self')} <= ${max.seconds}`),
    `tokenValidity.${field} must be between ${min.text} and ${max.text} (AWS's limits)`,
  );
}

/** A rotation duration: like the token durations, with no AWS limit beyond being positive. */
function rotationDuration(description: string) {
  return string(`${description} A duration such as 90d, 24h or 30s (units s, m, h, d).`, { pattern: durationPattern, maxLength: 7 });
}

const secretRotation = object(
  {
    every: rotationDuration(
      'Rotate the client secret when the current one is this old. Unset: only the cognito.operator.dev/rotate-secret-requested-at annotation rotates it.',
    ),
    overlap: rotationDuration(
      'How long the previous secret stays valid after a rotation, so that applications pick up the new value first. Longer than the time your pods take to see a Secret change (a mounted Secret: about a minute).',
    ).default('24h'),
  },
  'Client secret rotation with two valid secrets: a new secret is added and written to the output Secret at once, and the previous one is deleted from AWS after the overlap. The annotation cognito.operator.dev/rotate-secret-requested-at (any new value) rotates now. Needs generateSecret.',
).rule(
  `!has(self.every) || !self.every.matches('${durationPattern}') || !self.overlap.matches('${durationPattern}') || ${durationSeconds('self.overlap')} < ${durationSeconds('self.every')}`,
  'secretRotation.overlap must be shorter than secretRotation.every: the previous secret must be deleted before the next rotation adds another (AWS keeps at most two)',
);

const tokenValidity = object(
  {
    accessToken: duration('How long access tokens are valid. AWS default 1h.', { seconds: 300, text: '5m' }, { seconds: 86400, text: '1d' }, 'accessToken'),
    idToken: duration('How long ID tokens are valid. AWS default 1h.', { seconds: 300, text: '5m' }, { seconds: 86400, text: '1d' }, 'idToken'),
    refreshToken: duration(
      'How long refresh tokens are valid. AWS default 30d.',
      { seconds: 3600, text: '60m' },
      { seconds: 3650 * 86400, text: '3650d' },
      'refreshToken',
    ),
    authSession: duration(
      'How long the session of one sign-in lasts: users answer every challenge within it. Whole minutes; AWS default 3m.',
      { seconds: 180, text: '3m' },
      { seconds: 900, text: '15m' },
      'authSession',
    ).rule(whenWellFormed(`${durationSeconds('self')} % 60 == 0`), 'tokenValidity.authSession must be whole minutes, such as 3m or 15m'),
  },
  'How long tokens and sign-in sessions stay valid.',
);

/** Redirect targets: https, http to the local machine (testing), or an app scheme (myapp://...). */
const redirectUrl = (description: string) =>
  string(description, { minLength: 1, maxLength: 1024, pattern: '^[a-zA-Z][a-zA-Z0-9+.-]*://[^\\s#]+$' }).rule(
    "!self.startsWith('http://') || self.matches(r'^http://(localhost|127\\.0\\.0\\.1|\\[::1\\])(:[0-9]+)?([/?].*)?$')",
    'callback and logout URLs must use https: Cognito allows http only for localhost, 127.0.0.1 and [::1] (app schemes such as myapp://callback are also allowed)',
  );

const urlList = (description: string) =>
  array(redirectUrl('An absolute URL without a fragment (#).'), description, { maxItems: 100, 'x-kubernetes-list-type': 'set' });

const oauth = object(
  {
    flows: array(
      oneOf(oauthFlows, 'An OAuth 2.0 grant.'),
      'OAuth 2.0 grants: code (authorization code, for apps with a backend or PKCE), implicit (tokens in the redirect; legacy), or client_credentials alone (machine to machine; needs generateSecret).',
      { minItems: 1, maxItems: 3, 'x-kubernetes-list-type': 'set' },
    ).required(),
    scopes: array(
      string('A scope: openid, email, phone, profile, aws.cognito.signin.user.admin, or a resource server scope such as orders/read.', {
        minLength: 1,
        maxLength: 256,
        pattern: '^[\\x21\\x23-\\x5B\\x5D-\\x7E]+$',
      }),
      'Scopes the client may request.',
      { minItems: 1, maxItems: 50, 'x-kubernetes-list-type': 'set' },
    ).required(),
    callbackUrls: urlList(
      'Where the sign-in pages may send users back to (redirect_uri). https, or http for localhost, 127.0.0.1 and [::1] only. Needed by code and implicit. Removed from the spec (or with oauth), the list is cleared in AWS.',
    ),
    logoutUrls: urlList('Where the sign-out endpoint may send users (logout_uri). Removed from the spec, the list is cleared in AWS.'),
    defaultRedirectUri: redirectUrl('The redirect_uri used when a request names none. Must be one of callbackUrls. Removed from the spec, it is unset in AWS.'),
  },
  'OAuth 2.0 authorization server features (hosted sign-in pages, /oauth2/token). Setting this turns them on for the client; leaving it out turns them off.',
)
  .rule(
    "!('client_credentials' in self.flows) || size(self.flows) == 1",
    'oauth.flows: client_credentials cannot be combined with code or implicit; create a second AppClient for machine-to-machine access',
  )
  .rule(
    "!self.flows.exists(f, f != 'client_credentials') || (has(self.callbackUrls) && size(self.callbackUrls) > 0)",
    'oauth.flows code and implicit need oauth.callbackUrls: the URLs the sign-in pages may redirect to',
  )
  .rule(
    '!has(self.defaultRedirectUri) || (has(self.callbackUrls) && self.defaultRedirectUri in self.callbackUrls)',
    'oauth.defaultRedirectUri must be one of oauth.callbackUrls',
  )
  .rule(
    `!('client_credentials' in self.flows) || self.scopes.all(s, !(s in [${quoted(userScopes)}]))`,
    `oauth.scopes: client_credentials takes resource server scopes only (such as orders/read), not ${userScopes.join(', ')}`,
  );

const analytics = object(
  {
    applicationArn: string('ARN of the Amazon Pinpoint project. Alternative to applicationId, roleArn and externalId.', {
      pattern: '^arn:[\\w+=/,.@-]+:mobiletargeting:[a-z0-9-]+:[0-9]{12}:apps/[0-9a-zA-Z]+$',
      maxLength: 2048,
    }),
    applicationId: string('ID of the Amazon Pinpoint project; with roleArn and externalId.', { pattern: '^[0-9a-fA-F]+$', maxLength: 64 }),
    roleArn: iamRoleArn('IAM role Cognito assumes to publish events to Amazon Pinpoint.'),
    externalId: string('External ID in the role’s trust policy.', { minLength: 1, maxLength: 256 }),
    userDataShared: boolean('Include user data (such as email and phone number) in the events.'),
  },
  'Send sign-in metrics to an Amazon Pinpoint project. Removed from the spec, the analytics configuration is removed from AWS.',
)
  .rule(
    'has(self.applicationArn) != has(self.applicationId)',
    'analytics: set applicationArn, or applicationId with roleArn and externalId (not both)',
  )
  .rule('!has(self.applicationId) || (has(self.roleArn) && has(self.externalId))', 'analytics.applicationId needs roleArn and externalId');

const attributeName = string('A user attribute, such as email, email_verified or custom:tier.', {
  minLength: 1,
  maxLength: 64,
  pattern: '^[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+$',
});

export const appClientSpec = object(
  {
    region,
    deletionPolicy: deletionPolicy('Delete', 'an app client holds no data and is re-created from this spec.'),
    userPoolRef: localRef('the UserPool this client belongs to')
      .with({ description: 'Reference to the UserPool this client belongs to, in the same namespace. Cannot be changed after creation.' })
      .required(),
    clientName: string('Name of the client in AWS. Defaults to metadata.name.', {
      minLength: 1,
      maxLength: 128,
      pattern: '^[\\w\\s+=,.@-]+$',
    }),
    generateSecret: boolean(
      'Give the client a secret (confidential clients: servers, machine to machine). Cognito cannot add or remove a secret later, so this cannot be changed after creation.',
    ).default(false),
    explicitAuthFlows: array(
      oneOf(authFlows, 'An authentication flow.'),
      'Authentication flows the client may use with the user pools API. AWS default when never set: ALLOW_USER_SRP_AUTH, ALLOW_REFRESH_TOKEN_AUTH, ALLOW_CUSTOM_AUTH. Include ALLOW_REFRESH_TOKEN_AUTH unless refreshTokenRotation is enabled.',
      { maxItems: 6, 'x-kubernetes-list-type': 'set' },
    ),
    oauth,
    identityProviders: array(
      string('COGNITO (the pool’s own users), or the name of a provider in the pool that is not managed by an IdentityProvider object.', {
        minLength: 1,
        maxLength: 32,
        pattern: '^[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+$',
      }),
      'Identity providers the sign-in pages offer, by name. For IdentityProvider objects use identityProviderRefs.',
      { maxItems: 50, 'x-kubernetes-list-type': 'set' },
    ),
    identityProviderRefs: array(
      localRef('an IdentityProvider'),
      'IdentityProvider objects the sign-in pages offer, added to identityProviders under their provider names. The client waits until they are Ready.',
      { maxItems: 50, 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['name'] },
    ),
    resourceServerRefs: array(
      localRef('a ResourceServer'),
      'ResourceServer objects of the same user pool whose scopes oauth.scopes names (as <identifier>/<scope>, such as orders/read). The client waits until they are Ready: Cognito refuses a scope whose resource server does not exist yet.',
      { maxItems: 50, 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['name'] },
    ),
    tokenValidity,
    preventUserExistenceErrors: boolean(
      'Answer sign-in, confirmation and password recovery for unknown users as for known ones, so that nobody can probe which users exist. AWS default false (LEGACY).',
    ),
    enableTokenRevocation: boolean('Allow refresh tokens to be revoked (RevokeToken). AWS default true.'),
    enablePropagateAdditionalUserContextData: boolean(
      'Accept the user’s IP address and device data in authentication requests, for threat protection. Needs generateSecret.',
    ),
    refreshTokenRotation: object(
      {
        enabled: boolean('Issue a new refresh token at each refresh (GetTokensFromRefreshToken) and invalidate the old one.').required(),
        retryGracePeriodSeconds: integer('Seconds the old refresh token stays valid after rotation, for client retries (0-60).', {
          minimum: 0,
          maximum: 60,
        }),
      },
      'Refresh token rotation. Incompatible with ALLOW_REFRESH_TOKEN_AUTH.',
    ),
    readAttributes: array(attributeName, 'User attributes the client may read. AWS default: all standard attributes.', {
      maxItems: 100,
      'x-kubernetes-list-type': 'set',
    }),
    writeAttributes: array(
      attributeName,
      'User attributes the client may write. AWS default: all standard attributes. Must include every attribute an identity provider maps to.',
      { maxItems: 100, 'x-kubernetes-list-type': 'set' },
    ),
    analytics,
    threatProtection: object(
      riskSections,
      "This client's own risk configuration (SetRiskConfiguration with its ClientId), used instead of the pool's security.threatProtection as a whole: a section it does not name is not taken from the pool. Needs threat protection on in the pool (mode AUDIT or ENFORCED). A section removed from the spec is removed from the client's configuration; with none left the client falls back to the pool's.",
    ),
    hostedUi: hostedUiSchema(
      "This client's own classic hosted UI (SetUICustomization with its ClientId; the pool needs a domain), used instead of the pool's hostedUi as a whole. Removed from the spec, the client's customization is reset to none: AWS has no call that returns a client to the pool's.",
    ).rule('has(self.css) || has(self.logoConfigMapRef)', 'hostedUi needs css or logoConfigMapRef: leave hostedUi out for the pool’s customization'),
    secretRotation,
    writeSecretTo: object(
      {
        name: string('Name of the Secret.', { minLength: 1, maxLength: 253, pattern: '^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$' }).required(),
      },
      'The Secret, in the same namespace, the operator writes clientId, clientSecret (when generated), userPoolId, region, issuerUrl and the OAuth endpoints to. Owned by this object and deleted with it. Default <metadata.name>-cognito.',
    ),
  },
  'Desired state of the Cognito user pool app client.',
)
  .rule(
    "!has(self.oauth) || !('client_credentials' in self.oauth.flows) || self.generateSecret",
    'oauth.flows client_credentials needs generateSecret: true (the client authenticates with its secret)',
  )
  .rule(
    '!has(self.enablePropagateAdditionalUserContextData) || !self.enablePropagateAdditionalUserContextData || self.generateSecret',
    'enablePropagateAdditionalUserContextData needs generateSecret: true (Cognito accepts user context data only from clients with a secret)',
  )
  .rule('!has(self.secretRotation) || self.generateSecret', 'secretRotation needs generateSecret: true (a client without a secret has nothing to rotate)')
  .rule(
    "!has(self.refreshTokenRotation) || !self.refreshTokenRotation.enabled || (has(self.explicitAuthFlows) && !('ALLOW_REFRESH_TOKEN_AUTH' in self.explicitAuthFlows))",
    'refreshTokenRotation.enabled needs explicitAuthFlows without ALLOW_REFRESH_TOKEN_AUTH: rotated tokens are refreshed with GetTokensFromRefreshToken only',
  );

export const appClientStatus = object(
  {
    ...commonStatus,
    id: string('The AWS identifier of the managed app client (the same as clientId).'),
    clientId: string('The app client ID.'),
    secretName: string('The Secret holding the client’s credentials.'),
    userPoolId: poolIdStatus('the app client'),
    hostedUiLogoFingerprint,
    secretRotation: object(
      {
        currentSecretId: string('The ID of the client secret the output Secret holds (<client-id>--<epoch>); never the value.'),
        currentSecretCreatedAt: string('When AWS created that secret (RFC 3339).'),
        previousSecretId: string('The secret replaced by the last rotation, still valid until previousSecretDeleteAfter.'),
        previousSecretDeleteAfter: string('When the operator deletes the previous secret from AWS (RFC 3339).'),
        rotationStartedAt: string('Set just before a new secret is requested from AWS and cleared once it is recorded: a rotation interrupted by a crash is finished, or its unknown secret deleted, on the next pass.'),
        handledRequest: string('The last value of the cognito.operator.dev/rotate-secret-requested-at annotation that was acted on.'),
      },
      'Client secret rotation (spec.secretRotation or the rotate-secret-requested-at annotation).',
    ),
  },
  'What the operator observed and did.',
);

export type AppClientSpec = Infer<typeof appClientSpec>;
export type AppClientStatus = Infer<typeof appClientStatus>;

export const appClientKind: KindDefinition = {
  kind: 'AppClient',
  plural: 'appclients',
  shortName: 'cac',
  description: 'An Amazon Cognito user pool app client. Its credentials are written to a Secret.',
  spec: appClientSpec.required(),
  status: appClientStatus,
  columns: [
    { name: 'Client-ID', type: 'string', jsonPath: '.status.clientId', description: 'App client ID.' },
    { name: 'Pool', type: 'string', jsonPath: '.spec.userPoolRef.name', description: 'The UserPool the client belongs to.' },
  ],
  objectRules: [
    onceCreated(
      unchangedRule('region'),
      'region cannot be changed after creation: create a new AppClient in the other region instead',
    ),
    onceCreated(
      unchangedRule('userPoolRef'),
      'userPoolRef cannot be changed after creation: an app client belongs to one user pool; create a new AppClient for the other pool',
    ),
    onceCreated(
      unchangedRule('generateSecret'),
      'generateSecret cannot be changed after creation: Cognito cannot add or remove a client secret; create a new AppClient instead',
    ),
  ],
};
