// Pod predicates the controllers share (k8s.io/kubernetes pkg/api/v1/pod and controller_utils):
// ready, available after minReadySeconds, active, and how long until a pod becomes available.

import { rfc3339 } from '../../api/time.js';
import type { KObject } from '../../api/types.js';

export interface PodCondition {
  type: string;
  status: string;
  lastTransitionTime?: string;
}

export const readyCondition = (pod: KObject): PodCondition | undefined =>
  (pod.status?.conditions as PodCondition[] | undefined)?.find((c) => c.type === 'Ready');

/** `podutil.IsPodReady`: the Ready condition is True. */
export const isPodReady = (pod: KObject): boolean => readyCondition(pod)?.status === 'True';

/** When the pod last became ready (ms), or undefined. */
export function podReadyTime(pod: KObject): number | undefined {
  const c = readyCondition(pod);
  if (c?.status !== 'True' || !c.lastTransitionTime) return undefined;
  return Date.parse(c.lastTransitionTime);
}

/**
 * `podutil.IsPodAvailable`: ready, and ready for longer than minReadySeconds
 * (`lastTransitionTime + minReadySeconds` strictly before now).
 */
export function isPodAvailable(pod: KObject, minReadySeconds: number, now: number): boolean {
  if (!isPodReady(pod)) return false;
  if (minReadySeconds <= 0) return true;
  const since = podReadyTime(pod);
  return since !== undefined && since + minReadySeconds * 1000 < now;
}

/** Milliseconds until a ready pod becomes available, or undefined when nothing will change by waiting. */
export function msUntilAvailable(pod: KObject, minReadySeconds: number, now: number): number | undefined {
  if (minReadySeconds <= 0 || !isPodReady(pod) || isPodAvailable(pod, minReadySeconds, now)) return undefined;
  const since = podReadyTime(pod);
  return since === undefined ? undefined : Math.max(1, since + minReadySeconds * 1000 - now + 1);
}

export const isTerminating = (pod: KObject): boolean => Boolean(pod.metadata.deletionTimestamp);

export const podPhase = (pod: KObject): string | undefined => pod.status?.phase;

/** `controller.IsPodActive`: not finished and not being deleted. */
export function isPodActive(pod: KObject): boolean {
  const phase = podPhase(pod);
  return phase !== 'Succeeded' && phase !== 'Failed' && !isTerminating(pod);
}

/** The highest restart count among the pod's containers (init and app). */
export function maxContainerRestarts(pod: KObject): number {
  const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
  return statuses.reduce(
    (max: number, s: { restartCount?: number }) => Math.max(max, s.restartCount ?? 0),
    0,
  );
}

/** RFC 3339 with second precision, as metav1.Time serializes. */
export { rfc3339 };

/** A creationTimestamp (or any metav1.Time) in ms; 0 when missing, as Go's zero time sorts first. */
export const timeOf = (t: string | undefined): number => (t ? Date.parse(t) : 0);
