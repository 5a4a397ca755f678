// How the workload verbs (scale, set, label, annotate, edit, rollout) change an object: a
// read-modify-write through the registry, which defaults, validates against the live object and
// commits — or, for --dry-run=server, does all of that and commits nothing.
import type { KindInfo } from '../../api/kinds.js';
import type { KObject } from '../../api/types.js';
import type { Registry } from '../../registry/registry.js';
import type { UpdateOptions } from '../../registry/types.js';

/**
 * Read-modify-write of the main part of one object, admitted as an update. `mutate` gets a fresh
 * copy and returns the new object, or undefined for "no change". Resolves to the stored object
 * (unchanged when nothing was written; as it would be stored for a dry run).
 */
export async function updateObject(
  registry: Registry,
  kind: KindInfo,
  obj: KObject,
  mutate: (fresh: KObject) => KObject | undefined,
  opts: UpdateOptions = {},
): Promise<{ obj: KObject; changed: boolean }> {
  let changed = false;
  const result = await registry.mutate(
    kind,
    obj.metadata.namespace,
    obj.metadata.name!,
    (fresh) => {
      const next = mutate(fresh);
      changed = next !== undefined;
      return next;
    },
    opts,
  );
  return { obj: result ?? obj, changed };
}
