/** Exported AWS resources → the objects that adopt them, named and referring to each other by name. */
import { appClientSpecFrom } from './appclient';
import { brandingSpecFrom } from './branding';
import { userPoolGroupSpecFrom } from './group';
import { identityPoolSpecFrom } from './identitypool';
import type { ExportedPool } from './identitypool';
import { identityProviderSpecFrom } from './identityprovider';
import type { Manifest } from './manifest';
import { adopting } from './manifest';
import { NameRegistry, objectName } from './names';
import type { IdentityPoolContents, PoolContents } from './read';
import { ownOf } from './read';
import { resourceServerSpecFrom } from './resourceserver';
import { userPoolSpecFrom } from './userpool';

export interface PoolManifests {
  /** The UserPool object's name, for the file it goes to. */
  name: string;
  userPoolId: string;
  manifests: Manifest[];
}

/** The objects of one pool; the registry keeps names unique across pools. */
function poolManifests(contents: PoolContents, where: Where, names: NameRegistry): { result: PoolManifests; exported: ExportedPool } {
  const { pool } = contents;
  const { namespace } = where;
  const userPoolId = pool.Id ?? '';
  const poolObject = names.claim('UserPool', objectName(pool.Name ?? userPoolId, 'user-pool'));
  const child = (kind: string, name: string | undefined) => names.claim(kind, objectName(`${poolObject}-${name ?? ''}`, poolObject));
  const manifests: Manifest[] = [adopting('UserPool', poolObject, namespace, userPoolId, { region: where.region, ...userPoolSpecFrom(contents) })];

  const providerObjects = new Map<string, string>();
  for (const provider of contents.providers) {
    const name = child('IdentityProvider', provider.ProviderName);
    providerObjects.set(provider.ProviderName ?? '', name);
    const { spec, extra } = identityProviderSpecFrom(provider, { poolObject, objectName: name, namespace });
    manifests.push(adopting('IdentityProvider', name, namespace, provider.ProviderName ?? '', spec), ...extra);
  }
  const resourceServerObjects = new Map<string, string>();
  for (const server of contents.resourceServers) {
    const name = child('ResourceServer', server.Name ?? server.Identifier);
    resourceServerObjects.set(server.Identifier ?? '', name);
    manifests.push(adopting('ResourceServer', name, namespace, server.Identifier ?? '', resourceServerSpecFrom(server, poolObject)));
  }
  for (const group of contents.groups) {
    const name = child('UserPoolGroup', group.GroupName);
    manifests.push(adopting('UserPoolGroup', name, namespace, group.GroupName ?? '', userPoolGroupSpecFrom(group, poolObject)));
  }
  const clients = new Map<string, string>();
  for (const client of contents.clients) {
    const name = child('AppClient', client.ClientName ?? client.ClientId);
    clients.set(client.ClientId ?? '', name);
    // AppClients default to Delete like the kind; export adopts, so Retain as every object.
    manifests.push(adopting('AppClient', name, namespace, client.ClientId ?? '', appClientSpecFrom(client, { poolObject, providerObjects, resourceServerObjects }, ownOf(contents, client.ClientId ?? ''))));
    const style = contents.brandings.get(client.ClientId ?? '');
    if (style?.ManagedLoginBrandingId) {
      const styleObject = names.claim('ManagedLoginBranding', name);
      const { spec, extra } = brandingSpecFrom(style, { clientObject: name, assetsObject: names.claim('ConfigMap', `${styleObject}-assets`), namespace });
      manifests.push(adopting('ManagedLoginBranding', styleObject, namespace, style.ManagedLoginBrandingId, spec), ...extra);
    }
  }
  return { result: { name: poolObject, userPoolId, manifests }, exported: { userPoolId, object: poolObject, clients } };
}

/**
 * Where the objects go, and the region they came from: pools name it (the operator's default
 * region may be another); their children follow their pool.
 */
export interface Where {
  namespace: string;
  region: string;
}

export interface Assembled {
  pools: PoolManifests[];
  identityPools: Manifest[];
}

/** Names are claimed in a fixed order (pools as given, then identity pools by name), so the same AWS state exports the same YAML. */
export function assemble(pools: readonly PoolContents[], identityPools: readonly IdentityPoolContents[], where: Where): Assembled {
  const names = new NameRegistry();
  const built = pools.map((p) => poolManifests(p, where, names));
  const exported = built.map((b) => b.exported);
  const sorted = [...identityPools].sort((a, b) => (a.pool.IdentityPoolName ?? '').localeCompare(b.pool.IdentityPoolName ?? ''));
  const identity = sorted.map(({ pool, roles, principalTags }) => {
    const name = names.claim('IdentityPool', objectName(pool.IdentityPoolName ?? pool.IdentityPoolId ?? '', 'identity-pool'));
    const { spec, notes } = identityPoolSpecFrom(pool, roles, exported, principalTags);
    const manifest = adopting('IdentityPool', name, where.namespace, pool.IdentityPoolId ?? '', { region: where.region, ...spec });
    return notes.length > 0 ? { ...manifest, comment: notes.join('\n') } : manifest;
  });
  return { pools: built.map((b) => b.result), identityPools: identity };
}
