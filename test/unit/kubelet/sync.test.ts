// The executor (syncPod) against a recording fake runtime and a real temp store: the order of
// hooks, stops and status reports that the kubelet guarantees, checked by what was recorded.
import { mkdtempSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Container, Pod } from 'kubernetes-types/core/v1.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EVENT, POD } from '../../../src/api/kinds.js';
import type { KObject } from '../../../src/api/types.js';
import { PodState } from '../../../src/kubelet/pod-state.js';
import { ProbeManager } from '../../../src/kubelet/prober/manager.js';
import { type KubeletDeps, syncPod } from '../../../src/kubelet/sync.js';
import { EventRecorder } from '../../../src/registry/event-recorder.js';
import { Registry } from '../../../src/registry/registry.js';
import { openStore } from '../../../src/state/store.js';
import type { Store } from '../../../src/state/types.js';
import { FakeRuntime } from './fake-runtime.js';

let current: { home: string; events: EventRecorder } | undefined;
afterEach(async () => {
  // Event writes are queued: let them land before the directory goes.
  await current?.events.flush();
  if (current) rmSync(current.home, { recursive: true, force: true });
  current = undefined;
});

async function setup(container: Container, spec: Partial<Pod['spec']> = {}) {
  const home = mkdtempSync(join(tmpdir(), 'mkube-sync-'));
  const store: Store = openStore(home, { watchPollMs: 5 });
  const pod = await store.create({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web', namespace: 'default' },
    spec: { nodeName: 'node', containers: [{ image: 'busybox:1.36', ...container }], ...spec },
  } as KObject);
  const fake = new FakeRuntime();
  const runtime = fake.runtime();
  const logs: string[] = [];
  const registry = new Registry(store);
  const events = new EventRecorder(registry);
  current = { home, events };
  const deps: KubeletDeps = {
    runtime,
    registry,
    events,
    nodeName: 'node',
    hostIP: '127.0.0.1',
    observe: (uid) => runtime.listContainers({ podUid: uid }),
    invalidate: () => {},
    refresh: async () => undefined,
    backoffInitialMs: 10_000,
    probes: new ProbeManager({ runtime, onChange: () => {}, onFailure: () => {}, setTimer: () => () => {} }),
    claims: () => ({ error: 'no claims here' }),
    configMap: () => undefined,
    secret: () => undefined,
    payloadSources: { configMap: () => undefined, secret: () => undefined },
    log: (m) => logs.push(m),
  };
  const podStatus = () => store.get(POD, 'default', 'web')?.status as Pod['status'];
  const eventsSeen = async () => {
    await events.flush();
    return store.list(EVENT).map((e) => `${e.reason}: ${e.message}`);
  };
  return { store, fake, deps, pod, podStatus, eventsSeen, logs, state: new PodState(10_000) };
}

describe('syncPod', () => {
  it('kills a container whose postStart fails through the normal kill path: preStop, then the stop', async () => {
    const s = await setup({
      name: 'app',
      lifecycle: {
        postStart: { exec: { command: ['post'] } },
        preStop: { exec: { command: ['pre'] } },
      },
    });
    s.fake.onExec = (_name, command) => (command === 'post' ? 1 : 0);
    await syncPod(s.pod, s.state, s.deps);
    expect(s.fake.calls).toEqual([
      'sandbox',
      'create app',
      'start app',
      'exec app post',
      'exec app pre',
      'stop app 30',
    ]);
    const events = await s.eventsSeen();
    expect(events).toContain('FailedPostStartHook: PostStartHook failed');
    expect(events).toContain('Killing: FailedPostStartHook');
  });

  it('reports the container as ContainerCreating, with the pod IP, while its postStart hook runs', async () => {
    const s = await setup({ name: 'app', lifecycle: { postStart: { exec: { command: ['post'] } } } });
    let during: Pod['status'];
    s.fake.onExec = () => {
      during = s.podStatus();
      return 0;
    };
    await syncPod(s.pod, s.state, s.deps);
    expect(during?.podIP, s.logs.join('\n')).toBe('10.0.0.9');
    expect(during?.containerStatuses?.[0]?.state?.waiting?.reason).toBe('ContainerCreating');
    expect(s.podStatus()?.containerStatuses?.[0]?.state?.running).toBeDefined();
  });

  it('records a failed preStop hook without its output and still stops the container', async () => {
    const s = await setup({ name: 'app', lifecycle: { preStop: { exec: { command: ['pre'] } } } });
    const uid = s.pod.metadata.uid!;
    s.fake.running(uid, '', 'sandbox');
    s.fake.running(uid, 'app');
    s.fake.onExec = () => 3;
    const deleting = {
      ...s.pod,
      metadata: {
        ...s.pod.metadata,
        deletionTimestamp: new Date().toISOString(),
        deletionGracePeriodSeconds: 5,
      },
    };
    await syncPod(deleting, s.state, s.deps);
    expect(s.fake.calls).toEqual(['exec app pre', 'stop app 5']);
    expect(await s.eventsSeen()).toEqual([
      'Killing: Stopping container app',
      'FailedPreStopHook: PreStopHook failed',
    ]);
  });

  it('drains a deleted pod before preStop and the stop; the drain counts against the grace period', async () => {
    const s = await setup({ name: 'app', lifecycle: { preStop: { exec: { command: ['pre'] } } } });
    const uid = s.pod.metadata.uid!;
    s.fake.running(uid, '', 'sandbox');
    s.fake.running(uid, 'app');
    s.deps.drained = async (pod) => {
      s.fake.calls.push(`drained ${pod.metadata.name}`);
      await new Promise((r) => setTimeout(r, 1_100));
    };
    const deleting = {
      ...s.pod,
      metadata: {
        ...s.pod.metadata,
        deletionTimestamp: new Date().toISOString(),
        deletionGracePeriodSeconds: 5,
      },
    };
    await syncPod(deleting, s.state, s.deps);
    // 5s of grace, 1.1s spent draining: the stop gets the whole seconds left, rounded up.
    expect(s.fake.calls).toEqual(['drained web', 'exec app pre', 'stop app 4']);
  });

  it('does not drain for a kill that is no deletion (a changed spec, a failed postStart)', async () => {
    const s = await setup({ name: 'app', lifecycle: { postStart: { exec: { command: ['post'] } } } });
    s.fake.onExec = () => 1;
    s.deps.drained = async () => {
      s.fake.calls.push('drained');
    };
    await syncPod(s.pod, s.state, s.deps);
    expect(s.fake.calls).toEqual(['sandbox', 'create app', 'start app', 'exec app post', 'stop app 30']);
  });

  it('runs the probes of a sidecar and reports its readiness, not ready until its probe passes', async () => {
    const s = await setup(
      { name: 'app' },
      {
        initContainers: [
          {
            name: 'proxy',
            image: 'busybox:1.36',
            restartPolicy: 'Always',
            readinessProbe: { exec: { command: ['ok'] } },
          },
        ],
      },
    );
    const uid = s.pod.metadata.uid!;
    s.fake.running(uid, '', 'sandbox');
    const proxy = s.fake.running(uid, 'proxy');
    proxy.type = 'init';
    s.fake.running(uid, 'app');
    await syncPod(s.pod, s.state, s.deps);
    expect(s.deps.probes.has(proxy.id, 'readiness')).toBe(true);
    expect(s.podStatus()?.initContainerStatuses?.[0]?.ready).toBe(false);
    expect(s.podStatus()?.conditions?.find((c) => c.type === 'Ready')?.message).toBe(
      'containers with unready status: [proxy]',
    );
  });

  it('reports a pod past activeDeadlineSeconds Failed/DeadlineExceeded before its containers are stopped', async () => {
    const s = await setup({ name: 'app' }, { activeDeadlineSeconds: 5, terminationGracePeriodSeconds: 3 });
    const uid = s.pod.metadata.uid!;
    s.fake.running(uid, '', 'sandbox');
    s.fake.running(uid, 'app');
    const started = {
      ...s.pod,
      status: { phase: 'Running', startTime: new Date(Date.now() - 10_000).toISOString() },
    };
    let atStop: Pod['status'];
    s.fake.onStop = (name) => {
      if (name === 'app') atStop = s.podStatus();
    };
    await syncPod(started, s.state, s.deps);
    expect(atStop).toMatchObject({ phase: 'Failed', reason: 'DeadlineExceeded' });
    expect(atStop?.containerStatuses?.[0]?.state?.running).toBeDefined();
    expect(s.fake.calls).toEqual(['stop app 3', 'stop sandbox 0']);
    expect(s.podStatus()?.containerStatuses?.[0]?.state?.terminated?.exitCode).toBe(137);
  });
});

describe('syncPod with a configMap volume', () => {
  it('waits without a sandbox while the ConfigMap is missing (FailedMount), then writes it and starts', async () => {
    const s = await setup(
      { name: 'app', volumeMounts: [{ name: 'cfg', mountPath: '/etc/cfg' }] },
      { volumes: [{ name: 'cfg', configMap: { name: 'game' } }] },
    );
    const volumes = join(current!.home, 'volumes');
    let stored: KObject | undefined;
    s.deps.volumeDirs = { disk: volumes, memory: join(volumes, 'memory') };
    s.deps.payloadSources = { configMap: () => stored, secret: () => undefined };

    expect(await syncPod(s.pod, s.state, s.deps)).toEqual({ requeueAfterMs: 2000 });
    expect(s.fake.calls).toEqual([]);
    expect(s.podStatus()?.containerStatuses?.[0]?.state?.waiting?.reason).toBe('ContainerCreating');
    // Missing for less than a second: it may just not have reached the cache yet, no event.
    expect(await s.eventsSeen()).toEqual([]);
    const later = Date.now() + 1500;
    vi.spyOn(Date, 'now').mockReturnValue(later);
    expect(await syncPod(s.pod, s.state, s.deps)).toEqual({ requeueAfterMs: 2000 });
    vi.restoreAllMocks();
    expect(s.fake.calls).toEqual([]);
    expect(await s.eventsSeen()).toEqual([
      'FailedMount: MountVolume.SetUp failed for volume "cfg" : configmap "game" not found',
    ]);

    stored = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'game' }, data: { lives: '3' } };
    await syncPod(s.pod, s.state, s.deps);
    expect(s.fake.calls).toEqual(['sandbox', 'create app', 'start app']);
    const dir = join(volumes, s.pod.metadata.uid!, 'volumes', 'cfg');
    expect([readlinkSync(join(dir, 'lives')), readFileSync(join(dir, 'lives'), 'utf8')]).toEqual([
      '..data/lives',
      '3',
    ]);
  });
});
