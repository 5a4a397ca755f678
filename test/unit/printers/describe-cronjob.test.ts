import { describe, expect, it } from 'vitest';
import type { KObject } from '../../../src/api/types.js';
import { describeWorkload } from '../../../src/printers/describe/workloads.js';

process.env.TZ = 'UTC';

const cj: KObject = {
  apiVersion: 'batch/v1',
  kind: 'CronJob',
  metadata: { name: 'tick', namespace: 'default' },
  spec: {
    schedule: '*/5 * * * *',
    concurrencyPolicy: 'Forbid',
    suspend: false,
    successfulJobsHistoryLimit: 3,
    failedJobsHistoryLimit: 1,
    jobTemplate: {
      spec: {
        template: {
          spec: {
            restartPolicy: 'Never',
            containers: [{ name: 'main', image: 'busybox:1.36', command: ['date'] }],
          },
        },
      },
    },
  },
  status: { lastScheduleTime: '2026-01-01T10:00:00Z', active: [{ name: 'tick-29454360' }] },
};

const WANT = `Name:                          tick
Namespace:                     default
Labels:                        <none>
Annotations:                   <none>
Schedule:                      */5 * * * *
Concurrency Policy:            Forbid
Suspend:                       False
Successful Job History Limit:  3
Failed Job History Limit:      1
Starting Deadline Seconds:     <unset>
Selector:                      <unset>
Parallelism:                   <unset>
Completions:                   <unset>
Pod Template:
  Labels:  <none>
  Containers:
   main:
    Image:      busybox:1.36
    Port:       <none>
    Host Port:  <none>
    Command:
      date
    Environment:     <none>
    Mounts:          <none>
  Volumes:           <none>
  Node-Selectors:    <none>
  Tolerations:       <none>
Last Schedule Time:  Thu, 01 Jan 2026 10:00:00 +0000
Active Jobs:         tick-29454360
Events:              <none>
`;

describe('describe cronjob', () => {
  // The lines from Environment on are one tabwriter block, aligned to `Last Schedule Time:`, as in kubectl.
  it('prints what kubectl prints', () => {
    expect(describeWorkload('CronJob', cj, { pods: [], events: [], now: 0, store: { list: () => [] } })).toBe(
      WANT,
    );
  });
});
