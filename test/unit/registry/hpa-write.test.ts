// HorizontalPodAutoscaler writes through the registry: autoscaling/v1 converted to the stored v2
// with v2's defaults and no warning, v2 defaults (the 80 % cpu target, behavior filled in only
// when written), and the API server's validation messages.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lookupKind } from '../../../src/api/kinds.js';
import type { KObject } from '../../../src/api/types.js';
import { Registry } from '../../../src/registry/registry.js';
import { TempState } from '../validation/cli-ctx.js';

const HPA = lookupKind('hpa')!;
let state: TempState;
let registry: Registry;
beforeEach(() => {
  state = new TempState();
  registry = new Registry(state.getStore());
});
afterEach(() => state.cleanup());

const ref = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' };
const stored = (o: KObject) => {
  const {
    uid: _u,
    resourceVersion: _r,
    creationTimestamp: _c,
    managedFields: _m,
    ...metadata
  } = o.metadata as Record<string, unknown>;
  return { ...o, metadata };
};

describe('HorizontalPodAutoscaler writes', () => {
  it('stores an autoscaling/v1 HPA as v2, its cpu target as a Resource metric, without a warning', async () => {
    const warnings: string[] = [];
    const created = await registry.create(
      {
        apiVersion: 'autoscaling/v1',
        kind: 'HorizontalPodAutoscaler',
        metadata: { name: 'web', namespace: 'default' },
        spec: { scaleTargetRef: ref, maxReplicas: 5, targetCPUUtilizationPercentage: 60 },
      } as KObject,
      { warn: (w) => warnings.push(w) },
    );
    expect([warnings, stored(created)]).toEqual([
      [],
      {
        apiVersion: 'autoscaling/v2',
        kind: 'HorizontalPodAutoscaler',
        metadata: { name: 'web', namespace: 'default', generation: 1 },
        spec: {
          scaleTargetRef: ref,
          maxReplicas: 5,
          minReplicas: 1,
          metrics: [
            {
              type: 'Resource',
              resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 60 } },
            },
          ],
        },
      },
    ]);
  });

  it('defaults a v2 HPA: minReplicas, the 80 % cpu target, and a written behavior filled in', async () => {
    const created = await registry.create({
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'web', namespace: 'default' },
      spec: {
        scaleTargetRef: ref,
        maxReplicas: 3,
        behavior: { scaleDown: { stabilizationWindowSeconds: 10 } },
      },
    } as KObject);
    expect(created.spec).toEqual({
      scaleTargetRef: ref,
      maxReplicas: 3,
      minReplicas: 1,
      metrics: [
        {
          type: 'Resource',
          resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } },
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
        scaleDown: {
          selectPolicy: 'Max',
          stabilizationWindowSeconds: 10,
          policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }],
        },
      },
    });
  });

  it('refuses bad bounds with the API server message', async () => {
    await expect(
      registry.create({
        apiVersion: 'autoscaling/v2',
        kind: 'HorizontalPodAutoscaler',
        metadata: { name: 'web', namespace: 'default' },
        spec: { scaleTargetRef: { kind: 'Deployment' }, minReplicas: 4, maxReplicas: 2 },
      } as KObject),
    ).rejects.toThrow(
      'The HorizontalPodAutoscaler "web" is invalid: \n* spec.scaleTargetRef.name: Required value\n* spec.maxReplicas: Invalid value: 2: must be greater than or equal to `minReplicas`',
    );
    expect(registry.list(HPA)).toEqual([]);
  });
});
