// Issue 9's bugs seen end to end on a real engine: a closed stdout pipe (quiet, status 141, as
// SIGPIPE ends kubectl), a shorter grace period on a terminating pod, `logs deploy/x` naming the
// pod it picked, ContainerCreating in `get pods -w`, no generation on pods, and the kubelet's
// image pull events. One home and one agent; every pod starts in beforeAll, in parallel.
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KObject } from '../../src/api/types.js';
import { byLogging } from '../../src/commands/pod-order.js';
import { BIN, eventually, requireDocker, TestHome } from './harness.js';

const BAD_IMAGE = 'localhost:5999/mkube-e2e-nope:1';
const MANIFEST = `
apiVersion: v1
kind: Pod
metadata: {name: chatty}
spec:
  terminationGracePeriodSeconds: 0
  containers:
  - {name: c, image: busybox:1.36, command: [sh, -c, 'seq 1 50000; exec sleep 3600']}
---
apiVersion: v1
kind: Pod
metadata: {name: stubborn}
spec:
  containers:
  - {name: c, image: busybox:1.36, command: [sh, -c, "trap '' TERM; while true; do sleep 1; done"]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      terminationGracePeriodSeconds: 0
      containers:
      - {name: c, image: busybox:1.36, command: [sh, -c, 'echo $HOSTNAME; exec sleep 3600']}
---
apiVersion: v1
kind: Pod
metadata: {name: unpullable}
spec:
  terminationGracePeriodSeconds: 0
  containers:
  - {name: c, image: ${BAD_IMAGE}}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: big}
data:
  a: ${'x'.repeat(500_000)}
`;

let home: TestHome;

/** `mkube args | head -n LINES` through bash: what head printed, then mkube's exit status. */
function piped(args: string[], lines: number) {
  const quoted = args.map((a) => `'${a}'`).join(' ');
  const r = spawnSync(
    'bash',
    ['-c', `"${process.execPath}" "${BIN}" ${quoted} | head -n ${lines}; echo "status=\${PIPESTATUS[0]}"`],
    { env: home.env, encoding: 'utf8', timeout: 30_000 },
  );
  return { stdout: r.stdout, stderr: r.stderr };
}

const running = (name: string) =>
  eventually(() => /\bRunning\b/.test(home.run(['get', 'pod', name, '--no-headers']).stdout), 60_000);

beforeAll(() => {
  requireDocker();
  home = new TestHome('mkube-e2e-bugs-');
  const r = home.run(['apply', '-f', '-'], { input: MANIFEST });
  expect(r.stderr).toBe('');
});

afterAll(() => home?.cleanup());

describe('a closed stdout pipe', () => {
  it('ends logs, logs -f, exec, get -o yaml and describe quietly with status 141', async () => {
    await running('chatty');
    await eventually(() => home.run(['logs', 'chatty', '--tail=1']).stdout === '50000\n');
    expect([
      piped(['logs', 'chatty'], 1),
      piped(['logs', '-f', 'chatty'], 2),
      piped(['exec', 'chatty', '--', 'seq', '1', '100000'], 1),
      piped(['get', 'cm', 'big', '-o', 'yaml'], 1),
      piped(['describe', 'cm', 'big'], 1),
    ]).toEqual([
      { stdout: '1\nstatus=141\n', stderr: '' },
      { stdout: '1\n2\nstatus=141\n', stderr: '' },
      { stdout: '1\nstatus=141\n', stderr: '' },
      { stdout: 'apiVersion: v1\nstatus=141\n', stderr: '' },
      { stdout: 'Name:         big\nstatus=141\n', stderr: '' },
    ]);
  });
});

describe('a second delete with a shorter grace period', () => {
  it('kills a pod that ignores SIGTERM at the new deadline, not the first', async () => {
    await running('stubborn');
    expect(home.run(['delete', 'pod', 'stubborn', '--wait=false'])).toEqual({
      code: 0,
      stdout: 'pod "stubborn" deleted\n',
      stderr: '',
    });
    const started = Date.now();
    const r = home.run(['delete', 'pod', 'stubborn', '--grace-period=2']);
    const elapsed = Date.now() - started;
    expect(r).toEqual({ code: 0, stdout: 'pod "stubborn" deleted\n', stderr: '' });
    // 2s of grace plus the kubelet's look at the pod; the first delete's 30s would be far over.
    expect(elapsed).toBeLessThan(8_000);
  });
});

describe('logs of a workload with several pods', () => {
  it('says which pod it picked, the one kubectl picks (ByLogging)', async () => {
    const pods = await eventually(() => {
      const list = JSON.parse(home.run(['get', 'pods', '-l', 'app=web', '-o', 'json']).stdout)
        .items as KObject[];
      const ready = (p: KObject) =>
        p.status?.conditions?.some((c: any) => c.type === 'Ready' && c.status === 'True');
      return list.length === 2 && list.every(ready) ? list : undefined;
    }, 60_000);
    const chosen = [...pods].sort(byLogging)[0]!.metadata.name;
    expect(home.run(['logs', 'deploy/web'])).toEqual({
      code: 0,
      stdout: `${chosen}\n`,
      stderr: `Found 2 pods, using pod/${chosen}\n`,
    });
  });
});

describe('a new pod as the kubelet reports it', () => {
  it('shows ContainerCreating between Pending and Running in get -w, and has no generation', async () => {
    const watch = home.spawn(['get', 'pods', '-w']);
    let out = '';
    watch.stdout.on('data', (c: Buffer) => {
      out += c.toString();
    });
    // Watching once the pods already there are listed.
    await eventually(() => out.includes('chatty'));
    expect(home.run(['run', 'fresh', '--image=busybox:1.36', '--', 'sleep', '3600']).code).toBe(0);
    await eventually(() => /fresh +1\/1 +Running/.test(out), 60_000);
    watch.kill();
    // Each write prints a row; writes that change no column (the binding, conditions) repeat one.
    const statuses = out
      .split('\n')
      .filter((line) => line.startsWith('fresh '))
      .map((line) => line.split(/\s+/)[2])
      .filter((s, i, all) => s !== all[i - 1]);
    expect(statuses).toEqual(['Pending', 'ContainerCreating', 'Running']);
    expect([
      home.run(['get', 'pod', 'fresh', '-o', 'jsonpath={.metadata.generation}']).stdout,
      home.run(['get', 'deploy', 'web', '-o', 'jsonpath={.metadata.generation}']).stdout,
    ]).toEqual(['', '1']);
  });
});

describe('an image that cannot be pulled', () => {
  it("has the kubelet's Pulling, Failed and BackOff events", async () => {
    const events = () =>
      home
        .run([
          'get',
          'events',
          '--field-selector',
          'involvedObject.name=unpullable',
          '-o',
          'custom-columns=TYPE:.type,REASON:.reason,MESSAGE:.message',
          '--no-headers',
        ])
        .stdout.split('\n')
        .filter(Boolean)
        .map((l) => l.replace(/(Failed to pull image "[^"]+": ).*/, '$1<engine error>').trimEnd());
    await eventually(() => events().some((l) => l.includes('Error: ImagePullBackOff')), 60_000);
    const node = home.run(['get', 'nodes', '-o', 'jsonpath={.items[0].metadata.name}']).stdout;
    expect([...new Set(events())].sort()).toEqual([
      `Normal    BackOff     Back-off pulling image "${BAD_IMAGE}"`,
      `Normal    Pulling     Pulling image "${BAD_IMAGE}"`,
      `Normal    Scheduled   Successfully assigned default/unpullable to ${node}`,
      'Warning   Failed      Error: ErrImagePull',
      'Warning   Failed      Error: ImagePullBackOff',
      `Warning   Failed      Failed to pull image "${BAD_IMAGE}": <engine error>`,
    ]);
  });
});
