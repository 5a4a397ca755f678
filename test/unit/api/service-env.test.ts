// Service environment variables, whole lists, as the kubelet builds them.
import type { Service, ServiceSpec } from 'kubernetes-types/core/v1.js';
import { describe, expect, it } from 'vitest';
import { serviceEnv } from '../../../src/api/service-env.js';

function svc(namespace: string, name: string, spec: ServiceSpec): Service {
  return { apiVersion: 'v1', kind: 'Service', metadata: { namespace, name }, spec };
}

const kubernetes = svc('default', 'kubernetes', {
  clusterIP: '10.96.0.1',
  ports: [{ name: 'https', port: 443, protocol: 'TCP' }],
});
const meow = svc('default', 'meow-svc', {
  clusterIP: '10.96.23.187',
  ports: [{ port: 80, protocol: 'TCP' }],
});
const multi = svc('shop', 'multi-port', {
  clusterIP: '10.96.3.3',
  ports: [
    { name: 'http', port: 80 },
    { name: 'dns-udp', port: 53, protocol: 'UDP' },
  ],
});
const headless = svc('shop', 'headless', { clusterIP: 'None', ports: [{ port: 80 }] });
const external = svc('shop', 'ext', { type: 'ExternalName', externalName: 'example.com' });
const all = [meow, kubernetes, multi, headless, external];

const KUBERNETES_VARS = [
  'KUBERNETES_SERVICE_HOST=10.96.0.1',
  'KUBERNETES_SERVICE_PORT=443',
  'KUBERNETES_SERVICE_PORT_HTTPS=443',
  'KUBERNETES_PORT=tcp://10.96.0.1:443',
  'KUBERNETES_PORT_443_TCP=tcp://10.96.0.1:443',
  'KUBERNETES_PORT_443_TCP_PROTO=tcp',
  'KUBERNETES_PORT_443_TCP_PORT=443',
  'KUBERNETES_PORT_443_TCP_ADDR=10.96.0.1',
];

const cases: [string, Service[], string, boolean, string[]][] = [
  [
    'a pod in default sees the services of default, sorted by name',
    all,
    'default',
    true,
    [
      ...KUBERNETES_VARS,
      'MEOW_SVC_SERVICE_HOST=10.96.23.187',
      'MEOW_SVC_SERVICE_PORT=80',
      'MEOW_SVC_PORT=tcp://10.96.23.187:80',
      'MEOW_SVC_PORT_80_TCP=tcp://10.96.23.187:80',
      'MEOW_SVC_PORT_80_TCP_PROTO=tcp',
      'MEOW_SVC_PORT_80_TCP_PORT=80',
      'MEOW_SVC_PORT_80_TCP_ADDR=10.96.23.187',
    ],
  ],
  [
    'another namespace: its own services with a ClusterIP, plus kubernetes; no headless, no ExternalName',
    all,
    'shop',
    true,
    [
      ...KUBERNETES_VARS,
      'MULTI_PORT_SERVICE_HOST=10.96.3.3',
      'MULTI_PORT_SERVICE_PORT=80',
      'MULTI_PORT_SERVICE_PORT_HTTP=80',
      'MULTI_PORT_SERVICE_PORT_DNS_UDP=53',
      'MULTI_PORT_PORT=tcp://10.96.3.3:80',
      'MULTI_PORT_PORT_80_TCP=tcp://10.96.3.3:80',
      'MULTI_PORT_PORT_80_TCP_PROTO=tcp',
      'MULTI_PORT_PORT_80_TCP_PORT=80',
      'MULTI_PORT_PORT_80_TCP_ADDR=10.96.3.3',
      'MULTI_PORT_PORT_53_UDP=udp://10.96.3.3:53',
      'MULTI_PORT_PORT_53_UDP_PROTO=udp',
      'MULTI_PORT_PORT_53_UDP_PORT=53',
      'MULTI_PORT_PORT_53_UDP_ADDR=10.96.3.3',
    ],
  ],
  ['enableServiceLinks: false still gets the kubernetes service', all, 'default', false, KUBERNETES_VARS],
  ['enableServiceLinks: false in another namespace too', all, 'shop', false, KUBERNETES_VARS],
  [
    'a kubernetes service in the pod namespace wins over the master one',
    [kubernetes, svc('shop', 'kubernetes', { clusterIP: '10.96.9.9', ports: [{ port: 8080 }] })],
    'shop',
    true,
    [
      'KUBERNETES_SERVICE_HOST=10.96.9.9',
      'KUBERNETES_SERVICE_PORT=8080',
      'KUBERNETES_PORT=tcp://10.96.9.9:8080',
      'KUBERNETES_PORT_8080_TCP=tcp://10.96.9.9:8080',
      'KUBERNETES_PORT_8080_TCP_PROTO=tcp',
      'KUBERNETES_PORT_8080_TCP_PORT=8080',
      'KUBERNETES_PORT_8080_TCP_ADDR=10.96.9.9',
    ],
  ],
  [
    'an IPv6 ClusterIP is bracketed in the URLs',
    [svc('default', 'v6', { clusterIP: 'fd00::a', ports: [{ port: 80, protocol: 'TCP' }] })],
    'default',
    true,
    [
      'V6_SERVICE_HOST=fd00::a',
      'V6_SERVICE_PORT=80',
      'V6_PORT=tcp://[fd00::a]:80',
      'V6_PORT_80_TCP=tcp://[fd00::a]:80',
      'V6_PORT_80_TCP_PROTO=tcp',
      'V6_PORT_80_TCP_PORT=80',
      'V6_PORT_80_TCP_ADDR=fd00::a',
    ],
  ],
];

describe('serviceEnv', () => {
  it.each(cases)('%s', (_title, services, namespace, links, expected) => {
    expect(serviceEnv(services, namespace, links).map((e) => `${e.name}=${e.value}`)).toEqual(expected);
  });
});
