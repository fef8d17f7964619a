/**
 * AppClient plugged into the generic reconciler: its references (the UserPool, IdentityProviders,
 * ResourceServers, the ConfigMap of its hostedUi logo),
 * its status outputs, and the output Secret an application reads its credentials from.
 */
import { Group, Version } from '../../api/group';
import type { KubeApi } from '../../kube/client';
import type { V1Secret } from '@kubernetes/client-node';
import type { CustomObject } from '../../kube/objects';
import { isRecord } from '../../kube/objects';
import { assertSecretClaimable, deleteOwnedSecret, writeOwnedSecret } from '../../kube/secrets';
import { claimantOf } from '../../reconciler/claims';
import type { ManagedKind, ObjectLookup, ObjectRef, Resolution } from '../../reconciler/kind';
import { readyTarget, statusString } from '../../reconciler/references';
import type { IdentityProviderSpec } from '../identityprovider/schema';
import type { KindDeps } from '../kinds';
import type { ResourceServerSpec } from '../resourceserver/schema';
import { followsLogoConfigMap } from '../hostedui/mapping';
import { logoReferences, resolveLogo } from '../hostedui/logo';
import { appClientOwnedPaths } from './ownership';
import { issuerUrlOf } from '../userpool/mapping';
import { parentPoolForDeletion } from '../userpool/parent';
import type { UserPoolSpec } from '../userpool/schema';
import { createAppClientClient } from './client';
import type { AppClientOutputs, AppClientRefs } from './mapping';
import { SecretValue, secretData, secretNameOf } from './mapping';
import { SecretIdAnnotation, heldSecretValue, rotateClientSecret, rotationStateOf } from './rotation';
import type { AppClientSpec } from './schema';

export const AppClientKindName = 'AppClient';
const UserPoolKind = 'UserPool';
const IdentityProviderKind = 'IdentityProvider';
const ResourceServerKind = 'ResourceServer';

const Message = {
  noSpec: 'AppClient has no spec',
  otherRegion: (pool: string, poolRegion: string, region: string) =>
    `spec.region ${region} differs from UserPool ${pool}'s region ${poolRegion}: an app client lives in its user pool's region. Remove spec.region or set it to ${poolRegion}.`,
  otherPool: (provider: string, itsPool: string, pool: string) =>
    `IdentityProvider ${provider} belongs to UserPool ${itsPool}, not ${pool}: an app client can only offer its own pool's providers`,
  otherPoolServer: (server: string, itsPool: string, pool: string) =>
    `ResourceServer ${server} belongs to UserPool ${itsPool}, not ${pool}: an app client can only request its own pool's scopes`,
} as const;

function appClientSpec(obj: CustomObject): AppClientSpec {
  if (!isRecord(obj.spec)) throw new Error(Message.noSpec);
  // The API server validated and defaulted the spec against the schema this type comes from.
  return obj.spec as AppClientSpec;
}

/** The spec of another kind's object, as far as this kind reads it. */
function specOf<T>(obj: CustomObject): Partial<T> {
  return isRecord(obj.spec) ? (obj.spec as Partial<T>) : {};
}

function optionalString(status: Record<string, unknown>, field: string): string | undefined {
  const value = status[field];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The provider's name in AWS: spec.providerName, else the object's name (the IdentityProvider API's default). */
export function providerNameOf(provider: CustomObject): string {
  return specOf<IdentityProviderSpec>(provider).providerName ?? provider.metadata.name;
}

/** Resolving references needs the caches and the operator's region; nothing else. */
interface ResolveDeps {
  lookup: ObjectLookup;
  defaultRegion: string;
}

/**
 * The pool and every referenced provider and resource server must be Ready (Cognito refuses a
 * scope whose resource server does not exist). Every reference that is not is named in
 * the message; a change to any of them wakes this object through the dependents index.
 */
export function resolveAppClient({ lookup, defaultRegion }: ResolveDeps, obj: CustomObject): Resolution<AppClientRefs> {
  const { namespace } = obj.metadata;
  const spec = appClientSpec(obj);
  if (obj.metadata.deletionTimestamp) return resolveForDeletion({ lookup, defaultRegion }, obj, spec);
  const waiting: string[] = [];
  const pool = readyTarget(lookup, UserPoolKind, namespace, spec.userPoolRef.name);
  if (!pool.ready) waiting.push(pool.message);
  const providerNames: string[] = [];
  for (const ref of spec.identityProviderRefs ?? []) {
    const provider = readyTarget(lookup, IdentityProviderKind, namespace, ref.name);
    if (!provider.ready) {
      waiting.push(provider.message);
      continue;
    }
    const itsPool = specOf<IdentityProviderSpec>(provider.obj).userPoolRef?.name;
    if (itsPool !== spec.userPoolRef.name) waiting.push(Message.otherPool(ref.name, itsPool ?? '(none)', spec.userPoolRef.name));
    else providerNames.push(providerNameOf(provider.obj));
  }
  waiting.push(...resourceServersNotReady(lookup, namespace, spec));
  if (!pool.ready || waiting.length > 0) return { ready: false, message: waiting.join('; ') };
  const region = specOf<UserPoolSpec>(pool.obj).region ?? defaultRegion;
  if (spec.region !== undefined && spec.region !== region) {
    return { ready: false, message: Message.otherRegion(spec.userPoolRef.name, region, spec.region) };
  }
  const hostedUiUrl = optionalString(pool.status, 'hostedUiUrl');
  return {
    ready: true,
    refs: {
      userPoolId: statusString(pool, 'id'),
      region,
      issuerUrl: statusString(pool, 'issuerUrl'),
      ...(hostedUiUrl ? { hostedUiUrl } : {}),
      providerNames,
    },
  };
}

/** Why the referenced resource servers cannot be used yet: one message each; none when all are Ready. */
function resourceServersNotReady(lookup: ObjectLookup, namespace: string, spec: AppClientSpec): string[] {
  return (spec.resourceServerRefs ?? []).flatMap((ref) => {
    const server = readyTarget(lookup, ResourceServerKind, namespace, ref.name);
    if (!server.ready) return [server.message];
    const itsPool = specOf<ResourceServerSpec>(server.obj).userPoolRef?.name;
    return itsPool === spec.userPoolRef.name ? [] : [Message.otherPoolServer(ref.name, itsPool ?? '(none)', spec.userPoolRef.name)];
  });
}

/**
 * While the AppClient is being deleted, deleting its AWS client needs only the pool's ID
 * (parentPoolForDeletion). Its providers may be going too: their names are then unknown, so the
 * client's providers are left as they are.
 */
function resolveForDeletion({ lookup, defaultRegion }: ResolveDeps, obj: CustomObject, spec: AppClientSpec): Resolution<AppClientRefs> {
  const pool = parentPoolForDeletion(lookup, defaultRegion, obj, spec.userPoolRef.name);
  if (!pool.ready) return pool;
  return { ready: true, refs: { ...pool.refs, issuerUrl: issuerUrlOf(pool.refs.region, pool.refs.userPoolId) } };
}

export function referencesOf(obj: CustomObject): ObjectRef[] {
  const spec = specOf<AppClientSpec>(obj);
  const pool = spec.userPoolRef?.name;
  return [
    ...(pool ? [{ kind: UserPoolKind, name: pool }] : []),
    ...(spec.identityProviderRefs ?? []).map((r) => ({ kind: IdentityProviderKind, name: r.name })),
    ...(spec.resourceServerRefs ?? []).map((r) => ({ kind: ResourceServerKind, name: r.name })),
    ...logoReferences(spec.hostedUi),
  ];
}

/** The references, then the hostedUi logo's bytes: a missing ConfigMap or key waits, with no AWS call. */
async function resolveWithLogo(deps: ResolveDeps & { api: KubeApi }, obj: CustomObject): Promise<Resolution<AppClientRefs>> {
  const resolved = resolveAppClient(deps, obj);
  if (!resolved.ready || obj.metadata.deletionTimestamp) return resolved;
  const logo = await resolveLogo(deps.api, obj, appClientSpec(obj).hostedUi);
  return logo.ready ? { ready: true, refs: { ...resolved.refs, ...logo.refs } } : logo;
}

/**
 * The output Secret as this pass's preflight read it: a create reads it once, not again to
 * publish. The write that follows is a create or a compare-and-swap replace, so a Secret made or
 * changed in between fails the write (and the pass retries) instead of being overwritten.
 */
const readByPreflight = new WeakMap<CustomObject, { name: string; secret: V1Secret | undefined }>();

async function claimOutputSecret(api: KubeApi, obj: CustomObject): Promise<void> {
  const name = secretNameOf(appClientSpec(obj), obj.metadata.name);
  readByPreflight.set(obj, { name, secret: await assertSecretClaimable(api, obj.metadata.namespace, name, obj) });
}

/** The output Secret: the preflight's read once, else a GET. */
async function secretOf(api: KubeApi, obj: CustomObject, name: string): Promise<V1Secret | undefined> {
  const read = readByPreflight.get(obj);
  readByPreflight.delete(obj);
  return read?.name === name ? read.secret : api.getSecret(obj.metadata.namespace, name);
}

/**
 * Writes the output Secret; a Secret of an earlier writeSecretTo name that this object owns is
 * removed. `rotated` is a secret a rotation has just added. Otherwise, once rotations are tracked,
 * the Secret keeps the rotated value it holds: DescribeUserPoolClient returns one of the two
 * secrets of an overlap, not necessarily the new one.
 */
async function publishSecret(api: KubeApi, obj: CustomObject, outputs: AppClientOutputs, refs: AppClientRefs, rotated?: { value: string; id: string }): Promise<void> {
  const { namespace, uid } = obj.metadata;
  const existing = await secretOf(api, obj, outputs.secretName);
  const state = rotationStateOf(obj);
  const held = rotated ? undefined : heldSecretValue(existing, state);
  const value = rotated?.value ?? held;
  const published = value !== undefined ? { ...outputs, clientSecret: new SecretValue(value) } : outputs;
  // Describe's value is the current secret for certain only while AWS has no other.
  const secretId = rotated?.id ?? (held !== undefined || !state.previousSecretId ? state.currentSecretId : undefined);
  const annotations = secretId ? { [SecretIdAnnotation]: secretId } : undefined;
  await writeOwnedSecret(api, { namespace, name: outputs.secretName, data: secretData(published, refs), owner: obj, ...(annotations ? { annotations } : {}) }, existing);
  const previous = isRecord(obj.status) ? optionalString(obj.status, 'secretName') : undefined;
  if (previous && previous !== outputs.secretName) await deleteOwnedSecret(api, namespace, previous, uid);
}

export function appClientKind({ aws, lookup, api }: KindDeps): ManagedKind<AppClientSpec, AppClientOutputs, AppClientRefs> {
  const resource = { group: Group, version: Version, plural: 'appclients', kind: AppClientKindName };
  return {
    resource,
    noun: 'app client',
    client: createAppClientClient(aws),
    spec: appClientSpec,
    // Never the client secret: it goes to the output Secret only.
    ownedPaths: appClientOwnedPaths,
    statusOutputs: ({ clientId, secretName, userPoolId, hostedUiLogoFingerprint }) => ({
      clientId,
      secretName,
      userPoolId,
      ...(hostedUiLogoFingerprint ? { hostedUiLogoFingerprint } : {}),
    }),
    referencesOf,
    // A changed logo ConfigMap is an update, not drift.
    followsReference: followsLogoConfigMap,
    resolve: (obj) => resolveWithLogo({ lookup, api, defaultRegion: aws.defaultRegion }, obj),
    claimedBy: (obj, clientId) => claimantOf(lookup, obj, AppClientKindName, { kind: UserPoolKind, name: appClientSpec(obj).userPoolRef.name }, clientId),
    // The output Secret must be this object's (or not exist) before a client is created for it.
    preflight: (obj) => claimOutputSecret(api, obj),
    maintenance: {
      step: 'rotate the client secret',
      run: (obj, outputs, refs, clientId) =>
        rotateClientSecret(
          {
            api,
            resource,
            cognito: aws.identityProvider(refs.region),
            userPoolId: refs.userPoolId,
            clientId,
            secretName: outputs.secretName,
            publishSecret: (value, id) => publishSecret(api, obj, outputs, refs, { value, id }),
            now: () => new Date(),
          },
          obj,
          appClientSpec(obj),
        ),
    },
    // The output Secret goes with the AppClient through its ownerReference (garbage collection).
    publish: (obj, outputs, refs) => publishSecret(api, obj, outputs, refs),
  };
}
