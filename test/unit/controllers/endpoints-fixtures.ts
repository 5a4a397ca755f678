// Services and pods for the Endpoints/EndpointSlice tables: one base of each plus small mutators.
import type { KObject } from '../../../src/api/types.js';

export const T0 = Date.parse('2026-01-01T00:00:00Z');
export const at = (s: number) => `${new Date(T0 + s * 1000).toISOString().slice(0, 19)}Z`;

export function service(mut: (s: KObject) => void = () => {}): KObject {
  const s: KObject = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: 'web',
      namespace: 'default',
      uid: 'svc-uid',
      labels: { app: 'web' },
      creationTimestamp: at(0),
    },
    spec: {
      type: 'ClusterIP',
      clusterIP: '10.96.0.10',
      selector: { app: 'web' },
      ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 8080 }],
    },
  };
  mut(s);
  return s;
}

/** A running pod `web-<n>` at 10.1.0.<n>, ready unless told otherwise. */
export function pod(n: number, mut: (p: KObject) => void = () => {}): KObject {
  const p: KObject = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `web-${n}`, namespace: 'default', uid: `uid-${n}`, labels: { app: 'web' } },
    spec: {
      nodeName: 'node1',
      containers: [{ name: 'c', image: 'busybox', ports: [{ name: 'http', containerPort: 8080 }] }],
    },
    status: {
      phase: 'Running',
      podIP: `10.1.0.${n}`,
      podIPs: [{ ip: `10.1.0.${n}` }],
      conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: at(n) }],
    },
  };
  mut(p);
  return p;
}

export const notReady = (p: KObject) => {
  p.status.conditions = [{ type: 'Ready', status: 'False', lastTransitionTime: at(100) }];
};
export const terminating = (p: KObject) => {
  p.metadata.deletionTimestamp = at(200);
};

/** What the Endpoints controller writes for pod `n`. */
export const address = (n: number, extra: Record<string, unknown> = {}) => ({
  ip: `10.1.0.${n}`,
  ...extra,
  nodeName: 'node1',
  targetRef: { kind: 'Pod', namespace: 'default', name: `web-${n}`, uid: `uid-${n}` },
});
