// The Endpoints and EndpointSlice controllers against a real temp store: objects follow pods and
// Services, writes go through the registry, and deletion follows the Service.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lookupKind, POD } from '../../../src/api/kinds.js';
import type { KObject } from '../../../src/api/types.js';
import { World } from './world.js';

const SVC = lookupKind('svc')!;
const EP = lookupKind('ep')!;
const SLICE = lookupKind('endpointslices')!;

let w: World;
beforeEach(() => {
  w = new World();
});
afterEach(() => w.close());

const svcManifest = (mut: (s: KObject) => void = () => {}): KObject => {
  const s: KObject = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', namespace: 'default', labels: { tier: 'front' } },
    spec: {
      clusterIP: 'None',
      selector: { app: 'web' },
      ports: [{ name: 'http', port: 80, targetPort: 'http' }],
    },
  };
  mut(s);
  return s;
};

/** Create pod `web-<n>` serving `http` on 8080 and report it Running at 10.1.0.<n>. */
async function runPod(n: number, ready = true): Promise<KObject> {
  await w.registry.create({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `web-${n}`, namespace: 'default', labels: { app: 'web' } },
    spec: { containers: [{ name: 'c', image: 'busybox', ports: [{ name: 'http', containerPort: 8080 }] }] },
  });
  await w.registry.bind('default', `web-${n}`, undefined, 'node1');
  return setReady(n, ready);
}

async function setReady(n: number, ready: boolean): Promise<KObject> {
  return (await w.registry.mutate(
    POD,
    'default',
    `web-${n}`,
    (p) => ({
      ...p,
      status: {
        phase: 'Running',
        podIP: `10.1.0.${n}`,
        podIPs: [{ ip: `10.1.0.${n}` }],
        conditions: [
          { type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: '2026-01-01T00:00:00Z' },
        ],
      },
    }),
    { subresource: 'status' },
  ))!;
}

const address = (p: KObject) => ({
  ip: p.status.podIP,
  nodeName: 'node1',
  targetRef: { kind: 'Pod', namespace: 'default', name: p.metadata.name, uid: p.metadata.uid },
});
const sliceEndpoint = (p: KObject, ready: boolean, terminating = false) => ({
  addresses: [p.status.podIP],
  conditions: {
    ready,
    serving: ready || (terminating && p.status.conditions[0].status === 'True'),
    terminating,
  },
  targetRef: { kind: 'Pod', namespace: 'default', name: p.metadata.name, uid: p.metadata.uid },
  nodeName: 'node1',
});
const HTTP_EP = [{ name: 'http', port: 8080, protocol: 'TCP' }];

/** The objects without server-set metadata, for whole-object comparison. */
function strip(obj: KObject | undefined): KObject | undefined {
  if (!obj) return undefined;
  const { uid, resourceVersion, creationTimestamp, generation, managedFields, annotations, ...meta } =
    obj.metadata as any;
  return { ...obj, metadata: meta };
}
const endpointsOf = () => strip(w.store.get(EP, 'default', 'web'));
const slices = () => w.store.list(SLICE, { namespace: 'default' });

describe('Endpoints and EndpointSlice controllers', () => {
  it('publish ready and not-ready pods of a Service, and follow a readiness change', async () => {
    await w.registry.create(svcManifest());
    const p1 = await runPod(1);
    const p2 = await runPod(2, false);
    await w.settle();
    const svc = w.store.get(SVC, 'default', 'web')!;
    expect(endpointsOf()).toEqual({
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: {
        name: 'web',
        namespace: 'default',
        labels: { tier: 'front', 'service.kubernetes.io/headless': '' },
      },
      subsets: [{ addresses: [address(p1)], notReadyAddresses: [address(p2)], ports: HTTP_EP }],
    });
    expect(slices().map(strip)).toEqual([
      {
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: {
          name: slices()[0]!.metadata.name,
          generateName: 'web-',
          namespace: 'default',
          labels: {
            tier: 'front',
            'service.kubernetes.io/headless': '',
            'kubernetes.io/service-name': 'web',
            'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
          },
          ownerReferences: [
            {
              apiVersion: 'v1',
              kind: 'Service',
              name: 'web',
              uid: svc.metadata.uid,
              controller: true,
              blockOwnerDeletion: true,
            },
          ],
        },
        addressType: 'IPv4',
        endpoints: [sliceEndpoint(p1, true), sliceEndpoint(p2, false)],
        ports: [{ name: 'http', protocol: 'TCP', port: 8080 }],
      },
    ]);
    expect(slices()[0]!.metadata.name).toMatch(/^web-[a-z0-9]{5}$/);
    expect(w.store.get(EP, 'default', 'web')!.metadata.annotations).toEqual({
      'endpoints.kubernetes.io/last-change-trigger-time': svc.metadata.creationTimestamp,
    });

    const sliceName = slices()[0]!.metadata.name;
    await setReady(1, false);
    await setReady(2, true);
    await w.settle();
    expect(endpointsOf()!.subsets).toEqual([
      { addresses: [address(p2)], notReadyAddresses: [address(p1)], ports: HTTP_EP },
    ]);
    expect(slices().map((s) => [s.metadata.name, s.endpoints])).toEqual([
      [sliceName, [sliceEndpoint(p1, false), sliceEndpoint(p2, true)]],
    ]);
  });

  it('drop a terminating pod from Endpoints and mark it terminating in the slice', async () => {
    await w.registry.create(svcManifest());
    const p1 = await runPod(1);
    const p2 = await runPod(2);
    await w.settle();
    await w.registry.delete(POD, 'default', 'web-2', { gracePeriodSeconds: 30 });
    await w.settle();
    expect(endpointsOf()!.subsets).toEqual([{ addresses: [address(p1)], ports: HTTP_EP }]);
    expect(slices()[0]!.endpoints).toEqual([sliceEndpoint(p1, true), sliceEndpoint(p2, false, true)]);
  });

  it('drop a pod whose labels stop matching', async () => {
    await w.registry.create(svcManifest());
    const p1 = await runPod(1);
    await runPod(2);
    await w.settle();
    await w.registry.mutate(POD, 'default', 'web-2', (p) => ({
      ...p,
      metadata: { ...p.metadata, labels: { app: 'x' } },
    }));
    await w.settle();
    expect(endpointsOf()!.subsets).toEqual([{ addresses: [address(p1)], ports: HTTP_EP }]);
    expect(slices()[0]!.endpoints).toEqual([sliceEndpoint(p1, true)]);
  });

  it('recreate Endpoints deleted by hand', async () => {
    await w.registry.create(svcManifest());
    const p1 = await runPod(1);
    await w.settle();
    await w.registry.delete(EP, 'default', 'web');
    await w.settle();
    expect(endpointsOf()!.subsets).toEqual([{ addresses: [address(p1)], ports: HTTP_EP }]);
  });

  it('delete the Endpoints and (through the garbage collector) the slices with the Service', async () => {
    await w.registry.create(svcManifest());
    await runPod(1);
    await w.settle();
    expect(slices()).toHaveLength(1);
    await w.registry.delete(SVC, 'default', 'web');
    await w.settle();
    expect(w.store.get(EP, 'default', 'web')).toBeUndefined();
    expect(slices()).toEqual([]);
  });

  it('leave the Endpoints of a Service without a selector to its user, and make no slices', async () => {
    const userEndpoints: KObject = {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: 'web', namespace: 'default' },
      subsets: [{ addresses: [{ ip: '192.168.1.5' }], ports: [{ port: 5432 }] }],
    };
    await w.registry.create(userEndpoints);
    await w.registry.create(svcManifest((s) => delete s.spec.selector));
    await runPod(1);
    await w.settle();
    expect(endpointsOf()).toEqual({
      ...userEndpoints,
      subsets: [{ addresses: [{ ip: '192.168.1.5' }], ports: [{ port: 5432, protocol: 'TCP' }] }],
    });
    expect(slices()).toEqual([]);
  });

  it("leave a slice another manager keeps for a Service with a selector (the agent's kube-dns slice)", async () => {
    const svc = await w.registry.create(svcManifest());
    const foreign = {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: {
        name: 'web-by-agent',
        namespace: 'default',
        labels: {
          'kubernetes.io/service-name': 'web',
          'endpointslice.kubernetes.io/managed-by': 'mkube-agent',
        },
        ownerReferences: [
          { apiVersion: 'v1', kind: 'Service', name: 'web', uid: svc.metadata.uid, controller: true },
        ],
      },
      addressType: 'IPv4',
      endpoints: [
        { addresses: ['172.18.0.1'], conditions: { ready: true, serving: true, terminating: false } },
      ],
      ports: [{ name: 'http', port: 53, protocol: 'UDP' }],
    };
    const stored = await w.registry.create(foreign);
    await runPod(1);
    await w.settle();
    const bySlice = slices().map((s) => [
      s.metadata.labels['endpointslice.kubernetes.io/managed-by'],
      s.endpoints.length,
    ]);
    expect({
      ours: strip(w.store.get(SLICE, 'default', 'web-by-agent')),
      all: bySlice.sort(),
    }).toEqual({
      ours: strip(stored),
      all: [
        ['endpointslice-controller.k8s.io', 1],
        ['mkube-agent', 1],
      ],
    });
  });

  it('keep one empty placeholder slice while no pod matches, reused for the first pod', async () => {
    await w.registry.create(svcManifest());
    await w.settle();
    expect(endpointsOf()!.subsets).toBeUndefined();
    const [placeholder] = slices();
    expect([placeholder!.endpoints, placeholder!.ports]).toEqual([null, null]);
    await runPod(1);
    await w.settle();
    expect(slices().map((s) => [s.metadata.name, s.endpoints.length])).toEqual([
      [placeholder!.metadata.name, 1],
    ]);
  });

  it('delete Endpoints left behind by a Service deleted while the agent was down, on the first resync only', async () => {
    await w.registry.create(svcManifest());
    await runPod(1);
    await w.settle();
    const fresh = new World();
    try {
      // Same objects, no Service: copy the controller-made Endpoints and a user-made one.
      const made = strip(w.store.get(EP, 'default', 'web'))!;
      made.metadata.annotations = {
        'endpoints.kubernetes.io/last-change-trigger-time': '2026-01-01T00:00:00Z',
      };
      await fresh.registry.create(made);
      await fresh.registry.create({
        apiVersion: 'v1',
        kind: 'Endpoints',
        metadata: { name: 'mine', namespace: 'default' },
        subsets: [{ addresses: [{ ip: '192.168.1.5' }] }],
      });
      await fresh.settle();
      expect(fresh.store.list(EP).map((e) => e.metadata.name)).toEqual(['mine']);
    } finally {
      fresh.close();
    }
  });
});
