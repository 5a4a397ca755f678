// Counting finished pods exactly once (the Job controller's `trackJobStatusAndRemoveFinalizers`):
// every Job pod carries the batch.kubernetes.io/job-tracking finalizer. A finished pod that still
// has it is recorded in status.uncountedTerminatedPods, then its finalizer goes, then it moves
// into succeeded/failed (and completedIndexes/failedIndexes). A crash between the steps leaves its
// uid in uncountedTerminatedPods, so the next pass finishes the count instead of counting twice.
import type { KObject } from '../../api/types.js';
import { parseIndexes } from './indexes.js';
import { hasTrackingFinalizer, indexFailureCount, isPodFailed, isSucceeded, podIndex } from './pod-facts.js';
import { matchPodFailurePolicy } from './pod-failure-policy.js';

export interface Tally {
  succeeded: number;
  failed: number;
  completedIndexes: Set<number>;
  failedIndexes: Set<number>;
  /** A FailJob rule of the podFailurePolicy matched a newly failed pod. */
  failJob?: { reason: string; message: string };
  /** Finished pods still holding the finalizer, to record before removing it (undefined: none new). */
  uncounted?: { succeeded: string[]; failed: string[] };
  /** Pods whose tracking finalizer is to go. */
  removeFinalizers: KObject[];
}

/** A failure the podFailurePolicy ignores does not count against any limit. */
export function isIgnoredFailure(job: KObject, pod: KObject): boolean {
  if (!job.spec?.podFailurePolicy || pod.status?.phase !== 'Failed') return false;
  return matchPodFailurePolicy(job, pod)?.action === 'Ignore';
}

/** Pure: the counts after this pass, and what to record and release. */
export function computeTally(job: KObject, pods: KObject[]): Tally {
  const spec = job.spec ?? {};
  const prev = job.status ?? {};
  const indexed = spec.completionMode === 'Indexed';
  const completions: number = spec.completions ?? 0;
  const perIndex: number | undefined = spec.backoffLimitPerIndex ?? undefined;
  const prevUncounted = {
    succeeded: (prev.uncountedTerminatedPods?.succeeded ?? []) as string[],
    failed: (prev.uncountedTerminatedPods?.failed ?? []) as string[],
  };
  const known = new Set([...prevUncounted.succeeded, ...prevUncounted.failed]);
  const byUid = new Map(pods.map((p) => [p.metadata.uid!, p]));
  const tally: Tally = {
    succeeded: (prev.succeeded ?? 0) + prevUncounted.succeeded.length,
    failed: (prev.failed ?? 0) + prevUncounted.failed.length,
    completedIndexes: indexed ? parseIndexes(prev.completedIndexes, completions) : new Set(),
    failedIndexes: perIndex !== undefined ? parseIndexes(prev.failedIndexes, completions) : new Set(),
    removeFinalizers: [],
  };
  const addIndex = (set: Set<number>, pod: KObject | undefined) => {
    const i = pod && podIndex(pod);
    if (i !== undefined && i < completions) set.add(i);
  };
  for (const uid of prevUncounted.succeeded) if (indexed) addIndex(tally.completedIndexes, byUid.get(uid));
  const fresh = { succeeded: [] as string[], failed: [] as string[] };
  for (const pod of pods) {
    if (!hasTrackingFinalizer(pod)) continue;
    const uid = pod.metadata.uid!;
    if (known.has(uid)) {
      tally.removeFinalizers.push(pod);
    } else if (isSucceeded(pod)) {
      tally.removeFinalizers.push(pod);
      fresh.succeeded.push(uid);
      tally.succeeded++;
      if (indexed) addIndex(tally.completedIndexes, pod);
    } else if (isPodFailed(pod, job)) {
      tally.removeFinalizers.push(pod);
      const match =
        spec.podFailurePolicy && pod.status?.phase === 'Failed' ? matchPodFailurePolicy(job, pod) : undefined;
      if (match?.action === 'Ignore') continue;
      fresh.failed.push(uid);
      tally.failed++;
      if (match?.action === 'FailJob')
        tally.failJob ??= { reason: 'PodFailurePolicy', message: match.message! };
      if (indexed && perIndex !== undefined) {
        if (match?.action === 'FailIndex' || indexFailureCount(pod) + 1 > perIndex) {
          addIndex(tally.failedIndexes, pod);
        }
      }
    }
  }
  // An index that succeeded is not failed, whatever a sibling pod did.
  for (const i of tally.completedIndexes) tally.failedIndexes.delete(i);
  if (indexed) tally.succeeded = tally.completedIndexes.size;
  if (fresh.succeeded.length || fresh.failed.length) {
    tally.uncounted = {
      succeeded: [...prevUncounted.succeeded, ...fresh.succeeded],
      failed: [...prevUncounted.failed, ...fresh.failed],
    };
  }
  return tally;
}
