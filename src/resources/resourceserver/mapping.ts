/**
 * ResourceServer spec ↔ Cognito requests and responses. Pure functions, no I/O.
 *
 * UpdateResourceServer replaces the name and the whole scope list ("If you don't provide a
 * value for an attribute, it is set to the default value"), so every update carries both:
 * - the scopes the spec lists, when it lists any (the complete list), or else AWS's scopes less
 *   those this object applied before (released);
 * - each scope's description: the spec's; else, for a scope AWS has, AWS's own (set in the
 *   console, say), unless the spec named one before (released: reset to the scope's name); for
 *   a new scope its name, since Cognito requires a description.
 * Scopes are compared as a map of name → description: order does not matter.
 */
import type {
  CreateResourceServerCommandInput,
  ResourceServerScopeType,
  ResourceServerType,
  UpdateResourceServerCommandInput,
} from '@aws-sdk/client-cognito-identity-provider';
import { IncompleteResponseError } from '../../aws/errors';
import type { ImmutableMismatch } from '../../reconciler/external';
import { descriptionPath, releasedScopes, scopePath } from './ownership';
import type { ResourceServerSpec } from './schema';

type Spec = ResourceServerSpec;

/** What the kind's `resolve` gives the client. */
export interface ResourceServerRefs {
  /** The ID of the referenced UserPool. */
  userPoolId: string;
  /** The pool's region: a resource server lives in its pool's region. */
  region: string;
}

/** Identifiers for status. */
export interface ResourceServerOutputs {
  identifier: string;
  userPoolId: string;
  /** The scopes as app clients request them: `<identifier>/<name>`. */
  scopes: string[];
}

const Message = {
  noServer: 'DescribeResourceServer returned no resource server',
} as const;

/** The resource server's friendly name: spec.name, else the object's name. */
export function serverNameOf(spec: Spec, objectName: string): string {
  return spec.name ?? objectName;
}

/** Scope name → description, as AWS has them. */
function scopeMap(scopes: readonly ResourceServerScopeType[] | undefined): Map<string, string | undefined> {
  return new Map((scopes ?? []).flatMap((s) => (s.ScopeName === undefined ? [] : [[s.ScopeName, s.ScopeDescription] as const])));
}

/** The scopes of CreateResourceServer: the spec's, a scope without a description described by its name. */
function specScopes(spec: Spec): ResourceServerScopeType[] | undefined {
  return spec.scopes?.map((s) => ({ ScopeName: s.name, ScopeDescription: s.description ?? s.name }));
}

/** The complete scope list AWS should have (see the file comment). */
export function wantedScopes(spec: Spec, current: ResourceServerType, released?: readonly string[]): ResourceServerScopeType[] {
  const gone = releasedScopes(released);
  const have = scopeMap(current.Scopes);
  const describe = (name: string, own: string | undefined): string => own ?? (gone.descriptions.has(name) ? name : (have.get(name) ?? name));
  if (spec.scopes) return spec.scopes.map((s) => ({ ScopeName: s.name, ScopeDescription: describe(s.name, s.description) }));
  return [...have.keys()].filter((name) => !gone.scopes.has(name)).map((name) => ({ ScopeName: name, ScopeDescription: describe(name, undefined) }));
}

// -------------------------------------------------------------------------- spec → requests

export function createResourceServerRequest(spec: Spec, refs: ResourceServerRefs, objectName: string): CreateResourceServerCommandInput {
  const scopes = specScopes(spec);
  return {
    UserPoolId: refs.userPoolId,
    Identifier: spec.identifier,
    Name: serverNameOf(spec, objectName),
    ...(scopes ? { Scopes: scopes } : {}),
  };
}

/** UpdateResourceServer: the name and the complete scope list (the call replaces both). */
export function updateResourceServerRequest(
  spec: Spec,
  refs: ResourceServerRefs,
  objectName: string,
  current: ResourceServerType,
  identifier: string,
  released?: readonly string[],
): UpdateResourceServerCommandInput {
  return {
    UserPoolId: refs.userPoolId,
    Identifier: identifier,
    Name: serverNameOf(spec, objectName),
    Scopes: wantedScopes(spec, current, released),
  };
}

// ----------------------------------------------------------------------------- comparison

/**
 * The spec paths where AWS differs: `name`, `scopes[<name>]` for a scope to add or remove,
 * `scopes[<name>].description` for a description to change (released ones included).
 */
export function diffResourceServer(spec: Spec, objectName: string, current: ResourceServerType, released?: readonly string[]): string[] {
  const paths: string[] = [];
  if (current.Name !== serverNameOf(spec, objectName)) paths.push('name');
  const have = scopeMap(current.Scopes);
  const want = scopeMap(wantedScopes(spec, current, released));
  for (const [name, description] of want) {
    if (!have.has(name)) paths.push(scopePath(name));
    else if (have.get(name) !== description) paths.push(descriptionPath(name));
  }
  for (const name of have.keys()) if (!want.has(name)) paths.push(scopePath(name));
  return paths;
}

/**
 * The annotation names the resource server this object manages; the spec's identifier must be
 * the same. Cognito cannot change an identifier, so a difference stalls, with no write.
 */
export function identifierMismatches(spec: Spec, identifier: string): ImmutableMismatch[] {
  return spec.identifier === identifier ? [] : [{ path: 'identifier', want: spec.identifier, have: identifier }];
}

export function requireResourceServer(server: ResourceServerType | undefined): ResourceServerType {
  if (!server) throw new IncompleteResponseError(Message.noServer);
  return server;
}

export function resourceServerOutputs(identifier: string, refs: ResourceServerRefs, current: ResourceServerType): ResourceServerOutputs {
  return {
    identifier,
    userPoolId: refs.userPoolId,
    scopes: (current.Scopes ?? []).flatMap((s) => (s.ScopeName === undefined ? [] : [`${identifier}/${s.ScopeName}`])),
  };
}
