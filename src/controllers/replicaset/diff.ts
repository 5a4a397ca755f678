// The ReplicaSet controller's one decision: `pods - replicas`. Too few: create the missing
// ones in slow-start batches (1, 2, 4, ...) so a failing create (quota, bad template) fails
// once instead of hundreds of times; too many: delete the least-started first.
import type { KObject } from '../../api/types.js';
import { podsToDelete } from './rank.js';

/** `replicaset.BurstReplicas`: at most this many creates or deletes per pass. */
export const BURST_REPLICAS = 500;

export interface ReplicaDiff {
  create: number;
  delete: KObject[];
}

/** Pure: what to do to make `active` pods into `replicas`. */
export function computeReplicaDiff(active: KObject[], replicas: number): ReplicaDiff {
  const diff = active.length - replicas;
  if (diff < 0) return { create: Math.min(-diff, BURST_REPLICAS), delete: [] };
  if (diff > 0) return { create: 0, delete: podsToDelete(active, Math.min(diff, BURST_REPLICAS)) };
  return { create: 0, delete: [] };
}

/**
 * `controller.slowStartBatch` sizes: start at `initial`, double after each fully successful
 * batch, never past what remains. E.g. 10 -> [1, 2, 4, 3].
 */
export function slowStartBatches(count: number, initial = 1): number[] {
  const out: number[] = [];
  let remaining = count;
  for (let size = Math.min(remaining, initial); size > 0; size = Math.min(2 * size, remaining)) {
    out.push(size);
    remaining -= size;
  }
  return out;
}

/**
 * Run `fn` `count` times in slow-start batches; stops after the first batch with a failure.
 * Returns how many succeeded and the first error.
 */
export async function slowStartBatch(
  count: number,
  fn: (index: number) => Promise<void>,
  initial = 1,
): Promise<{ successes: number; error?: Error }> {
  let successes = 0;
  let index = 0;
  for (const size of slowStartBatches(count, initial)) {
    const results = await Promise.allSettled(Array.from({ length: size }, (_, i) => fn(index + i)));
    index += size;
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    successes += results.filter((r) => r.status === 'fulfilled').length;
    if (failed) return { successes, error: failed.reason as Error };
  }
  return { successes };
}
