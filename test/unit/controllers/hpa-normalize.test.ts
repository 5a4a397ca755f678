import { describe, expect, it } from 'vitest';
import { DEFAULT_SCALE_DOWN, DEFAULT_SCALE_UP } from '../../../src/api/hpa-defaults.js';
import {
  type Behavior,
  emptyHistory,
  normalizeReplicas,
  recordScaleEvent,
  type ScaleHistory,
} from '../../../src/controllers/hpa/normalize.js';

const T = 1_000_000;
const base = { minReplicas: 1, maxReplicas: 10, now: T };
const history = (recs: [number, number][] = []): ScaleHistory => ({
  ...emptyHistory(),
  recommendations: recs.map(([replicas, agoMs]) => ({ replicas, at: T - agoMs })),
});

describe('normalizeReplicas without behavior', () => {
  it('limits a scale-up to double or +4, whichever is more', () => {
    expect(
      normalizeReplicas({ ...base, currentReplicas: 1, desiredReplicas: 9, history: history() }),
    ).toEqual({
      replicas: 4,
      conditions: [
        {
          type: 'AbleToScale',
          status: 'True',
          reason: 'ReadyForNewScale',
          message: 'recommended size matches current size',
        },
        {
          type: 'ScalingLimited',
          status: 'True',
          reason: 'ScaleUpLimit',
          message: 'the desired replica count is increasing faster than the maximum scale rate',
        },
      ],
    });
  });

  it('holds a scale-down at the highest recommendation of the last 5 minutes', () => {
    const h = history([
      [6, 200_000],
      [3, 100_000],
      [8, 400_000], // older than the window: replaced by this sync's recommendation
    ]);
    expect(normalizeReplicas({ ...base, currentReplicas: 6, desiredReplicas: 2, history: h })).toEqual({
      replicas: 6,
      conditions: [
        {
          type: 'AbleToScale',
          status: 'True',
          reason: 'ScaleDownStabilized',
          message:
            'recent recommendations were higher than current one, applying the highest recent recommendation',
        },
        {
          type: 'ScalingLimited',
          status: 'False',
          reason: 'DesiredWithinRange',
          message: 'the desired count is within the acceptable range',
        },
      ],
    });
    expect(h.recommendations).toEqual([
      { replicas: 6, at: T - 200_000 },
      { replicas: 3, at: T - 100_000 },
      { replicas: 2, at: T },
    ]);
  });

  it('keeps within min and max', () => {
    expect(
      normalizeReplicas({
        ...base,
        minReplicas: 2,
        currentReplicas: 2,
        desiredReplicas: 0,
        history: history(),
      }).replicas,
    ).toBe(2);
    expect(
      normalizeReplicas({
        ...base,
        maxReplicas: 3,
        currentReplicas: 3,
        desiredReplicas: 5,
        history: history(),
      }).conditions[1],
    ).toEqual({
      type: 'ScalingLimited',
      status: 'True',
      reason: 'TooManyReplicas',
      message: 'the desired replica count is more than the maximum replica count',
    });
  });
});

describe('normalizeReplicas with behavior', () => {
  const behavior: Behavior = {
    scaleUp: DEFAULT_SCALE_UP as Behavior['scaleUp'],
    scaleDown: { ...DEFAULT_SCALE_DOWN, stabilizationWindowSeconds: 60 } as Behavior['scaleDown'],
  };

  it('applies the scale-up policies against what was already added in their periods', () => {
    const h = history();
    h.upEvents = [{ change: 3, at: T - 5_000 }];
    // period start: 4 - 3 = 1 replica; Pods +4 -> 5, Percent 100 % -> 2; Max picks 5.
    expect(
      normalizeReplicas({ ...base, behavior, currentReplicas: 4, desiredReplicas: 9, history: h }),
    ).toEqual({
      replicas: 5,
      conditions: [
        {
          type: 'AbleToScale',
          status: 'True',
          reason: 'ReadyForNewScale',
          message: 'recommended size matches current size',
        },
        {
          type: 'ScalingLimited',
          status: 'True',
          reason: 'ScaleUpLimit',
          message: 'the desired replica count is increasing faster than the maximum scale rate',
        },
      ],
    });
  });

  it('stabilizes a scale-down over its own window', () => {
    const h = history([[5, 30_000]]);
    expect(
      normalizeReplicas({ ...base, behavior, currentReplicas: 5, desiredReplicas: 1, history: h }).replicas,
    ).toBe(5);
    const old = history([[5, 90_000]]);
    expect(
      normalizeReplicas({ ...base, behavior, currentReplicas: 5, desiredReplicas: 1, history: old }).replicas,
    ).toBe(1);
  });

  it('does not scale at all in a disabled direction', () => {
    const disabled: Behavior = {
      ...behavior,
      scaleDown: { selectPolicy: 'Disabled', stabilizationWindowSeconds: 0, policies: [] },
    };
    expect(
      normalizeReplicas({
        ...base,
        behavior: disabled,
        currentReplicas: 5,
        desiredReplicas: 1,
        history: history(),
      }).replicas,
    ).toBe(5);
  });

  it('records scale events only for HPAs with a behavior, forgetting those older than the longest period', () => {
    const h = emptyHistory();
    h.upEvents = [{ change: 1, at: T - 100_000 }];
    recordScaleEvent({ behavior, history: h, from: 2, to: 5, now: T });
    recordScaleEvent({ behavior, history: h, from: 5, to: 4, now: T });
    expect(h).toEqual({
      recommendations: [],
      upEvents: [{ change: 3, at: T }],
      downEvents: [{ change: 1, at: T }],
    });
    const none = emptyHistory();
    recordScaleEvent({ history: none, from: 2, to: 5, now: T });
    expect(none).toEqual(emptyHistory());
  });
});
