import { describe, expect, it } from 'vitest';
import type { KObject } from '../../../src/api/types.js';
import {
  computeStatefulSetPlan,
  type StsAction,
  type StsPlan,
} from '../../../src/controllers/statefulset/plan.js';
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

const withoutPodNameLabel = (p: KObject) => {
  delete p.metadata.labels!['statefulset.kubernetes.io/pod-name'];
  return p;
};

/** An expected action; pod actions name the pod, resolved to the input pod object before comparing. */
type Expected =
  | { type: 'create'; ordinal: number; revision: 'current' | 'update' }
  | { type: 'delete'; pod: string; reason: 'finished' | 'scale-down' | 'update' }
  | { type: 'ensure-claims' | 'fix-identity'; pod: string };

const create = (ordinal: number, revision: 'current' | 'update' = 'update'): Expected => ({
  type: 'create',
  ordinal,
  revision,
});
const del = (pod: string, reason: 'finished' | 'scale-down' | 'update'): Expected => ({
  type: 'delete',
  pod,
  reason,
});
const ensureClaims = (pod: string): Expected => ({ type: 'ensure-claims', pod });
const fixIdentity = (pod: string): Expected => ({ type: 'fix-identity', pod });

/** The whole expected plan: these actions, and why the pass stopped early (if it did). */
const plan = (actions: Expected[] = [], waiting?: string) => ({ actions, waiting });

/** Replace pod names by the input pods themselves, so the comparison covers the whole action. */
function resolve(expected: { actions: Expected[]; waiting?: string }, pods: KObject[]): StsPlan {
  const byName = (name: string) => {
    const found = pods.find((p) => p.metadata.name === name);
    if (!found) throw new Error(`the case names ${name}, which is not among its pods`);
    return found;
  };
  const actions = expected.actions.map(
    (a): StsAction => (a.type === 'create' ? a : { ...a, pod: byName(a.pod) }),
  );
  return expected.waiting === undefined ? { actions } : { actions, waiting: expected.waiting };
}

interface Case {
  name: string;
  set?: (s: KObject) => void;
  pods: KObject[];
  /** The revision the set's template is at now; the pods' own revision is web-v1 unless given. */
  updateRevision?: string;
  expect: ReturnType<typeof plan>;
}

const cases: Case[] = [
  {
    name: 'OrderedReady creates web-0 first and only it',
    pods: [],
    expect: plan([create(0)], 'pod 0 to be created'),
  },
  {
    name: 'OrderedReady waits while web-0 is Pending',
    pods: [member(0, { phase: 'Pending', ready: false })],
    expect: plan([ensureClaims('web-0')], 'web-0 to be Running and Ready'),
  },
  {
    name: 'OrderedReady waits while web-0 is Running but not Ready',
    pods: [member(0, { ready: false })],
    expect: plan([], 'web-0 to be Running and Ready'),
  },
  {
    name: 'OrderedReady creates web-1 once web-0 is Running and Ready',
    pods: [member(0)],
    expect: plan([create(1)], 'pod 1 to be created'),
  },
  {
    name: 'OrderedReady recreates a missing web-0 before anything else',
    pods: [member(1), member(2)],
    expect: plan([create(0)], 'pod 0 to be created'),
  },
  {
    name: 'Parallel creates every missing pod at once',
    set: (s) => (s.spec.podManagementPolicy = 'Parallel'),
    pods: [],
    expect: plan([create(0), create(1), create(2)], 'pod 2 to be updated and healthy'),
  },
  {
    name: 'scale down removes the highest ordinal first, one at a time',
    set: (s) => (s.spec.replicas = 1),
    pods: [member(0), member(1), member(2), member(3)],
    expect: plan([del('web-3', 'scale-down')], 'web-3 to terminate'),
  },
  {
    name: 'scale down waits for a terminating pod to go',
    set: (s) => (s.spec.replicas = 1),
    pods: [member(0), member(1), member(2, { terminating: true })],
    expect: plan([], 'web-2 to terminate'),
  },
  {
    name: 'scale down waits while a remaining replica is unhealthy',
    set: (s) => (s.spec.replicas = 1),
    pods: [member(0, { ready: false }), member(1)],
    expect: plan([], 'web-0 to be Running and Ready'),
  },
  {
    name: 'Parallel scale down removes all extra pods at once',
    set: (s) => {
      s.spec.replicas = 1;
      s.spec.podManagementPolicy = 'Parallel';
    },
    pods: [member(0), member(1), member(2)],
    expect: plan([del('web-2', 'scale-down'), del('web-1', 'scale-down')]),
  },
  {
    name: 'a pod that lost its pod-name label gets its identity fixed and the pass goes on',
    pods: [member(0), withoutPodNameLabel(member(1)), member(2)],
    expect: plan([fixIdentity('web-1')]),
  },
  {
    name: 'a failed pod is deleted to be created again',
    pods: [member(0, { phase: 'Failed', ready: false })],
    expect: plan([del('web-0', 'finished')], 'web-0 to be replaced'),
  },
  {
    name: 'a rolling update deletes the highest ordinal not at the update revision',
    pods: [member(0), member(1), member(2)],
    updateRevision: 'web-v2',
    expect: plan([del('web-2', 'update')], 'web-2 to be updated'),
  },
  {
    name: 'a rolling update waits for the updated pod to be healthy before the next',
    pods: [member(0), member(1), member(2, { rev: 'web-v2', ready: false })],
    updateRevision: 'web-v2',
    expect: plan([], 'web-2 to be Running and Ready'),
  },
  {
    name: 'a rolling update continues down once the higher ordinal is updated and healthy',
    pods: [member(0), member(1), member(2, { rev: 'web-v2' })],
    updateRevision: 'web-v2',
    expect: plan([del('web-1', 'update')], 'web-1 to be updated'),
  },
  {
    name: 'a partition keeps ordinals below it at the old revision',
    set: (s) => (s.spec.updateStrategy.rollingUpdate.partition = 2),
    pods: [member(0), member(1), member(2, { rev: 'web-v2' })],
    updateRevision: 'web-v2',
    expect: plan(),
  },
  {
    name: 'a pod below the partition is recreated at the current revision',
    set: (s) => (s.spec.updateStrategy.rollingUpdate.partition = 2),
    pods: [member(1), member(2, { rev: 'web-v2' })],
    updateRevision: 'web-v2',
    expect: plan([create(0, 'current')], 'pod 0 to be created'),
  },
  {
    name: 'OnDelete never deletes pods for an update',
    set: (s) => (s.spec.updateStrategy = { type: 'OnDelete' }),
    pods: [member(0), member(1), member(2)],
    updateRevision: 'web-v2',
    expect: plan(),
  },
  {
    name: 'a set being deleted does nothing',
    set: (s) => (s.metadata = { ...s.metadata, deletionTimestamp: '2025-06-01T12:00:00Z' }),
    pods: [],
    expect: plan(),
  },
];

describe('computeStatefulSetPlan', () => {
  for (const c of cases) {
    it(c.name, () => {
      const input = set(c.set);
      const actual = computeStatefulSetPlan({
        set: input,
        pods: c.pods,
        currentRevision: 'web-v1',
        updateRevision: c.updateRevision ?? 'web-v1',
        now: T0,
      });
      expect(actual).toEqual(resolve(c.expect, c.pods));
    });
  }
});
