// The CronJob controller's pass as a pure function of (cronjob, jobs, now): schedules with a
// stepped clock, no waiting.
import { describe, expect, it } from 'vitest';
import type { KObject } from '../../../src/api/types.js';
import { validateCronJobSpec } from '../../../src/api/validation-cronjob.js';
import { type CronPlan, computeCronPlan } from '../../../src/controllers/cronjob/compute.js';
import { jobNameFor, scheduledJob } from '../../../src/controllers/cronjob/job-from-cronjob.js';

const at = (iso: string) => Date.parse(iso);
const NOW = at('2026-01-01T10:00:30Z');

const cronJob = (mut: (spec: any, cj: KObject) => void = () => {}): KObject => {
  const cj: KObject = {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: {
      name: 'tick',
      namespace: 'default',
      uid: 'cj-uid',
      creationTimestamp: '2026-01-01T09:00:00Z',
    },
    spec: {
      schedule: '*/1 * * * *',
      concurrencyPolicy: 'Allow',
      suspend: false,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 1,
      jobTemplate: { spec: { template: { spec: { containers: [{ name: 'c', image: 'busybox' }] } } } },
    },
    status: { lastScheduleTime: '2026-01-01T09:59:00Z' },
  };
  mut(cj.spec, cj);
  return cj;
};

const job = (name: string, state: 'Running' | 'Complete' | 'Failed', startMin = 0): KObject => ({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name, namespace: 'default', uid: `uid-${name}`, resourceVersion: '7' },
  status: {
    startTime: new Date(at('2026-01-01T09:00:00Z') + startMin * 60_000).toISOString().replace('.000Z', 'Z'),
    ...(state === 'Running'
      ? { active: 1 }
      : {
          conditions: [{ type: state, status: 'True' }],
          ...(state === 'Complete' ? { completionTime: '2026-01-01T09:30:00Z' } : {}),
        }),
  },
});

const ref = (name: string) => ({
  apiVersion: 'batch/v1',
  kind: 'Job',
  name,
  namespace: 'default',
  uid: `uid-${name}`,
  resourceVersion: '7',
});

const view = (p: CronPlan) => ({ ...p, delete: p.delete.map((j) => j.metadata.name) });

describe('computeCronPlan', () => {
  const cases: { name: string; cj: KObject; jobs: KObject[]; now?: number; want: unknown }[] = [
    {
      name: 'starts the run that is due and wakes for the next minute',
      cj: cronJob(),
      jobs: [],
      want: {
        start: at('2026-01-01T10:00:00Z'),
        delete: [],
        events: [],
        requeueAfterMs: 30_100,
        status: { lastScheduleTime: '2026-01-01T10:00:00Z' },
      },
    },
    {
      name: 'starts only the most recent of several runs missed while the agent was stopped',
      cj: cronJob((_s, cj) => {
        cj.status = { lastScheduleTime: '2026-01-01T09:50:00Z' };
      }),
      jobs: [],
      want: {
        start: at('2026-01-01T10:00:00Z'),
        delete: [],
        events: [],
        requeueAfterMs: 30_100,
        status: { lastScheduleTime: '2026-01-01T10:00:00Z' },
      },
    },
    {
      name: 'warns about more than 100 missed runs and still starts the most recent',
      cj: cronJob((_s, cj) => {
        cj.status = { lastScheduleTime: '2026-01-01T07:00:00Z' };
      }),
      jobs: [],
      want: {
        start: at('2026-01-01T10:00:00Z'),
        delete: [],
        events: [
          {
            type: 'Warning',
            reason: 'TooManyMissedTimes',
            message:
              'too many missed start times: 180. Set or decrease .spec.startingDeadlineSeconds or check clock skew',
          },
        ],
        requeueAfterMs: 30_100,
        status: { lastScheduleTime: '2026-01-01T10:00:00Z' },
      },
    },
    {
      name: 'starts nothing when the run was started already',
      cj: cronJob((_s, cj) => {
        cj.status = { lastScheduleTime: '2026-01-01T10:00:00Z' };
      }),
      jobs: [job(jobNameFor(cronJob(), at('2026-01-01T10:00:00Z')), 'Running', 60)],
      want: {
        delete: [],
        events: [],
        requeueAfterMs: 30_100,
        status: { active: [ref('tick-29454360')], lastScheduleTime: '2026-01-01T10:00:00Z' },
      },
    },
    {
      name: 'skips a run while one is active under Forbid',
      cj: cronJob((s) => {
        s.concurrencyPolicy = 'Forbid';
      }),
      jobs: [job('tick-29454359', 'Running', 59)],
      want: {
        delete: [],
        events: [
          {
            type: 'Normal',
            reason: 'JobAlreadyActive',
            message: 'Not starting job because prior execution is running and concurrency policy is Forbid',
          },
        ],
        requeueAfterMs: 30_100,
        status: { active: [ref('tick-29454359')], lastScheduleTime: '2026-01-01T09:59:00Z' },
      },
    },
    {
      name: 'replaces the active run under Replace',
      cj: cronJob((s) => {
        s.concurrencyPolicy = 'Replace';
      }),
      jobs: [job('tick-29454359', 'Running', 59)],
      want: {
        start: at('2026-01-01T10:00:00Z'),
        delete: ['tick-29454359'],
        events: [],
        requeueAfterMs: 30_100,
        status: { lastScheduleTime: '2026-01-01T10:00:00Z' },
      },
    },
    {
      name: 'starts nothing while suspended, and prunes history beyond the limits (oldest first)',
      cj: cronJob((s) => {
        s.suspend = true;
        s.successfulJobsHistoryLimit = 1;
      }),
      jobs: [job('a', 'Complete', 1), job('b', 'Complete', 2), job('c', 'Failed', 3), job('d', 'Failed', 4)],
      want: {
        delete: ['a', 'c'],
        events: [],
        status: { lastScheduleTime: '2026-01-01T09:59:00Z', lastSuccessfulTime: '2026-01-01T09:30:00Z' },
      },
    },
    {
      name: 'reads the schedule in spec.timeZone',
      cj: cronJob((s, cj) => {
        s.schedule = '0 11 * * *';
        s.timeZone = 'Europe/Berlin';
        cj.status = { lastScheduleTime: '2025-12-31T10:00:00Z' };
      }),
      jobs: [],
      want: {
        start: at('2026-01-01T10:00:00Z'),
        delete: [],
        events: [],
        requeueAfterMs: 86_370_100,
        status: { lastScheduleTime: '2026-01-01T10:00:00Z' },
      },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(view(computeCronPlan(c.cj, c.jobs, c.now ?? NOW))).toEqual(c.want);
    });
  }

  it('looks again after at most a day for a yearly schedule', () => {
    const cj = cronJob((s) => {
      s.schedule = '@yearly';
    });
    expect(computeCronPlan(cj, [], NOW).requeueAfterMs).toBe(86_400_000);
  });

  it('names the Job after the scheduled minute and stamps the time in the zone', () => {
    const cj = cronJob((s) => {
      s.timeZone = 'Europe/Berlin';
    });
    const j = scheduledJob(cj, at('2026-01-01T10:00:00Z'));
    expect([j.metadata.name, j.metadata.annotations]).toEqual([
      'tick-29454360',
      { 'batch.kubernetes.io/cronjob-scheduled-timestamp': '2026-01-01T11:00:00+01:00' },
    ]);
  });
});

describe('validateCronJobSpec', () => {
  const errs = (spec: Record<string, unknown>) =>
    validateCronJobSpec({ apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'x' }, spec }).map(
      (e) => `${e.path.join('.')}: ${e.detail}`,
    );
  it('accepts 5 fields and macros in a real zone', () => {
    expect([
      ...errs({ schedule: '*/5 * * * 1-5' }),
      ...errs({ schedule: '@hourly', timeZone: 'Asia/Tokyo' }),
    ]).toEqual([]);
  });
  it('refuses TZ= in the schedule, a wrong field count and an unknown zone as the API server words it', () => {
    expect([
      ...errs({ schedule: 'TZ=UTC 0 * * * *' }),
      ...errs({ schedule: '* * * *' }),
      ...errs({ schedule: '* * * * *', timeZone: 'Mars/Olympus' }),
    ]).toEqual([
      'spec.schedule: cannot use TZ or CRON_TZ in schedule, use timeZone field instead',
      'spec.schedule: expected exactly 5 fields, found 4: [* * * *]',
      'spec.timeZone: unknown time zone Mars/Olympus',
    ]);
  });
});
