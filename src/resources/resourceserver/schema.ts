/**
 * The ResourceServer API: an OAuth 2.0 resource server of a user pool, the API whose custom
 * scopes app clients request as `<identifier>/<scope>` (machine-to-machine clients with
 * client_credentials take such scopes only). Limits are those of the Cognito API reference
 * (ResourceServerIdentifierType, ResourceServerNameType, ResourceServerScopeType).
 */
import { commonStatus, poolIdStatus, deletionPolicy, localRef, region, onceCreated, unchangedRule } from '../../api/common';
import type { KindDefinition } from '../../api/crd';
import type { Infer } from '../../api/schema';
import { array, object, string } from '../../api/schema';

/** AWS caps a scope an app client names (ScopeType) at 256 characters: `<identifier>/<scope>` must fit. */
export const MaxFullScopeLength = 256;

const scope = object(
  {
    name: string(
      'Name of the scope; app clients request it as <identifier>/<name>, such as orders.read. Printable ASCII without spaces, ", / or \\ (1-256 characters).',
      { minLength: 1, maxLength: 256, pattern: '^[\\x21\\x23-\\x2E\\x30-\\x5B\\x5D-\\x7E]+$' },
    ).required(),
    description: string(
      'What the scope grants, as the console shows it (1-256 characters). Cognito requires a description: when the spec names none, a scope this object creates gets its name as description and an existing scope keeps the one it has; a description removed from the spec is reset to the scope’s name.',
      { minLength: 1, maxLength: 256 },
    ),
  },
  'A custom scope of the resource server.',
);

export const resourceServerSpec = object(
  {
    region,
    deletionPolicy: deletionPolicy('Delete', 'a resource server holds no data and is re-created from this spec.'),
    userPoolRef: localRef('the UserPool')
      .with({ description: 'Reference to the UserPool the resource server belongs to, in the same namespace. Cannot be changed after creation.' })
      .required(),
    identifier: string(
      'The resource server’s unique identifier in its pool, such as https://api.shop.example.com or orders; app clients request its scopes as <identifier>/<scope>. Printable ASCII without spaces, " or \\ (1-256 characters). Cannot be changed after creation: Cognito identifies a resource server by it.',
      { minLength: 1, maxLength: 256, pattern: '^[\\x21\\x23-\\x5B\\x5D-\\x7E]+$' },
    ).required(),
    name: string('A friendly name for the resource server, such as Shop API. Defaults to metadata.name. Letters, digits, spaces and + = , . @ - _ (1-256 characters).', {
      minLength: 1,
      maxLength: 256,
      pattern: '^[\\w\\s+=,.@-]+$',
    }),
    scopes: array(
      scope,
      'The custom scopes, at most 100. The complete list: scopes AWS has beyond it are removed (app clients can then no longer request them). Left out, the scopes AWS has are kept, except those this object applied before, which are removed.',
      { maxItems: 100, 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['name'] },
    ),
  },
  'Desired state of the Cognito resource server.',
).rule(
  `!has(self.scopes) || self.scopes.all(s, size(self.identifier) + 1 + size(s.name) <= ${MaxFullScopeLength})`,
  `scopes: each <identifier>/<name> must be at most ${MaxFullScopeLength} characters, or no app client can request the scope (Cognito's limit for a scope)`,
);

export const resourceServerStatus = object(
  {
    ...commonStatus,
    id: string('The resource server’s identifier: the AWS identifier the operator manages (as the external-id annotation holds it).'),
    identifier: string('The resource server’s identifier in its pool.'),
    userPoolId: poolIdStatus('the resource server'),
    scopes: array(string('A scope as app clients request it.'), 'The scopes as app clients name them in oauth.scopes: <identifier>/<name>.', { maxItems: 100 }),
  },
  'What the operator observed and did.',
);

export type ResourceServerSpec = Infer<typeof resourceServerSpec>;
export type ResourceServerStatus = Infer<typeof resourceServerStatus>;

export const resourceServerKind: KindDefinition = {
  kind: 'ResourceServer',
  plural: 'resourceservers',
  shortName: 'crs',
  description: 'An OAuth 2.0 resource server of an Amazon Cognito user pool: an API and the custom scopes app clients request for it.',
  spec: resourceServerSpec.required(),
  status: resourceServerStatus,
  columns: [
    { name: 'Identifier', type: 'string', jsonPath: '.spec.identifier', description: 'The identifier scopes are prefixed with.' },
    { name: 'Pool', type: 'string', jsonPath: '.spec.userPoolRef.name', description: 'The UserPool the resource server belongs to.' },
  ],
  objectRules: [
    onceCreated(unchangedRule('region'), 'region cannot be changed after creation: create a new ResourceServer in the other region instead'),
    onceCreated(
      unchangedRule('userPoolRef'),
      'userPoolRef cannot be changed after creation: a resource server belongs to one user pool; create a new ResourceServer for the other pool',
    ),
    onceCreated(
      unchangedRule('identifier'),
      'identifier cannot be changed after creation: Cognito identifies a resource server by it; create a new ResourceServer instead (and move the app clients’ scopes to it)',
    ),
  ],
};
