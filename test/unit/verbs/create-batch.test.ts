// `create job` and `create cronjob` in-process: kubectl 1.32's own --dry-run=client output
// (captured from kubectl), the --from=cronjob Job, and the generated selector a real create gets.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TempStore } from './harness.js';

let s: TempStore;
beforeEach(() => {
  s = new TempStore();
});
afterEach(() => s.cleanup());

const JOB = `apiVersion: batch/v1
kind: Job
metadata:
  creationTimestamp: null
  name: pi
spec:
  template:
    metadata:
      creationTimestamp: null
    spec:
      containers:
      - command:
        - sh
        - -c
        - echo hi
        image: busybox:1.36
        name: pi
        resources: {}
      restartPolicy: Never
status: {}
`;

const CRONJOB = `apiVersion: batch/v1
kind: CronJob
metadata:
  creationTimestamp: null
  name: tick
spec:
  jobTemplate:
    metadata:
      creationTimestamp: null
      name: tick
    spec:
      template:
        metadata:
          creationTimestamp: null
        spec:
          containers:
          - command:
            - date
            image: busybox:1.36
            name: tick
            resources: {}
          restartPolicy: OnFailure
  schedule: '*/5 * * * *'
status: {}
`;

describe('create job and create cronjob', () => {
  it('print the objects kubectl generates', async () => {
    expect([
      await s.run([
        'create',
        'job',
        'pi',
        '--image=busybox:1.36',
        '--dry-run=client',
        '-o',
        'yaml',
        '--',
        'sh',
        '-c',
        'echo hi',
      ]),
      await s.run([
        'create',
        'cronjob',
        'tick',
        '--image=busybox:1.36',
        '--schedule=*/5 * * * *',
        '--dry-run=client',
        '-o',
        'yaml',
        '--',
        'date',
      ]),
      await s.run(['create', 'job', 'x', '--dry-run=client']),
    ]).toEqual([
      { code: 0, out: JOB, err: '' },
      { code: 0, out: CRONJOB, err: '' },
      { code: 1, out: '', err: 'error: either --image or --from must be specified\n' },
    ]);
  });

  it('makes a Job from a CronJob with --from and stores it with the generated selector', async () => {
    await s.run([
      'create',
      'cronjob',
      'tick',
      '--image=busybox:1.36',
      '--schedule=*/5 * * * *',
      '--',
      'date',
    ]);
    const r = await s.run(['create', 'job', 'manual', '--from=cronjob/tick']);
    const cj = s.get('cronjobs', 'tick')!;
    const job = s.get('jobs', 'manual')!;
    const uid = job.metadata.uid!;
    expect([
      r,
      job.metadata.annotations,
      job.metadata.ownerReferences,
      job.spec.selector,
      job.spec.template.metadata.labels,
    ]).toEqual([
      { code: 0, out: 'job.batch/manual created\n', err: '' },
      { 'cronjob.kubernetes.io/instantiate': 'manual' },
      [{ apiVersion: 'batch/v1', kind: 'CronJob', name: 'tick', uid: cj.metadata.uid, controller: true }],
      { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } },
      {
        'batch.kubernetes.io/controller-uid': uid,
        'batch.kubernetes.io/job-name': 'manual',
        'controller-uid': uid,
        'job-name': 'manual',
      },
    ]);
  });
});
