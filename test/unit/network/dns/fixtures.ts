// A small cluster for the DNS tests: services of every type, endpoint slices with ready and
// unready endpoints, pods, fed to the index as watch events.
import type { Pod, Service } from 'kubernetes-types/core/v1.js';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1.js';
import { DnsIndex } from '../../../../src/network/dns/record-index.js';

export const NOW = 1_700_000_000_000;

export function service(namespace: string, name: string, spec: Service['spec']): Service {
  return { apiVersion: 'v1', kind: 'Service', metadata: { namespace, name }, spec };
}

export interface EndpointFixture {
  ip: string;
  hostname?: string;
  ready?: boolean;
  pod?: string;
}

export function slice(
  namespace: string,
  serviceName: string,
  endpoints: EndpointFixture[],
  ports: { name?: string; port: number; protocol?: string }[],
  suffix = 'abcde',
): EndpointSlice {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      namespace,
      name: `${serviceName}-${suffix}`,
      labels: { 'kubernetes.io/service-name': serviceName },
    },
    addressType: 'IPv4',
    endpoints: endpoints.map((e) => ({
      addresses: [e.ip],
      hostname: e.hostname,
      conditions: { ready: e.ready ?? true, serving: e.ready ?? true, terminating: false },
      targetRef: e.pod ? { kind: 'Pod', namespace, name: e.pod } : undefined,
    })),
    ports: ports.map((p) => ({ name: p.name ?? '', port: p.port, protocol: p.protocol ?? 'TCP' })),
  };
}

export function pod(namespace: string, name: string, ip: string): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { namespace, name },
    spec: { containers: [] },
    status: { podIP: ip, podIPs: [{ ip }] },
  };
}

export function clusterIndex(): DnsIndex {
  const index = new DnsIndex(() => NOW);
  for (const ns of ['default', 'other', 'kube-system']) index.applyNamespace('ADDED', ns);
  index.applyService(
    'ADDED',
    service('default', 'meow-svc', {
      clusterIP: '10.96.23.187',
      clusterIPs: ['10.96.23.187'],
      ports: [{ name: 'http', port: 80, protocol: 'TCP' }],
    }),
  );
  index.applyEndpointSlice(
    'ADDED',
    slice(
      'default',
      'meow-svc',
      [
        { ip: '10.244.0.5', pod: 'meow-1' },
        { ip: '10.244.0.6', pod: 'meow-2' },
      ],
      [{ name: 'http', port: 3000 }],
    ),
  );
  index.applyService(
    'ADDED',
    service('default', 'multi', {
      clusterIP: '10.96.0.20',
      ports: [
        { name: 'http', port: 80 },
        { name: 'dns', port: 53, protocol: 'UDP' },
      ],
    }),
  );
  index.applyService(
    'ADDED',
    service('default', 'nginx', { clusterIP: 'None', ports: [{ name: 'web', port: 80 }] }),
  );
  index.applyEndpointSlice(
    'ADDED',
    slice(
      'default',
      'nginx',
      [
        { ip: '10.244.0.10', hostname: 'web-0', pod: 'web-0' },
        { ip: '10.244.0.11', hostname: 'web-1', pod: 'web-1' },
        { ip: '10.244.0.12', hostname: 'web-2', pod: 'web-2', ready: false },
      ],
      [{ name: 'web', port: 80 }],
    ),
  );
  index.applyService(
    'ADDED',
    service('default', 'eager', { clusterIP: 'None', publishNotReadyAddresses: true }),
  );
  index.applyEndpointSlice('ADDED', slice('default', 'eager', [{ ip: '10.244.0.20', ready: false }], []));
  index.applyService('ADDED', service('default', 'empty', { clusterIP: 'None', ports: [{ port: 80 }] }));
  index.applyService(
    'ADDED',
    service('default', 'ext', { type: 'ExternalName', externalName: 'example.com' }),
  );
  index.applyService(
    'ADDED',
    service('default', 'ext-in', {
      type: 'ExternalName',
      externalName: 'meow-svc.default.svc.cluster.local',
    }),
  );
  index.applyService('ADDED', service('other', 'db', { clusterIP: '10.96.5.5', ports: [{ port: 5432 }] }));
  index.applyService(
    'ADDED',
    service('kube-system', 'kube-dns', {
      clusterIP: '10.96.0.10',
      ports: [
        { name: 'dns', port: 53, protocol: 'UDP' },
        { name: 'dns-tcp', port: 53 },
        { name: 'metrics', port: 9153 },
      ],
    }),
  );
  index.applyPod('ADDED', pod('default', 'web-0', '10.244.0.10'));
  index.applyPod('ADDED', pod('default', 'lonely', '10.244.0.30'));
  return index;
}
