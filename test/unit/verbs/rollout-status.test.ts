import { describe, expect, it } from 'vitest';
import type { KObject } from '../../../src/api/types.js';
import { type RolloutStatus, rolloutStatusLine } from '../../../src/commands/workload/rollout-status.js';

function deploy(mut: (d: any) => void = () => {}): KObject {
  const d: any = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', generation: 2, annotations: { 'deployment.kubernetes.io/revision': '2' } },
    spec: { replicas: 3 },
    status: {
      observedGeneration: 2,
      replicas: 3,
      updatedReplicas: 3,
      availableReplicas: 3,
      readyReplicas: 3,
    },
  };
  mut(d);
  return d;
}

function sts(mut: (d: any) => void = () => {}): KObject {
  const s: any = {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'db', generation: 1 },
    spec: { replicas: 3, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } } },
    status: {
      observedGeneration: 1,
      replicas: 3,
      readyReplicas: 3,
      updatedReplicas: 3,
      currentReplicas: 3,
      currentRevision: 'db-7b9',
      updateRevision: 'db-7b9',
    },
  };
  mut(s);
  return s;
}

const cases: Array<{ name: string; obj: KObject; revision?: number; want: RolloutStatus }> = [
  {
    name: 'waits for the controller to observe a new generation',
    obj: deploy((d) => (d.metadata.generation = 3)),
    want: { done: false, line: 'Waiting for deployment spec update to be observed...' },
  },
  {
    name: 'counts new replicas being updated',
    obj: deploy((d) => (d.status.updatedReplicas = 1)),
    want: {
      done: false,
      line: 'Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas have been updated...',
    },
  },
  {
    name: 'counts old replicas pending termination',
    obj: deploy((d) => (d.status.replicas = 4)),
    want: {
      done: false,
      line: 'Waiting for deployment "web" rollout to finish: 1 old replicas are pending termination...',
    },
  },
  {
    name: 'counts updated replicas that are available',
    obj: deploy((d) => (d.status.availableReplicas = 2)),
    want: {
      done: false,
      line: 'Waiting for deployment "web" rollout to finish: 2 of 3 updated replicas are available...',
    },
  },
  {
    name: 'is done when every replica is updated and available',
    obj: deploy(),
    want: { done: true, line: 'deployment "web" successfully rolled out' },
  },
  {
    name: 'treats missing status counters as zero',
    obj: deploy((d) => (d.status = { observedGeneration: 2 })),
    want: {
      done: false,
      line: 'Waiting for deployment "web" rollout to finish: 0 out of 3 new replicas have been updated...',
    },
  },
  {
    name: 'fails when the progress deadline was exceeded',
    obj: deploy((d) => {
      d.status.updatedReplicas = 1;
      d.status.conditions = [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' }];
    }),
    want: { error: 'deployment "web" exceeded its progress deadline', done: false },
  },
  {
    name: 'fails when pinned to a revision that is not the running one',
    obj: deploy(),
    revision: 1,
    want: { error: 'desired revision (1) is different from the running revision (2)', done: false },
  },
  {
    name: 'accepts a pinned revision that is running',
    obj: deploy(),
    revision: 2,
    want: { done: true, line: 'deployment "web" successfully rolled out' },
  },
  {
    name: 'waits for a statefulset generation to be observed, also when never observed',
    obj: sts((s) => (s.status.observedGeneration = 0)),
    want: { done: false, line: 'Waiting for statefulset spec update to be observed...' },
  },
  {
    name: 'waits for statefulset pods to be ready',
    obj: sts((s) => (s.status.readyReplicas = 1)),
    want: { done: false, line: 'Waiting for 2 pods to be ready...' },
  },
  {
    name: 'waits for a partitioned statefulset roll out',
    obj: sts((s) => (s.status.updatedReplicas = 1)),
    want: {
      done: false,
      line: 'Waiting for partitioned roll out to finish: 1 out of 3 new pods have been updated...',
    },
  },
  {
    name: 'reports a complete partitioned roll out (the defaulted RollingUpdate case)',
    obj: sts(),
    want: { done: true, line: 'partitioned roll out complete: 3 new pods have been updated...' },
  },
  {
    name: 'reads a statefulset without rollingUpdate as defaulted to partition 0',
    obj: sts((s) => (s.spec.updateStrategy = undefined)),
    want: { done: true, line: 'partitioned roll out complete: 3 new pods have been updated...' },
  },
  {
    name: 'refuses statefulsets with the OnDelete strategy',
    obj: sts((s) => (s.spec.updateStrategy = { type: 'OnDelete' })),
    want: { error: 'rollout status is only available for RollingUpdate strategy type', done: true },
  },
  {
    name: 'has no status viewer for replica sets',
    obj: { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'x' } },
    want: { error: 'no status viewer has been implemented for ReplicaSet.apps', done: false },
  },
];

describe('rolloutStatusLine', () => {
  for (const c of cases) {
    it(c.name, () => {
      expect(rolloutStatusLine(c.obj, c.revision ?? 0)).toEqual(c.want);
    });
  }
});
