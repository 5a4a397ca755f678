// One DaemonSet pass on mkube's one node, pure: should a daemon pod run there; which pods to
// delete (failed ones, extras, misscheduled ones, the old one of a rolling update when the
// budget allows); whether to create the pod; and the status. A rolling update with maxSurge 0
// deletes the old pod first (within maxUnavailable) and the next pass creates the new one; with
// maxSurge the new pod starts beside the old one, which goes once the new one is available.
import type { KObject } from '../../api/types.js';
import { isPodAvailable, isPodReady, isTerminating, timeOf } from '../common/pods.js';

export interface DaemonPlan {
  create: boolean;
  delete: KObject[];
  /** Failed pods found (a Warning event each). */
  failed: KObject[];
  status: Record<string, unknown>;
}

export interface DaemonInput {
  ds: KObject;
  /** The node, or undefined when no node is registered yet. */
  node: KObject | undefined;
  /** Why the daemon pod may not run there (placement.ts), when it may not. */
  problem: string | undefined;
  pods: KObject[];
  /** The hash label value of the update revision. */
  updateHash: string;
  collisionCount: number;
  now: number;
}

export const HASH_KEY = 'controller-revision-hash';

/** `GetScaledValueFromIntOrPercent` of `value` against `total` (percent rounded up). */
export function scaled(value: number | string | undefined, total: number): number {
  if (value === undefined) return 0;
  if (typeof value === 'number') return value;
  const m = /^(\d+)%$/.exec(value);
  return m ? Math.ceil((Number(m[1]) * total) / 100) : Number(value) || 0;
}

export function computeDaemonPlan(input: DaemonInput): DaemonPlan {
  const { ds, node, problem, updateHash, now } = input;
  const minReady: number = ds.spec?.minReadySeconds ?? 0;
  const shouldRun = Boolean(node) && !problem;
  const live = input.pods.filter((p) => !isTerminating(p));
  const failed = live.filter((p) => p.status?.phase === 'Failed');
  const running = live
    .filter((p) => p.status?.phase !== 'Failed')
    .sort((a, b) => timeOf(a.metadata.creationTimestamp) - timeOf(b.metadata.creationTimestamp));
  const isNew = (p: KObject) => p.metadata.labels?.[HASH_KEY] === updateHash;
  const available = (p: KObject) => isPodAvailable(p, minReady, now);
  const plan: DaemonPlan = { create: false, delete: [...failed], failed, status: {} };

  if (!shouldRun) plan.delete.push(...running);
  else if (!running.length) plan.create = true;
  else {
    const rolling = ds.spec?.updateStrategy?.type !== 'OnDelete';
    const fresh = running.filter(isNew);
    const old = running.filter((p) => !isNew(p));
    if (!rolling || !old.length) {
      // Keep one (the oldest; a new one when there is one), delete the rest.
      const keep = fresh[0] ?? running[0]!;
      plan.delete.push(...running.filter((p) => p !== keep));
    } else {
      const ru = ds.spec?.updateStrategy?.rollingUpdate ?? {};
      const surge = scaled(ru.maxSurge, 1);
      let maxUnavailable = scaled(ru.maxUnavailable ?? 1, 1);
      if (!surge && !maxUnavailable) maxUnavailable = 1;
      plan.delete.push(...fresh.slice(1));
      if (surge > 0) {
        if (!fresh.length) plan.create = true;
        else if (available(fresh[0]!)) plan.delete.push(...old);
        else if (!old.some(available)) plan.delete.push(...old);
      } else if (fresh.length) {
        plan.delete.push(...old);
      } else {
        // Deleting an available pod makes one more unavailable; an unavailable one costs nothing.
        const unavailableNow = old.some(available) ? 0 : 1;
        if (!old.some(available) || unavailableNow < maxUnavailable) plan.delete.push(...old);
      }
    }
  }

  const scheduled = running.length > 0;
  const desired = node && !problem ? 1 : 0;
  const ready = running.filter(isPodReady).length > 0 && shouldRun;
  const isAvailable = running.some(available) && shouldRun;
  const updated = shouldRun && running.some(isNew);
  const status: Record<string, unknown> = {
    currentNumberScheduled: scheduled && shouldRun ? 1 : 0,
    numberMisscheduled: scheduled && !shouldRun ? 1 : 0,
    desiredNumberScheduled: desired,
    numberReady: ready ? 1 : 0,
    observedGeneration: ds.metadata.generation,
  };
  if (updated) status.updatedNumberScheduled = 1;
  if (isAvailable) status.numberAvailable = 1;
  if (desired && !isAvailable) status.numberUnavailable = 1;
  if (input.collisionCount) status.collisionCount = input.collisionCount;
  plan.status = status;
  return plan;
}
