// computePodActions: the kubelet's decision for one pod, from (desired pod, observed containers,
// clock). Pure: the executor (sync.ts) carries the plan out against the runtime.
import type { Container, Pod } from 'kubernetes-types/core/v1.js';
import type { ObservedContainer } from '../runtime/types.js';
import { goDuration, restartDelayMs } from './backoff.js';
import { containerHash } from './container-spec.js';
import { latest, type PodObservation, runMs } from './observed.js';

export interface StartAction {
  name: string;
  type: 'init' | 'app';
  attempt: number;
}

export interface KillAction {
  id: string;
  name: string;
  /** Typed reason, as the kubelet's killContainer reasons. */
  reason:
    | 'PodDeleted'
    | 'SpecChanged'
    | 'LivenessProbe'
    | 'StartupProbe'
    | 'DeadlineExceeded'
    | 'FailedPostStartHook';
  message: string;
}

export interface WaitingInfo {
  reason: string;
  message: string;
}

export interface PodActions {
  /** Start a fresh sandbox (the old one, if any, is in `remove`). */
  createSandbox: boolean;
  /** Stop the running sandbox: the pod has finished. */
  stopSandbox: boolean;
  kill: KillAction[];
  /** Container ids to remove for good (older attempts, dead sandboxes, leftovers). */
  remove: string[];
  /** In order: at most one regular init container, then sidecars and app containers. */
  start: StartAction[];
  /** Containers held back, with the waiting reason to report. */
  waiting: Map<string, WaitingInfo>;
  /** Sync again after this long (a back-off expiring). */
  requeueAfterMs?: number;
  /** The pod is being deleted and nothing of it runs any more: delete the object. */
  finalize: boolean;
  /** activeDeadlineSeconds has passed: the pod fails with reason DeadlineExceeded. */
  deadlineExceeded: boolean;
}

export interface PodActionInput {
  pod: Pod;
  observed: PodObservation;
  now: number;
  /** Containers whose last start failed (image pull, create error) and may not retry before then. */
  startBlockedUntil?: Map<string, number>;
  backoffInitialMs?: number;
  /** Running containers (by id) whose liveness or startup probe failed. */
  probeKills?: Map<string, 'liveness' | 'startup'>;
}

const emptyActions = (): PodActions => ({
  createSandbox: false,
  stopSandbox: false,
  kill: [],
  remove: [],
  start: [],
  waiting: new Map(),
  finalize: false,
  deadlineExceeded: false,
});

const isRunning = (c: ObservedContainer | undefined) => c?.state === 'running' || c?.state === 'restarting';
const isExited = (c: ObservedContainer | undefined) => c?.state === 'exited' || c?.state === 'dead';

export const isSidecar = (c: Container) => c.restartPolicy === 'Always';

export function computePodActions(input: PodActionInput): PodActions {
  const { pod, observed } = input;
  const actions = emptyActions();
  actions.remove.push(...observed.staleSandboxes.map((s) => s.id), ...olderAttempts(observed));

  if (pod.metadata?.deletionTimestamp) return terminate(actions, observed);

  const sandbox = observed.sandbox;
  const deadline = deadlineLeftMs(pod, input.now);
  if (deadline !== undefined && deadline <= 0) {
    actions.deadlineExceeded = true;
    for (const c of [...observed.byName.values()].flat().filter(isRunning)) {
      actions.kill.push(killOf(c, 'DeadlineExceeded', `Stopping container ${c.name}`));
    }
    actions.stopSandbox = isRunning(sandbox);
    return actions;
  }
  if (deadline !== undefined) requeue(actions, deadline);
  if (isPodTerminal(pod, observed)) {
    actions.stopSandbox = isRunning(sandbox);
    return actions;
  }
  if (!sandbox || !isRunning(sandbox)) {
    // A new sandbox means a new network namespace: every container starts over, init first.
    if (sandbox) actions.remove.push(sandbox.id);
    for (const list of observed.byName.values()) {
      for (const c of list)
        if (isRunning(c))
          actions.kill.push(
            killOf(c, 'SpecChanged', 'Pod sandbox changed, it will be killed and re-created.'),
          );
    }
    actions.createSandbox = true;
    const first = nextInit(input);
    if (first.next) actions.start.push(first.next);
    else if (first.done) planAppContainers(input, actions);
    return replaceNeverStarted(actions, observed);
  }

  const init = nextInit(input);
  if (init.next) actions.start.push(init.next);
  for (const [name, info] of init.waiting) actions.waiting.set(name, info);
  if (init.requeueAfterMs !== undefined) actions.requeueAfterMs = init.requeueAfterMs;
  planSidecars(input, actions);
  if (init.done) planAppContainers(input, actions);
  return replaceNeverStarted(actions, observed);
}

/**
 * A start that reuses the attempt number of a container created but never started (the agent or
 * the engine went away in between) removes that container first: its name is taken, and it may
 * belong to an older sandbox.
 */
function replaceNeverStarted(actions: PodActions, observed: PodObservation): PodActions {
  for (const start of actions.start) {
    const cur = latest(observed, start.name);
    if (cur && neverStarted(cur) && cur.attempt === start.attempt && !actions.remove.includes(cur.id)) {
      actions.remove.push(cur.id);
    }
  }
  return actions;
}

function terminate(actions: PodActions, observed: PodObservation): PodActions {
  const running = [...observed.byName.values()].flat().filter(isRunning);
  for (const c of running) actions.kill.push(killOf(c, 'PodDeleted', `Stopping container ${c.name}`));
  if (running.length === 0) {
    const all = [...observed.byName.values()].flat().map((c) => c.id);
    if (observed.sandbox) all.push(observed.sandbox.id);
    actions.remove = [...new Set([...actions.remove, ...all])];
    actions.finalize = true;
  }
  return actions;
}

function killOf(c: ObservedContainer, reason: KillAction['reason'], message: string): KillAction {
  return { id: c.id, name: c.name, reason, message };
}

/** Keep the newest two attempts of each container (current + previous, for `logs --previous`). */
function olderAttempts(observed: PodObservation): string[] {
  return [...observed.byName.values()].flatMap((list) => list.slice(2).map((c) => c.id));
}

interface InitPlan {
  next?: StartAction;
  done: boolean;
  waiting: Map<string, WaitingInfo>;
  requeueAfterMs?: number;
}

/** Walk regular init containers in order: the first one not yet succeeded decides. */
function nextInit(input: PodActionInput): InitPlan {
  const { pod, observed } = input;
  const plan: InitPlan = { done: false, waiting: new Map() };
  const fresh = !observed.sandbox || !isRunning(observed.sandbox);
  for (const c of pod.spec?.initContainers ?? []) {
    const cur = latest(observed, c.name);
    if (isSidecar(c)) {
      if (!cur || fresh) {
        plan.next = { name: c.name, type: 'init', attempt: nextAttempt(cur) };
        return plan;
      }
      continue; // started sidecars are looked after by planSidecars
    }
    if (cur && !fresh && isExited(cur) && cur.exitCode === 0) continue;
    if (!cur || fresh) {
      plan.next = blockedOr(input, c.name, { name: c.name, type: 'init', attempt: nextAttempt(cur) }, plan);
      return plan;
    }
    if (isExited(cur)) {
      // Init containers restart on failure unless the pod's policy is Never.
      if (pod.spec?.restartPolicy === 'Never') return plan;
      plan.next = afterBackoff(input, c, cur, 'init', plan);
    }
    if (cur.state === 'created') {
      plan.next = blockedOr(input, c.name, { name: c.name, type: 'init', attempt: nextAttempt(cur) }, plan);
    }
    return plan; // running: wait for it
  }
  plan.done = true;
  return plan;
}

/** Started sidecars: probed and restarted like app containers, whatever the pod's restartPolicy. */
function planSidecars(input: PodActionInput, actions: PodActions): void {
  for (const c of input.pod.spec?.initContainers ?? []) {
    if (!isSidecar(c)) continue;
    const cur = latest(input.observed, c.name);
    if (!cur) continue;
    if (isRunning(cur)) {
      const kill = killRunning(input, c, cur);
      if (kill) actions.kill.push(kill);
      continue;
    }
    if (!isExited(cur)) continue;
    const start = afterBackoff(input, c, cur, 'init', actions);
    if (start) actions.start.push(start);
  }
}

/** A running container to kill: its liveness or startup probe failed, or its spec changed. */
function killRunning(input: PodActionInput, c: Container, cur: ObservedContainer): KillAction | undefined {
  const probe = input.probeKills?.get(cur.id);
  if (probe) {
    const reason = probe === 'liveness' ? 'LivenessProbe' : 'StartupProbe';
    return killOf(cur, reason, `Container ${c.name} failed ${probe} probe, will be restarted`);
  }
  if (cur.specHash && cur.specHash !== containerHash(c)) {
    return killOf(cur, 'SpecChanged', `Container ${c.name} definition changed, will be restarted`);
  }
  return undefined;
}

function planAppContainers(input: PodActionInput, actions: PodActions): void {
  const { pod, observed } = input;
  const fresh = actions.createSandbox;
  const policy = pod.spec?.restartPolicy ?? 'Always';
  for (const c of pod.spec?.containers ?? []) {
    const cur = fresh ? undefined : latest(observed, c.name);
    const attempt = nextAttempt(latest(observed, c.name));
    if (!cur) {
      const start = blockedOr(input, c.name, { name: c.name, type: 'app', attempt }, actions);
      if (start) actions.start.push(start);
      continue;
    }
    if (cur.state === 'created') {
      // Created but not running: the agent or the engine went away before the start (the same
      // attempt again), or the engine refused the start (the next one). Replace it.
      actions.remove.push(cur.id);
      const start = blockedOr(input, c.name, { name: c.name, type: 'app', attempt }, actions);
      if (start) actions.start.push(start);
      continue;
    }
    if (isRunning(cur)) {
      const kill = killRunning(input, c, cur);
      if (kill) actions.kill.push(kill);
      continue;
    }
    const restart = policy === 'Always' || (policy === 'OnFailure' && cur.exitCode !== 0);
    if (!restart) continue;
    const start = afterBackoff(input, c, cur, 'app', actions);
    if (start) actions.start.push(start);
  }
}

/** Start the next attempt of an exited container once its back-off has passed. */
function afterBackoff(
  input: PodActionInput,
  c: Container,
  cur: ObservedContainer,
  type: 'init' | 'app',
  into: { waiting: Map<string, WaitingInfo>; requeueAfterMs?: number },
): StartAction | undefined {
  const delay = restartDelayMs(cur.attempt, runMs(cur), input.backoffInitialMs);
  const finished = cur.finishedAt ? Date.parse(cur.finishedAt) : input.now;
  const retryAt = finished + delay;
  if (input.now < retryAt) {
    const pod = input.pod.metadata!;
    into.waiting.set(c.name, {
      reason: 'CrashLoopBackOff',
      message: `back-off ${goDuration(delay)} restarting failed container=${c.name} pod=${pod.name}_${pod.namespace}(${pod.uid})`,
    });
    requeue(into, retryAt - input.now);
    return undefined;
  }
  return blockedOr(input, c.name, { name: c.name, type, attempt: cur.attempt + 1 }, into);
}

/** The start, unless an earlier failed start of this container is still backing off. */
function blockedOr(
  input: PodActionInput,
  name: string,
  start: StartAction,
  into: { requeueAfterMs?: number },
): StartAction | undefined {
  const until = input.startBlockedUntil?.get(name);
  if (until !== undefined && input.now < until) {
    requeue(into, until - input.now);
    return undefined;
  }
  return start;
}

function requeue(into: { requeueAfterMs?: number }, ms: number): void {
  into.requeueAfterMs = into.requeueAfterMs === undefined ? ms : Math.min(into.requeueAfterMs, ms);
}

/**
 * Created, and no start ever reached the engine (the agent or the engine went away in between).
 * A start the engine refused (a missing executable) leaves its exit code (126-128) and counts as
 * an attempt, as RunContainerError does on a cluster.
 */
const neverStarted = (c: ObservedContainer) => c.state === 'created' && c.exitCode === 0;

/**
 * The attempt number of the next start: one more than the newest attempt, so RESTARTS counts
 * tries. A container that was never started is no try: its number is used again.
 */
const nextAttempt = (cur: ObservedContainer | undefined) => {
  if (!cur) return 0;
  return neverStarted(cur) ? cur.attempt : cur.attempt + 1;
};

/** Time left before activeDeadlineSeconds (counted from status.startTime), if the pod has one. */
export function deadlineLeftMs(pod: Pod, now: number): number | undefined {
  const seconds = pod.spec?.activeDeadlineSeconds;
  const start = pod.status?.startTime ? Date.parse(pod.status.startTime) : undefined;
  if (seconds === undefined || start === undefined) return undefined;
  if (pod.status?.reason === 'DeadlineExceeded') return 0;
  return start + seconds * 1000 - now;
}

/** A pod is terminal when nothing will run again: kubelet's Succeeded or Failed. */
export function isPodTerminal(pod: Pod, observed: PodObservation): boolean {
  if (pod.status?.reason === 'DeadlineExceeded') return true;
  const policy = pod.spec?.restartPolicy ?? 'Always';
  if (policy === 'Always') return false;
  if (policy === 'Never') {
    for (const c of pod.spec?.initContainers ?? []) {
      const cur = latest(observed, c.name);
      if (!isSidecar(c) && isExited(cur) && cur!.exitCode !== 0) return true;
    }
  }
  const containers = pod.spec?.containers ?? [];
  return containers.every((c) => {
    const cur = latest(observed, c.name);
    if (!isExited(cur)) return false;
    return policy === 'Never' || cur!.exitCode === 0;
  });
}
