// One Job controller pass as a pure function of (job, its pods, now): the counts (tracking.ts),
// then the one decision of `syncJob` — finished already, failing (FailureTarget), succeeding
// (SuccessCriteriaMet), suspended, or running — and the pods to create or delete for it. The
// terminal Complete/Failed condition is added only once no pod is left running or terminating,
// as Kubernetes 1.32 does.
import { rfc3339 } from '../../api/time.js';
import type { KObject } from '../../api/types.js';
import { isPodReady } from '../common/pods.js';
import { podsToDelete } from '../replicaset/rank.js';
import { remainingBackoffMs } from './backoff.js';
import { formatIndexes } from './indexes.js';
import {
  indexFailureCount,
  isActive,
  isFinished,
  isPodFailed,
  isTerminating,
  podIndex,
  podRestarts,
} from './pod-facts.js';
import { matchSuccessPolicy } from './success-policy.js';
import { computeTally, isIgnoredFailure, type Tally } from './tracking.js';

export interface JobCondition {
  type: string;
  status: 'True' | 'False';
  lastProbeTime: string;
  lastTransitionTime: string;
  reason?: string;
  message?: string;
}

export interface PodToCreate {
  /** Completion index (Indexed Jobs). */
  index?: number;
  /** Failures of that index so far (backoffLimitPerIndex). */
  failureCount?: number;
}

export interface JobEvent {
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
}

export interface JobPlan {
  /** Record these uids in status.uncountedTerminatedPods before removing finalizers. */
  uncounted?: { succeeded: string[]; failed: string[] };
  removeFinalizers: KObject[];
  status: Record<string, unknown>;
  create: PodToCreate[];
  delete: KObject[];
  events: JobEvent[];
  requeueAfterMs?: number;
}

interface Verdict {
  reason: string;
  message: string;
}

const condition = (type: string, status: 'True' | 'False', v: Verdict, now: number): JobCondition => ({
  type,
  status,
  lastProbeTime: rfc3339(now),
  lastTransitionTime: rfc3339(now),
  reason: v.reason,
  message: v.message,
});

/** `pastBackoffLimitOnFailure`: with restartPolicy OnFailure, restarts count as failures. */
function pastBackoffLimitOnFailure(job: KObject, active: KObject[]): boolean {
  if (job.spec?.template?.spec?.restartPolicy !== 'OnFailure') return false;
  const restarts = active.reduce((n, p) => n + podRestarts(p), 0);
  const limit: number = job.spec?.backoffLimit ?? 6;
  return limit === 0 ? restarts > 0 : restarts >= limit;
}

/** Why a running Job fails now, if it does. */
function failureVerdict(
  job: KObject,
  tally: Tally,
  active: KObject[],
  startMs: number | undefined,
  now: number,
) {
  const spec = job.spec ?? {};
  if (tally.failJob) return tally.failJob;
  if (spec.backoffLimitPerIndex == null) {
    if (tally.failed > (spec.backoffLimit ?? 6) || pastBackoffLimitOnFailure(job, active)) {
      return { reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' };
    }
  } else if (spec.maxFailedIndexes != null && tally.failedIndexes.size > spec.maxFailedIndexes) {
    return {
      reason: 'MaxFailedIndexesExceeded',
      message: 'Job has exceeded the specified maximum number of failed indexes',
    };
  }
  const deadline = spec.activeDeadlineSeconds;
  if (
    deadline != null &&
    startMs !== undefined &&
    spec.suspend !== true &&
    now - startMs >= deadline * 1000
  ) {
    return { reason: 'DeadlineExceeded', message: 'Job was active longer than specified deadline' };
  }
  return undefined;
}

/** Whether the Job has succeeded (or, Indexed, ended with failed indexes). */
function endVerdict(
  job: KObject,
  tally: Tally,
  activeCount: number,
): { failed: boolean; v: Verdict } | undefined {
  const spec = job.spec ?? {};
  const completions: number | undefined = spec.completions ?? undefined;
  const reached = { reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods' };
  if (spec.completionMode === 'Indexed') {
    const rule = matchSuccessPolicy(spec.successPolicy?.rules, tally.completedIndexes, completions ?? 0);
    if (rule !== undefined)
      return { failed: false, v: { reason: 'SuccessPolicy', message: `Matched rules at index ${rule}` } };
    if (tally.completedIndexes.size + tally.failedIndexes.size < (completions ?? 0)) return undefined;
    if (tally.failedIndexes.size)
      return { failed: true, v: { reason: 'FailedIndexes', message: 'Job has failed indexes' } };
    return { failed: false, v: reached };
  }
  const done =
    completions !== undefined ? tally.succeeded >= completions : tally.succeeded > 0 && activeCount === 0;
  return done ? { failed: false, v: reached } : undefined;
}

/** What a running, unsuspended Job creates and deletes. */
function managePods(job: KObject, pods: KObject[], active: KObject[], tally: Tally, now: number) {
  const spec = job.spec ?? {};
  const parallelism: number = spec.parallelism ?? 1;
  const completions: number | undefined = spec.completions ?? undefined;
  const finished = pods.filter((p) => isFinished(p, job));
  const create: PodToCreate[] = [];
  const remove: KObject[] = [];
  let wait: number | undefined;
  // podReplacementPolicy Failed: a terminating pod still holds its place until it is terminal.
  const holding = spec.podReplacementPolicy === 'Failed' ? pods.filter(isTerminating) : [];
  if (spec.completionMode !== 'Indexed') {
    const want =
      completions === undefined
        ? tally.succeeded > 0
          ? active.length
          : parallelism
        : Math.max(0, Math.min(parallelism, completions - tally.succeeded));
    if (active.length > want) remove.push(...podsToDelete(active, active.length - want));
    else if (active.length + holding.length < want) {
      const backoff = remainingBackoffMs(job, finished, now);
      if (backoff > 0) wait = backoff;
      else for (let i = active.length + holding.length; i < want; i++) create.push({});
    }
    return { create, remove, wait };
  }
  // Indexed: one active pod per index that is neither completed nor failed.
  const total = completions ?? 0;
  const kept = new Map<number, KObject>();
  for (const pod of [...active].sort((a, b) => -1 * compareKeep(a, b))) {
    const i = podIndex(pod);
    if (
      i === undefined ||
      i >= total ||
      tally.completedIndexes.has(i) ||
      tally.failedIndexes.has(i) ||
      kept.has(i)
    ) {
      remove.push(pod);
    } else kept.set(i, pod);
  }
  const held = new Set(holding.map(podIndex));
  let room = Math.min(parallelism, total - tally.completedIndexes.size) - kept.size - held.size;
  for (let i = 0; i < total && room > 0; i++) {
    if (kept.has(i) || held.has(i) || tally.completedIndexes.has(i) || tally.failedIndexes.has(i)) continue;
    const mine = finished.filter((p) => podIndex(p) === i);
    const backoff = remainingBackoffMs(job, mine, now);
    if (backoff > 0) {
      wait = Math.min(wait ?? backoff, backoff);
      continue;
    }
    const failureCount = mine.reduce(
      (n, p) =>
        Math.max(n, indexFailureCount(p) + (isPodFailed(p, job) && !isIgnoredFailure(job, p) ? 1 : 0)),
      0,
    );
    create.push(spec.backoffLimitPerIndex != null ? { index: i, failureCount } : { index: i });
    room--;
  }
  return { create, remove, wait };
}

/** The pod to keep among duplicates of an index: the one ranked last for deletion. */
const compareKeep = (a: KObject, b: KObject): number => {
  const [first] = podsToDelete([a, b], 1);
  return first === a ? -1 : 1;
};

export function computeJobPlan(job: KObject, pods: KObject[], now: number): JobPlan {
  const spec = job.spec ?? {};
  const prev = job.status ?? {};
  const tally = computeTally(job, pods);
  const conditions: JobCondition[] = structuredClone(prev.conditions ?? []);
  const isTrue = (type: string) => conditions.find((c) => c.type === type && c.status === 'True');
  const events: JobEvent[] = [];
  const plan: JobPlan = {
    uncounted: tally.uncounted,
    removeFinalizers: tally.removeFinalizers,
    status: {},
    create: [],
    delete: [],
    events,
  };
  const active = pods.filter((p) => isActive(p, job));
  const terminating = pods.filter(isTerminating).length;
  let startTime: string | undefined = prev.startTime;
  let completionTime: string | undefined = prev.completionTime;
  const finished = isTrue('Complete') || isTrue('Failed');

  if (!finished) {
    const suspended = isTrue('Suspended');
    if (spec.suspend === true && !suspended) {
      const c = conditions.find((x) => x.type === 'Suspended');
      const next = condition('Suspended', 'True', { reason: 'JobSuspended', message: 'Job suspended' }, now);
      c ? Object.assign(c, next) : conditions.push(next);
      events.push({ type: 'Normal', reason: 'Suspended', message: 'Job suspended' });
    } else if (spec.suspend !== true && suspended) {
      Object.assign(
        suspended,
        condition('Suspended', 'False', { reason: 'JobResumed', message: 'Job resumed' }, now),
      );
      events.push({ type: 'Normal', reason: 'Resumed', message: 'Job resumed' });
      startTime = rfc3339(now);
    }
    if (spec.suspend !== true) startTime ??= rfc3339(now);
    const startMs = startTime ? Date.parse(startTime) : undefined;

    let target = isTrue('FailureTarget');
    let success = isTrue('SuccessCriteriaMet');
    if (!target && !success) {
      const failure = failureVerdict(job, tally, active, startMs, now);
      const end = failure ? { failed: true, v: failure } : endVerdict(job, tally, active.length);
      if (end?.failed) target = condition('FailureTarget', 'True', end.v, now);
      else if (end) success = condition('SuccessCriteriaMet', 'True', end.v, now);
      if (end) conditions.push((target ?? success)!);
    }
    const ending = target ?? success;
    if (ending) {
      plan.delete = active;
      if (!active.length && !terminating) {
        const type = target ? 'Failed' : 'Complete';
        conditions.push(condition(type, 'True', { reason: ending.reason!, message: ending.message! }, now));
        if (type === 'Complete') {
          completionTime = rfc3339(now);
          events.push({ type: 'Normal', reason: 'Completed', message: 'Job completed' });
        } else events.push({ type: 'Warning', reason: ending.reason!, message: ending.message! });
      }
    } else if (spec.suspend === true) {
      plan.delete = active;
    } else {
      const { create, remove, wait } = managePods(job, pods, active, tally, now);
      plan.create = create;
      plan.delete = remove;
      const deadline = spec.activeDeadlineSeconds;
      const untilDeadline =
        deadline != null && startMs !== undefined ? startMs + deadline * 1000 - now : undefined;
      const waits = [wait, untilDeadline].filter((w): w is number => w !== undefined && w > 0);
      // At most a day ahead: timers past 2^31 ms would fire at once.
      if (waits.length) plan.requeueAfterMs = Math.min(...waits, 86_400_000);
    }
  }

  const activeAfter = active.length + plan.create.length - plan.delete.length;
  const status: Record<string, unknown> = {};
  if (conditions.length) status.conditions = conditions;
  if (startTime) status.startTime = startTime;
  if (completionTime) status.completionTime = completionTime;
  if (activeAfter > 0) status.active = activeAfter;
  if (tally.succeeded) status.succeeded = tally.succeeded;
  if (tally.failed) status.failed = tally.failed;
  status.ready = active.filter(isPodReady).length;
  status.terminating = terminating;
  const completed = formatIndexes(tally.completedIndexes);
  if (completed) status.completedIndexes = completed;
  if (spec.backoffLimitPerIndex != null) status.failedIndexes = formatIndexes(tally.failedIndexes);
  status.uncountedTerminatedPods = {};
  plan.status = status;
  return plan;
}
