// Pod-level behaviour end to end: activeDeadlineSeconds, an out-of-memory kill under a memory limit,
// `$(VAR)` expansion and downward-API env values, and securityContext users.
import type { Pod } from 'kubernetes-types/core/v1.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { busyboxPod, eventsOf, FOREVER, LifecycleHome, waitFor } from './fixtures/lifecycle.js';
import { requireDocker } from './harness.js';

const main = (pod: Pod) => pod.status?.containerStatuses?.[0];

const ENV_POD = `apiVersion: v1
kind: Pod
metadata:
  name: env-demo
  labels:
    tier: backend
spec:
  terminationGracePeriodSeconds: 2
  securityContext:
    runAsUser: 1234
    runAsGroup: 5678
  containers:
  - name: main
    image: busybox:1.36
    command: ["sh", "-c"]
    args:
    - |
      trap 'exit 0' TERM
      echo 'greeting=$(GREETING)'
      echo 'escaped=$$(GREETING)'
      echo 'missing=$(NOPE)'
      echo "full=$FULL"
      echo "pod=$POD_NAME ns=$POD_NS tier=$TIER ip=$POD_IP"
      echo "uid=$(id -u) gid=$(id -g)"
      ${FOREVER}
    env:
    - name: GREETING
      value: hello
    - name: FULL
      value: $(GREETING)-world
    - name: POD_NAME
      valueFrom:
        fieldRef:
          fieldPath: metadata.name
    - name: POD_NS
      valueFrom:
        fieldRef:
          fieldPath: metadata.namespace
    - name: TIER
      valueFrom:
        fieldRef:
          fieldPath: metadata.labels['tier']
    - name: POD_IP
      valueFrom:
        fieldRef:
          fieldPath: status.podIP
`;

describe('pod-level behaviour', () => {
  let t: LifecycleHome;
  beforeAll(() => {
    requireDocker();
    t = new LifecycleHome();
    t.apply(
      [
        // Ignores SIGTERM, so its 3s grace period shows the pod Failed while it still runs.
        `apiVersion: v1
kind: Pod
metadata:
  name: deadline
spec:
  activeDeadlineSeconds: 6
  terminationGracePeriodSeconds: 3
  containers:
  - name: main
    image: busybox:1.36
    command: ["sh", "-c", "trap '' TERM; ${FOREVER}"]
`,
        busyboxPod('oom', 'head -c 64m /dev/zero | tail', {
          spec: '  restartPolicy: Never',
          container: `    resources:
      limits:
        memory: 16Mi`,
        }),
        ENV_POD,
      ].join('---\n'),
    );
  });
  afterAll(() => t?.cleanup());

  it('activeDeadlineSeconds fails the pod with reason DeadlineExceeded, shown while it stops', async () => {
    await waitFor(() => t.row('deadline')?.status === 'Running', 30_000);
    // Failed as soon as the deadline passes, its container still in its grace period.
    await waitFor(() => t.row('deadline')?.status === 'DeadlineExceeded', 15_000, 100);
    const stopping = t.pod('deadline');
    expect(stopping.status).toMatchObject({
      phase: 'Failed',
      reason: 'DeadlineExceeded',
      message: 'Pod was active on the node longer than the specified deadline',
    });
    expect(main(stopping)?.state?.running).toBeDefined();

    // Killed at the end of the grace period: the container's own termination then shows, as
    // kubectl's printPod lets a terminated container's reason win (137 after SIGKILL: Error).
    const pod = await waitFor(() => {
      const p = t.pod('deadline');
      return main(p)?.state?.terminated ? p : undefined;
    }, 15_000);
    expect(pod.status).toMatchObject({ phase: 'Failed', reason: 'DeadlineExceeded' });
    expect(main(pod)?.state?.terminated).toMatchObject({ exitCode: 137, reason: 'Error' });
    const started = Date.parse(pod.status!.startTime!);
    const finished = Date.parse(main(pod)!.state!.terminated!.finishedAt!);
    expect(finished - started).toBeGreaterThanOrEqual(5000);
    expect(t.row('deadline')).toEqual({ ready: '0/1', status: 'Error', restarts: '0' });
    expect(eventsOf(t.events('deadline'), 'DeadlineExceeded')).toEqual([
      { count: 1, message: 'Pod was active on the node longer than the specified deadline' },
    ]);
  });

  it('a container over its memory limit is OOMKilled', async () => {
    // Docker may record the exit before it hears of the OOM (then the kubelet learns it from the
    // engine's oom event a moment later): wait for the reason, not only the phase.
    const pod = await waitFor(() => {
      const p = t.pod('oom');
      return p.status?.phase === 'Failed' && main(p)?.state?.terminated?.reason === 'OOMKilled'
        ? p
        : undefined;
    }, 30_000);
    expect(main(pod)?.state?.terminated).toMatchObject({ exitCode: 137, reason: 'OOMKilled' });
    expect(t.row('oom')).toEqual({ ready: '0/1', status: 'OOMKilled', restarts: '0' });
  });

  it('expands $(VAR) in args and env, fills fieldRef values, and runs as the securityContext user', async () => {
    const logs = await waitFor(() => {
      const out = t.run(['logs', 'env-demo']).stdout;
      return out.includes('uid=') ? out : undefined;
    }, 30_000);
    const ip = t.pod('env-demo').status?.podIP;
    expect(ip).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(logs).toBe(
      [
        'greeting=hello',
        'escaped=$(GREETING)',
        'missing=$(NOPE)',
        'full=hello-world',
        `pod=env-demo ns=default tier=backend ip=${ip}`,
        'uid=1234 gid=5678',
        '',
      ].join('\n'),
    );
    expect(t.run(['exec', 'env-demo', '--', 'id', '-u']).stdout).toBe('1234\n');
  });
});
