import { describe, expect, it } from 'vitest';
import { mergeConditions, syncHpa } from '../../../src/controllers/hpa/compute.js';
import { emptyHistory } from '../../../src/controllers/hpa/normalize.js';
import type { CalcPod } from '../../../src/controllers/hpa/replica-calculator.js';

const NOW = 10 * 60_000;
const hpa = {
  spec: {
    scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
    minReplicas: 1,
    maxReplicas: 5,
    metrics: [
      {
        type: 'Resource',
        resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } },
      },
    ],
  },
};
const pod = (name: string): CalcPod => ({
  name,
  phase: 'Running',
  deleting: false,
  startTime: 0,
  ready: { status: 'True', lastTransitionTime: 1 },
  containers: [{ name: 'c', request: 100 }],
});
const samples = (values: Record<string, number>) =>
  new Map(Object.entries(values).map(([k, v]) => [k, { value: v, timestamp: NOW - 1000, windowMs: 15_000 }]));

describe('syncHpa', () => {
  it('rescales on a metric above target: the whole result', () => {
    expect(
      syncHpa({
        hpa,
        scale: { replicas: 2 },
        pods: () => [pod('a'), pod('b')],
        metrics: () => samples({ a: 90, b: 110 }),
        now: NOW,
        history: emptyHistory(),
      }),
    ).toEqual({
      rescaleTo: 4,
      status: {
        currentReplicas: 2,
        desiredReplicas: 4,
        lastScaleTime: true,
        currentMetrics: [
          {
            type: 'Resource',
            resource: { name: 'cpu', current: { averageUtilization: 100, averageValue: '100m' } },
          },
        ],
      },
      conditions: [
        {
          type: 'AbleToScale',
          status: 'True',
          reason: 'SucceededGetScale',
          message: "the HPA controller was able to get the target's current scale",
        },
        {
          type: 'ScalingActive',
          status: 'True',
          reason: 'ValidMetricFound',
          message:
            'the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)',
        },
        {
          type: 'AbleToScale',
          status: 'True',
          reason: 'ReadyForNewScale',
          message: 'recommended size matches current size',
        },
        {
          type: 'ScalingLimited',
          status: 'False',
          reason: 'DesiredWithinRange',
          message: 'the desired count is within the acceptable range',
        },
        {
          type: 'AbleToScale',
          status: 'True',
          reason: 'SucceededRescale',
          message: 'the HPA controller was able to update the target scale to 4',
        },
      ],
      events: [
        {
          type: 'Normal',
          reason: 'SuccessfulRescale',
          message: 'New size: 4; reason: cpu resource utilization (percentage of request) above target',
        },
      ],
    });
  });

  it('reports missing metrics as the controller does', () => {
    expect(
      syncHpa({
        hpa,
        scale: { replicas: 2 },
        pods: () => [pod('a')],
        metrics: () => undefined,
        now: NOW,
        history: emptyHistory(),
      }),
    ).toEqual({
      status: { currentReplicas: 2, currentMetrics: [] },
      conditions: [
        {
          type: 'AbleToScale',
          status: 'True',
          reason: 'SucceededGetScale',
          message: "the HPA controller was able to get the target's current scale",
        },
        {
          type: 'ScalingActive',
          status: 'False',
          reason: 'FailedGetResourceMetric',
          message:
            'the HPA was unable to compute the replica count: failed to get cpu utilization: unable to get metrics for resource cpu: no metrics returned from resource metrics API',
        },
      ],
      events: [
        {
          type: 'Warning',
          reason: 'FailedGetResourceMetric',
          message:
            'failed to get cpu utilization: unable to get metrics for resource cpu: no metrics returned from resource metrics API',
        },
        {
          type: 'Warning',
          reason: 'FailedComputeMetricsReplicas',
          message:
            'invalid metrics (1 invalid out of 1), first error is: failed to get cpu resource metric value: failed to get cpu utilization: unable to get metrics for resource cpu: no metrics returned from resource metrics API',
        },
      ],
    });
  });

  it('cannot get the scale of a missing target', () => {
    expect(
      syncHpa({
        hpa,
        scale: { error: 'deployments.apps "web" not found' },
        pods: () => [],
        metrics: () => undefined,
        now: NOW,
        history: emptyHistory(),
      }),
    ).toEqual({
      status: {},
      conditions: [
        {
          type: 'AbleToScale',
          status: 'False',
          reason: 'FailedGetScale',
          message: `the HPA controller was unable to get the target's current scale: deployments.apps "web" not found`,
        },
      ],
      events: [{ type: 'Warning', reason: 'FailedGetScale', message: 'deployments.apps "web" not found' }],
    });
  });

  it('leaves a target scaled to zero alone, and pulls one outside min/max back', () => {
    const zero = syncHpa({
      hpa,
      scale: { replicas: 0 },
      pods: () => [],
      metrics: () => undefined,
      now: NOW,
      history: emptyHistory(),
    });
    expect([zero.rescaleTo, zero.conditions[1]]).toEqual([
      undefined,
      {
        type: 'ScalingActive',
        status: 'False',
        reason: 'ScalingDisabled',
        message: 'scaling is disabled since the replica count of the target is zero',
      },
    ]);
    const above = syncHpa({
      hpa,
      scale: { replicas: 9 },
      pods: () => [],
      metrics: () => undefined,
      now: NOW,
      history: emptyHistory(),
    });
    expect([above.rescaleTo, above.events]).toEqual([
      5,
      [
        {
          type: 'Normal',
          reason: 'SuccessfulRescale',
          message: 'New size: 5; reason: Current number of replicas above Spec.MaxReplicas',
        },
      ],
    ]);
  });

  it('merges conditions: the last of each type wins, the time moves only on a status change', () => {
    const prev = [
      { type: 'AbleToScale', status: 'True', lastTransitionTime: 'T0', reason: 'x', message: 'x' },
      { type: 'ScalingActive', status: 'False', lastTransitionTime: 'T0', reason: 'y', message: 'y' },
    ];
    expect(
      mergeConditions(
        prev,
        [
          { type: 'AbleToScale', status: 'True', reason: 'A', message: 'a' },
          { type: 'ScalingActive', status: 'True', reason: 'B', message: 'b' },
          { type: 'AbleToScale', status: 'True', reason: 'C', message: 'c' },
          { type: 'ScalingLimited', status: 'False', reason: 'D', message: 'd' },
        ],
        'T1',
      ),
    ).toEqual([
      { type: 'AbleToScale', status: 'True', lastTransitionTime: 'T0', reason: 'C', message: 'c' },
      { type: 'ScalingActive', status: 'True', lastTransitionTime: 'T1', reason: 'B', message: 'b' },
      { type: 'ScalingLimited', status: 'False', lastTransitionTime: 'T1', reason: 'D', message: 'd' },
    ]);
  });
});
