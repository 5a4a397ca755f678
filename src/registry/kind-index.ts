// The informer cache's objects of one kind, in memory: by namespace then name, with each
// namespace's sorted list kept until that namespace changes (lists are read far more often
// than objects change). Cluster-scoped kinds live under the namespace ''.
import type { KObject } from '../api/types.js';

const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export class KindIndex {
  private readonly namespaces = new Map<string, Map<string, KObject>>();
  /** Sorted lists per namespace, and of every namespace (key undefined); dropped on change. */
  private readonly sorted = new Map<string | undefined, readonly KObject[]>();

  get(namespace: string, name: string): KObject | undefined {
    return this.namespaces.get(namespace)?.get(name);
  }

  set(namespace: string, name: string, obj: KObject): void {
    let names = this.namespaces.get(namespace);
    if (!names) {
      names = new Map();
      this.namespaces.set(namespace, names);
    }
    names.set(name, obj);
    this.changed(namespace);
  }

  delete(namespace: string, name: string): void {
    const names = this.namespaces.get(namespace);
    if (!names?.delete(name)) return;
    if (names.size === 0) this.namespaces.delete(namespace);
    this.changed(namespace);
  }

  /** One namespace's objects, or every namespace's (undefined), sorted by namespace then name. */
  list(namespace: string | undefined): readonly KObject[] {
    let out = this.sorted.get(namespace);
    if (out) return out;
    const namespaces = namespace === undefined ? [...this.namespaces.keys()].sort(byCodePoint) : [namespace];
    const list: KObject[] = [];
    for (const ns of namespaces) {
      const names = this.namespaces.get(ns);
      if (!names) continue;
      for (const name of [...names.keys()].sort(byCodePoint)) list.push(names.get(name)!);
    }
    out = Object.freeze(list);
    this.sorted.set(namespace, out);
    return out;
  }

  private changed(namespace: string): void {
    this.sorted.delete(namespace);
    this.sorted.delete(undefined);
  }
}
