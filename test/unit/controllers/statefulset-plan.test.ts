import { describe, expect, it } from 'vitest';
import type { KObject } from '../../../src/api/types.js';
import { computeStatefulSetPlan, type StsAction } from '../../../src/controllers/statefulset/plan.js';
import { type PodState, pod, T0 } from './fixtures.js';

const set = (mut: (s: KObject) => void = () => {}): KObject => {
  const s: KObject = {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'web', namespace: 'default', uid: 'sts-uid', generation: 1 },
    spec: {
      replicas: 3,
      serviceName: 'web',
      selector: { matchLabels: { app: 'web' } },
      podManagementPolicy: 'OrderedReady',
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'c', image: 'busybox' }] },
      },
    },
  };
  mut(s);
  return s;
};

/** A member pod: `web-N` at revision `rev`. */
const member = (n: number, opts: Partial<PodState> & { rev?: string } = {}) => {
  const p = pod({ name: `web-${n}`, ...opts });
  p.metadata.labels = {
    app: 'web',
    'statefulset.kubernetes.io/pod-name': `web-${n}`,
    'controller-revision-hash': opts.rev ?? 'web-v1',
  };
  return p;
};

const show = (actions: StsAction[]) =>
  actions.map((a) =>
    a.type === 'create'
      ? `create ${a.ordinal} (${a.revision})`
      : `${a.type} ${a.pod.metadata.name}${a.type === 'delete' ? ` (${a.reason})` : ''}`,
  );

interface Case {
  name: string;
  set?: (s: KObject) => void;
  pods: KObject[];
  expect: string[];
}

const cases: Case[] = [
  { name: 'OrderedReady creates web-0 first and only it', pods: [], expect: ['create 0 (update)'] },
  {
    name: 'OrderedReady waits while web-0 is Pending',
    pods: [member(0, { phase: 'Pending', ready: false })],
    expect: ['ensure-claims web-0'],
  },
  {
    name: 'OrderedReady waits while web-0 is Running but not Ready',
    pods: [member(0, { ready: false })],
    expect: [],
  },
  {
    name: 'OrderedReady creates web-1 once web-0 is Running and Ready',
    pods: [member(0)],
    expect: ['create 1 (update)'],
  },
  {
    name: 'OrderedReady recreates a missing web-0 before anything else',
    pods: [member(1), member(2)],
    expect: ['create 0 (update)'],
  },
  {
    name: 'Parallel creates every missing pod at once',
    set: (s) => (s.spec.podManagementPolicy = 'Parallel'),
    pods: [],
    expect: ['create 0 (update)', 'create 1 (update)', 'create 2 (update)'],
  },
  {
    name: 'scale down removes the highest ordinal first, one at a time',
    set: (s) => (s.spec.replicas = 1),
    pods: [member(0), member(1), member(2), member(3)],
    expect: ['delete web-3 (scale-down)'],
  },
  {
    name: 'scale down waits for a terminating pod to go',
    set: (s) => (s.spec.replicas = 1),
    pods: [member(0), member(1), member(2, { terminating: true })],
    expect: [],
  },
  {
    name: 'scale down waits while a remaining replica is unhealthy',
    set: (s) => (s.spec.replicas = 1),
    pods: [member(0, { ready: false }), member(1)],
    expect: [],
  },
  {
    name: 'Parallel scale down removes all extra pods at once',
    set: (s) => {
      s.spec.replicas = 1;
      s.spec.podManagementPolicy = 'Parallel';
    },
    pods: [member(0), member(1), member(2)],
    expect: ['delete web-2 (scale-down)', 'delete web-1 (scale-down)'],
  },
  {
    name: 'a failed pod is deleted to be created again',
    pods: [member(0, { phase: 'Failed', ready: false })],
    expect: ['delete web-0 (finished)'],
  },
  {
    name: 'a rolling update deletes the highest ordinal not at the update revision',
    pods: [member(0), member(1), member(2)],
    expect: ['delete web-2 (update)'],
  },
  {
    name: 'a rolling update waits for the updated pod to be healthy before the next',
    pods: [member(0), member(1), member(2, { rev: 'web-v2', ready: false })],
    expect: [],
  },
  {
    name: 'a rolling update continues down once the higher ordinal is updated and healthy',
    pods: [member(0), member(1), member(2, { rev: 'web-v2' })],
    expect: ['delete web-1 (update)'],
  },
  {
    name: 'a partition keeps ordinals below it at the old revision',
    set: (s) => (s.spec.updateStrategy.rollingUpdate.partition = 2),
    pods: [member(0), member(1), member(2, { rev: 'web-v2' })],
    expect: [],
  },
  {
    name: 'a pod below the partition is recreated at the current revision',
    set: (s) => (s.spec.updateStrategy.rollingUpdate.partition = 2),
    pods: [member(1), member(2, { rev: 'web-v2' })],
    expect: ['create 0 (current)'],
  },
  {
    name: 'OnDelete never deletes pods for an update',
    set: (s) => (s.spec.updateStrategy = { type: 'OnDelete' }),
    pods: [member(0), member(1), member(2)],
    expect: [],
  },
  {
    name: 'a set being deleted does nothing',
    set: (s) => (s.metadata.deletionTimestamp = '2025-06-01T12:00:00Z'),
    pods: [],
    expect: [],
  },
];

describe('computeStatefulSetPlan', () => {
  for (const c of cases) {
    it(c.name, () => {
      const input = set(c.set);
      const updateRevision =
        c.name.includes('rolling update') || c.name.includes('partition') ? 'web-v2' : 'web-v1';
      const plan = computeStatefulSetPlan({
        set: input,
        pods: c.pods,
        currentRevision: 'web-v1',
        updateRevision,
        now: T0,
      });
      expect(show(plan.actions)).toEqual(c.expect);
    });
  }
});
