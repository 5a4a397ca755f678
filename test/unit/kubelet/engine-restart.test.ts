// The kubelet across an engine restart, against the recording fake runtime and a real temp store:
// while the engine does not answer it makes one failing call, then only pings with back-off; once
// the engine answers it restarts each container of the pod exactly once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { afterEach, describe, expect, it } from 'vitest';
import { POD } from '../../../src/api/kinds.js';
import type { KObject } from '../../../src/api/types.js';
import { Kubelet } from '../../../src/kubelet/kubelet.js';
import { Registry } from '../../../src/registry/registry.js';
import { ReconnectBackoff } from '../../../src/runtime/reconnect.js';
import { openStore } from '../../../src/state/store.js';
import { FakeRuntime } from './fake-runtime.js';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

const until = async (check: () => boolean, ms = 3000) => {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
};

describe('Kubelet across an engine restart', () => {
  it('waits without hammering the engine, then restarts each container once', async () => {
    const home = mkdtempSync(join(tmpdir(), 'mkube-engine-'));
    const store = openStore(home, { watchPollMs: 5 });
    const pod = await store.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'web', namespace: 'default' },
      spec: {
        nodeName: 'node',
        terminationGracePeriodSeconds: 1,
        containers: [
          { name: 'a', image: 'busybox:1.36' },
          { name: 'b', image: 'busybox:1.36' },
        ],
      },
    } as KObject);
    const uid = pod.metadata.uid!;
    const fake = new FakeRuntime();
    const running = [fake.running(uid, '', 'sandbox'), fake.running(uid, 'a'), fake.running(uid, 'b')];
    const kubelet = new Kubelet({
      registry: new Registry(store),
      runtime: fake.runtime(),
      nodeName: 'node',
      hostIP: '127.0.0.1',
      log: () => {},
      engineBackoff: new ReconnectBackoff(100, 400),
    });
    cleanup = async () => {
      await kubelet.stop();
      rmSync(home, { recursive: true, force: true });
    };

    // dockerd stops: every container dies with it, and the engine stops answering.
    for (const c of running) fake.exit(c, 137);
    fake.down = true;
    const downSince = Date.now(); // no later than the gate closes
    kubelet.containerChanged(uid);
    await until(() => fake.calls.length > 0);
    await new Promise((r) => setTimeout(r, 20)); // the failure reaches the gate
    await kubelet.resync();
    kubelet.containerChanged(uid);
    await until(() => fake.calls.length === 4);
    // The sync the event woke failed; since then only pings, 100, 200 and 400ms apart (timers
    // never fire early, so at least 700ms): the resync and the later event wait behind the gate.
    expect({ calls: fake.calls, backedOff: Date.now() - downSince >= 700 }).toEqual({
      calls: ['unreachable listContainers', 'unreachable ping', 'unreachable ping', 'unreachable ping'],
      backedOff: true,
    });

    fake.calls.length = 0;
    fake.down = false;
    await until(() => fake.calls.filter((c) => c.startsWith('start')).length === 2);
    expect(fake.calls).toEqual([
      'ping',
      'remove sandbox',
      'sandbox',
      'create a',
      'create b',
      'start a',
      'start b',
    ]);
    await until(() => {
      const p = store.get(POD, 'default', 'web') as unknown as Pod;
      return p.status?.containerStatuses?.every((s) => s.state?.running) ?? false;
    });
    const status = (store.get(POD, 'default', 'web') as unknown as Pod).status!;
    expect(status.containerStatuses!.map((s) => [s.name, s.restartCount])).toEqual([
      ['a', 1],
      ['b', 1],
    ]);
  });
});
