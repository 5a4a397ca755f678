// dockerd restarted under a running pod: the agent survives (same pid), follows the engine back,
// and restarts each container of the pod exactly once. Restarting dockerd kills every container
// on the machine, so this suite is a file of its own, to run alone.
//
// dockerd is restarted as scripts/ensure-docker.sh starts it: the process named by its pid file
// is stopped, and the script starts it again, detached. MKUBE_E2E_DOCKERD_PIDFILE and
// MKUBE_E2E_DOCKERD_START point both elsewhere (a private dockerd reached through DOCKER_HOST).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, ROOT, requireDocker, TestHome } from './harness.js';

const PIDFILE = process.env.MKUBE_E2E_DOCKERD_PIDFILE ?? '/var/run/docker.pid';
const START = process.env.MKUBE_E2E_DOCKERD_START ?? `bash ${join(ROOT, 'scripts/ensure-docker.sh')}`;

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: two
spec:
  containers:
  - name: first
    image: busybox:1.36
    command: ["sleep", "3600"]
  - name: second
    image: busybox:1.36
    command: ["sleep", "3600"]
`;

const engineAnswers = () =>
  spawnSync('docker', ['version', '--format', '{{.Server.Version}}'], { encoding: 'utf8' }).status === 0;

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

function dockerdPid(): number {
  let text: string;
  try {
    text = readFileSync(PIDFILE, 'utf8');
  } catch (err) {
    throw new Error(
      `cannot read dockerd's pid file ${PIDFILE} (${(err as Error).message}): this test restarts dockerd and needs to be root on a machine where scripts/ensure-docker.sh starts it`,
    );
  }
  return Number.parseInt(text, 10);
}

/** Stop dockerd, wait for it to exit, start it as ensure-docker.sh does, wait for it to answer. */
async function restartDockerd(): Promise<void> {
  const pid = dockerdPid();
  process.kill(pid, 'SIGTERM');
  await eventually(() => !alive(pid), 90_000, 200);
  startDockerd();
}

function startDockerd(): void {
  const r = spawnSync('bash', ['-c', START], { encoding: 'utf8', timeout: 90_000 });
  if (r.status !== 0 || !engineAnswers()) throw new Error(`starting dockerd failed: ${r.stderr}`);
}

describe('engine restart', () => {
  let t: TestHome;
  beforeAll(() => {
    requireDocker();
    dockerdPid(); // fail now, not halfway, where dockerd cannot be restarted
    t = new TestHome('mkube-engine-');
  });
  afterAll(() => {
    // Whatever happened, leave an engine that answers (other suites need it), then clean up.
    if (!engineAnswers()) startDockerd();
    t?.cleanup();
  });

  it('restarts each container of a running pod once, with the same agent', async () => {
    const applied = t.run(['apply', '-f', '-'], { input: POD });
    expect(applied).toEqual({ code: 0, stdout: 'pod/two created\n', stderr: '' });
    const row = () => t.run(['get', 'pod', 'two', '--no-headers']).stdout;
    await eventually(() => /^two\s+2\/2\s+Running\s+0\s/.test(row()), 60_000);
    const agentBefore = t.run(['agent', 'status']).stdout.split('\n')[0];
    expect(agentBefore).toMatch(/^mkube agent is running \(pid \d+\)$/);

    try {
      await restartDockerd();
    } finally {
      if (!engineAnswers()) startDockerd();
    }

    const restartCounts = () =>
      t.run(['get', 'pod', 'two', '-o', 'jsonpath={.status.containerStatuses[*].restartCount}']).stdout;
    await eventually(() => /^two\s+2\/2\s+Running\s/.test(row()) && restartCounts() === '1 1', 90_000);
    // And it stays so: no late extra restart once the engine is back.
    await new Promise((r) => setTimeout(r, 5_000));
    expect({ row: row().replace(/\(\S+ ago\)\s+\S+$/m, '(Xs ago)   Ys'), restarts: restartCounts() }).toEqual(
      {
        row: 'two   2/2   Running   2 (Xs ago)   Ys\n',
        restarts: '1 1',
      },
    );
    expect(t.run(['agent', 'status']).stdout.split('\n')[0]).toBe(agentBefore);
  }, 360_000); // dockerd may take a while to stop every container on the machine
});
