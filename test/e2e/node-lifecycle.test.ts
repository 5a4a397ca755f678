// The node lifecycle controller's rule end to end: `kill -9` the agent and, once its last
// heartbeat is older than the grace period, every reader (`wait`, `get`, `-o json|jsonpath`,
// `describe`) sees the node NotReady with the unreachable taints; a restarted agent makes it Ready
// again. The grace period is shortened from 40 s to 15 s (--node-monitor-grace-period, through
// MKUBE_NODE_MONITOR_GRACE_MS) so the test waits 5-15 s instead of 30-40 s.
import { hostname } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatTime } from '../../src/printers/describe/time.js';
import { eventually, requireDocker, TestHome } from './harness.js';

const NODE = (process.env.MKUBE_NODE_NAME ?? hostname()).toLowerCase();

/** kubectl's table: columns padded to the widest cell plus three spaces, the last one not. */
function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows
    .map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]! + 3))).join(''))
    .map((line) => `${line}\n`)
    .join('');
}

function nodesTable(t: TestHome, status: string): { expected: string; actual: string } {
  const actual = t.run(['get', 'nodes']).stdout;
  const age = actual.split('\n')[1]?.split(/\s+/)[3] ?? '<no row>';
  const expected = table([
    ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION'],
    [NODE, status, 'control-plane', age, 'v1.32.0'],
  ]);
  return { expected, actual };
}

const GRACE_MS = 15_000;

class ShortGraceHome extends TestHome {
  override get env(): NodeJS.ProcessEnv {
    return { ...super.env, MKUBE_NODE_MONITOR_GRACE_MS: String(GRACE_MS) };
  }
}

describe('node lifecycle', () => {
  let t: TestHome;
  beforeAll(() => {
    requireDocker();
    t = new ShortGraceHome();
  });
  afterAll(() => t?.cleanup());

  it('a killed agent leaves its node NotReady after the grace period; a restarted one makes it Ready', async () => {
    const start = t.run(['agent', 'start']);
    const pid = Number(/\(pid (\d+)\)/.exec(start.stdout)?.[1]);
    expect(start).toEqual({ code: 0, stdout: `mkube agent started (pid ${pid})\n`, stderr: '' });
    await eventually(() => {
      const { expected, actual } = nodesTable(t, 'Ready');
      return actual === expected;
    }, 15_000);

    process.kill(pid, 'SIGKILL');
    const killedAt = Date.now();
    // Nobody writes the change: `wait` must wake when the grace period ends.
    const wait = t.run(['wait', '--for=condition=Ready=Unknown', `node/${NODE}`, '--timeout=40s'], {
      timeoutMs: 50_000,
    });
    expect(wait).toEqual({ code: 0, stdout: `node/${NODE} condition met\n`, stderr: '' });
    // The last heartbeat came 0-10s before the kill (whole seconds), the grace is 15s.
    const waited = Date.now() - killedAt;
    expect(waited).toBeGreaterThan(GRACE_MS - 12_000);
    expect(waited).toBeLessThan(GRACE_MS + 10_000);

    const notReady = nodesTable(t, 'NotReady');
    expect(notReady.actual).toBe(notReady.expected);
    expect(
      t.run(['get', 'node', NODE, '-o', 'jsonpath={.status.conditions[?(@.type=="Ready")].status}']),
    ).toEqual({ code: 0, stdout: 'Unknown', stderr: '' });

    const node = JSON.parse(t.run(['get', 'node', NODE, '-o', 'json']).stdout);
    const beat: string = node.status.conditions[0].lastHeartbeatTime;
    const gone: string = node.status.conditions[0].lastTransitionTime;
    expect(Date.parse(gone) - Date.parse(beat)).toBe(GRACE_MS);
    expect(node.status.conditions).toEqual(
      ['MemoryPressure', 'DiskPressure', 'PIDPressure', 'Ready'].map((type) => ({
        type,
        status: 'Unknown',
        lastHeartbeatTime: beat,
        lastTransitionTime: gone,
        reason: 'NodeStatusUnknown',
        message: 'Kubelet stopped posting node status.',
      })),
    );
    expect(node.spec).toEqual({
      taints: [
        { key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule', timeAdded: gone },
        { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: gone },
      ],
    });

    const describeText = t.run(['describe', 'node', NODE]).stdout;
    const section = describeText.slice(describeText.indexOf('Taints:'), describeText.indexOf('Addresses:'));
    const row = (type: string) =>
      `  ${type.padEnd(17)}Unknown   ${formatTime(beat)}   ${formatTime(gone)}   NodeStatusUnknown   Kubelet stopped posting node status.\n`;
    expect(section).toBe(
      [
        'Taints:             node.kubernetes.io/unreachable:NoExecute\n',
        '                    node.kubernetes.io/unreachable:NoSchedule\n',
        'Unschedulable:      false\n',
        'Lease:\n',
        `  HolderIdentity:  ${NODE}\n`,
        '  AcquireTime:     <unset>\n',
        `  RenewTime:       ${formatTime(beat)}\n`,
        'Conditions:\n',
        `  Type             Status    LastHeartbeatTime${' '.repeat(17)}LastTransitionTime${' '.repeat(16)}Reason              Message\n`,
        `  ----             ------    -----------------${' '.repeat(17)}------------------${' '.repeat(16)}------              -------\n`,
        ...['MemoryPressure', 'DiskPressure', 'PIDPressure', 'Ready'].map(row),
      ].join(''),
    );

    const restart = t.run(['agent', 'start']);
    expect(restart.stdout).toMatch(/^mkube agent started \(pid \d+\)\n$/);
    await eventually(() => {
      const { expected, actual } = nodesTable(t, 'Ready');
      return actual === expected;
    }, 15_000);
    const back = JSON.parse(t.run(['get', 'node', NODE, '-o', 'json']).stdout);
    expect(back.spec).toEqual({});
    // It was Unknown until the new heartbeat: the transition is that heartbeat, not the first start.
    const ready = back.status.conditions.find((c: { type: string }) => c.type === 'Ready');
    expect(ready).toEqual({
      type: 'Ready',
      status: 'True',
      lastHeartbeatTime: ready.lastHeartbeatTime,
      lastTransitionTime: ready.lastHeartbeatTime,
      reason: 'KubeletReady',
      message: 'kubelet is posting ready status',
    });
    // Whole seconds: with a 15 s grace the new heartbeat may fall in the second the node went Unknown.
    expect(Date.parse(ready.lastHeartbeatTime)).toBeGreaterThanOrEqual(Date.parse(gone));
  });
});
