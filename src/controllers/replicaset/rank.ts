// Which pods a ReplicaSet deletes first when it has too many: the least "started" ones, as
// `controller.ActivePodsWithRanks.Less` orders them (without the logarithmic buckets, which
// only matter on clusters with many nodes and long-lived pods).
import type { KObject } from '../../api/types.js';
import { isPodReady, maxContainerRestarts, podReadyTime, timeOf } from '../common/pods.js';

const PHASE_ORDER: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

const deletionCost = (pod: KObject): number => {
  const raw = pod.metadata.annotations?.['controller.kubernetes.io/pod-deletion-cost'];
  const n = raw === undefined ? 0 : Number(raw);
  return Number.isInteger(n) ? n : 0;
};

/** Later (or missing) time first: Go's `afterOrZero`. */
function laterFirst(a: number | undefined, b: number | undefined): number {
  if (!a || !b) return !a && !b ? 0 : !a ? -1 : 1;
  return b - a;
}

/**
 * Negative when `a` should be deleted before `b`:
 * 1. unscheduled < scheduled; 2. Pending < Unknown < Running; 3. not ready < ready;
 * 4. lower pod-deletion-cost first; 5. ready for a shorter time < longer;
 * 6. more container restarts first; 7. newer < older. Ties break by name, for determinism.
 */
export function compareForDeletion(a: KObject, b: KObject): number {
  const aNode = a.spec?.nodeName ?? '';
  const bNode = b.spec?.nodeName ?? '';
  if (aNode !== bNode && (!aNode || !bNode)) return !aNode ? -1 : 1;
  const aPhase = PHASE_ORDER[a.status?.phase ?? ''] ?? 0;
  const bPhase = PHASE_ORDER[b.status?.phase ?? ''] ?? 0;
  if (aPhase !== bPhase) return aPhase - bPhase;
  const aReady = isPodReady(a);
  if (aReady !== isPodReady(b)) return aReady ? 1 : -1;
  const cost = deletionCost(a) - deletionCost(b);
  if (cost !== 0) return cost;
  if (aReady) {
    const byReady = laterFirst(podReadyTime(a), podReadyTime(b));
    if (byReady !== 0) return byReady;
  }
  const restarts = maxContainerRestarts(b) - maxContainerRestarts(a);
  if (restarts !== 0) return restarts;
  const byAge = laterFirst(timeOf(a.metadata.creationTimestamp), timeOf(b.metadata.creationTimestamp));
  if (byAge !== 0) return byAge;
  return (a.metadata.name ?? '').localeCompare(b.metadata.name ?? '');
}

/** The `count` pods to delete first. */
export function podsToDelete(pods: KObject[], count: number): KObject[] {
  if (count <= 0) return [];
  return [...pods].sort(compareForDeletion).slice(0, count);
}
