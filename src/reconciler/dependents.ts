/**
 * Which objects reference which (AppClient → UserPool, IdentityPool → AppClient...), kept from
 * the informers' events. A change to an object wakes the objects that reference it, and the
 * deletion of a dependent wakes what it referenced: references need no polling.
 */
import type { CustomObject } from '../kube/objects';
import { objectKey } from '../kube/objects';
import type { ObjectRef } from './kind';

/** kind/namespace/name */
type Node = string;

const node = (kind: string, namespace: string, name: string): Node => `${kind}/${objectKey(namespace, name)}`;

export class DependentsIndex {
  /** Referenced object → the objects that reference it. */
  private readonly dependents = new Map<Node, Map<Node, { kind: string; obj: CustomObject }>>();
  /** Referencing object → what it references (to undo on change). */
  private readonly references = new Map<Node, Node[]>();

  /** Records (or replaces) what `obj` of `kind` references. */
  set(kind: string, obj: CustomObject, refs: readonly ObjectRef[]): void {
    const { namespace, name } = obj.metadata;
    const from = node(kind, namespace, name);
    this.remove(kind, obj);
    const targets = refs.map((r) => node(r.kind, namespace, r.name));
    this.references.set(from, targets);
    for (const target of targets) {
      const set = this.dependents.get(target) ?? new Map<Node, { kind: string; obj: CustomObject }>();
      set.set(from, { kind, obj });
      this.dependents.set(target, set);
    }
  }

  remove(kind: string, obj: CustomObject): void {
    const from = node(kind, obj.metadata.namespace, obj.metadata.name);
    for (const target of this.references.get(from) ?? []) {
      const set = this.dependents.get(target);
      set?.delete(from);
      if (set?.size === 0) this.dependents.delete(target);
    }
    this.references.delete(from);
  }

  dependentsOf(kind: string, namespace: string, name: string): { kind: string; obj: CustomObject }[] {
    return [...(this.dependents.get(node(kind, namespace, name))?.values() ?? [])];
  }

  /** What `obj` of `kind` references, as recorded. */
  referencesOf(kind: string, obj: CustomObject): ObjectRef[] {
    return (this.references.get(node(kind, obj.metadata.namespace, obj.metadata.name)) ?? []).map((n) => {
      const [refKind = '', key = ''] = [n.slice(0, n.indexOf('/')), n.slice(n.indexOf('/') + 1)];
      return { kind: refKind, name: key.slice(key.indexOf('/') + 1) };
    });
  }
}
