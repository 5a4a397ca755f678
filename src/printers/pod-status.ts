// The READY, STATUS and RESTARTS cells of `kubectl get pods`: a port of printPod (printers.go,
// v1.32). Pure: everything it needs is the pod and the clock.
import type { KObject } from '../api/types.js';
import { humanDuration, parseTime } from './duration.js';

export interface PodStatusColumns {
  /** `ready/total`, e.g. `1/2`; sidecars count in total. */
  ready: string;
  /** The STATUS column: `Running`, `Init:0/2`, `CrashLoopBackOff`, `Terminating`, ... */
  status: string;
  /** `5`, or `5 (32s ago)` when a last termination time is known. */
  restarts: string;
  readyCount: number;
  total: number;
  restartCount: number;
}

const isSidecar = (c: any): boolean => c?.restartPolicy === 'Always';

const hasCondition = (pod: KObject, type: string): boolean =>
  (pod.status?.conditions ?? []).some((c: any) => c.type === type && c.status === 'True');

/** Initialized condition: the first condition of that type decides. */
function initializedTrue(pod: KObject): boolean {
  const c = (pod.status?.conditions ?? []).find((x: any) => x.type === 'Initialized');
  return c?.status === 'True';
}

function finishedAt(status: any): number | undefined {
  return parseTime(status?.lastState?.terminated?.finishedAt);
}

const later = (a: number | undefined, b: number | undefined): number | undefined =>
  b !== undefined && (a === undefined || b > a) ? b : a;

interface InitResult {
  reason?: string;
  initializing: boolean;
  ready: number;
  restarts: number;
  lastRestart?: number;
  sidecarRestarts: number;
  sidecarLastRestart?: number;
}

function walkInitContainers(pod: KObject): InitResult {
  const specs = new Map<string, any>((pod.spec?.initContainers ?? []).map((c: any) => [c.name, c]));
  const r: InitResult = { initializing: false, ready: 0, restarts: 0, sidecarRestarts: 0 };
  const statuses: any[] = pod.status?.initContainerStatuses ?? [];
  for (let i = 0; i < statuses.length; i++) {
    const c = statuses[i];
    const sidecar = isSidecar(specs.get(c.name));
    r.restarts += c.restartCount ?? 0;
    r.lastRestart = later(r.lastRestart, finishedAt(c));
    if (sidecar) {
      r.sidecarRestarts += c.restartCount ?? 0;
      r.sidecarLastRestart = later(r.sidecarLastRestart, finishedAt(c));
    }
    const terminated = c.state?.terminated;
    const waiting = c.state?.waiting;
    if (terminated && (terminated.exitCode ?? 0) === 0) continue;
    if (sidecar && c.started === true) {
      if (c.ready) r.ready++;
      continue;
    }
    if (terminated) {
      if (!terminated.reason) {
        r.reason = terminated.signal
          ? `Init:Signal:${terminated.signal}`
          : `Init:ExitCode:${terminated.exitCode ?? 0}`;
      } else r.reason = `Init:${terminated.reason}`;
    } else if (waiting?.reason && waiting.reason !== 'PodInitializing') {
      r.reason = `Init:${waiting.reason}`;
    } else {
      r.reason = `Init:${i}/${(pod.spec?.initContainers ?? []).length}`;
    }
    r.initializing = true;
    break;
  }
  return r;
}

/** The pod's READY, STATUS and RESTARTS cells at `now` (ms since the epoch). */
export function podStatusColumns(pod: KObject, now: number): PodStatusColumns {
  const phase: string = pod.status?.phase ?? '';
  let reason: string = pod.status?.reason || phase;
  for (const c of pod.status?.conditions ?? []) {
    if (c.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated';
  }
  const total =
    (pod.spec?.containers ?? []).length + (pod.spec?.initContainers ?? []).filter(isSidecar).length;

  const init = walkInitContainers(pod);
  if (init.reason !== undefined) reason = init.reason;
  let ready = init.ready;
  let restarts = init.restarts;
  let lastRestart = init.lastRestart;

  if (!init.initializing || initializedTrue(pod)) {
    restarts = init.sidecarRestarts;
    lastRestart = init.sidecarLastRestart;
    let hasRunning = false;
    const statuses: any[] = pod.status?.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const c = statuses[i];
      restarts += c.restartCount ?? 0;
      lastRestart = later(lastRestart, finishedAt(c));
      const waiting = c.state?.waiting;
      const terminated = c.state?.terminated;
      if (waiting?.reason) reason = waiting.reason;
      else if (terminated?.reason) reason = terminated.reason;
      else if (terminated) {
        reason = terminated.signal ? `Signal:${terminated.signal}` : `ExitCode:${terminated.exitCode ?? 0}`;
      } else if (c.ready && c.state?.running) {
        hasRunning = true;
        ready++;
      }
    }
    if (reason === 'Completed' && hasRunning) reason = hasCondition(pod, 'Ready') ? 'Running' : 'NotReady';
  }

  if (pod.metadata.deletionTimestamp && pod.status?.reason === 'NodeLost') reason = 'Unknown';
  else if (pod.metadata.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed')
    reason = 'Terminating';

  const restartsCell =
    restarts !== 0 && lastRestart !== undefined
      ? `${restarts} (${humanDuration(now - lastRestart)} ago)`
      : String(restarts);
  return {
    ready: `${ready}/${total}`,
    status: reason,
    restarts: restartsCell,
    readyCount: ready,
    total,
    restartCount: restarts,
  };
}
