// computePodStatus: the status the kubelet reports, from the pod, what runs, and what the last
// sync decided (waiting reasons). Pure; conditions keep their lastTransitionTime while unchanged.
import type { Container, ContainerStatus, Pod, PodCondition, PodStatus } from 'kubernetes-types/core/v1.js';
import { rfc3339 } from '../api/time.js';
import type { ObservedContainer } from '../runtime/types.js';
import type { WaitingInfo } from './actions.js';
import { isPodTerminal, isSidecar } from './actions.js';
import { latest, type PodObservation, previous } from './observed.js';

export interface StatusInput {
  pod: Pod;
  observed: PodObservation;
  /** Why containers without a running attempt wait (CrashLoopBackOff, ErrImagePull, ...). */
  waiting: Map<string, WaitingInfo>;
  /** Readiness per container name from probes; a container without a readiness probe is ready when running. */
  readiness?: Map<string, boolean>;
  /** Whether each container's startup probe has succeeded (absent = no startup probe). */
  started?: Map<string, boolean>;
  /** activeDeadlineSeconds passed: the pod is Failed with reason DeadlineExceeded. */
  deadlineExceeded?: boolean;
  hostIP: string;
  now: Date;
}

export { rfc3339 };

const isoOrUndefined = (s?: string) => (s ? rfc3339(new Date(s)) : undefined);

export function computePodStatus(input: StatusInput): PodStatus {
  const { pod, observed } = input;
  const prev = pod.status ?? {};
  const init = (pod.spec?.initContainers ?? []).map((c) => containerStatus(input, c, true));
  const apps = (pod.spec?.containers ?? []).map((c) => containerStatus(input, c, false));
  const initialized = isInitialized(pod, init);
  const deadline = input.deadlineExceeded || prev.reason === 'DeadlineExceeded';
  const phase = deadline ? 'Failed' : podPhase(pod, observed, init, apps, initialized);
  const sandboxIP = observed.sandbox?.state === 'running' ? observed.sandbox.ip : undefined;
  const podIP = sandboxIP ?? (phase === 'Pending' ? undefined : prev.podIP);

  const status: PodStatus = {
    phase,
    ...(deadline
      ? {
          reason: 'DeadlineExceeded',
          message: 'Pod was active on the node longer than the specified deadline',
        }
      : {}),
    conditions: conditions(input, init, apps, initialized, phase),
    hostIP: input.hostIP,
    hostIPs: [{ ip: input.hostIP }],
    ...(podIP ? { podIP, podIPs: [{ ip: podIP }] } : {}),
    startTime: prev.startTime ?? rfc3339(input.now),
    ...(init.length ? { initContainerStatuses: init } : {}),
    containerStatuses: apps,
    qosClass: qosClass(pod),
  };
  return status;
}

function containerStatus(input: StatusInput, c: Container, isInit: boolean): ContainerStatus {
  const cur = latest(input.observed, c.name);
  const prevRun = previous(input.observed, c.name);
  const waiting = input.waiting.get(c.name);
  const status: ContainerStatus = {
    name: c.name,
    image: c.image!,
    imageID: cur?.imageId ? `docker-pullable://${cur.image}@${cur.imageId}` : '',
    restartCount: cur ? cur.attempt : 0,
    ready: false,
    started: false,
    state: {},
    lastState: {},
  };
  if (cur) status.containerID = `docker://${cur.id}`;
  const lastRun = waiting && cur && cur.state !== 'running' ? cur : prevRun;
  if (lastRun && lastRun.state !== 'running' && lastRun.state !== 'created') {
    status.lastState = { terminated: terminated(lastRun) };
  }
  if (waiting || !cur || cur.state === 'created') {
    status.state = {
      waiting: waiting ?? { reason: defaultWaitingReason(input.pod) },
    };
    if (waiting && !waiting.message) delete status.state.waiting!.message;
  } else if (cur.state === 'running' || cur.state === 'restarting' || cur.state === 'paused') {
    status.state = { running: { startedAt: isoOrUndefined(cur.startedAt) } };
    status.started = input.started?.get(c.name) ?? true;
    const probeReady = input.readiness?.get(c.name);
    status.ready = (probeReady ?? true) && status.started;
    if (isInit && !isSidecar(c)) status.ready = false;
  } else {
    status.state = { terminated: terminated(cur) };
    if (isInit && !isSidecar(c)) status.ready = cur.exitCode === 0;
  }
  if (isInit && !isSidecar(c)) delete status.started;
  return status;
}

/** The kubelet's default waiting state: for every container, init ones included, of a pod with init containers. */
function defaultWaitingReason(pod: Pod): string {
  return (pod.spec?.initContainers?.length ?? 0) > 0 ? 'PodInitializing' : 'ContainerCreating';
}

function terminated(c: ObservedContainer) {
  return {
    exitCode: c.exitCode,
    reason: c.oomKilled ? 'OOMKilled' : c.exitCode === 0 ? 'Completed' : 'Error',
    startedAt: isoOrUndefined(c.startedAt),
    finishedAt: isoOrUndefined(c.finishedAt),
    containerID: `docker://${c.id}`,
  };
}

function isInitialized(pod: Pod, init: ContainerStatus[]): boolean {
  return (pod.spec?.initContainers ?? []).every((c, i) => {
    const s = init[i]!;
    if (isSidecar(c)) return !!s.started || !!s.state?.running;
    return s.state?.terminated?.exitCode === 0;
  });
}

/** The kubelet's getPhase. */
function podPhase(
  pod: Pod,
  observed: PodObservation,
  init: ContainerStatus[],
  apps: ContainerStatus[],
  initialized: boolean,
): NonNullable<PodStatus['phase']> {
  const policy = pod.spec?.restartPolicy ?? 'Always';
  if (!initialized) {
    const failedInit = init.some(
      (s, i) => !isSidecar(pod.spec!.initContainers![i]!) && (s.state?.terminated?.exitCode ?? 0) !== 0,
    );
    return failedInit && policy === 'Never' ? 'Failed' : 'Pending';
  }
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;
  for (const s of apps) {
    if (s.state?.running) running++;
    else if (s.state?.terminated) {
      stopped++;
      if (s.state.terminated.exitCode === 0) succeeded++;
    } else if (s.lastState?.terminated) stopped++;
    else waiting++;
  }
  if (waiting > 0) return 'Pending';
  if (running > 0) return 'Running';
  if (stopped > 0) {
    if (!isPodTerminal(pod, observed)) return 'Running';
    return stopped === succeeded ? 'Succeeded' : 'Failed';
  }
  return 'Pending';
}

function conditions(
  input: StatusInput,
  init: ContainerStatus[],
  apps: ContainerStatus[],
  initialized: boolean,
  phase: string,
): PodCondition[] {
  const prev = new Map((input.pod.status?.conditions ?? []).map((c) => [c.type, c]));
  const at = rfc3339(input.now);
  const cond = (type: string, ok: boolean, reason?: string, message?: string): PodCondition => {
    const status = ok ? 'True' : 'False';
    const old = prev.get(type);
    const c: PodCondition = {
      type,
      status,
      lastProbeTime: null as unknown as undefined,
      lastTransitionTime: old && old.status === status ? old.lastTransitionTime : at,
    };
    if (!ok && reason) c.reason = reason;
    if (!ok && message) c.message = message;
    return c;
  };
  const terminal = phase === 'Succeeded' || phase === 'Failed';
  // Sidecars count for readiness too, listed first, as the kubelet's ContainersReady condition.
  const sidecars = init.filter((_, i) => isSidecar(input.pod.spec!.initContainers![i]!));
  const notReady = [...sidecars, ...apps].filter((s) => !s.ready).map((s) => s.name);
  const notInit = init
    .filter((s, i) => {
      const c = input.pod.spec!.initContainers![i]!;
      return isSidecar(c) ? !s.started : s.state?.terminated?.exitCode !== 0;
    })
    .map((s) => s.name);
  const containersReady = !terminal && notReady.length === 0;
  // A finished pod is not ready for a reason of its own (generateContainersReadyConditionForTerminalPhase).
  const readyReason = phase === 'Failed' ? 'PodFailed' : terminal ? 'PodCompleted' : 'ContainersNotReady';
  const readyMessage = terminal ? undefined : `containers with unready status: [${notReady.join(' ')}]`;
  const sandboxUp = input.observed.sandbox?.state === 'running';
  const initializedCond = cond(
    'Initialized',
    initialized,
    'ContainersNotInitialized',
    `containers with incomplete status: [${notInit.join(' ')}]`,
  );
  // A pod that succeeded says so on Initialized too (GeneratePodInitializedCondition).
  if (phase === 'Succeeded') initializedCond.reason = 'PodCompleted';
  return [
    cond('PodReadyToStartContainers', sandboxUp),
    initializedCond,
    cond('Ready', containersReady, readyReason, readyMessage),
    cond('ContainersReady', containersReady, readyReason, readyMessage),
    cond('PodScheduled', true),
  ];
}

function qosClass(pod: Pod): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const all = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
  const has = (c: Container) =>
    Object.keys(c.resources?.requests ?? {}).length + Object.keys(c.resources?.limits ?? {}).length > 0;
  if (!all.some(has)) return 'BestEffort';
  const guaranteed = all.every((c) => {
    const l = c.resources?.limits ?? {};
    const r = c.resources?.requests ?? {};
    return (
      l.cpu !== undefined &&
      l.memory !== undefined &&
      (r.cpu ?? l.cpu) === l.cpu &&
      (r.memory ?? l.memory) === l.memory
    );
  });
  return guaranteed ? 'Guaranteed' : 'Burstable';
}
