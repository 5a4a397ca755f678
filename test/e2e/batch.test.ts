// Jobs, CronJobs and DaemonSets on the real engine, through the CLI. Everything is applied at
// once in beforeAll so the slow parts overlap: the failing Job's 10 s back-off runs while the
// other tests check their objects, and its test comes last.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, requireDocker, TestHome } from './harness.js';

/** busybox:1.36 under a second name: a new image for the rolling update, no pull needed. */
const NEXT_IMAGE = 'mkube-e2e-batch-busybox:next';

const job = (name: string, spec: string, command: string) => `apiVersion: batch/v1
kind: Job
metadata: {name: ${name}}
spec:
${spec}
  template:
    spec:
      restartPolicy: Never
      terminationGracePeriodSeconds: 0
      containers: [{name: main, image: busybox:1.36, command: [sh, -c, '${command}']}]
`;

const daemonSet = (name: string, extra = '') => `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: ${name}}
spec:
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      terminationGracePeriodSeconds: 0
${extra}      containers: [{name: main, image: busybox:1.36, command: [sleep, '3600']}]
`;

const MANIFESTS = [
  job('par', '  completions: 5\n  parallelism: 2', 'true'),
  job(
    'idx',
    '  completions: 2\n  parallelism: 2\n  completionMode: Indexed',
    'echo index=$JOB_COMPLETION_INDEX host=$(hostname)',
  ),
  job('fail', '  backoffLimit: 1', 'exit 3'),
  job('ttl', '  ttlSecondsAfterFinished: 0', 'true'),
  daemonSet('agent'),
  daemonSet('nowhere', '      nodeSelector: {disk: none}\n'),
  `apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly}
spec:
  schedule: "0 3 * * *"
  timeZone: Europe/Berlin
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: Never
          terminationGracePeriodSeconds: 0
          containers: [{name: main, image: busybox:1.36, command: [echo, from cron]}]
`,
].join('---\n');

/** Ages and durations vary: `12s`, `1m3s` -> `AGE`. */
const ages = (s: string) => s.replace(/\b(\d+m)?\d+s\b/g, 'AGE');

describe('Jobs, CronJobs and DaemonSets', () => {
  let home: TestHome;
  const json = (args: string[]) => JSON.parse(home.run([...args, '-o', 'json']).stdout);
  const podsOf = (selector: string) => json(['get', 'pods', '-l', selector]).items as any[];

  beforeAll(() => {
    requireDocker();
    execFileSync('docker', ['tag', 'busybox:1.36', NEXT_IMAGE]);
    home = new TestHome();
    const file = join(home.home, 'all.yaml');
    writeFileSync(file, MANIFESTS);
    const r = home.run(['apply', '-f', file]);
    expect([r.stdout, r.stderr]).toEqual([
      [
        'job.batch/par created',
        'job.batch/idx created',
        'job.batch/fail created',
        'job.batch/ttl created',
        'daemonset.apps/agent created',
        'daemonset.apps/nowhere created',
        'cronjob.batch/nightly created',
        '',
      ].join('\n'),
      '',
    ]);
  });
  afterAll(() => {
    home?.cleanup();
    execFileSync('docker', ['rmi', NEXT_IMAGE]);
  });

  it('runs 5 completions never more than 2 at a time, and wait sees it complete', async () => {
    const waited = home.run(['wait', '--for=condition=complete', 'job/par', '--timeout=100s'], {
      timeoutMs: 110_000,
    });
    // Each pod lives from its creation to its container's finish (second precision): count how
    // many were alive when each was created.
    const spans = podsOf('job-name=par').map((p) => [
      Date.parse(p.metadata.creationTimestamp),
      Date.parse(p.status.containerStatuses[0].state.terminated.finishedAt),
    ]);
    const maxAlive = Math.max(...spans.map(([t]) => spans.filter(([c, f]) => c! <= t! && t! < f!).length));
    expect([waited.stdout, maxAlive <= 2, spans.length]).toEqual(['job.batch/par condition met\n', true, 5]);
    // Cells, not padding: a duration of 10s or more widens its column by one.
    const cells = (text: string) => text.split('\n').map((l) => l.split(/\s{2,}/));
    expect(cells(ages(home.run(['get', 'job', 'par']).stdout))).toEqual(
      cells(
        'NAME   STATUS     COMPLETIONS   DURATION   AGE\npar    Complete   5/5           AGE        AGE\n',
      ),
    );
  });

  it('gives each index of an Indexed Job one pod with its index in the env and the hostname', async () => {
    home.run(['wait', '--for=condition=complete', 'job/idx', '--timeout=100s'], { timeoutMs: 110_000 });
    const logs = podsOf('job-name=idx')
      .map((p) => home.run(['logs', p.metadata.name]).stdout)
      .sort();
    expect([logs, json(['get', 'job', 'idx']).status.completedIndexes]).toEqual([
      ['index=0 host=idx-0\n', 'index=1 host=idx-1\n'],
      '0-1',
    ]);
  });

  it('deletes a finished Job with ttlSecondsAfterFinished, and its pods', async () => {
    await eventually(
      () => home.run(['get', 'job', 'ttl']).code === 1 && podsOf('job-name=ttl').length === 0,
      30_000,
    );
    expect(home.run(['get', 'job', 'ttl']).stderr).toBe(
      'Error from server (NotFound): jobs.batch "ttl" not found\n',
    );
  });

  it('runs a CronJob by hand with create job --from', async () => {
    expect(home.run(['create', 'job', 'manual', '--from=cronjob/nightly']).stdout).toBe(
      'job.batch/manual created\n',
    );
    home.run(['wait', '--for=condition=complete', 'job/manual', '--timeout=100s'], { timeoutMs: 110_000 });
    const j = json(['get', 'job', 'manual']);
    expect([
      home.run(['logs', 'job/manual']).stdout,
      j.metadata.annotations,
      j.metadata.ownerReferences[0].name,
      ages(home.run(['get', 'cj']).stdout),
    ]).toEqual([
      'from cron\n',
      { 'cronjob.kubernetes.io/instantiate': 'manual' },
      'nightly',
      'NAME      SCHEDULE    TIMEZONE        SUSPEND   ACTIVE   LAST SCHEDULE   AGE\nnightly   0 3 * * *   Europe/Berlin   False     0        <none>          AGE\n',
    ]);
  });

  it('runs one DaemonSet pod, rolls it to a new image, and wants none where the nodeSelector does not match', async () => {
    expect(home.run(['rollout', 'status', 'ds/agent', '--timeout=100s']).code).toBe(0);
    expect(home.run(['set', 'image', 'ds/agent', `main=${NEXT_IMAGE}`]).stdout).toBe(
      'daemonset.apps/agent image updated\n',
    );
    const status = home.run(['rollout', 'status', 'ds/agent', '--timeout=100s']);
    const pods = podsOf('app=agent').filter((p) => !p.metadata.deletionTimestamp);
    expect([
      status.stdout.split('\n').at(-2),
      pods.map((p) => p.spec.containers[0].image),
      ages(home.run(['get', 'ds']).stdout),
      home.run(['rollout', 'history', 'ds/agent']).stdout,
    ]).toEqual([
      'daemon set "agent" successfully rolled out',
      [NEXT_IMAGE],
      [
        'NAME      DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR   AGE',
        'agent     1         1         1       1            1           <none>          AGE',
        'nowhere   0         0         0       0            0           disk=none       AGE',
        '',
      ].join('\n'),
      'daemonset.apps/agent \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n',
    ]);
  });

  it('delete job removes its pods too', async () => {
    expect(home.run(['delete', 'job', 'par']).stdout).toBe('job.batch "par" deleted\n');
    await eventually(
      () => home.run(['get', 'pods', '-l', 'job-name=par']).stderr.startsWith('No resources'),
      30_000,
      500,
    );
  });
  it('fails a Job past its backoffLimit after the 10 s back-off, with the controller reason and events', async () => {
    const r = home.run(['wait', '--for=condition=failed', 'job/fail', '--timeout=100s'], {
      timeoutMs: 110_000,
    });
    const pods = podsOf('job-name=fail').sort((a, b) =>
      a.metadata.creationTimestamp.localeCompare(b.metadata.creationTimestamp),
    );
    const firstFinished = Date.parse(pods[0].status.containerStatuses[0].state.terminated.finishedAt);
    const gap = Date.parse(pods[1].metadata.creationTimestamp) - firstFinished;
    const failed = json(['get', 'job', 'fail']).status.conditions.find((c: any) => c.type === 'Failed');
    const events = json(['get', 'events', '--field-selector', 'involvedObject.name=fail'])
      .items.map((e: any) => `${e.type} ${e.reason}`)
      .sort();
    expect([r.stdout, pods.length, gap >= 9_000, failed.reason, failed.message, events]).toEqual([
      'job.batch/fail condition met\n',
      2,
      true,
      'BackoffLimitExceeded',
      'Job has reached the specified backoff limit',
      ['Normal SuccessfulCreate', 'Normal SuccessfulCreate', 'Warning BackoffLimitExceeded'],
    ]);
  });
});
