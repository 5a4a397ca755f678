// The ProbeManager stepped by hand: an injected clock and timer list, and a fake runtime whose exec
// answers from a script, so initial delays, thresholds, startup gating, holds and worker lifetimes
// are checked without waiting.
import type { Container, Pod } from 'kubernetes-types/core/v1.js';
import { describe, expect, it } from 'vitest';
import { type ProbeFailure, ProbeManager } from '../../../src/kubelet/prober/manager.js';
import type { ExecOptions, Runtime } from '../../../src/runtime/types.js';

interface Timer {
  at: number;
  fn: () => void;
  cancelled: boolean;
}

/** A manager on a fake clock; `exit(id, cmd)` decides each exec's exit code. */
function harness(exit: (containerId: string, command: string) => number) {
  let now = 1_000_000;
  const timers: Timer[] = [];
  const execs: { at: number; id: string; command: string }[] = [];
  const changes: string[] = [];
  const failures: ProbeFailure[] = [];
  const runtime = {
    exec: async (id: string, opts: ExecOptions) => {
      const command = opts.command.join(' ');
      execs.push({ at: now, id, command });
      return exit(id, command);
    },
  } as unknown as Runtime;
  const manager = new ProbeManager({
    runtime,
    onChange: (uid) => changes.push(uid),
    onFailure: (f) => failures.push(f),
    now: () => now,
    setTimer: (fn, ms) => {
      const timer = { at: now + ms, fn, cancelled: false };
      timers.push(timer);
      return () => {
        timer.cancelled = true;
      };
    },
  });
  /** Move the clock forward, firing due timers in order and letting their probes finish. */
  const advance = async (ms: number) => {
    const end = now + ms;
    for (;;) {
      const due = timers.filter((t) => !t.cancelled && t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      timers.splice(timers.indexOf(due), 1);
      now = Math.max(now, due.at);
      due.fn();
      for (let i = 0; i < 10; i++) await new Promise((r) => setImmediate(r));
    }
    now = end;
  };
  const live = () => timers.filter((t) => !t.cancelled).length;
  return { manager, advance, execs, changes, failures, live, now: () => now };
}

function pod(containers: Container[]): Pod {
  return { metadata: { name: 'web', namespace: 'default', uid: 'uid-1' }, spec: { containers } };
}

const exec = (command: string) => ({ exec: { command: ['sh', '-c', command] } });

describe('ProbeManager', () => {
  it('waits for the initial delay, then needs failureThreshold failures before a liveness Failure, then holds', async () => {
    const h = harness(() => 1);
    const c: Container = {
      name: 'app',
      livenessProbe: { ...exec('check'), initialDelaySeconds: 2, periodSeconds: 1, failureThreshold: 2 },
    };
    h.manager.sync(pod([c]), [{ container: c, id: 'c1', startedAt: h.now() }], '10.0.0.2');
    expect(h.manager.result('c1', 'liveness')).toBe('Success');

    await h.advance(1999);
    expect(h.execs).toEqual([]);
    await h.advance(1);
    expect(h.execs.map((e) => e.command)).toEqual(['sh -c check']);
    expect(h.manager.result('c1', 'liveness')).toBe('Success');
    expect(h.changes).toEqual([]);

    await h.advance(1000);
    expect(h.manager.result('c1', 'liveness')).toBe('Failure');
    expect(h.changes).toEqual(['uid-1']);
    expect(h.failures.map((f) => `${f.type}: ${f.message}`)).toEqual([
      'liveness: command exited with 1',
      'liveness: command exited with 1',
    ]);

    // On hold until the container is replaced: no more probes of c1.
    await h.advance(5000);
    expect(h.execs).toHaveLength(2);
  });

  it('gates readiness and liveness behind the startup probe, readiness Failure until then', async () => {
    let started = false;
    const h = harness((_id, cmd) => (cmd.endsWith('startup') ? (started ? 0 : 1) : 0));
    const c: Container = {
      name: 'app',
      startupProbe: { ...exec('startup'), periodSeconds: 1, failureThreshold: 10 },
      readinessProbe: { ...exec('ready'), periodSeconds: 1 },
      livenessProbe: { ...exec('live'), periodSeconds: 1 },
    };
    h.manager.sync(pod([c]), [{ container: c, id: 'c1', startedAt: h.now() }], '10.0.0.2');
    await h.advance(2500);
    expect(new Set(h.execs.map((e) => e.command))).toEqual(new Set(['sh -c startup']));
    expect(h.manager.result('c1', 'startup')).toBeUndefined();
    expect(h.manager.result('c1', 'readiness')).toBe('Failure');

    started = true;
    await h.advance(1000);
    expect(h.manager.result('c1', 'startup')).toBe('Success');
    await h.advance(1000);
    expect(h.manager.result('c1', 'readiness')).toBe('Success');
    const after = h.execs.filter((e) => e.command !== 'sh -c startup').map((e) => e.command);
    expect(new Set(after)).toEqual(new Set(['sh -c ready', 'sh -c live']));
    // A startup probe that succeeded is not run again.
    const startups = h.execs.filter((e) => e.command === 'sh -c startup').length;
    await h.advance(3000);
    expect(h.execs.filter((e) => e.command === 'sh -c startup').length).toBe(startups);
  });

  it('readiness flips both ways with successThreshold and never holds', async () => {
    const script = [0, 0, 1, 0, 0];
    const h = harness(() => script.shift() ?? 0);
    const c: Container = {
      name: 'app',
      readinessProbe: { ...exec('ready'), periodSeconds: 1, successThreshold: 2, failureThreshold: 1 },
    };
    h.manager.sync(pod([c]), [{ container: c, id: 'c1', startedAt: h.now() }], '10.0.0.2');
    const seen: (string | undefined)[] = [];
    for (let i = 0; i < 5; i++) {
      await h.advance(i === 0 ? 0 : 1000);
      seen.push(h.manager.result('c1', 'readiness'));
    }
    // 2 successes to turn ready, 1 failure to turn unready, and never a hold in between.
    expect(seen).toEqual(['Failure', 'Success', 'Failure', 'Failure', 'Success']);
  });

  it('starts fresh workers for a replaced container and stops those of the old one', async () => {
    const h = harness((id) => (id === 'c1' ? 1 : 0));
    const c: Container = {
      name: 'app',
      livenessProbe: { ...exec('live'), periodSeconds: 1, failureThreshold: 1 },
    };
    const p = pod([c]);
    h.manager.sync(p, [{ container: c, id: 'c1', startedAt: h.now() }], '10.0.0.2');
    await h.advance(0);
    expect(h.manager.result('c1', 'liveness')).toBe('Failure');

    h.manager.sync(p, [{ container: c, id: 'c2', startedAt: h.now() }], '10.0.0.2');
    expect(h.manager.result('c1', 'liveness')).toBeUndefined();
    expect(h.manager.result('c2', 'liveness')).toBe('Success');
    await h.advance(3000);
    expect(new Set(h.execs.filter((e) => e.at > h.now() - 3000).map((e) => e.id))).toEqual(new Set(['c2']));
    expect(h.manager.result('c2', 'liveness')).toBe('Success');
  });

  it('removePod cancels every timer of the pod', async () => {
    const h = harness(() => 0);
    const c: Container = {
      name: 'app',
      livenessProbe: { ...exec('live'), periodSeconds: 1 },
      readinessProbe: { ...exec('ready'), periodSeconds: 1 },
    };
    h.manager.sync(pod([c]), [{ container: c, id: 'c1', startedAt: h.now() }], '10.0.0.2');
    await h.advance(1500);
    expect(h.live()).toBe(2);
    h.manager.removePod('uid-1');
    expect(h.live()).toBe(0);
    const count = h.execs.length;
    await h.advance(5000);
    expect(h.execs).toHaveLength(count);
    expect(h.manager.has('c1', 'liveness')).toBe(false);
  });
});
