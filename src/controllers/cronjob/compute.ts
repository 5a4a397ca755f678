// One CronJob pass as a pure function of (cronjob, its jobs, now) — `syncCronJob` of the v2
// controller: active jobs and lastSuccessfulTime from the jobs, the most recent missed schedule
// time (at most one run is started, however many were missed while the agent was stopped), the
// startingDeadlineSeconds cut-off, the concurrency policy, and history pruning.
import type { Cron } from 'croner';
import { parseSchedule, scheduleTimesBetween } from '../../api/cron-schedule.js';
import { rfc3339 } from '../../api/time.js';
import type { KObject } from '../../api/types.js';
import { timeOf } from '../common/pods.js';
import { jobNameFor } from './job-from-cronjob.js';

const DAY_MS = 86_400_000;

export interface CronEvent {
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
}

export interface CronPlan {
  /** Start the Job for this scheduled time (ms). */
  start?: number;
  /** Jobs to delete (Replace, history limits). */
  delete: KObject[];
  status: Record<string, unknown>;
  events: CronEvent[];
  requeueAfterMs?: number;
}

const finishedType = (job: KObject): 'Complete' | 'Failed' | undefined =>
  (job.status?.conditions ?? []).find(
    (c: { type: string; status: string }) =>
      (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True',
  )?.type;

export const jobRef = (job: KObject) => ({
  apiVersion: 'batch/v1',
  kind: 'Job',
  name: job.metadata.name,
  namespace: job.metadata.namespace,
  uid: job.metadata.uid,
  resourceVersion: job.metadata.resourceVersion,
});

/** Go's time.RFC1123Z, in UTC: `Mon, 02 Jan 2006 15:04:05 +0000`. */
const rfc1123z = (ms: number) => new Date(ms).toUTCString().replace('GMT', '+0000');

/** The oldest finished jobs beyond `limit`, oldest first. */
function beyondLimit(jobs: KObject[], limit: number | undefined): KObject[] {
  if (limit == null) return [];
  const start = (j: KObject) => timeOf(j.status?.startTime ?? j.metadata.creationTimestamp);
  const sorted = [...jobs].sort((a, b) => start(a) - start(b));
  return sorted.slice(0, Math.max(0, sorted.length - limit));
}

export function computeCronPlan(cj: KObject, jobs: KObject[], now: number): CronPlan {
  const spec = cj.spec ?? {};
  const prev = cj.status ?? {};
  const events: CronEvent[] = [];
  const plan: CronPlan = { delete: [], status: {}, events };
  const active = jobs.filter((j) => !finishedType(j) && !j.metadata.deletionTimestamp);
  let lastSuccessful: string | undefined = prev.lastSuccessfulTime;
  for (const j of jobs) {
    if (finishedType(j) === 'Complete' && j.status?.completionTime) {
      if (!lastSuccessful || timeOf(j.status.completionTime) > timeOf(lastSuccessful))
        lastSuccessful = j.status.completionTime;
    }
  }
  let lastSchedule: string | undefined = prev.lastScheduleTime;

  const cron = parseSchedule(spec.schedule ?? '', spec.timeZone);
  if ('error' in cron) {
    events.push({
      type: 'Warning',
      reason: 'UnparseableSchedule',
      message: `unparseable schedule: ${spec.schedule} : ${cron.error}`,
    });
  } else if (spec.suspend !== true && !cj.metadata.deletionTimestamp) {
    // `mostRecentScheduleTime`: missed times since the last schedule (or creation), within the deadline.
    let earliest = timeOf(lastSchedule ?? cj.metadata.creationTimestamp);
    if (spec.startingDeadlineSeconds != null)
      earliest = Math.max(earliest, now - spec.startingDeadlineSeconds * 1000);
    const missed = scheduleTimesBetween(cron, earliest, now, 101);
    if (missed.length > 100) {
      events.push({
        type: 'Warning',
        reason: 'TooManyMissedTimes',
        message: `too many missed start times: ${missedCount(missed, now)}. Set or decrease .spec.startingDeadlineSeconds or check clock skew`,
      });
    }
    const scheduled = missed.length
      ? missed.length > 100
        ? mostRecent(cron, now)
        : missed[missed.length - 1]!
      : undefined;
    const next = cron.nextRun(new Date(now))?.getTime();
    // At most a day ahead: timers past 2^31 ms fire at once, and a day is soon enough to look again.
    if (next !== undefined) plan.requeueAfterMs = Math.min(DAY_MS, Math.max(1, next - now + 100));
    if (scheduled !== undefined) {
      const name = jobNameFor(cj, scheduled);
      const tooLate =
        spec.startingDeadlineSeconds != null && scheduled + spec.startingDeadlineSeconds * 1000 < now;
      if (tooLate) {
        events.push({
          type: 'Warning',
          reason: 'MissSchedule',
          message: `Missed scheduled time to start a job: ${rfc1123z(scheduled)}`,
        });
      } else if (jobs.some((j) => j.metadata.name === name)) {
        // Already started (this pass re-read the world after writing).
      } else if (spec.concurrencyPolicy === 'Forbid' && active.length) {
        events.push({
          type: 'Normal',
          reason: 'JobAlreadyActive',
          message: 'Not starting job because prior execution is running and concurrency policy is Forbid',
        });
      } else {
        if (spec.concurrencyPolicy === 'Replace') plan.delete.push(...active);
        plan.start = scheduled;
        lastSchedule = rfc3339(scheduled);
      }
    }
  }

  const stillActive = active.filter((j) => !plan.delete.includes(j));
  const finished = jobs.filter((j) => finishedType(j));
  plan.delete.push(
    ...beyondLimit(
      finished.filter((j) => finishedType(j) === 'Complete'),
      spec.successfulJobsHistoryLimit,
    ),
    ...beyondLimit(
      finished.filter((j) => finishedType(j) === 'Failed'),
      spec.failedJobsHistoryLimit,
    ),
  );
  const status: Record<string, unknown> = {};
  if (stillActive.length) status.active = stillActive.map(jobRef);
  if (lastSchedule) status.lastScheduleTime = lastSchedule;
  if (lastSuccessful) status.lastSuccessfulTime = lastSuccessful;
  plan.status = status;
  return plan;
}

/** The controller's estimate of how many runs were missed: elapsed time over the interval. */
function missedCount(missed: number[], now: number): number {
  const [t1, t2] = missed as [number, number];
  const between = Math.round((t2 - t1) / 1000);
  return Math.floor(Math.floor((now - t1) / 1000) / between) + 1;
}

/** The last schedule time at or before `now`. */
function mostRecent(cron: Cron, now: number): number {
  return cron.previousRuns(1, new Date(now + 1))[0]?.getTime() ?? now;
}
