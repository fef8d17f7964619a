/**
 * The operator's view of AWSAccountBindings: watches them and the namespaces' labels, keeps one
 * assumed-role credential provider per binding, writes each binding's status, and tells the
 * operator which namespaces now resolve differently (their objects are reconciled again).
 */
import type { Logger } from 'pino';
import { Group, Version } from '../api/group';
import { collectionPath, FieldManager, listRaw, MergePatch, objectPath, watchRaw } from '../kube/client';
import type { KubeConnection } from '../kube/connections';
import type { ListWatch } from '../kube/informer';
import { Informer } from '../kube/informer';
import type { ClusterObject, ResourceRef } from '../kube/objects';
import { asClusterObject, isRecord } from '../kube/objects';
import type { Account, CredentialsProvider } from './account';
import { accountOfArn, OperatorAccountKey } from './account';
import type { Binding, NamespaceLabels } from './bindings';
import { BindingIndex } from './bindings';
import type { AssumedRole } from './credentials';
import { assumedRoleProvider } from './credentials';
import type { AccountGate } from '../reconciler/managed';
import type { ObjectLookup } from '../reconciler/kind';
import type { AccountRefusal } from './gate';
import { checkAccount, refuseChoice } from './gate';
import type { AWSAccountBindingSpec } from './schema';

export const BindingResource = { group: Group, version: Version, plural: 'awsaccountbindings', kind: 'AWSAccountBinding' } as const;

export interface AccountServiceOptions {
  kube: KubeConnection;
  logger: Logger;
  /** --require-account-binding: a namespace no binding serves stalls instead of using the operator's account. */
  requireBinding: boolean;
  /** Region of the STS calls when a binding names none. */
  defaultRegion: string;
  /** Assumed-role session length. */
  sessionDurationMs?: number;
  /** The account of the operator's own credentials, when it can be known. */
  ownAccountId: () => Promise<string | undefined>;
  /** Namespaces whose binding changed: reconcile their objects. */
  onNamespacesChanged: (namespaces: string[]) => void;
  onAssume?: (role: AssumedRole) => void;
  /** Counts the Kubernetes requests this service sends (binding status patches). */
  countKube?: (verb: 'patch', resource: string) => void;
}

const NamespaceResource: ResourceRef = { group: '', version: 'v1', plural: 'namespaces', kind: 'Namespace' };

/** List and watch of a cluster-scoped resource, narrowed to what the caches keep. */
function clusterListWatch(http: KubeConnection): ListWatch<ClusterObject> {
  return {
    async list(resource, scope = {}) {
      const { items, resourceVersion } = await listRaw(http, collectionPath(resource, undefined), { fieldSelector: scope.fieldSelector });
      return { items: items.map(asClusterObject), resourceVersion };
    },
    watch: (resource, scope, resourceVersion, onEvent) => watchRaw(http, collectionPath(resource, undefined), scope, resourceVersion, onEvent),
  };
}

function bindingOf(obj: ClusterObject): Binding | undefined {
  const name = obj.metadata.name;
  if (name === undefined || !isRecord(obj.spec) || typeof obj.spec.roleArn !== 'string') return undefined;
  // The API server validated the spec against the CRD schema this type comes from.
  return { name, spec: obj.spec as AWSAccountBindingSpec };
}

function namespaceOf(ns: ClusterObject): NamespaceLabels {
  return { name: ns.metadata.name, labels: ns.metadata.labels };
}

export class AccountService {
  private index = new BindingIndex([], new Map());
  private readonly providers = new Map<string, { signature: string; provider: CredentialsProvider }>();
  private readonly bindings: Informer<ClusterObject>;
  private readonly namespaces: Informer<ClusterObject>;
  /** Both caches have been listed once: before that an index would be built from half the picture. */
  private synced = false;
  private ownAccount: Promise<string | undefined> | undefined;

  constructor(private readonly opts: AccountServiceOptions) {
    const api = clusterListWatch(opts.kube);
    const refresh = () => this.synced && this.refresh();
    const handlers = { onUpsert: refresh, onDelete: refresh };
    const informer = (resource: ResourceRef) => new Informer<ClusterObject>({ api, narrow: asClusterObject, resource, handlers, logger: opts.logger });
    this.bindings = informer(BindingResource);
    this.namespaces = informer(NamespaceResource);
  }

  /**
   * Resolves once both watches have listed: no object may reconcile before that. A list the
   * operator may not read (no ClusterRole: the chart watching named namespaces with Roles only)
   * is retried in the background; until it succeeds no binding is known.
   */
  async start(): Promise<void> {
    for (const informer of [this.bindings, this.namespaces]) informer.start();
    await Promise.all([this.bindings.attempted, this.namespaces.attempted]);
    this.synced = true;
    this.refresh();
  }

  async stop(): Promise<void> {
    await Promise.all([this.bindings.stop(), this.namespaces.stop()]);
  }

  /** The account a namespace's objects use, or why there is none. */
  async accountFor(namespace: string): Promise<{ ok: true; account: Account } | AccountRefusal> {
    const choice = this.index.choose(namespace);
    const refusal = refuseChoice(namespace, choice, this.opts.requireBinding);
    if (refusal) return refusal;
    if (choice.kind !== 'one') {
      this.ownAccount ??= this.opts.ownAccountId().catch(() => undefined);
      const id = await this.ownAccount;
      return { ok: true, account: { key: OperatorAccountKey, ...(id !== undefined ? { id } : {}) } };
    }
    const { binding, accountId } = choice;
    return {
      ok: true,
      account: {
        key: `binding/${binding.name}`,
        ...(accountId !== undefined ? { id: accountId } : {}),
        ...(binding.spec.region !== undefined ? { region: binding.spec.region } : {}),
        credentials: this.providerOf(binding),
      },
    };
  }

  /** What a namespace's objects share quotas with: their account (by ID where known), for the work queue's lanes. */
  laneOf(namespace: string): string {
    const choice = this.index.choose(namespace);
    if (choice.kind === 'one') return choice.accountId ?? `binding/${choice.binding.name}`;
    return choice.kind === 'none' ? OperatorAccountKey : 'ambiguous';
  }

  /** The reconciler's gate: the namespace's account, which the object and its references must live in. */
  gate(lookup: ObjectLookup): AccountGate {
    return {
      check: async (obj, references) => {
        const resolved = await this.accountFor(obj.metadata.namespace);
        if (!resolved.ok) return resolved;
        const targets = references.flatMap((ref) => {
          const target = lookup.get(ref.kind, obj.metadata.namespace, ref.name);
          return target ? [{ kind: ref.kind, obj: target }] : [];
        });
        return checkAccount(obj, obj.kind, resolved.account, targets);
      },
    };
  }

  /** One provider per binding, kept while its role settings stay the same. */
  private providerOf(binding: Binding): CredentialsProvider {
    const { roleArn, externalId, sessionName, region } = binding.spec;
    const signature = JSON.stringify({ roleArn, externalId, sessionName, region });
    const held = this.providers.get(binding.name);
    if (held?.signature === signature) return held.provider;
    const role: AssumedRole = {
      roleArn,
      region: region ?? this.opts.defaultRegion,
      ...(externalId !== undefined ? { externalId } : {}),
      ...(sessionName !== undefined ? { sessionName } : {}),
      ...(accountOfArn(roleArn) !== undefined ? { accountId: accountOfArn(roleArn) } : {}),
    };
    const provider = assumedRoleProvider(role, {
      ...(this.opts.sessionDurationMs !== undefined ? { durationMs: this.opts.sessionDurationMs } : {}),
      ...(this.opts.onAssume ? { onAssume: this.opts.onAssume } : {}),
    });
    this.providers.set(binding.name, { signature, provider });
    return provider;
  }

  /** Rebuilds the index from the watches' caches; wakes what resolves differently now. */
  private refresh(): void {
    const bindings = this.bindings.list().flatMap((o) => bindingOf(o) ?? []);
    const namespaces = new Map(this.namespaces.list().map(namespaceOf).map((n) => [n.name, n]));
    const before = this.index;
    const after = new BindingIndex(bindings, namespaces);
    this.index = after;
    const all = new Set([...before.knownNamespaces(), ...after.knownNamespaces()]);
    const changed = [...all].filter((ns) => before.signature(ns) !== after.signature(ns));
    for (const name of [...this.providers.keys()]) if (!bindings.some((b) => b.name === name)) this.providers.delete(name);
    if (changed.length > 0) this.opts.onNamespacesChanged(changed);
    for (const binding of bindings) void this.writeStatus(binding.name, after);
  }

  /** status.accountId and status.namespaces, written only when they change. */
  private async writeStatus(name: string, index: BindingIndex): Promise<void> {
    const obj = this.bindings.get('', name);
    const binding = obj && bindingOf(obj);
    if (!obj || !binding) return;
    const current = isRecord(obj.status) ? obj.status : {};
    const accountId = accountOfArn(binding.spec.roleArn);
    const namespaces = index.servedBy(name);
    const generation = obj.metadata.generation;
    const status = { ...(accountId !== undefined ? { accountId } : {}), namespaces, ...(generation !== undefined ? { observedGeneration: generation } : {}) };
    if (JSON.stringify(current) === JSON.stringify({ ...current, ...status })) return;
    try {
      this.opts.countKube?.('patch', `${BindingResource.plural}/status`);
      await this.opts.kube.request('PATCH', `${objectPath(BindingResource, undefined, name)}/status`, { query: { fieldManager: FieldManager }, body: { status }, contentType: MergePatch });
    } catch (err) {
      this.opts.logger.warn({ err, binding: name }, 'cannot write the status of an AWSAccountBinding');
    }
  }
}
