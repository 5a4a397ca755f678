// Resource metrics and the HPA on the real engine: `top` before any agent says the Metrics API is
// not there; a container spinning a core shows near 1000m and an idle one near 0; an HPA on a
// Deployment whose pods burn CPU for a few seconds scales it up to its maximum and, once the
// burning stops and its (shortened) scale-down window passes, back to its minimum. Resolution and
// sync period are shortened through the agent's environment (metrics-server's --metric-resolution,
// the controller manager's --horizontal-pod-autoscaler-sync-period). The real kubectl's `top` reads
// the same metrics through the endpoint's metrics.k8s.io API.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, requireDocker, TestHome } from './harness.js';

class FastMetricsHome extends TestHome {
  override get env(): NodeJS.ProcessEnv {
    return { ...super.env, MKUBE_METRICS_RESOLUTION_MS: '1000', MKUBE_HPA_SYNC_PERIOD_MS: '1000' };
  }
}

const PODS = `apiVersion: v1
kind: Pod
metadata: {name: busy, labels: {app: busy}}
spec:
  terminationGracePeriodSeconds: 0
  containers:
  - {name: spin, image: busybox:1.36, command: [sh, -c, 'while :; do :; done']}
  - {name: rest, image: busybox:1.36, command: [sleep, '3600']}
---
apiVersion: v1
kind: Pod
metadata: {name: idle}
spec:
  terminationGracePeriodSeconds: 0
  containers:
  - {name: rest, image: busybox:1.36, command: [sleep, '3600']}
`;

// Each pod spins for 6 s after it starts, then sleeps.
const HPA_APP = `apiVersion: apps/v1
kind: Deployment
metadata: {name: burn}
spec:
  replicas: 1
  selector: {matchLabels: {app: burn}}
  template:
    metadata: {labels: {app: burn}}
    spec:
      terminationGracePeriodSeconds: 0
      containers:
      - name: burn
        image: busybox:1.36
        command: [sh, -c, 'end=$(( $(date +%s) + 6 )); while [ $(date +%s) -lt $end ]; do :; done; exec sleep 3600']
        resources: {requests: {cpu: 100m}}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: burn}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: burn}
  minReplicas: 1
  maxReplicas: 3
  metrics:
  - type: Resource
    resource: {name: cpu, target: {type: Utilization, averageUtilization: 20}}
  behavior:
    scaleDown: {stabilizationWindowSeconds: 2}
`;

/** Rows of a kubectl table: cells split on runs of 2+ spaces. */
const rows = (out: string) =>
  out
    .trimEnd()
    .split('\n')
    .map((l) => l.trim().split(/\s{2,}/));
const milli = (cell: string) => Number(cell.replace(/m$/, ''));

describe('resource metrics and the HorizontalPodAutoscaler', () => {
  const t = new FastMetricsHome();
  beforeAll(() => requireDocker());
  afterAll(() => t.cleanup());

  it('top says the Metrics API is not available while no agent samples', () => {
    expect(t.run(['top', 'pod'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'error: Metrics API not available\n',
    });
  });

  it('top pod and top node report a busy container near one core and an idle one near zero', async () => {
    expect(t.run(['apply', '-f', '-'], { input: PODS }).code).toBe(0);
    expect(t.run(['wait', '--for=condition=Ready', 'pod', '--all', '--timeout=60s']).code).toBe(0);
    const top = await eventually(() => {
      const r = t.run(['top', 'pod', '--containers']);
      const spin = rows(r.stdout).find((row) => row[1] === 'spin');
      const complete = rows(r.stdout).length === 4;
      return r.code === 0 && complete && spin && milli(spin[2]!) > 50 ? r : undefined;
    }, 40_000);
    const table = rows(top.stdout);
    // Pods by name, containers by name within each pod, as kubectl sorts them.
    expect(table.map((r) => r.slice(0, 2))).toEqual([
      ['POD', 'NAME'],
      ['busy', 'rest'],
      ['busy', 'spin'],
      ['idle', 'rest'],
    ]);
    expect(table[0]).toEqual(['POD', 'NAME', 'CPU(cores)', 'MEMORY(bytes)']);
    const byName = new Map(table.slice(1).map((r) => [`${r[0]}/${r[1]}`, r]));
    // Near a core on a quiet machine; the floor leaves room for a machine busy with other work.
    expect(milli(byName.get('busy/spin')![2]!)).toBeGreaterThan(50);
    expect(milli(byName.get('busy/rest')![2]!)).toBeLessThan(20);
    expect(milli(byName.get('idle/rest')![2]!)).toBeLessThan(20);
    for (const r of table.slice(1)) expect(r[3]).toMatch(/^\d+Mi$/);

    const nodes = rows(t.run(['top', 'node']).stdout);
    expect(nodes[0]).toEqual(['NAME', 'CPU(cores)', 'CPU(%)', 'MEMORY(bytes)', 'MEMORY(%)']);
    expect(nodes).toHaveLength(2);
    expect(nodes[1]!.slice(1).map((c) => /^\d+(m|%|Mi)$/.test(c))).toEqual([true, true, true, true]);

    // The real kubectl's top through the endpoint's metrics.k8s.io API: the same table.
    const kubectl = (args: string[]) => {
      const r = spawnSync('kubectl', ['--kubeconfig', join(t.home, 'kubeconfig'), ...args], {
        encoding: 'utf8',
        timeout: 30_000,
      });
      return { code: r.status, stdout: r.stdout, stderr: r.stderr };
    };
    const theirs = kubectl(['top', 'pod', '--containers']);
    expect([theirs.code, rows(theirs.stdout).map((r) => r.slice(0, 2)), theirs.stderr]).toEqual([
      0,
      [
        ['POD', 'NAME'],
        ['busy', 'rest'],
        ['busy', 'spin'],
        ['idle', 'rest'],
      ],
      '',
    ]);
    expect(milli(rows(theirs.stdout)[2]![2]!)).toBeGreaterThan(50);
    expect(rows(kubectl(['top', 'node']).stdout)[0]).toEqual(nodes[0]);
    expect(kubectl(['top', 'pod', 'ghost'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'Error from server (NotFound): pods "default/ghost" not found\n',
    });
    expect(t.run(['delete', 'pod', '--all', '--now']).code).toBe(0);
  }, 60_000);

  it('an HPA scales a CPU-burning Deployment up to its maximum and back down', async () => {
    expect(t.run(['apply', '-f', '-'], { input: HPA_APP }).code).toBe(0);
    const replicas = () => Number(t.run(['get', 'deploy', 'burn', '-o', 'jsonpath={.spec.replicas}']).stdout);
    await eventually(() => replicas() === 3, 30_000, 250);
    const hpa = rows(t.run(['get', 'hpa']).stdout);
    expect(hpa[0]).toEqual(['NAME', 'REFERENCE', 'TARGETS', 'MINPODS', 'MAXPODS', 'REPLICAS', 'AGE']);
    expect(hpa[1]!.slice(0, 2)).toEqual(['burn', 'Deployment/burn']);
    expect(hpa[1]![2]).toMatch(/^cpu: \d+%\/20%$/);
    expect(hpa[1]!.slice(3, 5)).toEqual(['1', '3']);
    await eventually(() => replicas() === 1, 40_000, 250);
    // The controller scales first and records the event right after: wait for both.
    const rescales = () =>
      t
        .run([
          'get',
          'events',
          '--field-selector',
          'reason=SuccessfulRescale',
          '-o',
          'jsonpath={range .items[*]}{.message}{"\\n"}{end}',
        ])
        .stdout.trimEnd()
        .split('\n');
    await eventually(() => rescales().length === 2, 10_000);
    expect(rescales()).toEqual([
      'New size: 3; reason: cpu resource utilization (percentage of request) above target',
      'New size: 1; reason: All metrics below target',
    ]);
  }, 90_000);
});
