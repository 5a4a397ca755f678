// The garbage collector: dependents whose owners are gone (or replaced: another uid) are deleted
// in the background; an owner deleted with `foregroundDeletion` loses its dependents first and
// then the finalizer; one deleted with `orphan` has its references removed from its dependents,
// then the finalizer. Keys are objects (`<plural>.<group>/<ns>/<name>`); the graph only says
// where to look, every decision re-reads the registry.
import { kindFor } from '../../api/kinds.js';
import type { KObject } from '../../api/types.js';
import { isNotFound } from '../common/errors.js';
import { removeOwnerRef } from '../common/owners.js';
import type { Controller, ControllerContext } from '../controller.js';
import { decideDependent, decideOwner, FOREGROUND, hasFinalizer, ORPHAN, type OwnerState } from './decide.js';
import { GC_KINDS, type Node, nodeKey, nodeOf, OwnerGraph, parseNodeKey } from './graph.js';

/** A full relist of the registry at most this often (events keep the graph current in between). */
const REBUILD_MS = 10_000;

export function garbageCollector(ctx: ControllerContext): Controller {
  const { registry } = ctx;
  const graph = new OwnerGraph();
  let rebuiltAt = Number.NEGATIVE_INFINITY;
  const clock = () => ctx.now?.() ?? Date.now();

  const read = (n: Pick<Node, 'kind' | 'namespace' | 'name'>) => registry.get(n.kind, n.namespace, n.name);

  /** What an ownerReference of `obj` points at now. */
  const ownerState =
    (obj: KObject) =>
    (uid: string): OwnerState => {
      const ref = obj.metadata.ownerReferences!.find((r) => r.uid === uid)!;
      const kind = kindFor(ref.apiVersion, ref.kind);
      // A kind mkube does not know cannot be looked up: never collect on its account.
      if (!kind) return 'solid';
      const owner = registry.get(kind, kind.namespaced ? obj.metadata.namespace : undefined, ref.name);
      if (!owner || owner.metadata.uid !== uid) return 'dangling';
      return owner.metadata.deletionTimestamp && hasFinalizer(owner, FOREGROUND) ? 'waiting' : 'solid';
    };

  /** The objects (fresh) that still reference `owner`. */
  const dependentsOf = (owner: KObject): KObject[] =>
    graph
      .dependentsOf(owner.metadata.uid!)
      .map(read)
      .filter((d): d is KObject =>
        Boolean(d?.metadata.ownerReferences?.some((r) => r.uid === owner.metadata.uid)),
      );

  const kindOfObj = (obj: KObject) => kindFor(obj.apiVersion, obj.kind)!;

  async function attemptToDelete(obj: KObject): Promise<void> {
    const decision = decideDependent(obj, ownerState(obj), graph.dependentsOf(obj.metadata.uid!).length > 0);
    const kind = kindOfObj(obj);
    if (decision.action === 'remove-refs') {
      for (const uid of decision.uids) await removeOwnerRef(registry, kind, obj, uid);
    } else if (decision.action === 'delete') {
      await registry
        .delete(kind, obj.metadata.namespace, obj.metadata.name!, {
          uid: obj.metadata.uid,
          propagationPolicy: decision.propagation,
        })
        .catch((e) => {
          if (!isNotFound(e) && (e as { reason?: string }).reason !== 'Conflict') throw e;
        });
    }
  }

  async function removeFinalizer(obj: KObject, finalizer: string): Promise<void> {
    await registry
      .mutate(kindOfObj(obj), obj.metadata.namespace, obj.metadata.name!, (cur) => {
        if (cur.metadata.uid !== obj.metadata.uid || !hasFinalizer(cur, finalizer)) return undefined;
        const finalizers = (cur.metadata.finalizers ?? []).filter((f) => f !== finalizer);
        return { ...cur, metadata: { ...cur.metadata, finalizers } };
      })
      .catch((e) => {
        if (!isNotFound(e)) throw e;
      });
  }

  /** Returns true when the owner still waits for dependents. */
  async function processOwner(obj: KObject): Promise<boolean> {
    const decision = decideOwner(obj, dependentsOf(obj));
    switch (decision.action) {
      case 'orphan':
        for (const dep of decision.dependents)
          await removeOwnerRef(registry, kindOfObj(dep), dep, obj.metadata.uid!);
        await removeFinalizer(obj, ORPHAN);
        return false;
      case 'remove-foreground':
        await removeFinalizer(obj, FOREGROUND);
        return false;
      case 'delete-dependents':
        for (const dep of decision.dependents) await attemptToDelete(dep);
        return true;
      default:
        return false;
    }
  }

  /** Keys an event about `obj` should wake: itself, its dependents when it is gone, waiting owners. */
  function keysFor(obj: KObject): string[] {
    const seen = nodeOf(obj);
    if (!seen) return [];
    const fresh = read(seen);
    const keys: string[] = [];
    const wakeOwners = (owners: string[]) => {
      for (const uid of owners) {
        const owner = graph.get(uid);
        if (owner?.foreground) keys.push(nodeKey(owner));
      }
    };
    if (!fresh || fresh.metadata.uid !== seen.uid) {
      const old = graph.get(seen.uid) ?? seen;
      for (const dep of graph.dependentsOf(seen.uid)) keys.push(nodeKey(dep));
      wakeOwners(old.owners);
      graph.remove(seen.uid);
      return keys;
    }
    const node = nodeOf(fresh)!;
    graph.upsert(node);
    const deleting = fresh.metadata.deletionTimestamp && (hasFinalizer(fresh, ORPHAN) || node.foreground);
    if (node.owners.length || deleting) keys.push(nodeKey(node));
    wakeOwners(node.owners);
    return keys;
  }

  return {
    name: 'garbage-collector-controller',
    watches: GC_KINDS.map((kind) => ({ kind, keys: keysFor })),
    resyncKeys() {
      const now = clock();
      if (now - rebuiltAt >= REBUILD_MS) {
        graph.rebuild(registry);
        rebuiltAt = now;
      }
      const keys: string[] = [];
      for (const node of graph.all()) {
        const orphaned = node.owners.some((uid) => !graph.get(uid) || graph.get(uid)!.foreground);
        if (orphaned || node.foreground) keys.push(nodeKey(node));
      }
      return keys;
    },
    async reconcile(key) {
      const ref = parseNodeKey(key);
      const obj = ref && registry.get(ref.kind, ref.namespace, ref.name);
      if (!obj) return {};
      if (obj.metadata.deletionTimestamp && (hasFinalizer(obj, ORPHAN) || hasFinalizer(obj, FOREGROUND))) {
        return (await processOwner(obj)) ? { requeueAfterMs: 1000 } : {};
      }
      if (obj.metadata.ownerReferences?.length) await attemptToDelete(obj);
      return {};
    },
  };
}
