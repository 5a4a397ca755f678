// The DaemonSet controller on one node, pure: placement (selector, affinity, taints) and the
// plan (create, delete, status) for each strategy.
import { describe, expect, it } from 'vitest';
import type { KObject } from '../../../src/api/types.js';
import { computeDaemonPlan, type DaemonPlan, HASH_KEY } from '../../../src/controllers/daemonset/compute.js';
import { placementProblem } from '../../../src/controllers/daemonset/placement.js';

const NOW = Date.parse('2026-01-01T00:10:00Z');
const node: KObject = {
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name: 'vm', labels: { 'kubernetes.io/hostname': 'vm', disk: 'ssd' } },
  spec: {},
};

const ds = (mut: (spec: any) => void = () => {}): KObject => {
  const d: KObject = {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'agent', namespace: 'default', uid: 'ds-uid', generation: 2 },
    spec: {
      selector: { matchLabels: { app: 'agent' } },
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
      template: {
        metadata: { labels: { app: 'agent' } },
        spec: { containers: [{ name: 'c', image: 'busybox' }] },
      },
    },
  };
  mut(d.spec);
  return d;
};

const pod = (
  name: string,
  hash: string,
  o: { ready?: boolean; phase?: string; ageS?: number } = {},
): KObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name,
    namespace: 'default',
    uid: `uid-${name}`,
    labels: { app: 'agent', [HASH_KEY]: hash },
    creationTimestamp: new Date(NOW - (o.ageS ?? 60) * 1000).toISOString(),
  },
  spec: { nodeName: 'vm' },
  status: {
    phase: o.phase ?? 'Running',
    conditions: [
      {
        type: 'Ready',
        status: o.ready === false ? 'False' : 'True',
        lastTransitionTime: '2026-01-01T00:00:00Z',
      },
    ],
  },
});

const view = (p: DaemonPlan) => ({
  ...p,
  delete: p.delete.map((x) => x.metadata.name),
  failed: p.failed.map((x) => x.metadata.name),
});
const plan = (d: KObject, pods: KObject[], problem?: string) =>
  view(computeDaemonPlan({ ds: d, node, problem, pods, updateHash: 'new', collisionCount: 0, now: NOW }));

const STATUS_UP = {
  currentNumberScheduled: 1,
  numberMisscheduled: 0,
  desiredNumberScheduled: 1,
  numberReady: 1,
  observedGeneration: 2,
  numberAvailable: 1,
};

describe('computeDaemonPlan', () => {
  it('creates the one pod when none runs', () => {
    expect(plan(ds(), [])).toEqual({
      create: true,
      delete: [],
      failed: [],
      status: {
        currentNumberScheduled: 0,
        numberMisscheduled: 0,
        desiredNumberScheduled: 1,
        numberReady: 0,
        observedGeneration: 2,
        numberUnavailable: 1,
      },
    });
  });

  it('wants no pod where the nodeSelector does not match, and deletes one that runs there', () => {
    expect(plan(ds(), [pod('a', 'new')], "node(s) didn't match Pod's node affinity/selector")).toEqual({
      create: false,
      delete: ['a'],
      failed: [],
      status: {
        currentNumberScheduled: 0,
        numberMisscheduled: 1,
        desiredNumberScheduled: 0,
        numberReady: 0,
        observedGeneration: 2,
      },
    });
  });

  it('rolling update with maxSurge 0: deletes the old pod first', () => {
    expect(plan(ds(), [pod('a', 'old')])).toEqual({
      create: false,
      delete: ['a'],
      failed: [],
      status: STATUS_UP,
    });
  });

  it('rolling update with maxSurge 1: starts the new pod beside the old one, then deletes the old once it is available', () => {
    const surge = ds((s) => {
      s.updateStrategy.rollingUpdate = { maxUnavailable: 0, maxSurge: 1 };
    });
    expect([
      plan(surge, [pod('a', 'old')]),
      plan(surge, [pod('a', 'old', { ageS: 90 }), pod('b', 'new')]),
    ]).toEqual([
      { create: true, delete: [], failed: [], status: STATUS_UP },
      { create: false, delete: ['a'], failed: [], status: { ...STATUS_UP, updatedNumberScheduled: 1 } },
    ]);
  });

  it('OnDelete leaves the old pod alone', () => {
    const onDelete = ds((s) => {
      s.updateStrategy = { type: 'OnDelete' };
    });
    expect(plan(onDelete, [pod('a', 'old')])).toEqual({
      create: false,
      delete: [],
      failed: [],
      status: STATUS_UP,
    });
  });

  it('deletes a failed pod and creates a new one', () => {
    expect(plan(ds(), [pod('a', 'new', { phase: 'Failed', ready: false })])).toEqual({
      create: true,
      delete: ['a'],
      failed: ['a'],
      status: {
        currentNumberScheduled: 0,
        numberMisscheduled: 0,
        desiredNumberScheduled: 1,
        numberReady: 0,
        observedGeneration: 2,
        numberUnavailable: 1,
      },
    });
  });
});

describe('placementProblem', () => {
  const spec = (s: any) => ({ containers: [{ name: 'c', image: 'x' }], ...s });
  const tainted = (taints: unknown[]): KObject => ({ ...node, spec: { taints } });
  it('matches nodeSelector, node affinity and taints as the scheduler does', () => {
    expect([
      placementProblem(spec({ nodeSelector: { disk: 'ssd' } }), node),
      placementProblem(spec({ nodeSelector: { disk: 'hdd' } }), node),
      placementProblem(
        spec({
          affinity: {
            nodeAffinity: {
              requiredDuringSchedulingIgnoredDuringExecution: {
                nodeSelectorTerms: [
                  { matchExpressions: [{ key: 'disk', operator: 'NotIn', values: ['ssd'] }] },
                ],
              },
            },
          },
        }),
        node,
      ),
      placementProblem(spec({}), tainted([{ key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' }])),
      placementProblem(spec({}), tainted([{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }])),
      placementProblem(
        spec({ tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }] }),
        tainted([{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }]),
      ),
    ]).toEqual([
      undefined,
      "node(s) didn't match Pod's node affinity/selector",
      "node(s) didn't match Pod's node affinity/selector",
      undefined,
      'node(s) had untolerated taint {dedicated: gpu}',
      undefined,
    ]);
  });
});
