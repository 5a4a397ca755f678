// The Job controller's pass as a pure function: one base Job and pod fixtures with small
// mutators; each case checks the whole plan (pods by name).
import { describe, expect, it } from 'vitest';
import type { KObject } from '../../../src/api/types.js';
import { JOB_COMPLETION_INDEX, JOB_TRACKING_FINALIZER } from '../../../src/api/well-known.js';
import { backoffDelayMs } from '../../../src/controllers/job/backoff.js';
import { computeJobPlan, type JobPlan } from '../../../src/controllers/job/compute.js';
import { formatIndexes, parseIndexes } from '../../../src/controllers/job/indexes.js';
import { jobPod } from '../../../src/controllers/job/job-pod.js';

const NOW = Date.parse('2026-01-01T00:10:00Z');
const T = (s: number) => new Date(NOW - s * 1000).toISOString().replace('.000Z', 'Z');
const NOW_S = T(0);

const job = (mut: (spec: any, j: KObject) => void = () => {}): KObject => {
  const j: KObject = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'pi', namespace: 'default', uid: 'job-uid' },
    spec: {
      completions: 1,
      parallelism: 1,
      backoffLimit: 6,
      completionMode: 'NonIndexed',
      suspend: false,
      template: { spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox' }] } },
    },
    status: { startTime: T(60) },
  };
  mut(j.spec, j);
  return j;
};

interface PodOpts {
  phase?: 'Pending' | 'Running' | 'Succeeded' | 'Failed';
  index?: number;
  finalizer?: boolean;
  finishedAgo?: number;
  exitCode?: number;
  ready?: boolean;
  deleting?: boolean;
}

const pod = (name: string, o: PodOpts = {}): KObject => {
  const phase = o.phase ?? 'Running';
  const terminated = phase === 'Succeeded' || phase === 'Failed';
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'default',
      uid: `uid-${name}`,
      creationTimestamp: T(100),
      ...(o.finalizer === false ? {} : { finalizers: [JOB_TRACKING_FINALIZER] }),
      ...(o.index !== undefined ? { annotations: { [JOB_COMPLETION_INDEX]: String(o.index) } } : {}),
      ...(o.deleting ? { deletionTimestamp: T(1) } : {}),
    },
    spec: { nodeName: 'vm' },
    status: {
      phase,
      conditions: [{ type: 'Ready', status: o.ready ? 'True' : 'False', lastTransitionTime: T(50) }],
      containerStatuses: [
        {
          name: 'main',
          restartCount: 0,
          state: terminated
            ? {
                terminated: {
                  exitCode: o.exitCode ?? (phase === 'Succeeded' ? 0 : 1),
                  finishedAt: T(o.finishedAgo ?? 5),
                },
              }
            : { running: {} },
        },
      ],
    },
  };
};

/** The plan with pods as names, for whole-plan comparison. */
const view = (p: JobPlan) => ({
  ...p,
  removeFinalizers: p.removeFinalizers.map((x) => x.metadata.name),
  delete: p.delete.map((x) => x.metadata.name),
});

const base = {
  removeFinalizers: [],
  create: [],
  delete: [],
  events: [],
  uncounted: undefined,
};
const cond = (type: string, reason: string, message: string, status = 'True') => ({
  type,
  status,
  lastProbeTime: NOW_S,
  lastTransitionTime: NOW_S,
  reason,
  message,
});
const REACHED = ['CompletionsReached', 'Reached expected number of succeeded pods'] as const;
const BACKOFF = ['BackoffLimitExceeded', 'Job has reached the specified backoff limit'] as const;

describe('computeJobPlan', () => {
  const cases: { name: string; job: KObject; pods: KObject[]; want: unknown }[] = [
    {
      name: 'creates up to parallelism pods for a new job, never more than the completions left',
      job: job((s) => Object.assign(s, { completions: 5, parallelism: 2 })),
      pods: [],
      want: {
        ...base,
        create: [{}, {}],
        status: { startTime: T(60), active: 2, ready: 0, terminating: 0, uncountedTerminatedPods: {} },
      },
    },
    {
      name: 'records a finished pod as uncounted, releases its finalizer, counts it, and replaces it',
      job: job((s) => Object.assign(s, { completions: 5, parallelism: 2 })),
      pods: [pod('a', { phase: 'Succeeded' }), pod('b', { ready: true })],
      want: {
        ...base,
        uncounted: { succeeded: ['uid-a'], failed: [] },
        removeFinalizers: ['a'],
        create: [{}],
        status: {
          startTime: T(60),
          active: 2,
          succeeded: 1,
          ready: 1,
          terminating: 0,
          uncountedTerminatedPods: {},
        },
      },
    },
    {
      name: 'finishes the count left in uncountedTerminatedPods by a crash, without counting twice',
      job: job((s, j) => {
        s.completions = 2;
        j.status = { startTime: T(60), succeeded: 0, uncountedTerminatedPods: { succeeded: ['uid-a'] } };
      }),
      pods: [pod('a', { phase: 'Succeeded' }), pod('b', { phase: 'Succeeded', finalizer: false })],
      want: {
        ...base,
        removeFinalizers: ['a'],
        create: [{}],
        status: {
          startTime: T(60),
          active: 1,
          succeeded: 1,
          ready: 0,
          terminating: 0,
          uncountedTerminatedPods: {},
        },
      },
    },
    {
      name: 'marks success with SuccessCriteriaMet and Complete once completions are reached',
      job: job(),
      pods: [pod('a', { phase: 'Succeeded' })],
      want: {
        ...base,
        uncounted: { succeeded: ['uid-a'], failed: [] },
        removeFinalizers: ['a'],
        events: [{ type: 'Normal', reason: 'Completed', message: 'Job completed' }],
        status: {
          conditions: [cond('SuccessCriteriaMet', ...REACHED), cond('Complete', ...REACHED)],
          startTime: T(60),
          completionTime: NOW_S,
          succeeded: 1,
          ready: 0,
          terminating: 0,
          uncountedTerminatedPods: {},
        },
      },
    },
    {
      name: 'waits 10 s after the first failure before creating the replacement',
      job: job((_s, j) => {
        j.status = { startTime: T(60), failed: 1 };
      }),
      pods: [pod('a', { phase: 'Failed', finalizer: false, finishedAgo: 4 })],
      want: {
        ...base,
        requeueAfterMs: 6000,
        status: { startTime: T(60), failed: 1, ready: 0, terminating: 0, uncountedTerminatedPods: {} },
      },
    },
    {
      name: 'fails with BackoffLimitExceeded past backoffLimit, after FailureTarget',
      job: job((s, j) => {
        s.backoffLimit = 1;
        j.status = { startTime: T(60), failed: 1 };
      }),
      pods: [pod('a', { phase: 'Failed', finalizer: false, finishedAgo: 30 }), pod('b', { phase: 'Failed' })],
      want: {
        ...base,
        uncounted: { succeeded: [], failed: ['uid-b'] },
        removeFinalizers: ['b'],
        events: [{ type: 'Warning', reason: BACKOFF[0], message: BACKOFF[1] }],
        status: {
          conditions: [cond('FailureTarget', ...BACKOFF), cond('Failed', ...BACKOFF)],
          startTime: T(60),
          failed: 2,
          ready: 0,
          terminating: 0,
          uncountedTerminatedPods: {},
        },
      },
    },
    {
      name: 'deletes the running pods of a Job past its activeDeadlineSeconds and waits for them before Failed',
      job: job((s) => {
        s.activeDeadlineSeconds = 30;
      }),
      pods: [pod('a')],
      want: {
        ...base,
        delete: ['a'],
        status: {
          conditions: [
            cond('FailureTarget', 'DeadlineExceeded', 'Job was active longer than specified deadline'),
          ],
          startTime: T(60),
          ready: 0,
          terminating: 0,
          uncountedTerminatedPods: {},
        },
      },
    },
    {
      name: 'fails the Job at once on a FailJob rule of the podFailurePolicy',
      job: job((s) => {
        s.podFailurePolicy = {
          rules: [{ action: 'FailJob', onExitCodes: { operator: 'In', values: [42] } }],
        };
      }),
      pods: [pod('a', { phase: 'Failed', exitCode: 42 })],
      want: (() => {
        const msg =
          'Container main for pod default/a failed with exit code 42 matching FailJob rule at index 0';
        return {
          ...base,
          uncounted: { succeeded: [], failed: ['uid-a'] },
          removeFinalizers: ['a'],
          events: [{ type: 'Warning', reason: 'PodFailurePolicy', message: msg }],
          status: {
            conditions: [
              cond('FailureTarget', 'PodFailurePolicy', msg),
              cond('Failed', 'PodFailurePolicy', msg),
            ],
            startTime: T(60),
            failed: 1,
            ready: 0,
            terminating: 0,
            uncountedTerminatedPods: {},
          },
        };
      })(),
    },
    {
      name: 'does not count a failure an Ignore rule matches, and replaces the pod without back-off',
      job: job((s) => {
        s.backoffLimit = 0;
        s.podFailurePolicy = { rules: [{ action: 'Ignore', onExitCodes: { operator: 'In', values: [7] } }] };
      }),
      pods: [pod('a', { phase: 'Failed', exitCode: 7 })],
      want: {
        ...base,
        removeFinalizers: ['a'],
        create: [{}],
        status: { startTime: T(60), active: 1, ready: 0, terminating: 0, uncountedTerminatedPods: {} },
      },
    },
    {
      name: 'gives each pending index of an Indexed Job one pod, lowest first',
      job: job((s) => Object.assign(s, { completionMode: 'Indexed', completions: 4, parallelism: 2 })),
      pods: [pod('pi-0', { index: 0, phase: 'Succeeded' })],
      want: {
        ...base,
        uncounted: { succeeded: ['uid-pi-0'], failed: [] },
        removeFinalizers: ['pi-0'],
        create: [{ index: 1 }, { index: 2 }],
        status: {
          startTime: T(60),
          active: 2,
          succeeded: 1,
          ready: 0,
          terminating: 0,
          completedIndexes: '0',
          uncountedTerminatedPods: {},
        },
      },
    },
    {
      name: 'completes an Indexed Job early when its successPolicy matches, deleting the rest',
      job: job((s, j) => {
        Object.assign(s, { completionMode: 'Indexed', completions: 3, parallelism: 3 });
        s.successPolicy = { rules: [{ succeededIndexes: '0' }] };
        j.status = { startTime: T(60), succeeded: 1, completedIndexes: '0' };
      }),
      pods: [pod('pi-0', { index: 0, phase: 'Succeeded', finalizer: false }), pod('pi-1', { index: 1 })],
      want: {
        ...base,
        delete: ['pi-1'],
        status: {
          conditions: [cond('SuccessCriteriaMet', 'SuccessPolicy', 'Matched rules at index 0')],
          startTime: T(60),
          succeeded: 1,
          ready: 0,
          terminating: 0,
          completedIndexes: '0',
          uncountedTerminatedPods: {},
        },
      },
    },
    {
      name: 'fails an index past backoffLimitPerIndex and the Job with FailedIndexes once every index is done',
      job: job((s, j) => {
        Object.assign(s, {
          completionMode: 'Indexed',
          completions: 2,
          parallelism: 2,
          backoffLimitPerIndex: 1,
        });
        j.status = { startTime: T(60), succeeded: 1, completedIndexes: '1', failedIndexes: '' };
      }),
      pods: [
        (() => {
          const p = pod('pi-0', { index: 0, phase: 'Failed' });
          p.metadata.annotations!['batch.kubernetes.io/job-index-failure-count'] = '1';
          return p;
        })(),
      ],
      want: {
        ...base,
        uncounted: { succeeded: [], failed: ['uid-pi-0'] },
        removeFinalizers: ['pi-0'],
        events: [{ type: 'Warning', reason: 'FailedIndexes', message: 'Job has failed indexes' }],
        status: {
          conditions: [
            cond('FailureTarget', 'FailedIndexes', 'Job has failed indexes'),
            cond('Failed', 'FailedIndexes', 'Job has failed indexes'),
          ],
          startTime: T(60),
          succeeded: 1,
          failed: 1,
          ready: 0,
          terminating: 0,
          completedIndexes: '1',
          failedIndexes: '0',
          uncountedTerminatedPods: {},
        },
      },
    },
    {
      name: 'counts container restarts against backoffLimit under restartPolicy OnFailure',
      job: job((s) => {
        s.backoffLimit = 2;
        s.template.spec.restartPolicy = 'OnFailure';
      }),
      pods: [
        (() => {
          const p = pod('a');
          p.status!.containerStatuses[0].restartCount = 2;
          return p;
        })(),
      ],
      want: {
        ...base,
        delete: ['a'],
        status: {
          conditions: [cond('FailureTarget', ...BACKOFF)],
          startTime: T(60),
          ready: 0,
          terminating: 0,
          uncountedTerminatedPods: {},
        },
      },
    },
    {
      name: 'counts a deleted pod as failed and replaces it without waiting for it to terminate',
      job: job(),
      pods: [pod('a', { deleting: true })],
      want: {
        ...base,
        uncounted: { succeeded: [], failed: ['uid-a'] },
        removeFinalizers: ['a'],
        create: [{}],
        status: {
          startTime: T(60),
          active: 1,
          failed: 1,
          ready: 0,
          terminating: 1,
          uncountedTerminatedPods: {},
        },
      },
    },
    {
      name: 'keeps the place of a terminating pod under podReplacementPolicy Failed',
      job: job((s) => {
        s.podReplacementPolicy = 'Failed';
      }),
      pods: [pod('a', { deleting: true })],
      want: {
        ...base,
        status: { startTime: T(60), ready: 0, terminating: 1, uncountedTerminatedPods: {} },
      },
    },
    {
      name: 'suspends: deletes the active pods, says Suspended, counts no failure',
      job: job((s) => {
        s.suspend = true;
      }),
      pods: [pod('a')],
      want: {
        ...base,
        delete: ['a'],
        events: [{ type: 'Normal', reason: 'Suspended', message: 'Job suspended' }],
        status: {
          conditions: [cond('Suspended', 'JobSuspended', 'Job suspended')],
          startTime: T(60),
          ready: 0,
          terminating: 0,
          uncountedTerminatedPods: {},
        },
      },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(view(computeJobPlan(c.job, c.pods, NOW))).toEqual(c.want);
    });
  }
});

describe('job helpers', () => {
  it('formats and parses index intervals', () => {
    expect(formatIndexes([7, 1, 3, 4, 5])).toBe('1,3-5,7');
    expect([...parseIndexes('1,3-5,7,9', 8)]).toEqual([1, 3, 4, 5, 7]);
  });

  it('doubles the back-off from 10 s and caps it at 6 min', () => {
    expect([0, 1, 2, 3, 6, 7, 20].map(backoffDelayMs)).toEqual([
      0, 10_000, 20_000, 40_000, 320_000, 360_000, 360_000,
    ]);
  });

  it('gives an Indexed pod its index, env, hostname and the tracking finalizer', () => {
    const j = job((s) => {
      s.completionMode = 'Indexed';
      s.template.metadata = { labels: { 'job-name': 'pi' } };
    });
    expect(jobPod(j, { index: 2 })).toEqual({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        generateName: 'pi-2-',
        namespace: 'default',
        labels: { 'job-name': 'pi', [JOB_COMPLETION_INDEX]: '2' },
        annotations: { [JOB_COMPLETION_INDEX]: '2' },
        finalizers: [JOB_TRACKING_FINALIZER],
        ownerReferences: [
          {
            apiVersion: 'batch/v1',
            kind: 'Job',
            name: 'pi',
            uid: 'job-uid',
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
      },
      spec: {
        restartPolicy: 'Never',
        hostname: 'pi-2',
        containers: [
          {
            name: 'main',
            image: 'busybox',
            env: [
              {
                name: 'JOB_COMPLETION_INDEX',
                valueFrom: { fieldRef: { fieldPath: `metadata.annotations['${JOB_COMPLETION_INDEX}']` } },
              },
            ],
          },
        ],
      },
    });
  });
});
