// The Job controller's pod back-off: after failures it waits before creating a replacement,
// 10 s doubling per consecutive failure since the last success, capped at 6 min (the
// controller's DefaultJobPodFailureBackOff / MaxJobPodFailureBackOff), counted from the last
// failure. Worked example: failures at t=0 and t=12 s -> the third pod waits 20 s from t=12 s.
import type { KObject } from '../../api/types.js';
import { finishTime, isPodFailed, isSucceeded } from './pod-facts.js';
import { isIgnoredFailure } from './tracking.js';

export const BACKOFF_BASE_MS = 10_000;
export const BACKOFF_MAX_MS = 360_000;

/** Delay after `failures` consecutive failures (0 -> none). */
export function backoffDelayMs(failures: number): number {
  if (failures <= 0) return 0;
  return Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.min(failures - 1, 30));
}

/** Milliseconds to wait before the next create, from the finished pods (of one index, or all). */
export function remainingBackoffMs(job: KObject, finished: KObject[], now: number): number {
  let lastSuccess = Number.NEGATIVE_INFINITY;
  for (const p of finished) if (isSucceeded(p)) lastSuccess = Math.max(lastSuccess, finishTime(p) ?? 0);
  let failures = 0;
  let lastFailure = Number.NEGATIVE_INFINITY;
  for (const p of finished) {
    // A failure the podFailurePolicy ignores starts no back-off either.
    if (!isPodFailed(p, job) || isIgnoredFailure(job, p)) continue;
    const t = finishTime(p) ?? now;
    if (t < lastSuccess) continue;
    failures++;
    lastFailure = Math.max(lastFailure, t);
  }
  if (!failures) return 0;
  return Math.max(0, lastFailure + backoffDelayMs(failures) - now);
}
