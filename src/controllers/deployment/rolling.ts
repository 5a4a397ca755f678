// The RollingUpdate strategy (`rolling.go`): each pass makes one kind of change — scale the new
// RS up into the surge room, or else scale old RSes down within the unavailability budget —
// and then only records status; the next pass re-reads the world.
import type { KObject } from '../../api/types.js';
import { byCreation, getAllReplicaSetsAndSyncRevision, type Pass, scaleTo } from './replicasets.js';
import { computeOldScaleDown, newRSNewReplicas } from './rolling-math.js';
import { rsReplicas, shapeOf } from './status.js';

/** `reconcileNewReplicaSet`: true when the new RS was scaled. */
async function reconcileNewReplicaSet(pass: Pass, allRSs: KObject[], newRS: KObject): Promise<boolean> {
  const shape = shapeOf(pass.d);
  const current = rsReplicas(newRS);
  if (current === shape.replicas) return false;
  if (current > shape.replicas) return (await scaleTo(pass, newRS, shape.replicas)).scaled;
  const total = allRSs.reduce((n, rs) => n + rsReplicas(rs), 0);
  return (await scaleTo(pass, newRS, newRSNewReplicas(shape, total, current))).scaled;
}

/** `reconcileOldReplicaSets`: true when some old RS was scaled down. */
async function reconcileOldReplicaSets(pass: Pass, oldRSs: KObject[], newRS: KObject): Promise<boolean> {
  const ordered = oldRSs.filter((rs) => rsReplicas(rs) > 0).sort(byCreation);
  const sizes = computeOldScaleDown(
    shapeOf(pass.d),
    { replicas: rsReplicas(newRS), available: newRS.status?.availableReplicas ?? 0 },
    ordered.map((rs) => ({
      name: rs.metadata.name!,
      replicas: rsReplicas(rs),
      available: rs.status?.availableReplicas ?? 0,
    })),
  );
  let scaled = false;
  for (const rs of ordered) {
    const size = sizes.get(rs.metadata.name!);
    if (size !== undefined && (await scaleTo(pass, rs, size)).scaled) scaled = true;
  }
  return scaled;
}

export interface RolloutResult {
  newRS: KObject | undefined;
  oldRSs: KObject[];
  /** True when nothing moved this pass (so old history may be cleaned up once complete). */
  settled: boolean;
}

export async function rolloutRolling(pass: Pass, rsList: KObject[]): Promise<RolloutResult> {
  const { newRS, oldRSs } = await getAllReplicaSetsAndSyncRevision(pass, rsList, true);
  const all = [...oldRSs, newRS!];
  if (await reconcileNewReplicaSet(pass, all, newRS!)) return { newRS, oldRSs, settled: false };
  if (await reconcileOldReplicaSets(pass, oldRSs, newRS!)) return { newRS, oldRSs, settled: false };
  return { newRS, oldRSs, settled: true };
}
