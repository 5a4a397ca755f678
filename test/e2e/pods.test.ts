// The foundation, end to end on the real engine: a two-container pod, watch, a missing image,
// an agent killed mid-apply, and the node going NotReady.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eventually, ROOT, requireDocker, TestHome } from './harness.js';

const TWO = join(ROOT, 'examples/twocontainers.yaml');

function podYaml(name: string, image = 'busybox:1.36'): string {
  return `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  terminationGracePeriodSeconds: 2
  containers:
  - name: main
    image: ${image}
    command: ["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done"]
`;
}

const dockerLabels = (home: string, type: string) =>
  execFileSync(
    'docker',
    [
      'ps',
      '-aq',
      '--filter',
      `label=io.mkube.home=${home}`,
      '--filter',
      `label=io.mkube.container.type=${type}`,
    ],
    {
      encoding: 'utf8',
    },
  )
    .split('\n')
    .filter(Boolean);

describe('pods on Docker', () => {
  let t: TestHome;
  beforeAll(() => requireDocker());
  afterEach(() => t?.cleanup());

  it('runs the two-container pod: Running 2/2, exec across localhost, logs, delete leaves nothing', async () => {
    t = new TestHome();
    const applied = t.run(['apply', '-f', TWO]);
    expect(applied.stderr).toBe('');
    expect(applied.stdout).toBe('pod/twocontainers created\n');

    const line = await eventually(() => {
      const r = t.run(['get', 'pods']);
      return /^twocontainers\s+2\/2\s+Running\s+0\s+\d+s$/m.test(r.stdout) ? r.stdout : undefined;
    }, 60_000);
    expect(line.split('\n')[0]).toMatch(/^NAME\s{12}READY\s{3}STATUS\s{4}RESTARTS\s{3}AGE$/);

    const phase = t.run(['get', 'pod', 'twocontainers', '-o=jsonpath={.status.phase}']);
    expect(phase.stdout).toBe('Running');

    const info = await eventually(() => {
      const r = t.run(['exec', 'twocontainers', '-c', 'shell', '--', 'wget', '-qO-', 'localhost:9876/info']);
      return r.code === 0 ? r.stdout : undefined;
    });
    expect(JSON.parse(info)).toEqual({ host: 'localhost:9876', version: '0.5.0', from: '127.0.0.1' });

    const failing = t.run(['exec', 'twocontainers', '-c', 'shell', '--', 'sh', '-c', 'exit 3']);
    expect(failing.code).toBe(3);

    expect(t.containers(false)).toHaveLength(3); // sandbox + 2 containers

    const deleted = t.run(['delete', 'pod', 'twocontainers']);
    expect(deleted.stdout).toBe('pod "twocontainers" deleted\n');
    expect(deleted.code).toBe(0);
    expect(t.run(['get', 'pods']).stderr).toBe('No resources found in default namespace.\n');
    await eventually(() => t.containers().length === 0, 15_000);
  });

  it('get pods -w prints the header once and one line per change', async () => {
    t = new TestHome();
    t.run(['create', 'namespace', 'demo']);
    const watch = t.spawn(['get', 'pods', '-n', 'demo', '-w']);
    let out = '';
    watch.stdout.on('data', (d) => {
      out += d;
    });
    try {
      // An empty list prints nothing on stdout (the message goes to stderr).
      await new Promise((r) => setTimeout(r, 500));
      t.run(['apply', '-n', 'demo', '-f', '-'], { input: podYaml('w1') });
      await eventually(() => /w1\s+1\/1\s+Running/.test(out), 60_000);
      const lines = out.trim().split('\n');
      expect(lines.filter((l) => l.startsWith('NAME')).length).toBe(1);
      expect(lines[1]).toMatch(/^w1\s+0\/1\s+(Pending|ContainerCreating)\s+0\s+\d+s$/);
      expect(lines.at(-1)).toMatch(/^w1\s+1\/1\s+Running\s+0\s+\d+s$/);
    } finally {
      watch.kill();
    }
  });

  it('shows ErrImagePull then ImagePullBackOff for an image that is absent and cannot be pulled', async () => {
    t = new TestHome();
    t.run(['apply', '-f', '-'], { input: podYaml('nopull', 'mkube-test/absent:1.0') });
    const seen = new Set<string>();
    await eventually(() => {
      const status = /nopull\s+0\/1\s+(\S+)/.exec(t.run(['get', 'pods']).stdout)?.[1];
      if (status) seen.add(status);
      return seen.has('ImagePullBackOff');
    }, 60_000);
    expect(seen.has('ErrImagePull')).toBe(true);
    const events = t.run(['get', 'events', '--field-selector', 'involvedObject.name=nopull']);
    expect(events.stdout).toMatch(
      /Warning\s+Failed\s+pod\/nopull\s+Failed to pull image "mkube-test\/absent:1.0"/,
    );
  });

  it('adopts containers after the agent is killed mid-apply: exactly 10 sandboxes and 10 containers, no orphans', async () => {
    t = new TestHome();
    expect(t.run(['agent', 'start']).code).toBe(0);
    const docs = Array.from({ length: 10 }, (_, i) => podYaml(`p${i}`)).join('---\n');
    t.run(['apply', '-f', '-'], { input: docs });
    // Kill the agent while it is creating containers.
    await eventually(() => t.containers().length >= 3, 30_000, 20);
    const pid = Number(readFileSync(join(t.home, 'agent.pid'), 'utf8'));
    process.kill(pid, 'SIGKILL');
    expect(t.run(['agent', 'start']).stdout).toMatch(/mkube agent started \(pid \d+\)/);
    await eventually(
      () => (t.run(['get', 'pods']).stdout.match(/1\/1\s+Running/g) ?? []).length === 10,
      90_000,
    );
    expect(dockerLabels(t.home, 'sandbox')).toHaveLength(10);
    expect(dockerLabels(t.home, 'app')).toHaveLength(10);

    const del = t.run(['delete', 'pods', '--all']);
    expect(del.code).toBe(0);
    await eventually(() => t.containers().length === 0, 30_000);
  });

  it('deletes a namespace with everything in it, containers included', async () => {
    t = new TestHome();
    expect(t.run(['create', 'namespace', 'demo']).stdout).toBe('namespace/demo created\n');
    t.run(['apply', '-n', 'demo', '-f', '-'], { input: podYaml('inside') });
    await eventually(
      () => /inside\s+1\/1\s+Running/.test(t.run(['get', 'pods', '-n', 'demo']).stdout),
      60_000,
    );
    const del = t.run(['delete', 'namespace', 'demo']);
    expect(del.stdout).toBe('namespace "demo" deleted\n');
    expect(t.run(['get', 'namespace', 'demo']).stderr).toBe(
      'Error from server (NotFound): namespaces "demo" not found\n',
    );
    expect(t.run(['get', 'pods', '-A']).stderr).toBe('No resources found\n');
    await eventually(() => t.containers().length === 0, 15_000);
    expect(t.run(['get', 'ns', '-o', 'name']).stdout).toBe(
      'namespace/default\nnamespace/kube-node-lease\nnamespace/kube-public\nnamespace/kube-system\n',
    );
  });

  it('reports the node Ready while the agent runs and NotReady once it is stopped', async () => {
    t = new TestHome();
    t.run(['agent', 'start']);
    await eventually(() => /\sReady\s+control-plane\s/.test(t.run(['get', 'nodes']).stdout), 15_000);
    expect(t.run(['agent', 'status']).code).toBe(0);
    expect(t.run(['agent', 'start']).stdout).toMatch(/already running/);
    expect(t.run(['agent', 'stop']).stdout).toBe('mkube agent stopped\n');
    expect(t.run(['get', 'nodes']).stdout).toMatch(/\sNotReady\s+control-plane\s/);
    expect(t.run(['agent', 'status']).code).toBe(1);
  });
});
