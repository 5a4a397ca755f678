import { describe, expect, it } from 'vitest';
import {
  type CalcPod,
  type PodSample,
  resourceReplicas,
} from '../../../src/controllers/hpa/replica-calculator.js';

const NOW = 10 * 60_000;
/** A pod started long ago, ready since long ago, requesting 100m. */
const ready = (name: string, over: Partial<CalcPod> = {}): CalcPod => ({
  name,
  phase: 'Running',
  deleting: false,
  startTime: 0,
  ready: { status: 'True', lastTransitionTime: 1000 },
  containers: [{ name: 'c', request: 100 }],
  ...over,
});
const sample = (value: number): PodSample => ({ value, timestamp: NOW - 1000, windowMs: 15_000 });
const metrics = (entries: Record<string, number>) =>
  new Map(Object.entries(entries).map(([k, v]) => [k, sample(v)]));
const util = (target = 50) => ({ utilization: target });

describe('resourceReplicas (Utilization)', () => {
  it.each<[string, CalcPod[], Record<string, number>, number, number]>([
    ['scales up in proportion', [ready('a'), ready('b')], { a: 100, b: 100 }, 2, 4],
    ['stays within the 10 % tolerance', [ready('a'), ready('b')], { a: 54, b: 54 }, 2, 2],
    ['scales down in proportion', [ready('a'), ready('b'), ready('c')], { a: 10, b: 10, c: 10 }, 3, 1],
    [
      'ignores failed and deleting pods',
      [ready('a'), ready('b', { phase: 'Failed' }), ready('c', { deleting: true })],
      { a: 100, b: 500, c: 500 },
      3,
      2,
    ],
    // b has no metrics: on a scale-up it counts as idle, damping the change (100+0)/200 = 50 % -> no change.
    ['treats a missing pod as idle on a scale-up', [ready('a'), ready('b')], { a: 100 }, 2, 2],
    // on a scale-down a missing pod counts as using its whole request: (10+100)/200 = 55 % -> within tolerance of 50 %.
    ['treats a missing pod as fully used on a scale-down', [ready('a'), ready('b')], { a: 10 }, 2, 2],
    // a pending pod is unready and counts as idle on a scale-up: (300 + 0) / 200 = 150 %, ratio 3, 2 pods -> 6
    [
      'counts unready pods as idle on a scale-up',
      [ready('a'), ready('b', { phase: 'Pending' })],
      { a: 300 },
      2,
      6,
    ],
    // a pod within its CPU initialisation period whose sample predates its readiness is unready,
    // so b's 900m is not trusted: (200 + 0) / 200 = 100 %, ratio 2, 2 pods -> 4 (not 11)
    [
      'sets aside a pod whose sample predates its readiness',
      [
        ready('a'),
        ready('b', { startTime: NOW - 60_000, ready: { status: 'True', lastTransitionTime: NOW - 5_000 } }),
      ],
      { a: 200, b: 900 },
      2,
      4,
    ],
  ])('%s', (_name, pods, m, current, want) => {
    expect(
      resourceReplicas(
        { currentReplicas: current, pods, metrics: metrics(m), resource: 'cpu', now: NOW },
        util(),
      ).replicas,
    ).toBe(want);
  });

  it('returns the utilization and the average usage', () => {
    expect(
      resourceReplicas(
        {
          currentReplicas: 2,
          pods: [ready('a'), ready('b')],
          metrics: metrics({ a: 30, b: 60 }),
          resource: 'cpu',
          now: NOW,
        },
        util(),
      ),
    ).toEqual({ replicas: 2, utilization: 45, rawAverage: 45, timestamp: NOW - 1000 });
  });

  it.each<[string, CalcPod[], Record<string, number>, string]>([
    ['no pods', [], {}, 'no pods returned by selector while calculating replica count'],
    [
      'only unready pods',
      [ready('a', { phase: 'Pending' })],
      { a: 1 },
      'did not receive metrics for targeted pods (pods might be unready)',
    ],
    [
      'a container without a request',
      [ready('a', { containers: [{ name: 'app', request: undefined }] })],
      { a: 1 },
      'missing request for cpu in container app of Pod a',
    ],
  ])('fails with %s', (_name, pods, m, message) => {
    expect(() =>
      resourceReplicas({ currentReplicas: 1, pods, metrics: metrics(m), resource: 'cpu', now: NOW }, util()),
    ).toThrow(message);
  });
});

describe('resourceReplicas (AverageValue)', () => {
  it('scales on the average usage per pod', () => {
    expect(
      resourceReplicas(
        {
          currentReplicas: 2,
          pods: [ready('a'), ready('b')],
          metrics: metrics({ a: 300, b: 500 }),
          resource: 'memory',
          now: NOW,
        },
        { averageValue: 200 },
      ),
    ).toEqual({ replicas: 4, utilization: undefined, rawAverage: 400, timestamp: NOW - 1000 });
  });
});
