/** Kubernetes object names for exported AWS resources: DNS-1123 labels, unique per kind. */

const MaxName = 63;

/** A DNS-1123 label from any text: lower case, runs of other characters as one `-`. */
export function objectName(text: string, fallback = 'unnamed'): string {
  const name = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MaxName)
    .replace(/-+$/g, '');
  return name === '' ? fallback : name;
}

/** Hands out names, adding -2, -3... where a name is taken (two pools of one name). */
export class NameRegistry {
  private readonly taken = new Map<string, Set<string>>();

  claim(kind: string, wanted: string): string {
    const names = this.taken.get(kind) ?? new Set<string>();
    this.taken.set(kind, names);
    let name = wanted;
    for (let n = 2; names.has(name); n++) {
      const suffix = `-${n}`;
      name = `${wanted.slice(0, MaxName - suffix.length).replace(/-+$/g, '')}${suffix}`;
    }
    names.add(name);
    return name;
  }
}
