// The namespace controller: a namespace being deleted is emptied (every namespaced object is
// deleted, pods gracefully), then its 'kubernetes' finalizer is cleared and it disappears.
import { KINDS, NAMESPACE } from '../api/kinds.js';
import type { KObject } from '../api/types.js';
import type { Controller, ControllerContext } from './controller.js';

export function namespaceController({ registry }: ControllerContext): Controller {
  return {
    name: 'namespace-controller',
    watches: [{ kind: NAMESPACE, keys: (ns) => (ns.metadata.deletionTimestamp ? [ns.metadata.name!] : []) }],
    resyncKeys: () =>
      registry
        .list(NAMESPACE)
        .filter((ns) => ns.metadata.deletionTimestamp)
        .map((ns) => ns.metadata.name!),
    async reconcile(name) {
      const ns = registry.get(NAMESPACE, undefined, name);
      if (!ns?.metadata.deletionTimestamp) return {};
      let remaining = 0;
      for (const kind of KINDS) {
        if (!kind.namespaced) continue;
        for (const obj of registry.list(kind, { namespace: name })) {
          remaining++;
          if (!obj.metadata.deletionTimestamp) {
            await registry
              .delete(kind, name, obj.metadata.name!, { propagationPolicy: 'Background' })
              .catch(() => undefined);
          }
        }
      }
      if (remaining > 0) return { requeueAfterMs: 500 };
      await registry.mutate(NAMESPACE, undefined, name, (cur: KObject) => ({
        ...cur,
        spec: { ...cur.spec, finalizers: [] },
      }));
      return {};
    },
  };
}
