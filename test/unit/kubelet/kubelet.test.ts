// The Kubelet's wake-ups against a recording fake runtime and a real temp store: a crash that
// Docker's list still shows as running right after its event is caught by the follow-up looks
// (not the next resync), and a pod removed from the API has its containers removed at once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { POD } from '../../../src/api/kinds.js';
import type { KObject } from '../../../src/api/types.js';
import { Kubelet } from '../../../src/kubelet/kubelet.js';
import { Registry } from '../../../src/registry/registry.js';
import { openStore } from '../../../src/state/store.js';
import { FakeRuntime } from './fake-runtime.js';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

async function setup() {
  const home = mkdtempSync(join(tmpdir(), 'mkube-kubelet-'));
  const store = openStore(home, { watchPollMs: 5 });
  const pod = await store.create({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      nodeName: 'node',
      terminationGracePeriodSeconds: 1,
      containers: [{ name: 'app', image: 'busybox:1.36' }],
    },
  } as KObject);
  const fake = new FakeRuntime();
  const uid = pod.metadata.uid!;
  fake.running(uid, '', 'sandbox');
  const app = fake.running(uid, 'app');
  const kubelet = new Kubelet({
    registry: new Registry(store),
    runtime: fake.runtime(),
    nodeName: 'node',
    hostIP: '127.0.0.1',
    log: () => {},
  });
  cleanup = async () => {
    await kubelet.stop();
    rmSync(home, { recursive: true, force: true });
  };
  return { store, fake, kubelet, uid, app };
}

const until = async (check: () => boolean, ms = 2000) => {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
};

describe('Kubelet wake-ups', () => {
  it('restarts a crashed container that the list right after its Docker event still shows running', async () => {
    const { fake, kubelet, uid, app } = await setup();
    fake.exit(app, 137);
    fake.stale.add(app.id);
    fake.staleLists = 2; // the sync the event triggers, and then some
    const t0 = Date.now();
    kubelet.containerChanged(uid);
    await until(() => fake.calls.includes('start app'));
    expect(fake.calls.filter((c) => c.startsWith('create'))).toEqual(['create app']);
    // Well before the agent's 2s resync, which this test never runs.
    expect(Date.now() - t0).toBeLessThan(1000);
  });

  it('removes the containers of a pod that left the API without a graceful deletion', async () => {
    const { store, fake, kubelet } = await setup();
    await store.delete(POD, 'default', 'web', { gracePeriodSeconds: 0 });
    expect(store.get(POD, 'default', 'web')).toBeUndefined();
    kubelet.enqueue('default', 'web');
    await until(() => fake.containers.length === 0);
    expect([...fake.calls].sort()).toEqual(['remove app', 'remove sandbox']);
  });
});
