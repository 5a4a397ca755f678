// The garbage collector's dependency graph (graph_builder.go, much reduced): for every object
// that is an owner or a dependent, who it is and which uids it points at, so "what depends on
// this uid" is a lookup instead of a scan of every kind. It is a cache: decisions re-read the registry.
import { KINDS, type KindInfo, kindFor } from '../../api/kinds.js';
import type { KObject } from '../../api/types.js';
import type { Registry } from '../../registry/registry.js';
import { FOREGROUND, hasFinalizer } from './decide.js';

export interface Node {
  kind: KindInfo;
  namespace: string | undefined;
  name: string;
  uid: string;
  owners: string[];
  /** Being deleted in the foreground: its dependents' changes should wake it. */
  foreground: boolean;
}

/** Kinds the collector follows: all but Events (many, and never owners or dependents here). */
export const GC_KINDS: readonly KindInfo[] = KINDS.filter(
  (k) => !['Event', 'Binding', 'ComponentStatus'].includes(k.kind),
);

const kindId = (k: KindInfo) => `${k.plural}.${k.group}`;
const byId = new Map(GC_KINDS.map((k) => [kindId(k), k]));

/** `<plural>.<group>/<namespace>/<name>`: the collector's work-queue key. */
export const nodeKey = (n: { kind: KindInfo; namespace?: string; name: string }): string =>
  `${kindId(n.kind)}/${n.namespace ?? ''}/${n.name}`;

export function parseNodeKey(
  key: string,
): { kind: KindInfo; namespace: string | undefined; name: string } | undefined {
  const [id, ns, name] = key.split('/');
  const kind = id ? byId.get(id) : undefined;
  return kind && name ? { kind, namespace: ns || undefined, name } : undefined;
}

export function nodeOf(obj: KObject): Node | undefined {
  const kind = kindFor(obj.apiVersion ?? '', obj.kind ?? '');
  if (!kind || !obj.metadata?.uid || !obj.metadata.name) return undefined;
  return {
    kind,
    namespace: kind.namespaced ? obj.metadata.namespace : undefined,
    name: obj.metadata.name,
    uid: obj.metadata.uid,
    owners: (obj.metadata.ownerReferences ?? []).map((r) => r.uid),
    foreground: Boolean(obj.metadata.deletionTimestamp) && hasFinalizer(obj, FOREGROUND),
  };
}

export class OwnerGraph {
  private readonly nodes = new Map<string, Node>();
  private readonly dependents = new Map<string, Set<string>>();

  get(uid: string): Node | undefined {
    return this.nodes.get(uid);
  }

  upsert(node: Node): void {
    this.remove(node.uid);
    this.nodes.set(node.uid, node);
    for (const owner of node.owners) {
      const set = this.dependents.get(owner) ?? new Set<string>();
      this.dependents.set(owner, set);
      set.add(node.uid);
    }
  }

  remove(uid: string): void {
    const old = this.nodes.get(uid);
    if (!old) return;
    this.nodes.delete(uid);
    for (const owner of old.owners) {
      const set = this.dependents.get(owner);
      set?.delete(uid);
      if (set?.size === 0) this.dependents.delete(owner);
    }
  }

  dependentsOf(uid: string): Node[] {
    return [...(this.dependents.get(uid) ?? [])]
      .map((d) => this.nodes.get(d))
      .filter((n): n is Node => Boolean(n));
  }

  all(): IterableIterator<Node> {
    return this.nodes.values();
  }

  /** Rebuild from a full listing of the registry. */
  rebuild(registry: Registry): void {
    this.nodes.clear();
    this.dependents.clear();
    for (const kind of GC_KINDS) {
      for (const obj of registry.list(kind)) {
        const node = nodeOf(obj);
        if (node) this.upsert(node);
      }
    }
  }
}
