// `mkube logs` and `mkube exec` through the built CLI, against pods whose Docker containers are
// made straight through the runtime (no agent), with the Pod objects written to the store.
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POD } from '../../src/api/kinds.js';
import type { KObject } from '../../src/api/types.js';
import { createDockerRuntime } from '../../src/runtime/docker.js';
import type { Runtime } from '../../src/runtime/types.js';
import { openStore } from '../../src/state/store.js';
import type { Store } from '../../src/state/types.js';
import { BIN, eventually, requireDocker, TestHome } from './harness.js';
import { containerSpec, run, startPod, type TestPod } from './runtime-fixtures.js';

const HTTPD = 'mkdir -p /www && echo hello-from-httpd > /www/index.html && exec httpd -f -p 9876 -h /www';

let home: TestHome;
let runtime: Runtime;
let store: Store;

/** A Pod object in the store, then its sandbox and containers through the runtime. */
async function makePod(name: string, containers: string[], extra: Partial<KObject> = {}): Promise<TestPod> {
  const created = await store.create({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', ...(extra.metadata ?? {}) },
    spec: { containers: containers.map((c) => ({ name: c, image: 'busybox:1.36' })), nodeName: 'mkube' },
  });
  await store.updateStatus({ ...created, status: { phase: 'Running', ...(extra.status ?? {}) } });
  return startPod(runtime, name, {}, created.metadata.uid!);
}

const waitExited = (pod: TestPod, id: string) =>
  eventually(async () => {
    const c = (await runtime.listContainers({ podUid: pod.uid })).find((x) => x.id === id);
    return c?.state === 'exited';
  });

beforeAll(async () => {
  requireDocker();
  spawnSync('bash', ['scripts/build-images.sh'], { stdio: 'ignore' });
  home = new TestHome('mkube-logs-exec-');
  store = openStore(home.home);
  runtime = await createDockerRuntime(home.home);

  const web = await makePod('web', ['httpd', 'shell']);
  await run(runtime, containerSpec(web, 'httpd', { command: ['sh', '-c', HTTPD] }));
  await run(
    runtime,
    containerSpec(web, 'shell', { command: ['sh', '-c', 'echo to-out; echo to-err >&2; exec sleep 3600'] }),
  );

  // Two attempts of one container, as the kubelet leaves them after a restart.
  const crash = await makePod('crash', ['app']);
  const first = await run(
    runtime,
    containerSpec(crash, 'app', { command: ['sh', '-c', 'echo first run; exit 1'] }),
  );
  await waitExited(crash, first);
  const second = await run(
    runtime,
    containerSpec(crash, 'app', {
      attempt: 1,
      command: ['sh', '-c', 'for i in 1 2 3; do echo second run $i; done'],
    }),
  );
  await waitExited(crash, second);

  await store.create({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'front', namespace: 'default' },
    spec: {
      selector: { matchLabels: { app: 'front' } },
      template: {
        metadata: { labels: { app: 'front' } },
        spec: { containers: [{ name: 'c', image: 'busybox:1.36' }] },
      },
    },
  });
  const front = await makePod('front-abc', ['c'], { metadata: { labels: { app: 'front' } } });
  await run(
    runtime,
    containerSpec(front, 'c', { command: ['sh', '-c', 'echo from the deployment; exec sleep 3600'] }),
  );
});
afterAll(() => home?.cleanup());

describe('mkube exec', () => {
  it('reaches a sibling container on localhost, in the named container', async () => {
    const r = await eventually(() => {
      // 127.0.0.1: /etc/hosts (and `localhost` in it) is the kubelet's file, and no kubelet runs here.
      const res = home.run(['exec', 'web', '-c', 'shell', '--', 'wget', '-qO-', '127.0.0.1:9876']);
      return res.code === 0 ? res : undefined;
    }, 15_000);
    expect(r).toEqual({ code: 0, stdout: 'hello-from-httpd\n', stderr: '' });
  });

  it('defaults to the first container with kubectl’s notice and propagates the exit status', () => {
    expect(home.run(['exec', 'web', '--', 'sh', '-c', 'echo out; echo err >&2; exit 3'])).toEqual({
      code: 3,
      stdout: 'out\n',
      stderr: 'Defaulted container "httpd" out of: httpd, shell\nerr\ncommand terminated with exit code 3\n',
    });
  });

  it('accepts pod/NAME and flags after the pod name, and forwards stdin with -i', () => {
    const r = home.run(['exec', 'pod/web', '-i', '-c', 'shell', '--', 'tr', 'a-z', 'A-Z'], {
      input: 'shout\n',
    });
    expect(r).toEqual({ code: 0, stdout: 'SHOUT\n', stderr: '' });
  });

  it('warns that -it needs a terminal when stdin is not one, and runs without', () => {
    const r = home.run(['exec', '-it', 'web', '-c', 'shell', '--', 'sh', '-c', 'tty; true'], { input: '' });
    expect(r.stderr).toBe('Unable to use a TTY - input is not a terminal or the right kind of file\n');
    expect(r.stdout).toBe('not a tty\n');
  });

  it('runs in a real terminal with -it: tty, exit status and the terminal size', () => {
    const script = (inner: string) =>
      spawnSync('script', ['-qec', inner, '/dev/null'], { env: home.env, encoding: 'utf8', timeout: 30_000 });
    const mkube = `${process.execPath} ${BIN}`;
    const tty = script(`${mkube} exec -it web -c shell -- tty`);
    expect(tty.status).toBe(0);
    // A terminal turns \n into \r\n; script adds its own end-of-input echo.
    const lines = (text: string) => text.split(/\r*\n/).map((l) => l.replace(/[\x00-\x1f]|\^@/g, ''));
    expect(lines(tty.stdout)).toContainEqual(expect.stringMatching(/^\/dev\/pts\/\d+$/));
    expect(script(`${mkube} exec -it web -c shell -- sh -c 'exit 4'`).status).toBe(4);
    const size = script(
      `stty rows 33 cols 101; ${mkube} exec -it web -c shell -- sh -c 'sleep 0.5; stty size'`,
    );
    expect(lines(size.stdout)).toContain('33 101');
    // A resize while the command runs (SIGWINCH) reaches the remote terminal.
    const resized = script(
      `stty rows 33 cols 101; (sleep 1; stty rows 40 cols 120 </dev/tty) & ${mkube} exec -it web -c shell -- sh -c 'for i in $(seq 80); do [ "$(stty size)" = "40 120" ] && break; sleep 0.1; done; stty size'`,
    );
    expect(lines(resized.stdout)).toContain('40 120');
  });

  it('picks a pod of a deployment for deployment/NAME', () => {
    expect(home.run(['exec', 'deployment/front', '--', 'hostname'])).toEqual({
      code: 0,
      stdout: 'front-abc\n',
      stderr: '',
    });
  });

  const errors: Array<[string, string[], string]> = [
    [
      'a missing pod',
      ['exec', 'nope', '--', 'true'],
      'Error from server (NotFound): pods "nope" not found\n',
    ],
    [
      'a container the pod does not have',
      ['exec', 'web', '-c', 'nope', '--', 'true'],
      'Error from server (BadRequest): container nope is not valid for pod web\n',
    ],
    [
      'a container that is not running',
      ['exec', 'crash', '--', 'true'],
      'error: unable to upgrade connection: container not found ("app")\n',
    ],
    ['no command', ['exec', 'web'], 'error: you must specify at least one command for the container\n'],
    ['no pod', ['exec', '--', 'ls'], 'error: pod, type/name or --filename must be specified\n'],
    [
      'a command without --',
      ['exec', 'web', 'ls'],
      "error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'mkube exec -h' for help and examples\n",
    ],
  ];
  for (const [what, args, stderr] of errors) {
    it(`fails as kubectl does for ${what}`, () => {
      expect(home.run(args)).toEqual({ code: 1, stdout: '', stderr });
    });
  }

  it('refuses a completed pod', async () => {
    await store.patch(
      POD,
      'default',
      'crash',
      (p) => ({ ...p, status: { ...p.status, phase: 'Failed' } }),
      'status',
    );
    try {
      expect(home.run(['exec', 'crash', '--', 'true'])).toEqual({
        code: 1,
        stdout: '',
        stderr: 'error: cannot exec into a container in a completed pod; current phase is Failed\n',
      });
    } finally {
      await store.patch(
        POD,
        'default',
        'crash',
        (p) => ({ ...p, status: { ...p.status, phase: 'Running' } }),
        'status',
      );
    }
  });
});

describe('mkube logs', () => {
  it('prints the current attempt, with the container’s stderr on stdout as kubectl does', () => {
    expect(home.run(['logs', 'crash'])).toEqual({
      code: 0,
      stdout: 'second run 1\nsecond run 2\nsecond run 3\n',
      stderr: '',
    });
    const web = home.run(['logs', 'web', '-c', 'shell']);
    expect(web.stdout.split('\n').sort()).toEqual(['', 'to-err', 'to-out']);
  });

  it('prints the previous attempt with --previous, and says when there is none', () => {
    expect(home.run(['logs', 'crash', '-p'])).toEqual({ code: 0, stdout: 'first run\n', stderr: '' });
    expect(home.run(['logs', 'web', '-c', 'shell', '--previous'])).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'Error from server (BadRequest): previous terminated container "shell" in pod "web" not found\n',
    });
  });

  it('defaults the container with kubectl’s notice', () => {
    const r = home.run(['logs', 'pod/web']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('Defaulted container "httpd" out of: httpd, shell\n');
  });

  it('keeps the last lines with --tail and adds RFC3339 timestamps with --timestamps', () => {
    expect(home.run(['logs', 'crash', '--tail', '1']).stdout).toBe('second run 3\n');
    const lines = home.run(['logs', 'crash', '--tail=2', '--timestamps']).stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    for (const l of lines) expect(l).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z second run [23]$/);
  });

  it('prefixes lines with --prefix and reads every container with --all-containers', () => {
    const r = home.run(['logs', 'web', '--all-containers=true', '--prefix']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').filter(Boolean).sort()).toEqual([
      '[pod/web/shell] to-err',
      '[pod/web/shell] to-out',
    ]);
  });

  it('reads the logs of a deployment’s pod', () => {
    expect(home.run(['logs', 'deploy/front'])).toEqual({
      code: 0,
      stdout: 'from the deployment\n',
      stderr: '',
    });
  });

  it('follows with -f until the container exits', async () => {
    const pod = await makePod('follow', ['app']);
    await run(runtime, containerSpec(pod, 'app', { command: ['sh', '-c', 'echo one; sleep 1; echo two'] }));
    const t0 = Date.now();
    const r = home.run(['logs', '-f', 'follow'], { timeoutMs: 20_000 });
    expect(r).toEqual({ code: 0, stdout: 'one\ntwo\n', stderr: '' });
    expect(Date.now() - t0).toBeGreaterThan(500);
  });

  it('fails as kubectl does for a container the pod does not have', () => {
    expect(home.run(['logs', 'web', '-c', 'nope'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'Error from server (BadRequest): container nope is not valid for pod web\n',
    });
  });

  it('reports a container that has not started yet with the kubelet’s wording', async () => {
    const created = await store.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'pulling', namespace: 'default' },
      spec: { containers: [{ name: 'app', image: 'nope:1' }] },
    });
    await store.updateStatus({
      ...created,
      status: {
        phase: 'Pending',
        containerStatuses: [{ name: 'app', state: { waiting: { reason: 'ImagePullBackOff' } } }],
      },
    });
    expect(home.run(['logs', 'pulling']).stderr).toBe(
      'Error from server (BadRequest): container "app" in pod "pulling" is waiting to start: trying and failing to pull image\n',
    );
  });
});
