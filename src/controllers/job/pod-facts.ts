// What the Job controller reads off its pods: finished or not, failed as the controller counts
// it, the completion index, the per-index failure count, and when the pod finished.
import type { KObject } from '../../api/types.js';
import {
  JOB_COMPLETION_INDEX,
  JOB_INDEX_FAILURE_COUNT,
  JOB_TRACKING_FINALIZER,
} from '../../api/well-known.js';

export const hasTrackingFinalizer = (pod: KObject): boolean =>
  (pod.metadata.finalizers ?? []).includes(JOB_TRACKING_FINALIZER);

export const isSucceeded = (pod: KObject): boolean => pod.status?.phase === 'Succeeded';

/**
 * `isPodFailed`: phase Failed; without a podFailurePolicy (or podReplacementPolicy Failed) also a pod being deleted that did not
 * succeed (it may never reach a phase), except while the Job is suspended (suspension deletes
 * its pods, which is no failure).
 */
export function isPodFailed(pod: KObject, job: KObject): boolean {
  if (pod.status?.phase === 'Failed') return true;
  // With podFailurePolicy, or podReplacementPolicy Failed, only the phase counts.
  if (job.spec?.podFailurePolicy || job.spec?.podReplacementPolicy === 'Failed' || job.spec?.suspend === true)
    return false;
  return Boolean(pod.metadata.deletionTimestamp) && pod.status?.phase !== 'Succeeded';
}

export const isFinished = (pod: KObject, job: KObject): boolean => isSucceeded(pod) || isPodFailed(pod, job);

/** Not finished and not being deleted. */
export const isActive = (pod: KObject, job: KObject): boolean =>
  !isFinished(pod, job) && !pod.metadata.deletionTimestamp;

/** Being deleted but not terminal yet. */
export const isTerminating = (pod: KObject): boolean =>
  Boolean(pod.metadata.deletionTimestamp) &&
  pod.status?.phase !== 'Succeeded' &&
  pod.status?.phase !== 'Failed';

/** The completion index of an Indexed Job's pod (annotation, else label), or undefined. */
export function podIndex(pod: KObject): number | undefined {
  const raw = pod.metadata.annotations?.[JOB_COMPLETION_INDEX] ?? pod.metadata.labels?.[JOB_COMPLETION_INDEX];
  if (raw === undefined || !/^\d+$/.test(raw)) return undefined;
  return Number(raw);
}

/** Failures of this pod's index before it was created (backoffLimitPerIndex). */
export function indexFailureCount(pod: KObject): number {
  const raw = pod.metadata.annotations?.[JOB_INDEX_FAILURE_COUNT];
  return raw && /^\d+$/.test(raw) ? Number(raw) : 0;
}

/** When a finished pod finished (ms): its containers' latest finishedAt, else its last condition change. */
export function finishTime(pod: KObject): number | undefined {
  let latest: number | undefined;
  const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
  for (const s of statuses) {
    const t = Date.parse(s.state?.terminated?.finishedAt ?? '');
    if (Number.isFinite(t) && (latest === undefined || t > latest)) latest = t;
  }
  if (latest !== undefined) return latest;
  for (const c of pod.status?.conditions ?? []) {
    const t = Date.parse(c.lastTransitionTime ?? '');
    if (Number.isFinite(t) && (latest === undefined || t > latest)) latest = t;
  }
  return latest ?? (pod.metadata.deletionTimestamp ? Date.parse(pod.metadata.deletionTimestamp) : undefined);
}

/** Container restarts of a pod (restartPolicy OnFailure counts them against backoffLimit). */
export function podRestarts(pod: KObject): number {
  const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
  return statuses.reduce((n: number, s: { restartCount?: number }) => n + (s.restartCount ?? 0), 0);
}
