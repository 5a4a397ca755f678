// One probe worker per (container, probe type), as the kubelet's prober worker: it counts
// consecutive results against the thresholds and publishes a result only when one is crossed.
// After a liveness or startup failure it holds until it sees a new container.
import type { ProbeSettings, ProbeType } from './probe-spec.js';

export type ProbeResult = 'Success' | 'Failure';

export interface ProbeWorkerState {
  /** What the results cache says now. */
  result: ProbeResult | undefined;
  lastResult?: ProbeResult;
  resultRun: number;
  onHold: boolean;
}

/** Before any probe: readiness is Failure, liveness Success, startup not yet known. */
export function initialProbeState(type: ProbeType): ProbeWorkerState {
  return {
    result: type === 'readiness' ? 'Failure' : type === 'liveness' ? 'Success' : undefined,
    resultRun: 0,
    onHold: false,
  };
}

/** Whether a probe should run now (the initial delay, holds, startup gating). */
export function shouldProbe(
  state: ProbeWorkerState,
  opts: {
    type: ProbeType;
    settings: ProbeSettings;
    containerStartedAt: number;
    now: number;
    startupPassed: boolean;
  },
): boolean {
  if (state.onHold) return false;
  if (opts.type !== 'startup' && !opts.startupPassed) return false;
  if (opts.type === 'startup' && state.result === 'Success') return false;
  return opts.now - opts.containerStartedAt >= opts.settings.initialDelayMs;
}

/** Fold one probe outcome into the worker's state. Pure. */
export function recordProbe(
  state: ProbeWorkerState,
  type: ProbeType,
  settings: ProbeSettings,
  outcome: ProbeResult,
): ProbeWorkerState {
  const resultRun = state.lastResult === outcome ? state.resultRun + 1 : 1;
  const next: ProbeWorkerState = { ...state, lastResult: outcome, resultRun };
  const threshold = outcome === 'Failure' ? settings.failureThreshold : settings.successThreshold;
  if (resultRun < threshold) return next;
  next.result = outcome;
  if (outcome === 'Failure' && type !== 'readiness') {
    // The container will be killed: stop probing it until a new container shows up.
    next.onHold = true;
    next.resultRun = 0;
  }
  return next;
}
