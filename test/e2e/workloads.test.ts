// Workload controllers on the real engine, through the CLI: the seed's nginx-deployment flow
// (rollout with two ReplicaSets, never more than replicas + maxSurge pods), scaling by apply,
// self-healing, cascading deletes, and the StatefulSet ordering and claims.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KObject } from '../../src/api/types.js';
import { eventually, requireDocker, TestHome } from './harness.js';

const LOOP = `["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done"]`;

const deployment = (
  opts: { name?: string; replicas?: number; image?: string; app?: string } = {},
) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${opts.name ?? 'nginx-deployment'}
  labels:
    app: ${opts.app ?? 'nginx'}
spec:
  replicas: ${opts.replicas ?? 3}
  selector:
    matchLabels:
      app: ${opts.app ?? 'nginx'}
  template:
    metadata:
      labels:
        app: ${opts.app ?? 'nginx'}
    spec:
      terminationGracePeriodSeconds: 2
      containers:
      - name: nginx
        image: ${opts.image ?? 'busybox:1.36'}
        command: ${LOOP}
`;

const statefulSet = (replicas: number) => `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: nginx
  replicas: ${replicas}
  selector:
    matchLabels:
      app: sts
  template:
    metadata:
      labels:
        app: sts
    spec:
      terminationGracePeriodSeconds: 2
      containers:
      - name: web
        image: busybox:1.36
        command: ${LOOP}
        volumeMounts:
        - name: www
          mountPath: /data
  volumeClaimTemplates:
  - metadata:
      name: www
    spec:
      accessModes: ["ReadWriteOnce"]
      resources:
        requests:
          storage: 1Gi
`;

const isReady = (p: KObject) =>
  p.status?.phase === 'Running' &&
  (p.status?.conditions ?? []).some(
    (c: { type: string; status: string }) => c.type === 'Ready' && c.status === 'True',
  );

describe('workload controllers through the CLI', () => {
  let home: TestHome;
  const file = (name: string, text: string) => {
    const path = join(home.home, name);
    writeFileSync(path, text);
    return path;
  };
  const list = (what: string, ...args: string[]): KObject[] => {
    const r = home.run(['get', what, ...args, '-o', 'json']);
    if (r.code !== 0) throw new Error(r.stderr);
    return JSON.parse(r.stdout).items;
  };
  const live = (pods: KObject[]) => pods.filter((p) => !p.metadata.deletionTimestamp);
  const readyPods = (selector: string, n: number) =>
    eventually(() => {
      const pods = live(list('pods', '-l', selector));
      return pods.length === n && pods.every(isReady) ? pods : false;
    }, 90_000);

  beforeAll(() => {
    requireDocker();
    home = new TestHome();
  });
  afterAll(() => home?.cleanup());

  it('rolls out a template change with two ReplicaSets and never more than 4 pods', async () => {
    expect(home.run(['apply', '-f', file('d.yaml', deployment())]).stdout).toBe(
      'deployment.apps/nginx-deployment created\n',
    );
    await readyPods('app=nginx', 3);
    const [first] = list('rs', '-l', 'app=nginx');
    expect(first!.metadata.name).toBe(`nginx-deployment-${first!.metadata.labels!['pod-template-hash']}`);

    expect(home.run(['apply', '-f', file('d.yaml', deployment({ image: 'busybox:1.31' }))]).stdout).toBe(
      'deployment.apps/nginx-deployment configured\n',
    );
    let maxPods = 0;
    let sawTwo = false;
    await eventually(
      () => {
        maxPods = Math.max(maxPods, live(list('pods', '-l', 'app=nginx')).length);
        const sets = list('rs', '-l', 'app=nginx');
        sawTwo ||= sets.length === 2 && sets.every((rs) => (rs.status?.replicas ?? 0) > 0);
        const next = sets.find((rs) => rs.metadata.name !== first!.metadata.name);
        const old = sets.find((rs) => rs.metadata.name === first!.metadata.name);
        return next?.status?.availableReplicas === 3 && old?.status?.replicas === 0;
      },
      90_000,
      100,
    );
    expect(maxPods).toBeLessThanOrEqual(4);
    expect(sawTwo).toBe(true);

    const status = home.run(['rollout', 'status', 'deployment/nginx-deployment', '--timeout=60s']);
    expect(status.stdout).toContain('deployment "nginx-deployment" successfully rolled out');
    const rs = home.run(['get', 'rs', '-l', 'app=nginx', '--no-headers']).stdout.trim().split('\n');
    expect(rs).toHaveLength(2);
    const pods = await readyPods('app=nginx', 3);
    expect(pods.every((p) => p.spec.containers[0].image === 'busybox:1.31')).toBe(true);
  });

  it('rollout undo goes back to the first ReplicaSet as revision 3', async () => {
    const [first] = list('rs', '-l', 'app=nginx').filter((rs) => rs.spec.replicas === 0);
    expect(home.run(['rollout', 'undo', 'deployment/nginx-deployment']).code).toBe(0);
    const back = await eventually(() => {
      const rs = list('rs', '-l', 'app=nginx').find((x) => x.metadata.name === first!.metadata.name);
      return rs?.status?.availableReplicas === 3 ? rs : false;
    }, 90_000);
    expect(back.metadata.annotations!['deployment.kubernetes.io/revision']).toBe('3');
    expect(list('rs', '-l', 'app=nginx')).toHaveLength(2);
    const pods = await readyPods('app=nginx', 3);
    expect(pods.every((p) => p.spec.containers[0].image === 'busybox:1.36')).toBe(true);
  });

  it('scales by applying a new replica count', async () => {
    home.run(['apply', '-f', file('d.yaml', deployment({ replicas: 5 }))]);
    await readyPods('app=nginx', 5);
    home.run(['apply', '-f', file('d.yaml', deployment({ replicas: 2 }))]);
    await readyPods('app=nginx', 2);
    const d = JSON.parse(home.run(['get', 'deploy', 'nginx-deployment', '-o', 'json']).stdout);
    await eventually(() => {
      const cur = JSON.parse(home.run(['get', 'deploy', 'nginx-deployment', '-o', 'json']).stdout);
      return cur.status.readyReplicas === 2 && cur.status.replicas === 2;
    });
    expect(d.metadata.annotations['deployment.kubernetes.io/revision']).toBe('3');
  });

  it('replaces a pod deleted by hand', async () => {
    const [victim] = live(list('pods', '-l', 'app=nginx'));
    expect(home.run(['delete', 'pod', victim!.metadata.name!]).code).toBe(0);
    const pods = await readyPods('app=nginx', 2);
    expect(pods.map((p) => p.metadata.name)).not.toContain(victim!.metadata.name);
  });

  it('recovers a pod whose containers were removed with docker rm -f', async () => {
    const [victim] = live(list('pods', '-l', 'app=nginx'));
    const ids = execFileSync(
      'docker',
      [
        'ps',
        '-q',
        '--filter',
        `label=io.mkube.home=${home.home}`,
        '--filter',
        `label=io.mkube.pod.name=${victim!.metadata.name}`,
      ],
      { encoding: 'utf8' },
    )
      .split('\n')
      .filter(Boolean);
    expect(ids.length).toBeGreaterThan(0);
    execFileSync('docker', ['rm', '-f', ...ids]);
    await eventually(() => {
      const running = execFileSync('docker', ['ps', '-q', '--filter', `label=io.mkube.home=${home.home}`], {
        encoding: 'utf8',
      });
      return running.split('\n').filter(Boolean).length >= 4; // two pods: sandbox + app each
    }, 60_000);
    await readyPods('app=nginx', 2);
  });

  it('delete deploy removes its ReplicaSets and pods', async () => {
    expect(home.run(['delete', 'deploy', 'nginx-deployment']).stdout).toBe(
      'deployment.apps "nginx-deployment" deleted\n',
    );
    await eventually(
      () => list('rs', '-l', 'app=nginx').length === 0 && list('pods', '-l', 'app=nginx').length === 0,
      60_000,
    );
  });

  it('delete --cascade=orphan leaves the ReplicaSet and its pods', async () => {
    home.run(['apply', '-f', file('o.yaml', deployment({ name: 'keep', app: 'keep', replicas: 2 }))]);
    await readyPods('app=keep', 2);
    expect(home.run(['delete', 'deploy', 'keep', '--cascade=orphan']).code).toBe(0);
    await eventually(() => list('deploy').length === 0);
    const sets = await eventually(() => {
      const s = list('rs', '-l', 'app=keep');
      return s.length === 1 && !s[0]!.metadata.ownerReferences ? s : false;
    });
    expect(sets).toHaveLength(1);
    expect(live(list('pods', '-l', 'app=keep'))).toHaveLength(2);
  });

  it('a new template whose pods never get ready stalls the rollout with the old pods serving', async () => {
    home.run(['apply', '-f', file('s1.yaml', deployment({ name: 'stall', app: 'stall', replicas: 2 }))]);
    await readyPods('app=stall', 2);
    const broken = deployment({ name: 'stall', app: 'stall', replicas: 2, image: 'busybox:1.31' }).replace(
      '      containers:\n      - name: nginx\n',
      '      containers:\n      - name: nginx\n        readinessProbe:\n          exec:\n            command: ["false"]\n          periodSeconds: 1\n',
    );
    expect(broken).toContain('readinessProbe');
    home.run(['apply', '-f', file('s1.yaml', broken)]);
    const status = home.run(['rollout', 'status', 'deployment/stall', '--timeout=6s']);
    expect(status.code).toBe(1);
    expect(status.stderr).toBe('error: timed out waiting for the condition\n');
    const pods = live(list('pods', '-l', 'app=stall'));
    // maxUnavailable 25% of 2 is 0: both old pods keep serving next to one unready new pod.
    expect(pods.filter(isReady).map((p) => p.spec.containers[0].image)).toEqual([
      'busybox:1.36',
      'busybox:1.36',
    ]);
    expect(pods).toHaveLength(3);
    expect(home.run(['delete', 'deploy', 'stall']).code).toBe(0);
  });

  it('StatefulSet: web-0 is Running and Ready before web-1 exists, each with a Bound claim', async () => {
    home.run(['apply', '-f', file('s.yaml', statefulSet(2))]);
    const pods = await readyPods('app=sts', 2);
    const web0 = pods.find((p) => p.metadata.name === 'web-0')!;
    const web1 = pods.find((p) => p.metadata.name === 'web-1')!;
    const readyAt = web0.status.conditions.find(
      (c: { type: string }) => c.type === 'Ready',
    ).lastTransitionTime;
    expect(Date.parse(web1.metadata.creationTimestamp!)).toBeGreaterThanOrEqual(Date.parse(readyAt));
    expect(web1.spec.hostname).toBe('web-1');
    expect(web1.spec.subdomain).toBe('nginx');
    const claims = list('pvc');
    expect(claims.map((c) => [c.metadata.name, c.status.phase])).toEqual([
      ['www-web-0', 'Bound'],
      ['www-web-1', 'Bound'],
    ]);
  });

  it("StatefulSet: data in web-1's claim survives deleting the pod", async () => {
    const write = home.run(['exec', 'web-1', '--', 'sh', '-c', 'echo kept > /data/file']);
    expect(write.code).toBe(0);
    const before = list('pods', '-l', 'app=sts').find((p) => p.metadata.name === 'web-1')!;
    expect(home.run(['delete', 'pod', 'web-1']).code).toBe(0);
    await eventually(() => {
      const p = list('pods', '-l', 'app=sts').find((x) => x.metadata.name === 'web-1');
      return p && p.metadata.uid !== before.metadata.uid && isReady(p);
    }, 90_000);
    expect(home.run(['exec', 'web-1', '--', 'cat', '/data/file']).stdout).toBe('kept\n');
  });

  it('StatefulSet: scaling 5 -> 1 removes web-4, web-3, web-2, web-1 in that order', async () => {
    expect(home.run(['scale', 'sts', 'web', '--replicas=5']).code).toBe(0);
    await readyPods('app=sts', 5);
    expect(home.run(['scale', 'sts', 'web', '--replicas=1']).code).toBe(0);
    const order: string[] = [];
    await eventually(
      () => {
        // One look per poll: pods already gone were deleted before the one still terminating
        // (a slow poll can miss a pod's whole termination).
        const pods = list('pods', '-l', 'app=sts');
        const names = pods.map((p) => p.metadata.name);
        for (const n of ['web-4', 'web-3', 'web-2', 'web-1'])
          if (!names.includes(n) && !order.includes(n)) order.push(n);
        for (const p of pods) {
          if (p.metadata.deletionTimestamp && !order.includes(p.metadata.name!)) order.push(p.metadata.name!);
        }
        return names.length === 1 && names[0] === 'web-0';
      },
      90_000,
      100,
    );
    expect(order).toEqual(['web-4', 'web-3', 'web-2', 'web-1']);
    expect(list('pvc')).toHaveLength(5);
  });
});
