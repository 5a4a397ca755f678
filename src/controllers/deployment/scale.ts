// Scaling a Deployment that is not rolling out (`sync.go` `scale`): one active RS takes the whole
// count; with several (a scale in the middle of a rollout) the change is shared out in
// proportion to each RS's size, as `GetProportion` computes it.
import type { KObject } from '../../api/types.js';
import { DESIRED_REPLICAS, MAX_REPLICAS } from './annotations.js';
import { byCreation, type Pass, scaleReplicaSet, scaleTo } from './replicasets.js';
import { type DeploymentShape, maxSurgeOf } from './rolling-math.js';
import { rsReplicas, shapeOf } from './status.js';

const annotationInt = (rs: KObject, key: string): number | undefined => {
  const v = rs.metadata.annotations?.[key];
  const n = v === undefined ? Number.NaN : Number(v);
  return Number.isInteger(n) ? n : undefined;
};

export const isActive = (rs: KObject | undefined): rs is KObject => Boolean(rs) && rsReplicas(rs) > 0;

/** `isScalingEvent`: some active RS was sized for a different replica count. */
export function isScalingEvent(d: KObject, allRSs: (KObject | undefined)[]): boolean {
  const replicas = shapeOf(d).replicas;
  return allRSs.filter(isActive).some((rs) => {
    const desired = annotationInt(rs, DESIRED_REPLICAS);
    return desired !== undefined && desired !== replicas;
  });
}

/** `FindActiveOrLatest`: the only active RS, or the newest when none is active. */
export function findActiveOrLatest(newRS: KObject | undefined, oldRSs: KObject[]): KObject | undefined {
  if (!newRS && oldRSs.length === 0) return undefined;
  const newestFirst = [...oldRSs].sort(byCreation).reverse();
  const active = [...newestFirst, newRS].filter(isActive);
  if (active.length === 0) return newRS ?? newestFirst[0];
  return active.length === 1 ? active[0] : undefined;
}

/** `IsSaturated`: the new RS has all replicas, sized for them, all available. */
export function isSaturated(d: KObject, rs: KObject | undefined): boolean {
  if (!rs) return false;
  const replicas = shapeOf(d).replicas;
  return (
    annotationInt(rs, DESIRED_REPLICAS) === replicas &&
    rsReplicas(rs) === replicas &&
    (rs.status?.availableReplicas ?? 0) === replicas
  );
}

/** Go's `math.Round` (half away from zero). */
const roundHalfAway = (x: number): number => Math.sign(x) * Math.round(Math.abs(x));

/** `getReplicaSetFraction`: this RS's share of a new total, from the size it was made for. */
function fraction(rs: KObject, shape: DeploymentShape, statusReplicas: number): number {
  if (shape.replicas === 0) return -rsReplicas(rs);
  const target = shape.replicas + maxSurgeOf(shape);
  const annotated = annotationInt(rs, MAX_REPLICAS) ?? statusReplicas;
  if (!annotated) return 0;
  return roundHalfAway((rsReplicas(rs) * target) / annotated) - rsReplicas(rs);
}

/**
 * Pure: the new size of each active RS when the Deployment's total changes mid-rollout.
 * `sets` are the active RSes; leftovers go to the first (largest) one.
 */
export function proportionalSizes(
  d: KObject,
  sets: KObject[],
): { sizes: Map<string, number>; op?: 'up' | 'down' } {
  const shape = shapeOf(d);
  const current = sets.reduce((n, rs) => n + rsReplicas(rs), 0);
  const allowed = shape.replicas > 0 ? shape.replicas + maxSurgeOf(shape) : 0;
  const toAdd = allowed - current;
  const op = toAdd > 0 ? 'up' : toAdd < 0 ? 'down' : undefined;
  // Up: bigger first, newer first among equals. Down: bigger first, older first among equals.
  const ordered = [...sets].sort((a, b) => {
    const diff = rsReplicas(b) - rsReplicas(a);
    if (diff !== 0) return diff;
    return op === 'up' ? byCreation(b, a) : byCreation(a, b);
  });
  const sizes = new Map<string, number>();
  let added = 0;
  for (const rs of ordered) {
    let proportion = 0;
    if (toAdd !== 0 && rsReplicas(rs) !== 0 && toAdd !== added) {
      const f = fraction(rs, shape, d.status?.replicas ?? 0);
      const room = toAdd - added;
      proportion = toAdd > 0 ? Math.min(f, room) : Math.max(f, room);
    }
    sizes.set(rs.metadata.name!, rsReplicas(rs) + proportion);
    added += proportion;
  }
  if (ordered.length && toAdd !== 0) {
    const first = ordered[0]!.metadata.name!;
    sizes.set(first, Math.max(0, sizes.get(first)! + toAdd - added));
  }
  return { sizes, op };
}

/** `scale`: bring the RSes to the Deployment's replica count without rolling anything. */
export async function scale(pass: Pass, newRS: KObject | undefined, oldRSs: KObject[]): Promise<void> {
  const { d } = pass;
  const replicas = shapeOf(d).replicas;
  const only = findActiveOrLatest(newRS, oldRSs);
  if (only) {
    if (rsReplicas(only) !== replicas) await scaleTo(pass, only, replicas);
    return;
  }
  if (isSaturated(d, newRS)) {
    for (const old of oldRSs.filter(isActive)) await scaleTo(pass, old, 0);
    return;
  }
  if (shapeOf(d).strategy !== 'RollingUpdate') return;
  const active = [...oldRSs, newRS].filter(isActive);
  const { sizes, op } = proportionalSizes(d, active);
  for (const rs of active) await scaleReplicaSet(pass, rs, sizes.get(rs.metadata.name!)!, op);
}
