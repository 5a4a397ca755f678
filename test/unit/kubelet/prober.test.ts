import { describe, expect, it } from 'vitest';
import { type ProbeType, probeSettings } from '../../../src/kubelet/prober/probe-spec.js';
import {
  initialProbeState,
  type ProbeResult,
  type ProbeWorkerState,
  recordProbe,
  shouldProbe,
} from '../../../src/kubelet/prober/worker.js';

function run(type: ProbeType, probe: object, outcomes: ProbeResult[]): (ProbeResult | undefined)[] {
  const settings = probeSettings(probe, type);
  let state: ProbeWorkerState = initialProbeState(type);
  const seen: (ProbeResult | undefined)[] = [];
  for (const o of outcomes) {
    if (state.onHold) {
      seen.push(state.result);
      continue;
    }
    state = recordProbe(state, type, settings, o);
    seen.push(state.result);
  }
  return seen;
}

describe('probe defaults', () => {
  it('uses Kubernetes defaults: 1s timeout, 10s period, thresholds 1 and 3', () => {
    expect(probeSettings({}, 'readiness')).toEqual({
      initialDelayMs: 0,
      timeoutMs: 1000,
      periodMs: 10_000,
      successThreshold: 1,
      failureThreshold: 3,
      terminationGracePeriodSeconds: undefined,
    });
  });
  it('forces successThreshold to 1 for liveness and startup probes', () => {
    expect(probeSettings({ successThreshold: 3 }, 'liveness').successThreshold).toBe(1);
    expect(probeSettings({ successThreshold: 3 }, 'readiness').successThreshold).toBe(3);
  });
});

describe('probe worker', () => {
  const cases: {
    name: string;
    type: ProbeType;
    probe: object;
    outcomes: ProbeResult[];
    expected: (ProbeResult | undefined)[];
  }[] = [
    {
      name: 'readiness starts as Failure and turns Success on the first success',
      type: 'readiness',
      probe: {},
      outcomes: ['Success'],
      expected: ['Success'],
    },
    {
      name: 'readiness needs successThreshold consecutive successes',
      type: 'readiness',
      probe: { successThreshold: 2 },
      outcomes: ['Success', 'Failure', 'Success', 'Success'],
      expected: ['Failure', 'Failure', 'Failure', 'Success'],
    },
    {
      name: 'readiness turns Failure only after failureThreshold failures in a row, and recovers',
      type: 'readiness',
      probe: { failureThreshold: 2 },
      outcomes: ['Success', 'Failure', 'Success', 'Failure', 'Failure', 'Success'],
      expected: ['Success', 'Success', 'Success', 'Success', 'Failure', 'Success'],
    },
    {
      name: 'liveness stays Success until failureThreshold failures, then holds',
      type: 'liveness',
      probe: { failureThreshold: 3 },
      outcomes: ['Failure', 'Failure', 'Failure', 'Success', 'Success'],
      expected: ['Success', 'Success', 'Failure', 'Failure', 'Failure'],
    },
    {
      name: 'startup is unknown until it succeeds once',
      type: 'startup',
      probe: { failureThreshold: 5 },
      outcomes: ['Failure', 'Failure', 'Success'],
      expected: [undefined, undefined, 'Success'],
    },
    {
      name: 'startup that never succeeds fails after failureThreshold attempts',
      type: 'startup',
      probe: { failureThreshold: 2 },
      outcomes: ['Failure', 'Failure'],
      expected: [undefined, 'Failure'],
    },
  ];
  for (const c of cases) {
    it(c.name, () => expect(run(c.type, c.probe, c.outcomes)).toEqual(c.expected));
  }

  const gate = (over: Partial<Parameters<typeof shouldProbe>[1]> = {}) => ({
    type: 'liveness' as ProbeType,
    settings: probeSettings({ initialDelaySeconds: 5 }, 'liveness'),
    containerStartedAt: 0,
    now: 5_000,
    startupPassed: true,
    ...over,
  });
  it('does not probe before the initial delay', () => {
    expect(shouldProbe(initialProbeState('liveness'), gate({ now: 4_999 }))).toBe(false);
    expect(shouldProbe(initialProbeState('liveness'), gate({ now: 5_000 }))).toBe(true);
  });
  it('gates liveness and readiness until the startup probe passed', () => {
    expect(shouldProbe(initialProbeState('liveness'), gate({ startupPassed: false }))).toBe(false);
    expect(
      shouldProbe(initialProbeState('readiness'), gate({ type: 'readiness', startupPassed: false })),
    ).toBe(false);
  });
  it('stops the startup probe once it succeeded', () => {
    expect(shouldProbe({ result: 'Success', resultRun: 1, onHold: false }, gate({ type: 'startup' }))).toBe(
      false,
    );
  });
  it('holds after a liveness failure', () => {
    expect(shouldProbe({ result: 'Failure', resultRun: 0, onHold: true }, gate())).toBe(false);
  });
});
