/**
 * AWS's side of a plan's changes: what a kind's observe read (`seen`), in the spec's shape.
 * The comparison tables give a value for each setting they compare (UserPool, AppClient);
 * every other path is looked up in the spec export would write for that AWS state, so the
 * mapping AWS → spec stays the one export uses.
 */
import type { GroupType, IdentityProviderType, ManagedLoginBrandingType, ResourceServerType } from '@aws-sdk/client-cognito-identity-provider';
import type { ObservedAppClient } from '../../resources/appclient/client';
import { clientFields } from '../../resources/appclient/mapping';
import type { IdentityPoolRefs, ObservedIdentityPool } from '../../resources/identitypool/mapping';
import type { ObservedUserPool } from '../../resources/userpool/mapping';
import { poolFields } from '../../resources/userpool/mapping';
import { appClientSpecFrom } from '../export/appclient';
import { brandingSpecFrom } from '../export/branding';
import { userPoolGroupSpecFrom } from '../export/group';
import type { ExportedPool } from '../export/identitypool';
import { identityPoolSpecFrom } from '../export/identitypool';
import { identityProviderSpecFrom } from '../export/identityprovider';
import { resourceServerSpecFrom } from '../export/resourceserver';
import { userPoolSpecFrom } from '../export/userpool';

type Tree = Record<string, unknown>;

const isTree = (value: unknown): value is Tree => typeof value === 'object' && value !== null && !Array.isArray(value);

/** `name[key]` and `name[key].rest`: an entry of a list by its key (`assets[PAGE_HEADER_LOGO/LIGHT]`, `scopes[orders.read].description`). */
const keyed = /^([A-Za-z]+)\[([^\]]+)\](?:\.(.+))?$/;

/** The entry of a list whose key fields, joined by `/`, are `key` (or one of whose values is). */
function entryOf(list: readonly unknown[], key: string): unknown {
  return list.find((e) => isTree(e) && (Object.values(e).includes(key) || [e.category, e.colorMode].join('/') === key));
}

/**
 * A value of the spec by dotted path; map keys may hold dots (`tags.cognito.example/x`), a list
 * entry is named by its key (`logging.userNotification`, `assets[FAVICON_ICO/LIGHT]`).
 */
export function valueAt(spec: unknown, path: string): unknown {
  if (path === '') return spec;
  const entry = keyed.exec(path);
  if (entry && isTree(spec)) {
    const list = spec[entry[1] ?? ''];
    return Array.isArray(list) ? valueAt(entryOf(list, entry[2] ?? ''), entry[3] ?? '') : undefined;
  }
  if (Array.isArray(spec)) {
    const parts = path.split('.');
    for (let i = parts.length; i >= 1; i--) {
      const found = entryOf(spec, parts.slice(0, i).join('.'));
      if (found !== undefined) return valueAt(found, parts.slice(i).join('.'));
    }
    return undefined;
  }
  if (!isTree(spec)) return undefined;
  if (path in spec) return spec[path];
  const parts = path.split('.');
  for (let i = parts.length - 1; i >= 1; i--) {
    const head = parts.slice(0, i).join('.');
    if (head in spec) return valueAt(spec[head], parts.slice(i).join('.'));
  }
  return undefined;
}

/** An IdentityPool's `principalTags.<userPoolRef>`: the map of that pool's entry in userPools. */
const principalTagsPath = /^principalTags\.(.+)$/;

/** The value a kind's diff path names in a spec, where the path is not the spec's own shape too. */
export function specValue(kind: string, spec: unknown, path: string): unknown {
  const tags = principalTagsPath.exec(path);
  if (kind === 'IdentityPool' && tags && isTree(spec) && Array.isArray(spec.userPools)) {
    const entry = spec.userPools.find((e: unknown) => isTree(e) && refName(e, 'userPoolRef') === tags[1] && e.principalTags !== undefined) as Tree | undefined;
    return entry?.principalTags;
  }
  return valueAt(spec, path);
}

/** The object a plan is about: its name, namespace and spec (references by name). */
export interface PlannedObject {
  name: string;
  namespace: string;
  spec: Tree;
  refs: unknown;
}

const refName = (spec: Tree, field: string): string => {
  const ref = spec[field];
  return isTree(ref) && typeof ref.name === 'string' ? ref.name : '';
};

/** The identity pool's resolved user pools and clients, named as the spec names them. */
function exportedPools(refs: unknown): ExportedPool[] {
  const providers = (refs as Partial<IdentityPoolRefs> | undefined)?.providers ?? {};
  const byPool = new Map<string, ExportedPool & { clients: Map<string, string> }>();
  for (const [pair, p] of Object.entries(providers)) {
    const [userPool = '', appClient = ''] = pair.split('/');
    const entry = byPool.get(userPool) ?? { userPoolId: p.userPoolId, object: userPool, clients: new Map<string, string>() };
    entry.clients.set(p.clientId, appClient);
    byPool.set(userPool, entry);
  }
  return [...byPool.values()];
}

/** AWS's state as the spec export would write for it; undefined for a kind without one. */
function awsSpec(kind: string, seen: unknown, obj: PlannedObject): Tree | undefined {
  const poolObject = refName(obj.spec, 'userPoolRef');
  switch (kind) {
    case 'UserPool':
      return userPoolSpecFrom(seen as ObservedUserPool);
    case 'AppClient': {
      const { client, ...own } = seen as ObservedAppClient;
      return appClientSpecFrom(client, { poolObject, providerObjects: new Map(), resourceServerObjects: new Map() }, own);
    }
    case 'IdentityProvider':
      return identityProviderSpecFrom(seen as IdentityProviderType, { poolObject, objectName: obj.name, namespace: obj.namespace }).spec;
    case 'ResourceServer':
      return resourceServerSpecFrom(seen as ResourceServerType, poolObject);
    case 'UserPoolGroup':
      return userPoolGroupSpecFrom(seen as GroupType, poolObject);
    case 'ManagedLoginBranding': {
      const { spec } = brandingSpecFrom(seen as ManagedLoginBrandingType, { clientObject: refName(obj.spec, 'appClientRef'), assetsObject: '', namespace: obj.namespace });
      // AWS holds the image itself, not a ConfigMap: an asset is its slot and extension.
      const assets = Array.isArray(spec.assets) ? spec.assets.map((a: Tree) => ({ category: a.category, colorMode: a.colorMode, extension: a.extension })) : undefined;
      return { ...spec, ...(assets ? { assets } : {}) };
    }
    case 'IdentityPool': {
      const { pool, roles, principalTags } = seen as ObservedIdentityPool;
      return identityPoolSpecFrom(pool, roles, exportedPools(obj.refs), principalTags).spec;
    }
    default:
      return undefined;
  }
}

/** AWS's value of a spec path, or undefined where AWS has none (or it cannot be said). */
export function awsValue(kind: string, seen: unknown, path: string, obj: PlannedObject): unknown {
  if (!isTree(seen)) return undefined;
  const table = kind === 'UserPool' ? poolFields.find((f) => f.path === path)?.have((seen as unknown as ObservedUserPool).pool) : kind === 'AppClient' ? clientFields.find((f) => f.path === path)?.have((seen as unknown as ObservedAppClient).client) : undefined;
  if (table !== undefined) return table;
  try {
    return specValue(kind, awsSpec(kind, seen, obj), path);
  } catch {
    // A state export cannot describe (a provider type the kind does not manage) has no value to show.
    return undefined;
  }
}
