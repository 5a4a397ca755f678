// The rolling-update arithmetic of pkg/controller/deployment, as pure functions over numbers.
//
// Worked example: replicas 3, maxSurge 25% (-> 1, rounded up), maxUnavailable 25% (-> 0,
// rounded down). Old RS at 3. Pass 1: the new RS may grow to min(3+1-3, 3-0) = 1 (4 pods).
// Pass 2: old may shrink by allPods - minAvailable - newUnavailable = 4 - 3 - 1 = 0: wait.
// Once the new pod is available: 4 - 3 - 0 = 1, and 4 available > 3 needed, so old -> 2. Repeat.

export type IntOrPercent = number | string | undefined | null;

/**
 * `intstr.GetScaledValueFromIntOrPercent`: an int as is; `N%` of `total`, rounded up or down.
 * A string without `%` is an error in Kubernetes; validation refuses it, so it counts as 0 here.
 */
export function scaledValue(value: IntOrPercent, total: number, roundUp: boolean): number {
  if (value === undefined || value === null) return 0;
  if (typeof value === 'number') return value;
  const m = /^(-?\d+)%$/.exec(value.trim());
  if (!m) return /^-?\d+$/.test(value.trim()) ? Number(value) : 0;
  const exact = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

/** `ResolveFenceposts`: surge rounded up, unavailable down; both 0 would deadlock, so unavailable becomes 1. */
export function resolveFenceposts(
  maxSurge: IntOrPercent,
  maxUnavailable: IntOrPercent,
  desired: number,
): { surge: number; unavailable: number } {
  const surge = scaledValue(maxSurge, desired, true);
  let unavailable = scaledValue(maxUnavailable, desired, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}

export interface DeploymentShape {
  replicas: number;
  /** 'RollingUpdate' | 'Recreate'. */
  strategy: string;
  maxSurge?: IntOrPercent;
  maxUnavailable?: IntOrPercent;
}

/** `MaxSurge`: 0 unless rolling. */
export function maxSurgeOf(d: DeploymentShape): number {
  if (d.strategy !== 'RollingUpdate') return 0;
  return resolveFenceposts(d.maxSurge, d.maxUnavailable, d.replicas).surge;
}

/** `MaxUnavailable`: 0 unless rolling with replicas; never more than replicas. */
export function maxUnavailableOf(d: DeploymentShape): number {
  if (d.strategy !== 'RollingUpdate' || d.replicas === 0) return 0;
  const { unavailable } = resolveFenceposts(d.maxSurge, d.maxUnavailable, d.replicas);
  return Math.min(unavailable, d.replicas);
}

/**
 * `NewRSNewReplicas`: the new RS's next size. Rolling: grow into the surge room,
 * `min(replicas + surge - Σspec, replicas - new)`; Recreate: straight to replicas.
 */
export function newRSNewReplicas(
  d: DeploymentShape,
  totalSpecReplicas: number,
  newRSReplicas: number,
): number {
  if (d.strategy !== 'RollingUpdate') return d.replicas;
  const maxTotal = d.replicas + maxSurgeOf(d);
  if (totalSpecReplicas >= maxTotal) return newRSReplicas;
  const scaleUp = Math.min(maxTotal - totalSpecReplicas, d.replicas - newRSReplicas);
  return newRSReplicas + scaleUp;
}

/** An old ReplicaSet as the scale-down arithmetic sees it. */
export interface RSCounts {
  name: string;
  /** spec.replicas */
  replicas: number;
  /** status.availableReplicas */
  available: number;
}

/**
 * `reconcileOldReplicaSets` without the writes: the new sizes of the old ReplicaSets (ordered
 * oldest first), or an empty map when none may shrink yet. First unhealthy pods go
 * (`cleanupUnhealthyReplicas`), then healthy ones down to `replicas - maxUnavailable` available.
 */
export function computeOldScaleDown(
  d: DeploymentShape,
  newRS: { replicas: number; available: number } | undefined,
  oldRSs: RSCounts[],
): Map<string, number> {
  const sizes = new Map<string, number>();
  const oldTotal = oldRSs.reduce((n, rs) => n + rs.replicas, 0);
  if (oldTotal === 0) return sizes;
  const allPods = oldTotal + (newRS?.replicas ?? 0);
  const minAvailable = d.replicas - maxUnavailableOf(d);
  const newUnavailable = newRS ? newRS.replicas - newRS.available : 0;
  const maxScaledDown = allPods - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return sizes;

  // 1. Unhealthy replicas first: they do not count towards availability anyway.
  let cleaned = 0;
  for (const rs of oldRSs) {
    if (cleaned >= maxScaledDown) break;
    if (rs.replicas === 0 || rs.replicas === rs.available) continue;
    const down = Math.min(maxScaledDown - cleaned, rs.replicas - rs.available);
    sizes.set(rs.name, rs.replicas - down);
    cleaned += down;
  }
  // 2. Healthy ones, as long as enough stay available.
  const available = oldRSs.reduce((n, rs) => n + rs.available, 0) + (newRS?.available ?? 0);
  const budget = available - minAvailable;
  let scaled = 0;
  for (const rs of oldRSs) {
    if (scaled >= budget) break;
    const current = sizes.get(rs.name) ?? rs.replicas;
    if (current === 0) continue;
    const down = Math.min(current, budget - scaled);
    sizes.set(rs.name, current - down);
    scaled += down;
  }
  return sizes;
}
