// The Endpoints a Service should have, as whole objects (computeEndpoints, computeEndpointsUpdate).
import { describe, expect, it } from 'vitest';
import type { KObject } from '../../../src/api/types.js';
import { computeEndpoints, computeEndpointsUpdate } from '../../../src/controllers/endpoints/desired.js';
import { address, at, notReady, pod, service, T0, terminating } from './endpoints-fixtures.js';

const endpoints = (subsets: unknown[] | undefined, meta: Record<string, unknown> = {}): KObject => ({
  apiVersion: 'v1',
  kind: 'Endpoints',
  metadata: {
    name: 'web',
    namespace: 'default',
    labels: { app: 'web' },
    annotations: { 'endpoints.kubernetes.io/last-change-trigger-time': '2026-01-01T00:00:05Z' },
    ...meta,
  },
  ...(subsets ? { subsets } : {}),
});

const HTTP = [{ name: 'http', port: 8080, protocol: 'TCP' }];

describe('computeEndpoints', () => {
  const cases: Array<[string, KObject, KObject[], KObject]> = [
    [
      'puts ready pods in addresses, sorted by IP, with the resolved port',
      service(),
      [pod(12), pod(3)],
      endpoints([{ addresses: [address(3), address(12)], ports: HTTP }]),
    ],
    [
      'puts pods that are not ready in notReadyAddresses of the same subset',
      service(),
      [pod(1), pod(2, notReady)],
      endpoints([{ addresses: [address(1)], notReadyAddresses: [address(2)], ports: HTTP }]),
    ],
    [
      'leaves terminating pods out',
      service(),
      [pod(1), pod(2, terminating)],
      endpoints([{ addresses: [address(1)], ports: HTTP }]),
    ],
    [
      'publishes every pod as ready, terminating ones too, with publishNotReadyAddresses',
      service((s) => (s.spec.publishNotReadyAddresses = true)),
      [pod(1), pod(2, notReady), pod(3, terminating)],
      endpoints([{ addresses: [address(1), address(2), address(3)], ports: HTTP }]),
    ],
    [
      'leaves out pods without an IP, finished pods and pods the selector does not pick',
      service(),
      [
        pod(1),
        pod(2, (p) => {
          delete p.status.podIP;
          delete p.status.podIPs;
        }),
        pod(3, (p) => (p.status.phase = 'Succeeded')),
        pod(4, (p) => (p.metadata.labels = { app: 'other' })),
        pod(5, (p) => (p.metadata.namespace = 'other')),
      ],
      endpoints([{ addresses: [address(1)], ports: HTTP }]),
    ],
    [
      'splits pods whose named targetPort resolves to different numbers into subsets',
      service((s) => (s.spec.ports = [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 'web' }])),
      [
        pod(1, (p) => (p.spec.containers[0].ports = [{ name: 'web', containerPort: 8080 }])),
        pod(2, (p) => (p.spec.containers[0].ports = [{ name: 'web', containerPort: 9090 }])),
        pod(3, (p) => (p.spec.containers[0].ports = [{ name: 'web', containerPort: 8080 }])),
        pod(4, (p) => (p.spec.containers[0].ports = [{ name: 'other', containerPort: 8080 }])),
      ],
      endpoints([
        { addresses: [address(1), address(3)], ports: HTTP },
        { addresses: [address(2)], ports: [{ name: 'http', port: 9090, protocol: 'TCP' }] },
      ]),
    ],
    [
      'gives every port of a multi-port Service to the pods that serve it',
      service(
        (s) =>
          (s.spec.ports = [
            { name: 'http', port: 80, protocol: 'TCP', targetPort: 8080 },
            { name: 'metrics', port: 9100, protocol: 'TCP', targetPort: 'metrics', appProtocol: 'http' },
          ]),
      ),
      [pod(1, (p) => p.spec.containers[0].ports.push({ name: 'metrics', containerPort: 9100 })), pod(2)],
      endpoints([
        { addresses: [address(1), address(2)], ports: HTTP },
        {
          addresses: [address(1)],
          ports: [{ name: 'metrics', port: 9100, protocol: 'TCP', appProtocol: 'http' }],
        },
      ]),
    ],
    [
      'sets hostname for pods whose subdomain names the (headless) Service, and the headless label',
      service((s) => {
        s.spec.clusterIP = 'None';
        s.spec.ports = [];
      }),
      [
        pod(1, (p) => {
          p.spec.hostname = 'web-1';
          p.spec.subdomain = 'web';
        }),
        pod(2, (p) => {
          p.spec.hostname = 'web-2';
          p.spec.subdomain = 'elsewhere';
        }),
      ],
      endpoints([{ addresses: [address(1, { hostname: 'web-1' }), address(2)] }], {
        labels: { app: 'web', 'service.kubernetes.io/headless': '' },
      }),
    ],
    [
      'has no subsets for a ClusterIP Service without ports or without pods',
      service((s) => (s.spec.ports = [])),
      [pod(1)],
      endpoints(undefined),
    ],
  ];
  for (const [name, svc, pods, want] of cases) {
    it(name, () => expect(computeEndpoints(svc, pods, T0 + 5000)).toEqual(want));
  }

  it('carries no labels or trigger time when the Service has none and nothing triggered', () => {
    const svc = service((s) => delete s.metadata.labels);
    expect(computeEndpoints(svc, [], undefined)).toEqual({
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: 'web', namespace: 'default' },
    });
  });
});

describe('computeEndpointsUpdate', () => {
  const desired = computeEndpoints(service(), [pod(1), pod(2, notReady)], T0 + 9000);
  const stored = (mut: (e: KObject) => void = () => {}) => {
    const e = structuredClone(desired);
    e.metadata.uid = 'ep-uid';
    e.metadata.resourceVersion = '7';
    e.metadata.annotations = { 'endpoints.kubernetes.io/last-change-trigger-time': at(1), keep: 'me' };
    mut(e);
    return e;
  };

  it('creates the desired object when there is none', () => {
    expect(computeEndpointsUpdate(undefined, desired)).toBe(desired);
  });
  it('writes nothing when subsets and labels already match (a new trigger time alone is no change)', () => {
    expect(computeEndpointsUpdate(stored(), desired)).toBeUndefined();
  });
  it('replaces subsets and labels, keeps other annotations and metadata, updates the trigger time', () => {
    const current = stored((e) => {
      e.subsets = [];
      e.metadata.labels = { old: 'x' };
    });
    expect(computeEndpointsUpdate(current, desired)).toEqual({
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: {
        name: 'web',
        namespace: 'default',
        uid: 'ep-uid',
        resourceVersion: '7',
        labels: { app: 'web' },
        annotations: {
          keep: 'me',
          'endpoints.kubernetes.io/last-change-trigger-time': '2026-01-01T00:00:09Z',
        },
      },
      subsets: [{ addresses: [address(1)], notReadyAddresses: [address(2)], ports: HTTP }],
    });
  });
  it('drops the trigger time when no change triggered this write', () => {
    const none = computeEndpoints(service(), [pod(1)], undefined);
    expect(computeEndpointsUpdate(stored(), none)?.metadata.annotations).toEqual({ keep: 'me' });
  });
});
