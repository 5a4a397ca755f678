import { describe, expect, it } from 'vitest';
import type { KObject } from '../../../src/api/types.js';
import { describeHorizontalPodAutoscaler } from '../../../src/printers/describe/autoscaling.js';
import { formatHpaMetrics, horizontalpodautoscalers } from '../../../src/printers/tables/autoscaling.js';

process.env.TZ = 'UTC';

const cpu = (target: Record<string, unknown>) => ({ type: 'Resource', resource: { name: 'cpu', target } });
const HPA = {
  apiVersion: 'autoscaling/v2',
  kind: 'HorizontalPodAutoscaler',
  metadata: { name: 'web', namespace: 'default', creationTimestamp: '2024-05-01T12:00:00Z' },
  spec: {
    scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
    minReplicas: 1,
    maxReplicas: 10,
    metrics: [
      cpu({ type: 'Utilization', averageUtilization: 50 }),
      {
        type: 'Resource',
        resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '100Mi' } },
      },
    ],
    behavior: {
      scaleUp: {
        stabilizationWindowSeconds: 0,
        selectPolicy: 'Max',
        policies: [
          { type: 'Pods', value: 4, periodSeconds: 15 },
          { type: 'Percent', value: 100, periodSeconds: 15 },
        ],
      },
      scaleDown: { selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] },
    },
  },
  status: {
    currentReplicas: 2,
    desiredReplicas: 3,
    currentMetrics: [
      {
        type: 'Resource',
        resource: { name: 'cpu', current: { averageUtilization: 45, averageValue: '45m' } },
      },
      { type: 'Resource', resource: { name: 'memory', current: { averageValue: '50Mi' } } },
    ],
    conditions: [
      {
        type: 'AbleToScale',
        status: 'True',
        lastTransitionTime: '2024-05-01T12:00:10Z',
        reason: 'ReadyForNewScale',
        message: 'recommended size matches current size',
      },
      {
        type: 'ScalingActive',
        status: 'True',
        lastTransitionTime: '2024-05-01T12:00:10Z',
        reason: 'ValidMetricFound',
        message:
          'the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)',
      },
    ],
  },
} as unknown as KObject;

describe('HPA printers', () => {
  it.each<[string, any[] | undefined, any[] | undefined, string]>([
    ['no metrics', [], undefined, '<none>'],
    [
      'no status yet',
      [cpu({ type: 'Utilization', averageUtilization: 80 })],
      undefined,
      'cpu: <unknown>/80%',
    ],
    [
      'utilization',
      [cpu({ type: 'Utilization', averageUtilization: 50 })],
      [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 45 } } }],
      'cpu: 45%/50%',
    ],
    [
      'average value',
      [cpu({ type: 'AverageValue', averageValue: '500m' })],
      [{ type: 'Resource', resource: { name: 'cpu', current: { averageValue: '0.25' } } }],
      'cpu: 250m/500m',
    ],
    [
      'more than two',
      [cpu({ averageUtilization: 1 }), cpu({ averageUtilization: 2 }), cpu({ averageUtilization: 3 })],
      [],
      'cpu: <unknown>/1%, cpu: <unknown>/2% + 1 more...',
    ],
  ])('TARGETS with %s', (_name, specs, statuses, want) => {
    expect(formatHpaMetrics(specs, statuses)).toBe(want);
  });

  it('has get hpa cells in kubectl order', () => {
    expect(horizontalpodautoscalers.cells(HPA, Date.parse('2024-05-01T12:05:00Z'))).toEqual([
      'web',
      'Deployment/web',
      'cpu: 45%/50%, memory: 50Mi/100Mi',
      '1',
      10,
      2,
      '5m',
    ]);
  });

  it('describes an HPA as kubectl does', () => {
    expect(describeHorizontalPodAutoscaler(HPA, [], Date.parse('2024-05-01T12:05:00Z'))).toBe(
      `Name:                                                  web
Namespace:                                             default
Labels:                                                <none>
Annotations:                                           <none>
CreationTimestamp:                                     Wed, 01 May 2024 12:00:00 +0000
Reference:                                             Deployment/web
Metrics:                                               ( current / target )
  resource cpu on pods  (as a percentage of request):  45% (45m) / 50%
  resource memory on pods:                             50Mi / 100Mi
Min replicas:                                          1
Max replicas:                                          10
Behavior:
  Scale Up:
    Stabilization Window: 0 seconds
    Select Policy: Max
    Policies:
      - Type: Pods     Value: 4    Period: 15 seconds
      - Type: Percent  Value: 100  Period: 15 seconds
  Scale Down:
    Select Policy: Max
    Policies:
      - Type: Percent  Value: 100  Period: 15 seconds
Deployment pods:       2 current / 3 desired
Conditions:
  Type           Status  Reason            Message
  ----           ------  ------            -------
  AbleToScale    True    ReadyForNewScale  recommended size matches current size
  ScalingActive  True    ValidMetricFound  the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)
Events:          <none>
`,
    );
  });
});
