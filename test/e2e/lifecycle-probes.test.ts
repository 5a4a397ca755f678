// Probes end to end (the seeds' probe-demo adapted): a liveness failure restarts the container and
// then backs off with growing delays, a readiness failure only turns READY to 0/1, a startup probe
// that never succeeds kills the container; httpGet, tcpSocket and exec handlers; and the events
// this leaves, aggregated with counts, in `get events` and `describe pod`.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventsOf, LifecycleHome, manifest, waitFor } from './fixtures/lifecycle.js';
import { requireDocker } from './harness.js';

const main = (pod: Pod) => pod.status?.containerStatuses?.[0];
const restarts = (pod: Pod) => main(pod)?.restartCount ?? 0;

describe('probes', () => {
  let t: LifecycleHome;
  let live: string;
  beforeAll(() => {
    requireDocker();
    t = new LifecycleHome();
    live = t.dir('live');
    writeFileSync(join(live, 'ok'), 'ok\n');
    t.apply(manifest('probe-demo.yaml', { LIVE: live }));
  });
  afterAll(() => t?.cleanup());

  it('probe-demo: startup (httpGet) then readiness (tcpSocket) make it Running 1/1', async () => {
    await waitFor(() => t.row('probe-demo')?.ready === '1/1', 30_000);
    expect(t.row('probe-demo')).toEqual({ ready: '1/1', status: 'Running', restarts: '0' });
    const status = main(t.pod('probe-demo'));
    expect(status).toMatchObject({ ready: true, started: true, restartCount: 0 });
  });

  it('a liveness failure restarts the container, then CrashLoopBackOff with growing delays', async () => {
    rmSync(join(live, 'ok'));
    const backoffs: string[] = [];
    const statuses = new Set<string>();
    const pod = await waitFor(
      () => {
        const p = t.pod('probe-demo');
        const message = main(p)?.state?.waiting?.message;
        const delay =
          message &&
          /^back-off (\S+) restarting failed container=sise pod=probe-demo_default\(/.exec(message)?.[1];
        if (delay && backoffs.at(-1) !== delay) backoffs.push(delay);
        const row = t.row('probe-demo');
        if (row) statuses.add(row.status);
        return restarts(p) >= 4 && backoffs.includes('4s') ? p : undefined;
      },
      60_000,
      100,
    );
    // 1s initial back-off in this home (MKUBE_BACKOFF_INITIAL_MS), doubling: 1s, 2s, 4s.
    expect(backoffs.filter((d) => d !== '1s').slice(0, 2)).toEqual(['2s', '4s']);
    expect(statuses.has('CrashLoopBackOff')).toBe(true);
    expect(main(pod)?.lastState?.terminated).toMatchObject({ exitCode: 143, reason: 'Error' });
    expect(t.row('probe-demo')?.restarts).toMatch(/^[4-9] \(\d+s ago\)$/);

    const events = t.events('probe-demo');
    const unhealthy = eventsOf(events, 'Unhealthy').find((e) => e.message.startsWith('Liveness'));
    expect(unhealthy?.message).toBe('Liveness probe failed: HTTP probe failed with statuscode: 404');
    expect(unhealthy?.count).toBeGreaterThanOrEqual(4);
    const killing = eventsOf(events, 'Killing');
    expect(killing).toEqual([
      { count: expect.any(Number), message: 'Container sise failed liveness probe, will be restarted' },
    ]);
    expect(killing[0]!.count).toBeGreaterThanOrEqual(4);
  });

  it('lists the pod events aggregated with counts in get events and describe pod', () => {
    const events = t.events('probe-demo');
    const reasons = new Set(events.map((e) => e.reason));
    for (const r of ['Scheduled', 'Pulled', 'Created', 'Started', 'Killing', 'Unhealthy', 'BackOff'])
      expect(reasons, r).toContain(r);
    // One event object per distinct message, its count raised on each repeat.
    expect(eventsOf(events, 'Started')).toEqual([
      { count: restarts(t.pod('probe-demo')) + 1, message: 'Started container sise' },
    ]);
    expect(eventsOf(events, 'Scheduled')).toEqual([
      { count: 1, message: expect.stringMatching(/^Successfully assigned default\/probe-demo to \S+$/) },
    ]);
    const backoff = eventsOf(events, 'BackOff')[0]!;
    expect(backoff.message).toMatch(/^Back-off restarting failed container sise in pod probe-demo_default\(/);

    const table = t.run(['get', 'events', '--field-selector', 'involvedObject.name=probe-demo']).stdout;
    expect(table.split('\n')[0]).toMatch(/^LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE$/);
    expect(table).toMatch(
      /\s+Normal\s+Killing\s+pod\/probe-demo\s+Container sise failed liveness probe, will be restarted\n/,
    );
    expect(table).toMatch(
      /\s+Warning\s+BackOff\s+pod\/probe-demo\s+Back-off restarting failed container sise/,
    );

    const describe = t.run(['describe', 'pod', 'probe-demo']).stdout;
    const section = describe.slice(describe.indexOf('\nEvents:\n'));
    expect(section).toMatch(/^ {2}Type\s+Reason\s+Age\s+From\s+Message$/m);
    expect(section).toMatch(/^ {2}Normal\s+Scheduled\s+\d+s\s+default-scheduler\s+Successfully assigned/m);
    expect(section).toMatch(
      /^ {2}Normal\s+Started\s+\d+s \(x\d+ over \d+s\)\s+kubelet\s+Started container sise$/m,
    );
    expect(section).toMatch(
      /^ {2}Warning\s+Unhealthy\s+\d+s \(x\d+ over \d+s\)\s+kubelet\s+Liveness probe failed: HTTP probe failed with statuscode: 404$/m,
    );
    expect(section).toMatch(
      /^ {2}Warning\s+BackOff\s+\d+s \(x\d+ over \d+s\)\s+kubelet\s+Back-off restarting/m,
    );
  });

  it('a readiness failure (exec) turns READY to 0/1 without a restart', async () => {
    await waitFor(() => t.row('readiness-demo')?.ready === '1/1', 30_000);
    t.run(['exec', 'readiness-demo', '--', 'rm', '/tmp/ready']);
    await waitFor(() => t.row('readiness-demo')?.ready === '0/1', 15_000);
    const pod = t.pod('readiness-demo');
    expect(pod.status?.phase).toBe('Running');
    expect(main(pod)).toMatchObject({ ready: false, started: true, restartCount: 0 });
    expect(pod.status?.conditions?.find((c) => c.type === 'Ready')).toMatchObject({
      status: 'False',
      reason: 'ContainersNotReady',
      message: 'containers with unready status: [main]',
    });
    const unhealthy = eventsOf(t.events('readiness-demo'), 'Unhealthy');
    expect(unhealthy.map((e) => e.message)).toEqual(['Readiness probe failed: command exited with 1']);
    expect(eventsOf(t.events('readiness-demo'), 'Killing')).toEqual([]);

    t.run(['exec', 'readiness-demo', '--', 'touch', '/tmp/ready']);
    await waitFor(() => t.row('readiness-demo')?.ready === '1/1', 15_000);
    expect(t.row('readiness-demo')).toEqual({ ready: '1/1', status: 'Running', restarts: '0' });
  });

  it('a startup probe that never succeeds (tcpSocket) kills the container; liveness never runs', async () => {
    const pod = await waitFor(() => {
      const p = t.pod('startup-never');
      return restarts(p) >= 1 ? p : undefined;
    }, 30_000);
    expect(main(pod)?.ready).toBe(false);
    const events = t.events('startup-never');
    expect(eventsOf(events, 'Killing').map((e) => e.message)).toEqual([
      'Container main failed startup probe, will be restarted',
    ]);
    const probes = eventsOf(events, 'Unhealthy').map((e) => e.message);
    expect(probes).toEqual([
      expect.stringMatching(/^Startup probe failed: dial tcp [\d.]+:9999: connect: connection refused$/),
    ]);
    // Never started: never probed for liveness, never ready.
    const running = await waitFor(() => {
      const p = t.pod('startup-never');
      return main(p)?.state?.running ? p : undefined;
    }, 30_000);
    expect(main(running)).toMatchObject({ started: false, ready: false });
  });
});
