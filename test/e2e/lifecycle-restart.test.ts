// restartPolicy end to end: Never / OnFailure / Always crossed with exit codes 0 and 1, giving the
// phases and STATUS words kubectl shows; `logs --previous`; and the kubelet's default 10s back-off.
import type { Pod } from 'kubernetes-types/core/v1.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { busyboxPod, LifecycleHome, waitFor } from './fixtures/lifecycle.js';
import { requireDocker } from './harness.js';

const POLICIES = ['Never', 'OnFailure', 'Always'] as const;
const podName = (policy: string, code: number) => `${policy.toLowerCase()}-exit${code}`;
const main = (pod: Pod) => pod.status?.containerStatuses?.[0];

/** Counts its runs in an emptyDir (kept across restarts), says which run this is, then exits. */
const counting = (name: string, policy: string, code: number) =>
  busyboxPod(
    name,
    `n=$(( $(cat /d/n 2>/dev/null || echo 0) + 1 )); echo $n > /d/n; echo run $n; exit ${code}`,
    {
      spec: `  restartPolicy: ${policy}
  volumes:
  - name: d
    emptyDir: {}`,
      container: `    volumeMounts:
    - name: d
      mountPath: /d`,
    },
  );

describe('restart policies', () => {
  let t: LifecycleHome;
  beforeAll(() => {
    requireDocker();
    t = new LifecycleHome();
    t.apply(POLICIES.flatMap((p) => [0, 1].map((code) => counting(podName(p, code), p, code))).join('---\n'));
  });
  afterAll(() => t?.cleanup());

  const finished: [string, number, string, string][] = [
    ['Never', 0, 'Succeeded', 'Completed'],
    ['Never', 1, 'Failed', 'Error'],
    ['OnFailure', 0, 'Succeeded', 'Completed'],
  ];
  for (const [policy, code, phase, word] of finished) {
    it(`restartPolicy ${policy} with exit ${code}: ${phase}, STATUS ${word}, never restarted`, async () => {
      const name = podName(policy, code);
      const pod = await waitFor(() => {
        const p = t.pod(name);
        return p.status?.phase === phase ? p : undefined;
      }, 30_000);
      expect(t.row(name)).toEqual({ ready: '0/1', status: word, restarts: '0' });
      expect(main(pod)?.state?.terminated).toMatchObject({ exitCode: code, reason: word });
      expect(pod.status?.conditions?.find((c) => c.type === 'Ready')).toMatchObject({
        status: 'False',
        reason: phase === 'Failed' ? 'PodFailed' : 'PodCompleted',
      });
      expect(t.run(['logs', name]).stdout).toBe('run 1\n');
    });
  }

  const restarted: [string, number][] = [
    ['OnFailure', 1],
    ['Always', 1],
    ['Always', 0],
  ];
  for (const [policy, code] of restarted) {
    it(`restartPolicy ${policy} with exit ${code}: restarted, Running phase, CrashLoopBackOff`, async () => {
      const name = podName(policy, code);
      const statuses = new Set<string>();
      await waitFor(
        () => {
          const row = t.row(name);
          if (row) statuses.add(row.status);
          return statuses.has('CrashLoopBackOff') && Number(row?.restarts.split(' ')[0]) >= 2;
        },
        30_000,
        100,
      );
      const pod = t.pod(name);
      expect(pod.status?.phase).toBe('Running');
      expect(main(pod)?.lastState?.terminated).toMatchObject({
        exitCode: code,
        reason: code === 0 ? 'Completed' : 'Error',
      });
      expect(t.row(name)?.restarts).toMatch(/^\d+ \(\d+s ago\)$/);
    });
  }

  it('logs --previous shows the attempt before the current one', async () => {
    const name = podName('Always', 1);
    const { restarts, current, previous } = await waitFor(() => {
      const before = main(t.pod(name))?.restartCount ?? 0;
      const current = t.run(['logs', name]).stdout;
      const previous = t.run(['logs', name, '--previous']).stdout;
      const after = main(t.pod(name))?.restartCount;
      return before >= 2 && before === after ? { restarts: before, current, previous } : undefined;
    }, 30_000);
    expect(current).toBe(`run ${restarts + 1}\n`);
    expect(previous).toBe(`run ${restarts}\n`);
    const never = t.run(['logs', podName('Never', 1), '--previous']);
    expect(never.code).toBe(1);
    expect(never.stderr).toMatch(
      /^Error from server \(BadRequest\): previous terminated container "main" in pod "never-exit1" not found\n$/,
    );
  });
});

describe("the kubelet's default back-off", () => {
  let t: LifecycleHome;
  beforeAll(() => {
    requireDocker();
    t = new LifecycleHome(null);
    t.apply(busyboxPod('crash', 'exit 1'));
  });
  afterAll(() => t?.cleanup());

  it('restarts at once after the first crash, then waits 10s', async () => {
    const pod = await waitFor(
      () => {
        const p = t.pod('crash');
        return main(p)?.state?.waiting?.reason === 'CrashLoopBackOff' ? p : undefined;
      },
      30_000,
      100,
    );
    expect(main(pod)?.restartCount).toBe(1);
    expect(main(pod)?.state?.waiting?.message).toBe(
      `back-off 10s restarting failed container=main pod=crash_default(${pod.metadata?.uid})`,
    );
    expect(t.row('crash')?.status).toBe('CrashLoopBackOff');
  });
});
