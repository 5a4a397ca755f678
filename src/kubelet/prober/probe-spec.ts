// Probe settings with Kubernetes' defaults (core/v1 types.go): timeout 1s, period 10s,
// successThreshold 1 (always 1 for liveness and startup), failureThreshold 3.
import type { Probe } from 'kubernetes-types/core/v1.js';

export type ProbeType = 'liveness' | 'readiness' | 'startup';

export interface ProbeSettings {
  initialDelayMs: number;
  timeoutMs: number;
  periodMs: number;
  successThreshold: number;
  failureThreshold: number;
  /** Probe-level override of the pod's grace period when this probe kills the container. */
  terminationGracePeriodSeconds?: number;
}

export function probeSettings(probe: Probe, type: ProbeType): ProbeSettings {
  return {
    initialDelayMs: (probe.initialDelaySeconds ?? 0) * 1000,
    timeoutMs: Math.max(1, probe.timeoutSeconds ?? 1) * 1000,
    periodMs: Math.max(1, probe.periodSeconds ?? 10) * 1000,
    successThreshold: type === 'readiness' ? Math.max(1, probe.successThreshold ?? 1) : 1,
    failureThreshold: Math.max(1, probe.failureThreshold ?? 3),
    terminationGracePeriodSeconds: probe.terminationGracePeriodSeconds,
  };
}
