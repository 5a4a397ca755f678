// The namespace controller: a namespace being deleted is emptied (every namespaced object is
// deleted, pods gracefully), then its 'kubernetes' finalizer is cleared and it disappears.
import { KINDS, NAMESPACE } from '../api/kinds.js';
import type { KObject } from '../api/types.js';
import type { Store } from '../state/types.js';

export async function reconcileNamespace(store: Store, name: string): Promise<{ requeueAfterMs?: number }> {
  const ns = store.get(NAMESPACE, undefined, name);
  if (!ns?.metadata.deletionTimestamp) return {};
  let remaining = 0;
  for (const kind of KINDS) {
    if (!kind.namespaced) continue;
    for (const obj of store.list(kind, { namespace: name })) {
      remaining++;
      if (!obj.metadata.deletionTimestamp) {
        await store
          .delete(kind, name, obj.metadata.name!, { propagationPolicy: 'Background' })
          .catch(() => undefined);
      }
    }
  }
  if (remaining > 0) return { requeueAfterMs: 500 };
  await store.patch(NAMESPACE, undefined, name, (cur: KObject) => ({
    ...cur,
    spec: { ...cur.spec, finalizers: [] },
  }));
  return {};
}
