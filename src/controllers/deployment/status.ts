// Deployment status from its ReplicaSets (`calculateStatus`) and the Progressing condition
// bookkeeping of `syncRolloutStatus`, pure: (deployment, replica sets, now) -> status.
import type { KObject } from '../../api/types.js';
import {
  AVAILABLE,
  type DeploymentStatus,
  deploymentComplete,
  deploymentProgressing,
  deploymentTimedOut,
  getCondition,
  hasProgressDeadline,
  newCondition,
  PROGRESSING,
  REASON,
  REPLICA_FAILURE,
  removeCondition,
  setCondition,
} from './conditions.js';
import { type DeploymentShape, maxUnavailableOf } from './rolling-math.js';

/** spec.replicas of a ReplicaSet (1 when unset, as defaulting makes it). */
export const rsReplicas = (rs: KObject | undefined): number => (rs ? (rs.spec?.replicas ?? 1) : 0);
const sum = (sets: (KObject | undefined)[], f: (rs: KObject) => number) =>
  sets.reduce((n, rs) => n + (rs ? f(rs) : 0), 0);

/** The numbers the rollout arithmetic needs from a Deployment, with API defaults. */
export function shapeOf(d: KObject): DeploymentShape {
  const strategy = d.spec?.strategy ?? {};
  return {
    replicas: d.spec?.replicas ?? 1,
    strategy: strategy.type ?? 'RollingUpdate',
    maxSurge: strategy.rollingUpdate?.maxSurge ?? '25%',
    maxUnavailable: strategy.rollingUpdate?.maxUnavailable ?? '25%',
  };
}

/** Drop zero counts as Go's omitempty does, keeping the field order of DeploymentStatus. */
function compact(s: DeploymentStatus): DeploymentStatus {
  const out: DeploymentStatus = {};
  for (const key of [
    'observedGeneration',
    'replicas',
    'updatedReplicas',
    'readyReplicas',
    'availableReplicas',
    'unavailableReplicas',
    'conditions',
    'collisionCount',
  ] as const) {
    const v = s[key];
    if (v !== undefined && v !== 0 && !(Array.isArray(v) && v.length === 0)) (out as any)[key] = v;
  }
  return out;
}

/** `calculateStatus`: counts summed over every ReplicaSet, and the Available condition. */
export function calculateStatus(
  d: KObject,
  allRSs: KObject[],
  newRS: KObject | undefined,
  now: number,
): DeploymentStatus {
  const available = sum(allRSs, (rs) => rs.status?.availableReplicas ?? 0);
  const total = sum(allRSs, rsReplicas);
  const status: DeploymentStatus = {
    observedGeneration: d.metadata.generation,
    replicas: sum(allRSs, (rs) => rs.status?.replicas ?? 0),
    updatedReplicas: newRS?.status?.replicas ?? 0,
    readyReplicas: sum(allRSs, (rs) => rs.status?.readyReplicas ?? 0),
    availableReplicas: available,
    unavailableReplicas: Math.max(0, total - available),
    conditions: [...(d.status?.conditions ?? [])],
    collisionCount: d.status?.collisionCount,
  };
  const shape = shapeOf(d);
  if (available >= shape.replicas - maxUnavailableOf(shape)) {
    setCondition(
      status,
      newCondition(
        AVAILABLE,
        'True',
        REASON.minimumReplicasAvailable,
        'Deployment has minimum availability.',
        now,
      ),
    );
  } else {
    setCondition(
      status,
      newCondition(
        AVAILABLE,
        'False',
        REASON.minimumReplicasUnavailable,
        'Deployment does not have minimum availability.',
        now,
      ),
    );
  }
  return compact(status);
}

/** The Progressing condition for this pass: complete, progressing, or timed out. */
function updateProgress(d: KObject, s: DeploymentStatus, newRS: KObject | undefined, now: number): void {
  const current = getCondition(d.status, PROGRESSING);
  const complete = s.replicas === s.updatedReplicas && current?.reason === REASON.newReplicaSetAvailable;
  if (complete) return;
  const subject = newRS ? `ReplicaSet "${newRS.metadata.name}"` : `Deployment "${d.metadata.name}"`;
  if (deploymentComplete(d, s)) {
    setCondition(
      s,
      newCondition(
        PROGRESSING,
        'True',
        REASON.newReplicaSetAvailable,
        `${subject} has successfully progressed.`,
        now,
      ),
    );
  } else if (deploymentProgressing(d, s)) {
    // Progress refreshes lastUpdateTime even with an unchanged reason (the deadline restarts).
    const cond = newCondition(
      PROGRESSING,
      'True',
      REASON.replicaSetUpdated,
      `${subject} is progressing.`,
      now,
    );
    if (current?.status === 'True') cond.lastTransitionTime = current.lastTransitionTime;
    removeCondition(s, PROGRESSING);
    setCondition(s, cond);
  } else if (deploymentTimedOut(d, s, now)) {
    setCondition(
      s,
      newCondition(PROGRESSING, 'False', REASON.timedOut, `${subject} has timed out progressing.`, now),
    );
  }
}

/** ReplicaFailure conditions of the new RS first, else of any RS (`getReplicaFailures`). */
function replicaFailure(allRSs: KObject[], newRS: KObject | undefined) {
  const find = (rs: KObject | undefined) =>
    (rs?.status?.conditions ?? []).find((c: { type: string }) => c.type === REPLICA_FAILURE);
  const c = find(newRS) ?? allRSs.map(find).find(Boolean);
  if (!c) return undefined;
  return {
    type: REPLICA_FAILURE,
    status: c.status,
    lastUpdateTime: c.lastTransitionTime,
    lastTransitionTime: c.lastTransitionTime,
    reason: c.reason,
    message: c.message,
  };
}

/** `syncRolloutStatus` without the write: the status to registry. */
export function computeRolloutStatus(
  d: KObject,
  allRSs: KObject[],
  newRS: KObject | undefined,
  now: number,
): DeploymentStatus {
  const s = calculateStatus(d, allRSs, newRS, now);
  if (!hasProgressDeadline(d)) removeCondition(s, PROGRESSING);
  else updateProgress(d, s, newRS, now);
  const failure = replicaFailure(allRSs, newRS);
  if (failure) setCondition(s, failure);
  else removeCondition(s, REPLICA_FAILURE);
  return compact(s);
}

/**
 * `requeueStuckDeployment`: while a rollout is in progress, look again when its progress
 * deadline would pass. Undefined when nothing is pending.
 */
export function msUntilDeadline(d: KObject, s: DeploymentStatus, now: number): number | undefined {
  const cond = getCondition(s, PROGRESSING);
  if (!hasProgressDeadline(d) || !cond) return undefined;
  if (deploymentComplete(d, s) || cond.reason === REASON.timedOut) return undefined;
  const from = Date.parse(cond.lastUpdateTime ?? '');
  if (!Number.isFinite(from)) return undefined;
  return Math.max(1, from + d.spec.progressDeadlineSeconds * 1000 - now + 1000);
}
