// One base Service + EndpointSlice and small mutators, shared by the data plane's table tests.
import type { Service } from 'kubernetes-types/core/v1.js';
import type { Endpoint, EndpointSlice } from 'kubernetes-types/discovery/v1.js';
import type { ProxyInput } from '../../../../src/network/proxy/index.js';

export const ID = 'abcd1234';

export const service = (
  spec: Partial<NonNullable<Service['spec']>> = {},
  status?: Service['status'],
): Service => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { namespace: 'default', name: 'web' },
  spec: {
    type: 'ClusterIP',
    clusterIP: '10.96.0.10',
    ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }],
    ...spec,
  },
  ...(status ? { status } : {}),
});

export const endpoint = (ip: string, conditions: Endpoint['conditions'] = { ready: true }): Endpoint => ({
  addresses: [ip],
  conditions,
});

export const slice = (endpoints: Endpoint[], name = 'web-x1'): EndpointSlice => ({
  apiVersion: 'discovery.k8s.io/v1',
  kind: 'EndpointSlice',
  metadata: { namespace: 'default', name, labels: { 'kubernetes.io/service-name': 'web' } },
  addressType: 'IPv4',
  ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
  endpoints,
});

export const input = (
  services: Service[],
  endpointSlices: EndpointSlice[],
  extra: Partial<ProxyInput> = {},
) => ({
  id: ID,
  serviceCIDR: '10.96.0.0/12',
  services,
  endpointSlices,
  ...extra,
});
