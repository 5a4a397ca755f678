// The Recreate strategy (`recreate.go`): scale every old RS to 0, wait until none of their pods
// exist (terminating ones included), and only then create and scale up the new RS.
import { POD } from '../../api/kinds.js';
import type { KObject } from '../../api/types.js';
import { getControllerOf } from '../common/owners.js';
import { getAllReplicaSetsAndSyncRevision, type Pass, scaleTo } from './replicasets.js';
import type { RolloutResult } from './rolling.js';
import { rsReplicas, shapeOf } from './status.js';

/** `oldPodsRunning`: old RSes report pods, or pods of theirs still exist and are not finished. */
export function oldPodsRunning(newRS: KObject | undefined, oldRSs: KObject[], pods: KObject[]): boolean {
  if (oldRSs.some((rs) => (rs.status?.replicas ?? 0) > 0)) return true;
  const oldUids = new Set(oldRSs.map((rs) => rs.metadata.uid));
  return pods.some((pod) => {
    const owner = getControllerOf(pod)?.uid;
    if (!owner || !oldUids.has(owner) || owner === newRS?.metadata.uid) return false;
    const phase = pod.status?.phase;
    return phase !== 'Failed' && phase !== 'Succeeded';
  });
}

export async function rolloutRecreate(pass: Pass, rsList: KObject[]): Promise<RolloutResult> {
  let { newRS, oldRSs } = await getAllReplicaSetsAndSyncRevision(pass, rsList, false);
  let scaledDown = false;
  for (const rs of oldRSs.filter((r) => rsReplicas(r) > 0)) {
    if ((await scaleTo(pass, rs, 0)).scaled) scaledDown = true;
  }
  if (scaledDown) return { newRS, oldRSs, settled: false };
  const pods = pass.ctx.registry.list(POD, { namespace: pass.d.metadata.namespace });
  if (oldPodsRunning(newRS, oldRSs, pods)) return { newRS, oldRSs, settled: false };
  if (!newRS) ({ newRS, oldRSs } = await getAllReplicaSetsAndSyncRevision(pass, rsList, true));
  const { scaled } = await scaleTo(pass, newRS!, shapeOf(pass.d).replicas);
  return { newRS, oldRSs, settled: !scaled };
}
