// StatefulSet status (`updateStatus` / `computeReplicaStatus` / `completeRollingUpdate`), pure,
// in the field order and with the omissions of apps/v1 StatefulSetStatus.
import type { KObject } from '../../api/types.js';
import { isPodAvailable, isPodReady, isTerminating } from '../common/pods.js';
import { ordinalOf, podRevision } from './identity.js';

export interface StsStatusInput {
  set: KObject;
  pods: KObject[];
  currentRevision: string;
  updateRevision: string;
  collisionCount: number;
  now: number;
}

export function computeStatefulSetStatus(input: StsStatusInput): Record<string, unknown> {
  const { set, currentRevision, updateRevision, collisionCount, now } = input;
  const minReady: number = set.spec?.minReadySeconds ?? 0;
  let replicas = 0;
  let ready = 0;
  let available = 0;
  let current = 0;
  let updated = 0;
  for (const pod of input.pods) {
    if (ordinalOf(pod) < 0) continue;
    replicas++;
    if (pod.status?.phase === 'Running' && isPodReady(pod)) {
      ready++;
      if (isPodAvailable(pod, minReady, now)) available++;
    }
    if (!isTerminating(pod)) {
      if (podRevision(pod) === currentRevision) current++;
      if (podRevision(pod) === updateRevision) updated++;
    }
  }
  let currentRev = currentRevision;
  // `completeRollingUpdate`: every pod updated and ready -> the update revision becomes current.
  const strategy = set.spec?.updateStrategy?.type ?? 'RollingUpdate';
  if (strategy === 'RollingUpdate' && updated === replicas && ready === replicas) {
    current = updated;
    currentRev = updateRevision;
  }
  const status: Record<string, unknown> = {};
  if (set.metadata.generation) status.observedGeneration = set.metadata.generation;
  status.replicas = replicas;
  if (ready) status.readyReplicas = ready;
  if (current) status.currentReplicas = current;
  if (updated) status.updatedReplicas = updated;
  if (currentRev) status.currentRevision = currentRev;
  if (updateRevision) status.updateRevision = updateRevision;
  status.collisionCount = collisionCount;
  status.availableReplicas = available;
  return status;
}
