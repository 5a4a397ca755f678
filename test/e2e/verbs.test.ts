// The workload verbs through the built CLI against the real agent and engine: create deployment,
// rollout status/history/undo, set image, scale, wait; run, label, annotate, wait on pods.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireDocker, TestHome } from './harness.js';

// busybox's sleep as PID 1 ignores SIGTERM; this one leaves at once when a pod is deleted.
const SLEEPER = ['sh', '-c', "trap 'exit 0' TERM; sleep 3600 & wait"];

describe('workload verbs through the CLI', () => {
  let home: TestHome;
  const image = () =>
    home.run(['get', 'deployment', 'web', '-o', 'jsonpath={.spec.template.spec.containers[0].image}']).stdout;
  const rolloutDone = () => {
    const r = home.run(['rollout', 'status', 'deployment/web', '--timeout=150s'], { timeoutMs: 170_000 });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.trimEnd().split('\n').pop()).toBe('deployment "web" successfully rolled out');
  };

  beforeAll(() => {
    requireDocker();
    home = new TestHome('mkube-e2e-verbs-');
  });
  afterAll(() => home?.cleanup());

  it('creates a deployment and waits for its rollout', { timeout: 200_000 }, () => {
    const r = home.run([
      'create',
      'deployment',
      'web',
      '--image=busybox:1.36',
      '--replicas=2',
      '--',
      ...SLEEPER,
    ]);
    expect(r).toEqual({ code: 0, stdout: 'deployment.apps/web created\n', stderr: '' });
    rolloutDone();
    const pods = home.run(['get', 'pods', '-l', 'app=web', '-o', 'name']).stdout.trim().split('\n');
    expect(pods).toHaveLength(2);
  });

  it('sets an image, rolls out, lists the history and undoes it', { timeout: 400_000 }, () => {
    expect(home.run(['set', 'image', 'deployment/web', 'busybox=busybox:1.31'])).toEqual({
      code: 0,
      stdout: 'deployment.apps/web image updated\n',
      stderr: '',
    });
    rolloutDone();
    expect(image()).toBe('busybox:1.31');
    expect(home.run(['rollout', 'history', 'deployment/web']).stdout).toBe(
      'deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n',
    );
    const rev1 = home.run(['rollout', 'history', 'deployment/web', '--revision=1']).stdout;
    expect(rev1).toContain('deployment.apps/web with revision #1\nPod Template:\n');
    expect(rev1).toContain('    Image:\tbusybox:1.36\n');

    expect(home.run(['rollout', 'undo', 'deployment/web'])).toEqual({
      code: 0,
      stdout: 'deployment.apps/web rolled back\n',
      stderr: '',
    });
    rolloutDone();
    expect(image()).toBe('busybox:1.36');
    expect(home.run(['rollout', 'history', 'deploy/web']).stdout).toBe(
      'deployment.apps/web \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n\n',
    );
    expect(home.run(['rollout', 'undo', 'deploy/web', '--to-revision=3']).stdout).toBe(
      'deployment.apps/web skipped rollback (current template already matches revision 3)\n',
    );
  });

  it('scales and waits for Available', { timeout: 200_000 }, () => {
    expect(home.run(['scale', 'deployment/web', '--replicas=3']).stdout).toBe('deployment.apps/web scaled\n');
    const w = home.run(['wait', '--for=condition=Available', 'deployment/web', '--timeout=150s'], {
      timeoutMs: 170_000,
    });
    expect(w).toEqual({ code: 0, stdout: 'deployment.apps/web condition met\n', stderr: '' });
    const ready = home.run(
      ['wait', '--for=jsonpath={.status.readyReplicas}=3', 'deployment/web', '--timeout=150s'],
      { timeoutMs: 170_000 },
    );
    expect(ready.stdout).toBe('deployment.apps/web condition met\n');
    expect(home.run(['scale', 'deploy/web', '--replicas=1', '--current-replicas=2']).stderr).toBe(
      'error: Expected replicas to be 2, was 3\n',
    );
  });

  it('pauses, refuses to restart while paused, resumes and restarts', { timeout: 200_000 }, () => {
    expect(home.run(['rollout', 'pause', 'deployment/web']).stdout).toBe('deployment.apps/web paused\n');
    expect(home.run(['rollout', 'restart', 'deployment/web']).stderr).toBe(
      `error: deployments.apps "web" can't restart paused deployment (run rollout resume first)\n`,
    );
    expect(home.run(['rollout', 'resume', 'deployment/web']).stdout).toBe('deployment.apps/web resumed\n');
    expect(home.run(['rollout', 'restart', 'deployment/web']).stdout).toBe('deployment.apps/web restarted\n');
    rolloutDone();
  });

  it('runs a pod, labels and annotates it, and waits for it to be Ready and then gone', {
    timeout: 200_000,
  }, () => {
    expect(home.run(['run', 'p', '--image=busybox:1.36', '--command', '--', ...SLEEPER]).stdout).toBe(
      'pod/p created\n',
    );
    const ready = home.run(['wait', '--for=condition=Ready', 'pod/p', '--timeout=120s'], {
      timeoutMs: 140_000,
    });
    expect(ready).toEqual({ code: 0, stdout: 'pod/p condition met\n', stderr: '' });

    expect(home.run(['label', 'pod', 'p', 'tier=front']).stdout).toBe('pod/p labeled\n');
    expect(home.run(['label', 'pod', 'p', 'tier=back'])).toEqual({
      code: 1,
      stdout: '',
      stderr: "error: 'tier' already has a value (front), and --overwrite is false\n",
    });
    expect(home.run(['label', 'pod', 'p', 'tier=back', '--overwrite']).stdout).toBe('pod/p labeled\n');
    expect(home.run(['annotate', 'pod/p', 'note=hello']).stdout).toBe('pod/p annotated\n');
    expect(home.run(['get', 'pods', '-l', 'tier=back', '-o', 'name']).stdout).toBe('pod/p\n');
    expect(home.run(['label', 'pod/p', 'tier-']).stdout).toBe('pod/p unlabeled\n');

    expect(home.run(['delete', 'pod', 'p', '--wait=false']).code).toBe(0);
    const gone = home.run(['wait', '--for=delete', 'pod/p', '--timeout=120s'], { timeoutMs: 140_000 });
    expect(gone.code).toBe(0);
    expect(['pod/p condition met\n', '']).toContain(gone.stdout);
  });
});
