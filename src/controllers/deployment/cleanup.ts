// revisionHistoryLimit (`cleanupDeployment`): once a rollout is complete, delete the oldest old
// ReplicaSets beyond the limit — only those fully scaled down with no pods left.
import type { KObject } from '../../api/types.js';
import { isNotFound } from '../common/errors.js';
import { revisionOf } from './annotations.js';
import { byCreation, type Pass, REPLICASET } from './replicasets.js';
import { rsReplicas } from './status.js';

/** Pure: the old RSes to delete, oldest revision first. */
export function computeHistoryCleanup(oldRSs: KObject[], limit: number | undefined): KObject[] {
  if (limit === undefined || limit === null) return [];
  const alive = oldRSs.filter((rs) => !rs.metadata.deletionTimestamp);
  const diff = alive.length - limit;
  if (diff <= 0) return [];
  const byRevision = [...alive].sort((a, b) => revisionOf(a) - revisionOf(b) || byCreation(a, b));
  return byRevision
    .slice(0, diff)
    .filter(
      (rs) =>
        (rs.status?.replicas ?? 0) === 0 &&
        rsReplicas(rs) === 0 &&
        (rs.metadata.generation ?? 0) <= (rs.status?.observedGeneration ?? 0),
    );
}

export async function cleanupDeployment(pass: Pass, oldRSs: KObject[]): Promise<void> {
  for (const rs of computeHistoryCleanup(oldRSs, pass.d.spec?.revisionHistoryLimit ?? 10)) {
    await pass.ctx.registry
      .delete(REPLICASET, rs.metadata.namespace, rs.metadata.name!, { uid: rs.metadata.uid })
      .catch((e) => {
        if (!isNotFound(e)) throw e;
      });
  }
}
