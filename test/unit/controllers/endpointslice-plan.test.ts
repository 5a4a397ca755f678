// The EndpointSlice plan (computeSlicePlan) as whole objects: creates, updates and deletes.
import { describe, expect, it } from 'vitest';
import type { KObject } from '../../../src/api/types.js';
import { computeSlicePlan } from '../../../src/controllers/endpointslice/plan.js';
import { notReady, pod, service, T0, terminating } from './endpoints-fixtures.js';

const OWNER = [
  {
    apiVersion: 'v1',
    kind: 'Service',
    name: 'web',
    uid: 'svc-uid',
    controller: true,
    blockOwnerDeletion: true,
  },
];
const LABELS = {
  app: 'web',
  'kubernetes.io/service-name': 'web',
  'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
};
const TRIGGER = { 'endpoints.kubernetes.io/last-change-trigger-time': '2026-01-01T00:00:05Z' };
const HTTP = [{ name: 'http', protocol: 'TCP', port: 8080 }];

const endpoint = (
  n: number,
  conditions = { ready: true, serving: true, terminating: false },
  extra = {},
) => ({
  addresses: [`10.1.0.${n}`],
  conditions,
  ...extra,
  targetRef: { kind: 'Pod', namespace: 'default', name: `web-${n}`, uid: `uid-${n}` },
  nodeName: 'node1',
});

/** A slice as the plan creates it (no name yet). */
const fresh = (endpoints: unknown[] | null, ports: unknown[] | null = HTTP, labels = LABELS): KObject => ({
  apiVersion: 'discovery.k8s.io/v1',
  kind: 'EndpointSlice',
  metadata: {
    generateName: 'web-',
    namespace: 'default',
    labels,
    ownerReferences: OWNER,
    annotations: TRIGGER,
  },
  addressType: 'IPv4',
  endpoints,
  ports,
});

/** The same slice as stored under `name`. */
const stored = (name: string, slice: KObject): KObject => {
  const { generateName: _, ...meta } = slice.metadata;
  return { ...slice, metadata: { ...meta, name, uid: `${name}-uid`, resourceVersion: '3' } };
};

describe('computeSlicePlan', () => {
  it('creates one slice with every pod, terminating and not-ready ones with their conditions', () => {
    const plan = computeSlicePlan(service(), [pod(2, terminating), pod(1), pod(3, notReady)], [], T0 + 5000);
    expect(plan).toEqual({
      create: [
        fresh([
          endpoint(1),
          endpoint(2, { ready: false, serving: true, terminating: true }),
          endpoint(3, { ready: false, serving: false, terminating: false }),
        ]),
      ],
      update: [],
      delete: [],
    });
  });

  it('marks every endpoint ready with publishNotReadyAddresses, serving as the pod is', () => {
    const svc = service((s) => (s.spec.publishNotReadyAddresses = true));
    const plan = computeSlicePlan(svc, [pod(1, notReady), pod(2, terminating)], [], undefined);
    const { annotations: _, ...meta } = fresh([]).metadata;
    expect(plan.create).toEqual([
      {
        ...fresh([
          endpoint(1, { ready: true, serving: false, terminating: false }),
          endpoint(2, { ready: true, serving: true, terminating: true }),
        ]),
        metadata: meta,
      },
    ]);
  });

  it('makes one slice per set of resolved ports, unnamed ports as name ""', () => {
    const svc = service((s) => (s.spec.ports = [{ port: 80, protocol: 'TCP', targetPort: 'web' }]));
    const named = (n: number, port: number) =>
      pod(n, (p) => (p.spec.containers[0].ports = [{ name: 'web', containerPort: port }]));
    const plan = computeSlicePlan(svc, [named(1, 8080), named(2, 9090)], [], T0 + 5000);
    expect(plan.create).toEqual([
      fresh([endpoint(1)], [{ name: '', protocol: 'TCP', port: 8080 }]),
      fresh([endpoint(2)], [{ name: '', protocol: 'TCP', port: 9090 }]),
    ]);
  });

  it('sets hostname for pods in the headless Service their subdomain names, with the headless label', () => {
    const svc = service((s) => {
      s.spec.clusterIP = 'None';
      s.spec.ports = [];
    });
    const p1 = pod(1, (p) => {
      p.spec.hostname = 'web-1';
      p.spec.subdomain = 'web';
    });
    const plan = computeSlicePlan(svc, [p1], [], T0 + 5000);
    expect(plan.create).toEqual([
      fresh([endpoint(1, undefined, { hostname: 'web-1' })], null, {
        ...LABELS,
        'service.kubernetes.io/headless': '',
      }),
    ]);
  });

  it('creates an empty placeholder slice for a Service without pods, and keeps it', () => {
    const plan = computeSlicePlan(service(), [], [], T0 + 5000);
    expect(plan).toEqual({ create: [fresh(null, null)], update: [], delete: [] });
    const placeholder = stored('web-abcde', fresh(null, null));
    expect(computeSlicePlan(service(), [], [placeholder], undefined)).toEqual({
      create: [],
      update: [],
      delete: [],
    });
  });

  it('turns the placeholder into the first real slice, keeping its name', () => {
    const placeholder = stored('web-abcde', fresh(null, null));
    const plan = computeSlicePlan(service(), [pod(1)], [placeholder], T0 + 5000);
    expect(plan).toEqual({
      create: [],
      update: [{ ...stored('web-abcde', fresh([endpoint(1)])) }],
      delete: [],
    });
  });

  it('updates a changed endpoint in place and appends new pods to the same slice', () => {
    const current = stored('web-abcde', fresh([endpoint(2), endpoint(1)]));
    const plan = computeSlicePlan(service(), [pod(1, notReady), pod(2), pod(3)], [current], T0 + 5000);
    expect(plan).toEqual({
      create: [],
      update: [
        stored(
          'web-abcde',
          fresh([
            endpoint(2),
            endpoint(1, { ready: false, serving: false, terminating: false }),
            endpoint(3),
          ]),
        ),
      ],
      delete: [],
    });
  });

  it('writes nothing when the slice already holds the desired endpoints', () => {
    const current = stored('web-abcde', fresh([endpoint(1), endpoint(2)]));
    expect(computeSlicePlan(service(), [pod(2), pod(1)], [current], T0 + 5000)).toEqual({
      create: [],
      update: [],
      delete: [],
    });
  });

  it("updates labels that no longer match the Service's", () => {
    const current = stored('web-abcde', fresh([endpoint(1)], HTTP, { ...LABELS, app: 'old' }));
    expect(computeSlicePlan(service(), [pod(1)], [current], undefined).update).toEqual([
      (() => {
        const s = stored('web-abcde', fresh([endpoint(1)]));
        delete s.metadata.annotations;
        return s;
      })(),
    ]);
  });

  it('deletes slices of another Service of the same name and those of ports no pod serves', () => {
    const foreign = stored('web-old', {
      ...fresh([endpoint(1)]),
      metadata: { ...fresh([]).metadata, ownerReferences: [{ ...OWNER[0]!, uid: 'old-uid' }] },
    });
    const stale = stored('web-stale', fresh([endpoint(2)], [{ name: 'http', protocol: 'TCP', port: 7070 }]));
    const current = stored('web-abcde', fresh([endpoint(1), endpoint(2)]));
    const plan = computeSlicePlan(service(), [pod(1), pod(2)], [foreign, current, stale], T0 + 5000);
    expect(plan).toEqual({ create: [], update: [], delete: [foreign, stale] });
  });

  it('fills slices to 100 endpoints, then starts another', () => {
    const pods = Array.from({ length: 101 }, (_, i) => pod(i + 1));
    const plan = computeSlicePlan(service(), pods, [], T0 + 5000);
    expect(plan.create.map((s) => s.endpoints.length)).toEqual([100, 1]);
    expect(plan.create[1]!.endpoints).toEqual([endpoint(101)]);
  });
});
