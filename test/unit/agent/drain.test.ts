// The drain of a terminating pod: the pure decisions (budget, selected by a Service, still listed
// ready) as tables, and the waiting order against fake followers on a fake clock.
import type { Pod, Service } from 'kubernetes-types/core/v1.js';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1.js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Drain, drainBudgetMs, listedReady, selectedByService } from '../../../src/agent/drain.js';
import type { KObject } from '../../../src/api/types.js';

const pod = (over: { meta?: object; spec?: object; status?: object } = {}): Pod => ({
  metadata: {
    name: 'web-1',
    namespace: 'default',
    labels: { app: 'web' },
    deletionTimestamp: '2026-01-01T00:00:00Z',
    deletionGracePeriodSeconds: 30,
    ...over.meta,
  },
  spec: { containers: [{ name: 'c' }], ...over.spec },
  status: { podIP: '172.30.0.5', podIPs: [{ ip: '172.30.0.5' }], ...over.status },
});

const service = (name: string, spec: object, namespace = 'default'): Service => ({
  metadata: { name, namespace },
  spec: { ports: [{ port: 80 }], ...spec },
});

const slice = (endpoints: { ip: string; ready?: boolean }[], namespace = 'default'): EndpointSlice => ({
  addressType: 'IPv4',
  metadata: { name: 'web-abc', namespace, labels: { 'kubernetes.io/service-name': 'web' } },
  endpoints: endpoints.map(({ ip, ready }) => ({
    addresses: [ip],
    conditions: ready === undefined ? {} : { ready, serving: true, terminating: !ready },
  })),
});

describe('drainBudgetMs', () => {
  it.each([
    ['a pod being deleted with 30s grace: the 2s cap', pod(), 2000],
    ['grace 3s: half of it', pod({ meta: { deletionGracePeriodSeconds: 3 } }), 1500],
    ['grace 1s: half of it', pod({ meta: { deletionGracePeriodSeconds: 1 } }), 500],
    ['a force delete (grace 0): no wait', pod({ meta: { deletionGracePeriodSeconds: 0 } }), 0],
    [
      'no deletion grace recorded: the pod’s terminationGracePeriodSeconds',
      pod({ meta: { deletionGracePeriodSeconds: undefined }, spec: { terminationGracePeriodSeconds: 2 } }),
      1000,
    ],
    ['not being deleted: no wait', pod({ meta: { deletionTimestamp: undefined } }), 0],
    ['no IP (never started): no wait', pod({ status: { podIP: undefined, podIPs: undefined } }), 0],
  ])('%s', (_, p, want) => {
    expect(drainBudgetMs(p)).toBe(want);
  });
});

describe('selectedByService', () => {
  it.each([
    ['a Service selecting its labels', [service('web', { selector: { app: 'web' } })], true],
    ['a Service selecting other labels', [service('db', { selector: { app: 'db' } })], false],
    [
      'the same selector in another namespace',
      [service('web', { selector: { app: 'web' } }, 'other')],
      false,
    ],
    ['a Service without selector (endpoints by hand)', [service('web', {})], false],
    [
      'an ExternalName Service with a selector',
      [service('web', { type: 'ExternalName', externalName: 'x.example', selector: { app: 'web' } })],
      false,
    ],
    [
      'a headless Service selecting it',
      [service('web', { clusterIP: 'None', selector: { app: 'web' } })],
      true,
    ],
    ['no Services', [], false],
  ])('%s: %s', (_, services, want) => {
    expect(selectedByService(pod(), services)).toBe(want);
  });
});

describe('listedReady', () => {
  it.each([
    ['listed ready', [slice([{ ip: '172.30.0.5', ready: true }])], true],
    ['listed with ready unset (means ready)', [slice([{ ip: '172.30.0.5' }])], true],
    ['listed not ready (terminating)', [slice([{ ip: '172.30.0.5', ready: false }])], false],
    ['not listed', [slice([{ ip: '172.30.0.6', ready: true }])], false],
    ['listed ready in another namespace only', [slice([{ ip: '172.30.0.5', ready: true }], 'other')], false],
    [
      'ready in one slice, not ready in another',
      [slice([{ ip: '172.30.0.5', ready: false }]), slice([{ ip: '172.30.0.5', ready: true }])],
      true,
    ],
    ['no slices', [], false],
  ])('%s: %s', (_, slices, want) => {
    expect(listedReady(pod(), slices)).toBe(want);
  });
});

/** A data plane or Ingress that finishes a pass when the test says so. */
class FakeFollower {
  readonly waiters: (() => void)[] = [];
  waitForSyncAfter(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }
  finishPass(): void {
    for (const resolve of this.waiters.splice(0)) resolve();
  }
}

describe('Drain.drained', () => {
  let slices: EndpointSlice[];
  let services: Service[];
  let proxy: FakeFollower;
  let ingress: FakeFollower;
  let logs: string[];
  let drain: Drain;
  let settled: string[];
  const sliceEvent = () =>
    drain.onEvent({ type: 'MODIFIED', object: { kind: 'EndpointSlice', metadata: {} } as KObject });
  const start = (p: Pod) => {
    void drain.drained(p as unknown as KObject).then(() => settled.push(String(Date.now())));
  };

  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
    slices = [
      slice([
        { ip: '172.30.0.5', ready: true },
        { ip: '172.30.0.6', ready: true },
      ]),
    ];
    services = [service('web', { selector: { app: 'web' } })];
    proxy = new FakeFollower();
    ingress = new FakeFollower();
    logs = [];
    settled = [];
    drain = new Drain({
      services: () => services,
      endpointSlices: () => slices,
      followers: [proxy, ingress],
      log: (m) => logs.push(m),
    });
  });
  afterEach(() => vi.useRealTimers());

  it('waits for the slices, then for a data plane sync and an Ingress rebuild that start after', async () => {
    start(pod());
    await vi.advanceTimersByTimeAsync(100);
    // Still listed ready: nobody has been asked to sync yet.
    expect({ settled, proxy: proxy.waiters.length, ingress: ingress.waiters.length }).toEqual({
      settled: [],
      proxy: 0,
      ingress: 0,
    });
    slices = [
      slice([
        { ip: '172.30.0.5', ready: false },
        { ip: '172.30.0.6', ready: true },
      ]),
    ];
    sliceEvent();
    await vi.advanceTimersByTimeAsync(10);
    expect({ settled, proxy: proxy.waiters.length, ingress: ingress.waiters.length }).toEqual({
      settled: [],
      proxy: 1,
      ingress: 1,
    });
    proxy.finishPass();
    await vi.advanceTimersByTimeAsync(10);
    expect(settled).toEqual([]);
    ingress.finishPass();
    await vi.advanceTimersByTimeAsync(0);
    expect({ settled, logs }).toEqual({ settled: ['120'], logs: [] });
  });

  it('an event about something else does not let it go on', async () => {
    start(pod());
    slices = [slice([{ ip: '172.30.0.5', ready: false }])];
    drain.onEvent({ type: 'MODIFIED', object: { kind: 'Pod', metadata: {} } as KObject });
    await vi.advanceTimersByTimeAsync(10);
    expect(proxy.waiters.length).toBe(0);
  });

  it('a pod no longer listed ready at the start goes straight to the followers', async () => {
    slices = [slice([{ ip: '172.30.0.6', ready: true }])];
    start(pod());
    await vi.advanceTimersByTimeAsync(0);
    expect({ proxy: proxy.waiters.length, ingress: ingress.waiters.length }).toEqual({
      proxy: 1,
      ingress: 1,
    });
    proxy.finishPass();
    ingress.finishPass();
    await vi.advanceTimersByTimeAsync(0);
    expect(settled).toEqual(['0']);
  });

  it('gives up at its budget (2s) while the slices still list the pod, and says so', async () => {
    start(pod());
    await vi.advanceTimersByTimeAsync(1999);
    expect(settled).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect({ settled, logs }).toEqual({
      settled: ['2000'],
      logs: ['drain: pod default/web-1: gave up after 2000 ms waiting for the EndpointSlices'],
    });
    // The abandoned wait is gone: a later slice event asks nobody to sync.
    slices = [];
    sliceEvent();
    await vi.advanceTimersByTimeAsync(0);
    expect(proxy.waiters.length).toBe(0);
  });

  it('gives up at half a short grace period while a follower has not synced', async () => {
    slices = [];
    start(pod({ meta: { deletionGracePeriodSeconds: 1 } }));
    ingress.finishPass();
    await vi.advanceTimersByTimeAsync(500);
    expect({ settled, logs }).toEqual({
      settled: ['500'],
      logs: ['drain: pod default/web-1: gave up after 500 ms waiting for the data plane and the Ingress'],
    });
  });

  it.each([
    ['a force delete', pod({ meta: { deletionGracePeriodSeconds: 0 } })],
    ['a pod no Service selects', pod({ meta: { labels: { app: 'batch' } } })],
  ])('returns at once for %s', async (_, p) => {
    start(p);
    await vi.advanceTimersByTimeAsync(0);
    expect({ settled, proxy: proxy.waiters.length, logs }).toEqual({ settled: ['0'], proxy: 0, logs: [] });
  });
});
