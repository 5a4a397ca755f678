// `mkube reset` end to end: with a pod running it stops the agent and leaves no container,
// network, volume, data plane rule or directory behind; run again it has nothing to do and still succeeds; and
// it cleans up after a state directory deleted by hand, which used to leak the network.
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAlive } from '../../src/agent/process.js';
import { proxyIdentity } from '../../src/network/proxy/index.js';
import { serviceRangeOf } from '../../src/registry/service-network.js';
import { eventually, requireDocker, TestHome } from './harness.js';

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: scratch
spec:
  terminationGracePeriodSeconds: 1
  volumes:
  - name: data
    emptyDir: {}
  containers:
  - name: app
    image: busybox:1.36
    command: ["sh", "-c", "trap 'exit 0' TERM; echo hi > /data/f; while true; do sleep 1; done"]
    volumeMounts:
    - name: data
      mountPath: /data
`;

/** Every Docker object labelled with the home, by kind, as the docker CLI lists them. */
function dockerObjects(home: string): { containers: string[]; networks: string[]; volumes: string[] } {
  const ls = (...args: string[]) =>
    execFileSync('docker', [...args, '-q', '--filter', `label=io.mkube.home=${home}`], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean);
  return { containers: ls('ps', '-a'), networks: ls('network', 'ls'), volumes: ls('volume', 'ls') };
}

/** As root on Linux the agent programs iptables, and reset says it removed those rules. */
const DATA_PLANE = process.platform === 'linux' && process.getuid?.() === 0;
const dataPlaneLine = DATA_PLANE ? 'Removed the data plane rules of this home\n' : '';

/** Lines of iptables-save and of the local routing table that belong to this home's data plane. */
function kernelLeftovers(home: string, range: string): string[] {
  if (!DATA_PLANE) return [];
  const id = `MKUBE-${proxyIdentity(home)}`;
  const rules = execFileSync('iptables-save', { encoding: 'utf8' }).split('\n');
  const routes = execFileSync('ip', ['route', 'show', 'table', 'local'], { encoding: 'utf8' }).split('\n');
  return [...rules.filter((l) => l.includes(id)), ...routes.filter((l) => l.startsWith(`local ${range} `))];
}

const counts = (o: ReturnType<typeof dockerObjects>) => ({
  containers: o.containers.length,
  networks: o.networks.length,
  volumes: o.volumes.length,
});

function runPod(t: TestHome): number {
  expect(t.run(['apply', '-f', '-'], { input: POD }).stdout).toBe('pod/scratch created\n');
  expect(t.run(['wait', '--for=condition=Ready', 'pod/scratch', '--timeout=60s']).stdout).toBe(
    'pod/scratch condition met\n',
  );
  // A sandbox and the app container, the home's network, the emptyDir's volume.
  expect(counts(dockerObjects(t.home))).toEqual({ containers: 2, networks: 1, volumes: 1 });
  const status = t.run(['agent', 'status']).stdout;
  return Number(/\(pid (\d+)\)/.exec(status)?.[1]);
}

describe('mkube reset', () => {
  const homes: TestHome[] = [];
  const newHome = () => {
    const t = new TestHome();
    homes.push(t);
    return t;
  };
  beforeAll(() => {
    requireDocker();
  });
  afterAll(() => {
    for (const t of homes) t.cleanup();
  });

  it('stops the agent and removes the containers, network, volume and directory of a running pod', () => {
    const t = newHome();
    const pid = runPod(t);
    const range = serviceRangeOf(t.home)!;
    expect(t.run(['reset'])).toEqual({
      code: 0,
      stdout: `Stopped the agent (pid ${pid})\nRemoved 2 containers, 1 network, 1 volume\n${dataPlaneLine}Deleted ${t.home}\n`,
      stderr: '',
    });
    expect(isAlive(pid)).toBe(false);
    expect(dockerObjects(t.home)).toEqual({ containers: [], networks: [], volumes: [] });
    expect(kernelLeftovers(t.home, range)).toEqual([]);
    expect(existsSync(t.home)).toBe(false);

    expect(t.run(['reset'])).toEqual({
      code: 0,
      stdout: `Nothing to reset: ${t.home} does not exist and nothing in Docker is labelled with it\n`,
      stderr: '',
    });
    expect(existsSync(t.home)).toBe(false);
  });

  it('after the agent died and the directory was deleted by hand, still removes what Docker holds', () => {
    const t = newHome();
    const pid = runPod(t);
    const range = serviceRangeOf(t.home)!;
    process.kill(pid, 'SIGKILL');
    rmSync(t.home, { recursive: true, force: true });
    expect(t.run(['reset'])).toEqual({
      code: 0,
      stdout: `Removed 2 containers, 1 network, 1 volume\n${dataPlaneLine}`,
      stderr: '',
    });
    expect(kernelLeftovers(t.home, range)).toEqual([]);
    expect(dockerObjects(t.home)).toEqual({ containers: [], networks: [], volumes: [] });
    expect(existsSync(t.home)).toBe(false);
  });
});

describe('mkube reset finds an agent whose pid file is gone', () => {
  let t: TestHome;
  beforeAll(() => {
    requireDocker();
    t = new TestHome();
  });
  afterAll(() => t?.cleanup());

  it('by its MKUBE_HOME, and stops it before removing its network', async () => {
    const start = t.run(['agent', 'start']);
    const pid = Number(/\(pid (\d+)\)/.exec(start.stdout)?.[1]);
    expect(start.stdout).toBe(`mkube agent started (pid ${pid})\n`);
    await eventually(() => dockerObjects(t.home).networks.length === 1, 15_000);
    // As a user's `rm -rf` would, again if the running agent wrote a file into it meanwhile.
    await eventually(
      () => {
        rmSync(t.home, { recursive: true, force: true });
        return true;
      },
      10_000,
      50,
    );
    const reset = t.run(['reset']);
    // The agent made its network at start; whether its shutdown wrote into a new directory is its business.
    expect(reset.stdout).toMatch(
      new RegExp(
        `^Stopped the agent \\(pid ${pid}\\)\nRemoved 1 network\n(${dataPlaneLine})?(Deleted ${t.home}\n)?$`,
      ),
    );
    expect(reset.code).toBe(0);
    expect(isAlive(pid)).toBe(false);
    expect(dockerObjects(t.home)).toEqual({ containers: [], networks: [], volumes: [] });
    expect(existsSync(t.home)).toBe(false);
  });
});

describe('mkube reset after an agent died making its network', () => {
  it('removes the probe network that asked Docker for a subnet, which carries no home label', () => {
    const t = new TestHome();
    try {
      const probe = `mkube-reset-probe-${process.pid}`;
      execFileSync('docker', ['network', 'create', '--label', `io.mkube.network-probe=${t.home}`, probe]);
      expect(dockerObjects(t.home).networks).toEqual([]);
      expect(t.run(['reset'])).toEqual({
        code: 0,
        stdout: `Removed 1 network\nDeleted ${t.home}\n`,
        stderr: '',
      });
      expect(
        execFileSync('docker', ['network', 'ls', '-q', '--filter', `name=^${probe}$`], { encoding: 'utf8' }),
      ).toBe('');
    } finally {
      t.cleanup();
    }
  });
});
