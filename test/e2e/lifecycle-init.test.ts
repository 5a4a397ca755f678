// Init containers and pod volumes end to end: the seeds' myapp-pod waiting for conditions the test
// makes true, failing init containers under each restart policy, and an emptyDir shared by an
// init and an app container that survives a container restart but not the pod.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { busyboxPod, FOREVER, LifecycleHome, manifest, waitFor } from './fixtures/lifecycle.js';
import { requireDocker } from './harness.js';

const condition = (t: LifecycleHome, pod: string, type: string) =>
  t.pod(pod).status?.conditions?.find((c) => c.type === type)?.status;

/** An init container that fails, in front of an app that would run forever. */
const failingInit = (name: string, policy: string) =>
  busyboxPod(name, FOREVER, {
    spec: `  restartPolicy: ${policy}
  initContainers:
  - name: init-fails
    image: busybox:1.36
    command: ["sh", "-c", "echo init attempt; exit 1"]`,
  });

/** A sidecar (restartPolicy: Always init container) with a readiness probe, before the app. */
const SIDECAR = `apiVersion: v1
kind: Pod
metadata:
  name: with-sidecar
spec:
  terminationGracePeriodSeconds: 2
  initContainers:
  - name: proxy
    image: busybox:1.36
    restartPolicy: Always
    command: ["sh", "-c", "trap 'exit 0' TERM; touch /tmp/ready; ${FOREVER}"]
    readinessProbe:
      exec:
        command: ["cat", "/tmp/ready"]
      periodSeconds: 1
  containers:
  - name: app
    image: busybox:1.36
    command: ["sh", "-c", "trap 'exit 0' TERM; ${FOREVER}"]
`;

describe('init containers and pod volumes', () => {
  let t: LifecycleHome;
  let flags: string;
  beforeAll(() => {
    requireDocker();
    t = new LifecycleHome();
    flags = t.dir('flags');
    // Everything starts at once; each test then follows its own pod.
    t.apply(
      [
        manifest('myapp-pod.yaml', { FLAGS: flags }),
        failingInit('init-never', 'Never'),
        failingInit('init-always', 'Always'),
        manifest('shared-emptydir.yaml'),
        SIDECAR,
      ].join('---\n'),
    );
  });
  afterAll(() => t?.cleanup());

  it('myapp-pod goes Init:0/2 -> Init:1/2 -> Running as its init containers finish, Pending meanwhile', async () => {
    // The kubelet reports Init:0/2 from its first status write (every container waiting
    // PodInitializing), before the first init container runs: wait for that one to run.
    await waitFor(
      () =>
        t.row('myapp-pod')?.status === 'Init:0/2' &&
        t.pod('myapp-pod').status?.initContainerStatuses?.[0]?.state?.running !== undefined,
      30_000,
    );
    expect(t.row('myapp-pod')).toEqual({ ready: '0/1', status: 'Init:0/2', restarts: '0' });
    let pod = t.pod('myapp-pod');
    expect(pod.status?.phase).toBe('Pending');
    expect(pod.status?.conditions?.find((c) => c.type === 'Initialized')).toMatchObject({
      status: 'False',
      reason: 'ContainersNotInitialized',
      message: 'containers with incomplete status: [init-myservice init-mydb]',
    });
    expect(pod.status?.initContainerStatuses?.[0]?.state?.running).toBeDefined();
    expect(pod.status?.initContainerStatuses?.[1]?.state?.waiting?.reason).toBe('PodInitializing');
    expect(pod.status?.containerStatuses?.[0]?.state?.waiting?.reason).toBe('PodInitializing');
    expect(t.run(['logs', 'myapp-pod', '-c', 'init-myservice']).stdout).toMatch(/^waiting for myservice$/m);

    writeFileSync(join(flags, 'myservice'), '');
    await waitFor(() => t.row('myapp-pod')?.status === 'Init:1/2', 30_000);
    pod = t.pod('myapp-pod');
    expect(pod.status?.phase).toBe('Pending');
    expect(condition(t, 'myapp-pod', 'Initialized')).toBe('False');
    expect(pod.status?.initContainerStatuses?.[0]?.state?.terminated).toMatchObject({
      exitCode: 0,
      reason: 'Completed',
    });

    writeFileSync(join(flags, 'mydb'), '');
    await waitFor(() => t.row('myapp-pod')?.status === 'Running', 30_000);
    expect(t.row('myapp-pod')).toEqual({ ready: '1/1', status: 'Running', restarts: '0' });
    pod = t.pod('myapp-pod');
    expect(pod.status?.phase).toBe('Running');
    for (const type of ['Initialized', 'ContainersReady', 'Ready', 'PodScheduled'])
      expect(condition(t, 'myapp-pod', type), type).toBe('True');
    expect(t.run(['logs', 'myapp-pod']).stdout).toBe('The app is running!\n');
  });

  it('fails the pod at the first failing init container when restartPolicy is Never', async () => {
    await waitFor(() => t.pod('init-never').status?.phase === 'Failed', 30_000);
    expect(t.row('init-never')).toEqual({ ready: '0/1', status: 'Init:Error', restarts: '0' });
    const pod = t.pod('init-never');
    expect(pod.status?.initContainerStatuses?.[0]?.state?.terminated).toMatchObject({
      exitCode: 1,
      reason: 'Error',
    });
    expect(pod.status?.containerStatuses?.[0]?.state?.waiting?.reason).toBe('PodInitializing');
    // The app container was never created.
    expect(t.events('init-never').filter((e) => e.message === 'Created container main')).toEqual([]);
  });

  it('restarts a failing init container with back-off when restartPolicy is Always, the app never starting', async () => {
    const seen = new Set<string>();
    await waitFor(() => {
      const row = t.row('init-always');
      if (row) seen.add(row.status);
      return seen.has('Init:CrashLoopBackOff') && Number(row?.restarts.split(' ')[0]) >= 2;
    }, 30_000);
    const pod = t.pod('init-always');
    expect(pod.status?.phase).toBe('Pending');
    const init = pod.status?.initContainerStatuses?.[0];
    expect(init?.lastState?.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
    expect(pod.status?.containerStatuses?.[0]?.restartCount).toBe(0);
    expect(t.run(['logs', 'init-always', '-c', 'init-fails', '--previous']).stdout).toBe('init attempt\n');
  });

  it('shares an emptyDir between the init and app containers, keeps it across a restart, not across pods', async () => {
    await waitFor(() => t.row('shared-data')?.status === 'Running', 30_000);
    const read = (file: string) => t.run(['exec', 'shared-data', '--', 'cat', file]).stdout;
    expect(read('/data/seed')).toBe('seeded-by-init\n');
    expect(read('/data/starts')).toBe('start\n');
    const mounts = t.run(['exec', 'shared-data', '--', 'cat', '/proc/mounts']).stdout;
    expect(mounts).toMatch(/^\S+ \/mem tmpfs /m);
    expect(mounts).not.toMatch(/^\S+ \/data tmpfs /m);

    // TERM to the container's main process: it exits 0 and restartPolicy Always starts it again.
    t.run(['exec', 'shared-data', '--', 'sh', '-c', 'echo note > /mem/note; kill 1']);
    await waitFor(
      () => t.row('shared-data')?.restarts.startsWith('1') && read('/data/starts') === 'start\nstart\n',
      30_000,
    );
    expect(read('/data/seed')).toBe('seeded-by-init\n');
    // The memory-backed emptyDir is held by the sandbox, so it keeps its data too.
    expect(read('/mem/note')).toBe('note\n');

    // A new pod of the same name gets a new, empty emptyDir.
    const uid = t.pod('shared-data').metadata?.uid;
    expect(t.run(['delete', 'pod', 'shared-data']).code).toBe(0);
    t.apply(manifest('shared-emptydir.yaml'));
    await waitFor(() => t.row('shared-data')?.status === 'Running', 30_000);
    expect(t.pod('shared-data').metadata?.uid).not.toBe(uid);
    expect(read('/data/starts')).toBe('start\n');
    expect(t.run(['exec', 'shared-data', '--', 'ls', '/mem']).stdout).toBe('');
    expect(existsSync(flags)).toBe(true);
  });

  it('keeps a sidecar running next to the app; its readiness counts in READY', async () => {
    await waitFor(() => t.row('with-sidecar')?.ready === '2/2', 30_000);
    expect(t.row('with-sidecar')).toEqual({ ready: '2/2', status: 'Running', restarts: '0' });
    expect(t.pod('with-sidecar').status?.initContainerStatuses?.[0]).toMatchObject({
      ready: true,
      started: true,
      state: { running: expect.anything() },
    });
    t.run(['exec', 'with-sidecar', '-c', 'proxy', '--', 'rm', '/tmp/ready']);
    await waitFor(() => t.row('with-sidecar')?.ready === '1/2', 15_000);
    const ready = t.pod('with-sidecar').status?.conditions?.find((c) => c.type === 'Ready');
    expect(ready).toMatchObject({ status: 'False', message: 'containers with unready status: [proxy]' });
  });
});
