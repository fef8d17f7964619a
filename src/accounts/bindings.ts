/**
 * Which AWSAccountBinding serves which namespace: pure, from the bindings and the namespaces'
 * labels as the watches last saw them.
 */
import { accountOfArn } from './account';
import type { AWSAccountBindingSpec } from './schema';

export interface Binding {
  name: string;
  spec: AWSAccountBindingSpec;
}

export interface NamespaceLabels {
  name: string;
  labels: Readonly<Record<string, string>>;
}

export type BindingChoice =
  | { kind: 'none' }
  | { kind: 'one'; binding: Binding; accountId: string | undefined }
  | { kind: 'many'; names: string[] };

/** Whether `binding` serves the namespace: named in `namespaces`, or its labels match the selector. */
export function serves(binding: Binding, namespace: NamespaceLabels): boolean {
  if (binding.spec.namespaces?.includes(namespace.name)) return true;
  const wanted = Object.entries(binding.spec.namespaceSelector?.matchLabels ?? {});
  return wanted.length > 0 && wanted.every(([key, value]) => namespace.labels[key] === value);
}

export class BindingIndex {
  constructor(
    private readonly bindings: readonly Binding[],
    private readonly namespaces: ReadonlyMap<string, NamespaceLabels>,
  ) {}

  /** The bindings serving `namespace` (by name even when the watch has not seen it yet). */
  choose(namespace: string): BindingChoice {
    const labels = this.namespaces.get(namespace) ?? { name: namespace, labels: {} };
    const serving = this.bindings.filter((b) => serves(b, labels));
    const [only, ...others] = serving;
    if (only === undefined) return { kind: 'none' };
    if (others.length === 0) return { kind: 'one', binding: only, accountId: accountOfArn(only.spec.roleArn) };
    return { kind: 'many', names: serving.map((b) => b.name).sort() };
  }

  /** Every namespace some binding may serve: the known ones and those named by a binding. */
  knownNamespaces(): string[] {
    const named = this.bindings.flatMap((b) => b.spec.namespaces ?? []);
    return [...new Set([...this.namespaces.keys(), ...named])].sort();
  }

  /** The namespaces `binding` serves, for its status. */
  servedBy(name: string): string[] {
    return this.knownNamespaces().filter((ns) => {
      const choice = this.choose(ns);
      return (choice.kind === 'one' && choice.binding.name === name) || (choice.kind === 'many' && choice.names.includes(name));
    });
  }

  /** What decides a namespace's credentials: a namespace whose signature changes is reconciled again. */
  signature(namespace: string): string {
    const choice = this.choose(namespace);
    if (choice.kind !== 'one') return JSON.stringify(choice);
    return JSON.stringify({ name: choice.binding.name, spec: choice.binding.spec });
  }
}
