// Lifecycle hooks and termination end to end (the seeds' lifecycle-demo adapted): postStart runs
// before the container counts as Running and kills it when it fails; preStop runs inside the grace
// period while the pod shows Terminating, then SIGTERM, then SIGKILL at the deadline; a forced
// deletion kills at once.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { busyboxPod, eventsOf, FOREVER, LifecycleHome, manifest, waitFor } from './fixtures/lifecycle.js';
import { requireDocker } from './harness.js';

const signalsMount = `    volumeMounts:
    - name: signals
      mountPath: /signals`;
const signalsVolume = (dir: string) => `  volumes:
  - name: signals
    hostPath:
      path: ${dir}
      type: Directory`;

/** A pod whose container notes SIGTERM in `dir` and keeps running: only SIGKILL stops it. */
function stubborn(name: string, dir: string, grace: number): string {
  return `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  terminationGracePeriodSeconds: ${grace}
${signalsVolume(dir)}
  containers:
  - name: main
    image: busybox:1.36
    command: ["sh", "-c", "trap 'touch /signals/term' TERM; ${FOREVER}"]
${signalsMount}
`;
}

/** Runs `delete` in the background; resolves with the milliseconds it took. */
function deleteInBackground(t: LifecycleHome, args: string[]): Promise<{ ms: number; out: string }> {
  const started = Date.now();
  const child = t.spawn(['delete', ...args]);
  let out = '';
  child.stdout.on('data', (d) => {
    out += d;
  });
  return new Promise((resolve) => child.on('exit', () => resolve({ ms: Date.now() - started, out })));
}

describe('lifecycle hooks and termination', () => {
  let t: LifecycleHome;
  const dirs: Record<string, string> = {};
  beforeAll(() => {
    requireDocker();
    t = new LifecycleHome();
    for (const name of ['demo', 'stubborn', 'forced', 'poststart']) dirs[name] = t.dir(name);
    t.apply(
      [
        manifest('lifecycle-demo.yaml', { SIGNALS: dirs.demo! }),
        stubborn('stubborn', dirs.stubborn!, 3),
        stubborn('forced', dirs.forced!, 30),
        busyboxPod('sleepy', FOREVER, {
          grace: 10,
          container: `    lifecycle:
      preStop:
        sleep:
          seconds: 2`,
        }),
        busyboxPod('slow-poststart', FOREVER, {
          container: `    lifecycle:
      postStart:
        exec:
          command: ["sh", "-c", "sleep 3; touch /tmp/hooked"]`,
        }),
        busyboxPod('poststart-fails', FOREVER, {
          spec: signalsVolume(dirs.poststart!),
          container: `${signalsMount}
    lifecycle:
      postStart:
        exec:
          command: ["sh", "-c", "echo secret-looking-output; exit 1"]
      preStop:
        exec:
          command: ["sh", "-c", "touch /signals/prestop"]`,
        }),
      ].join('---\n'),
    );
  });
  afterAll(() => t?.cleanup());

  it('lifecycle-demo: the postStart hook has written its file once the container runs', async () => {
    await waitFor(() => t.row('lifecycle-demo')?.status === 'Running', 30_000);
    const r = t.run(['exec', 'lifecycle-demo', '--', 'cat', '/usr/share/message']);
    expect(r.stdout).toBe('Hello from the postStart handler\n');
  });

  it('a container is not Running while its postStart hook runs', async () => {
    // While the hook sleeps: the container waits in ContainerCreating, the pod is Pending.
    const during = await waitFor(() => {
      const p = t.pod('slow-poststart');
      return p.status?.podIP ? p : undefined;
    }, 30_000);
    expect(during.status?.phase).toBe('Pending');
    expect(during.status?.containerStatuses?.[0]?.state?.waiting?.reason).toBe('ContainerCreating');
    expect(t.row('slow-poststart')).toEqual({ ready: '0/1', status: 'ContainerCreating', restarts: '0' });
    await waitFor(() => t.row('slow-poststart')?.status === 'Running', 30_000);
    expect(t.run(['exec', 'slow-poststart', '--', 'ls', '/tmp/hooked']).code).toBe(0);
  });

  it('a failing postStart hook kills the container (preStop runs) and it is restarted', async () => {
    await waitFor(
      () => (t.pod('poststart-fails').status?.containerStatuses?.[0]?.restartCount ?? 0) >= 1,
      30_000,
    );
    const events = t.events('poststart-fails');
    expect(eventsOf(events, 'FailedPostStartHook').map((e) => e.message)).toEqual(['PostStartHook failed']);
    expect(eventsOf(events, 'Killing').map((e) => e.message)).toEqual(['FailedPostStartHook']);
    // The hook's output never reaches an event.
    expect(JSON.stringify(events)).not.toContain('secret-looking-output');
    expect(existsSync(join(dirs.poststart!, 'prestop'))).toBe(true);
  });

  it('preStop keeps the pod Terminating while it sleeps, then the container gets SIGTERM', async () => {
    await waitFor(() => t.row('lifecycle-demo')?.status === 'Running', 30_000);
    const deleting = deleteInBackground(t, ['pod', 'lifecycle-demo']);
    await waitFor(() => t.row('lifecycle-demo')?.status === 'Terminating', 10_000, 100);
    await waitFor(() => existsSync(join(dirs.demo!, 'prestop')), 10_000, 100);
    expect(existsSync(join(dirs.demo!, 'term'))).toBe(false);
    const { ms, out } = await deleting;
    expect(out).toBe('pod "lifecycle-demo" deleted\n');
    const prestop = statSync(join(dirs.demo!, 'prestop')).mtimeMs;
    const term = statSync(join(dirs.demo!, 'term')).mtimeMs;
    // SIGTERM only after the 3s preStop sleep, well inside the 10s grace period.
    expect(term - prestop).toBeGreaterThanOrEqual(2900);
    expect(ms).toBeGreaterThanOrEqual(2900);
    expect(ms).toBeLessThan(9000);
    expect(t.run(['get', 'pod', 'lifecycle-demo']).stderr).toBe(
      'Error from server (NotFound): pods "lifecycle-demo" not found\n',
    );
  });

  it('a preStop sleep action holds the stop for its seconds', async () => {
    await waitFor(() => t.row('sleepy')?.status === 'Running', 30_000);
    const { ms } = await deleteInBackground(t, ['pod', 'sleepy']);
    expect(ms).toBeGreaterThanOrEqual(1900);
    expect(ms).toBeLessThan(8000);
  });

  it('a container that ignores SIGTERM is killed at terminationGracePeriodSeconds', async () => {
    await waitFor(() => t.row('stubborn')?.status === 'Running', 30_000);
    const { ms } = await deleteInBackground(t, ['pod', 'stubborn']);
    expect(existsSync(join(dirs.stubborn!, 'term'))).toBe(true);
    expect(ms).toBeGreaterThanOrEqual(2900);
    expect(ms).toBeLessThan(7000);
    expect(t.run(['get', 'pod', 'stubborn']).code).toBe(1);
  });

  it('delete --grace-period=0 --force removes the pod at once and kills its containers', async () => {
    await waitFor(() => t.row('forced')?.status === 'Running', 30_000);
    const podUid = t.pod('forced').metadata!.uid!;
    const started = Date.now();
    const r = t.run(['delete', 'pod', 'forced', '--grace-period=0', '--force']);
    expect(r.stdout).toBe('pod "forced" force deleted\n');
    expect(r.stderr).toMatch(/^Warning: Immediate deletion does not wait for confirmation/);
    expect(t.run(['get', 'pod', 'forced']).code).toBe(1);
    await waitFor(() => t.podContainers(podUid).length === 0, 10_000, 100);
    // Far sooner than the pod's 30s grace period.
    expect(Date.now() - started).toBeLessThan(8000);
  });
});
