// ReplicaSet / ReplicationController status, as `replicaset.calculateStatus` computes it from
// the active pods it owns. Zero counts are left out as Go's `omitempty` leaves them out (only
// `replicas` is always written).
import type { KObject } from '../../api/types.js';
import { isPodAvailable, isPodReady, rfc3339 } from '../common/pods.js';

export interface ReplicaFailure {
  /** `FailedCreate` or `FailedDelete`. */
  reason: string;
  message: string;
}

export interface RsCondition {
  type: string;
  status: string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

export interface ReplicaSetStatusInput {
  rs: KObject;
  /** Active pods the set owns (before this pass's creates and deletes). */
  pods: KObject[];
  /** The error of this pass's creates/deletes, if any. */
  failure?: ReplicaFailure;
  now: number;
}

export function computeReplicaSetStatus({
  rs,
  pods,
  failure,
  now,
}: ReplicaSetStatusInput): Record<string, unknown> {
  const templateLabels: Record<string, string> = rs.spec?.template?.metadata?.labels ?? {};
  const minReadySeconds: number = rs.spec?.minReadySeconds ?? 0;
  let fullyLabeled = 0;
  let ready = 0;
  let available = 0;
  for (const pod of pods) {
    const labels = pod.metadata.labels ?? {};
    if (Object.entries(templateLabels).every(([k, v]) => labels[k] === v)) fullyLabeled++;
    if (isPodReady(pod)) {
      ready++;
      if (isPodAvailable(pod, minReadySeconds, now)) available++;
    }
  }
  let conditions: RsCondition[] = [...(rs.status?.conditions ?? [])];
  const hasFailure = conditions.some((c) => c.type === 'ReplicaFailure');
  if (failure && !hasFailure) {
    conditions.push({
      type: 'ReplicaFailure',
      status: 'True',
      lastTransitionTime: rfc3339(now),
      reason: failure.reason,
      message: failure.message,
    });
  } else if (!failure && hasFailure) {
    conditions = conditions.filter((c) => c.type !== 'ReplicaFailure');
  }
  const status: Record<string, unknown> = { replicas: pods.length };
  if (fullyLabeled) status.fullyLabeledReplicas = fullyLabeled;
  if (ready) status.readyReplicas = ready;
  if (available) status.availableReplicas = available;
  if (rs.metadata.generation) status.observedGeneration = rs.metadata.generation;
  if (conditions.length) status.conditions = conditions;
  return status;
}
