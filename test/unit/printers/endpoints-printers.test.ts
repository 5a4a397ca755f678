// `get ep`, `get endpointslices`, `describe endpoints`, `describe endpointslice` and the
// `Endpoints:` line of `describe svc`, as kubectl prints them (whole output).
import { describe, expect, it } from 'vitest';
import type { KObject } from '../../../src/api/types.js';
import {
  describeEndpointSlice,
  describeEndpoints,
  formatEndpointSlices,
} from '../../../src/printers/describe/index.js';
import { TablePrinter } from '../../../src/printers/table.js';
import { buildTable } from '../../../src/printers/tables/index.js';
import { TabWriter } from '../../../src/printers/tabwriter.js';
import { NOW } from './fixtures.js';

process.env.TZ = 'UTC';

const meta = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  namespace: 'default',
  creationTimestamp: new Date(NOW - 65_000).toISOString().replace('.000', ''),
  ...extra,
});
const ref = (name: string) => ({ kind: 'Pod', namespace: 'default', name, uid: `uid-${name}` });

const endpoints: KObject = {
  apiVersion: 'v1',
  kind: 'Endpoints',
  metadata: meta('web', {
    labels: { app: 'web' },
    annotations: { 'endpoints.kubernetes.io/last-change-trigger-time': '2024-05-01T11:58:55Z' },
  }),
  subsets: [
    {
      addresses: [
        { ip: '10.1.0.5', nodeName: 'mkube', targetRef: ref('web-a') },
        { ip: '10.1.0.6', nodeName: 'mkube', targetRef: ref('web-b') },
      ],
      notReadyAddresses: [{ ip: '10.1.0.7', nodeName: 'mkube', targetRef: ref('web-c') }],
      ports: [
        { name: 'http', port: 8080, protocol: 'TCP' },
        { port: 9090, protocol: 'TCP' },
      ],
    },
    {
      notReadyAddresses: [{ ip: '10.1.0.8', targetRef: ref('web-d') }],
      ports: [{ name: 'http', port: 80, protocol: 'TCP' }],
    },
  ],
};
const onlyNotReady: KObject = {
  apiVersion: 'v1',
  kind: 'Endpoints',
  metadata: meta('db'),
  subsets: [{ notReadyAddresses: [{ ip: '10.1.0.9' }], ports: [{ port: 5432, protocol: 'TCP' }] }],
};
const headless: KObject = {
  apiVersion: 'v1',
  kind: 'Endpoints',
  metadata: meta('peers'),
  subsets: [{ addresses: [{ ip: '10.1.0.10', hostname: 'peer-0' }] }],
};

const sliceEndpoint = (ip: string, pod: string, ready = true, extra: Record<string, unknown> = {}) => ({
  addresses: [ip],
  conditions: { ready, serving: ready, terminating: false },
  ...extra,
  targetRef: ref(pod),
  nodeName: 'mkube',
});
const slice: KObject = {
  apiVersion: 'discovery.k8s.io/v1',
  kind: 'EndpointSlice',
  metadata: meta('web-x7k2p', {
    labels: {
      'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
      'kubernetes.io/service-name': 'web',
    },
    annotations: { 'endpoints.kubernetes.io/last-change-trigger-time': '2024-05-01T11:58:55Z' },
  }),
  addressType: 'IPv4',
  endpoints: [
    sliceEndpoint('10.1.0.5', 'web-a'),
    sliceEndpoint('10.1.0.6', 'web-b', false),
    sliceEndpoint('10.1.0.7', 'web-c', true, { hostname: 'web-c' }),
    sliceEndpoint('10.1.0.8', 'web-d'),
  ],
  ports: [
    { name: 'http', protocol: 'TCP', port: 8080 },
    { name: '', protocol: 'TCP', port: 9090 },
  ],
};
const placeholder: KObject = {
  apiVersion: 'discovery.k8s.io/v1',
  kind: 'EndpointSlice',
  metadata: meta('db-m4q9z', { labels: { 'kubernetes.io/service-name': 'db' } }),
  addressType: 'IPv4',
  endpoints: null,
  ports: null,
};

function table(kind: string, objects: KObject[]): string {
  let out = '';
  const w = TabWriter.forTables((s) => {
    out += s;
  });
  new TablePrinter({}).print(buildTable(kind, objects, NOW), w);
  w.flush();
  return out;
}

describe('get', () => {
  it('prints Endpoints: ready ip:port pairs, at most three, empty when none is ready', () => {
    expect(table('Endpoints', [endpoints, onlyNotReady, headless])).toBe(
      `NAME    ENDPOINTS                                               AGE
web     10.1.0.5:8080,10.1.0.6:8080,10.1.0.5:9090 + 1 more...   65s
db                                                              65s
peers   10.1.0.10                                               65s
`,
    );
  });

  it('prints EndpointSlices: address type, port numbers, every address, <unset> when empty', () => {
    expect(table('EndpointSlice', [slice, placeholder])).toBe(
      `NAME        ADDRESSTYPE   PORTS       ENDPOINTS                                AGE
web-x7k2p   IPv4          8080,9090   10.1.0.5,10.1.0.6,10.1.0.7 + 1 more...   65s
db-m4q9z    IPv4          <unset>     <unset>                                  65s
`,
    );
  });
});

describe('describe', () => {
  it('describes Endpoints subset by subset', () => {
    expect(describeEndpoints(endpoints, [], NOW)).toBe(
      `Name:         web
Namespace:    default
Labels:       app=web
Annotations:  endpoints.kubernetes.io/last-change-trigger-time: 2024-05-01T11:58:55Z
Subsets:
  Addresses:          10.1.0.5,10.1.0.6
  NotReadyAddresses:  10.1.0.7
  Ports:
    Name     Port  Protocol
    ----     ----  --------
    http     8080  TCP
    <unset>  9090  TCP

  Addresses:          <none>
  NotReadyAddresses:  10.1.0.8
  Ports:
    Name  Port  Protocol
    ----  ----  --------
    http  80    TCP

Events:  <none>
`,
    );
  });

  it('describes an EndpointSlice endpoint by endpoint', () => {
    expect(describeEndpointSlice(slice, undefined, NOW)).toBe(
      `Name:         web-x7k2p
Namespace:    default
Labels:       endpointslice.kubernetes.io/managed-by=endpointslice-controller.k8s.io
              kubernetes.io/service-name=web
Annotations:  endpoints.kubernetes.io/last-change-trigger-time: 2024-05-01T11:58:55Z
AddressType:  IPv4
Ports:
  Name     Port  Protocol
  ----     ----  --------
  http     8080  TCP
  <unset>  9090  TCP
Endpoints:
  - Addresses:  10.1.0.5
    Conditions:
      Ready:    true
    Hostname:   <unset>
    TargetRef:  Pod/web-a
    NodeName:   mkube
    Zone:       <unset>
  - Addresses:  10.1.0.6
    Conditions:
      Ready:    false
    Hostname:   <unset>
    TargetRef:  Pod/web-b
    NodeName:   mkube
    Zone:       <unset>
  - Addresses:  10.1.0.7
    Conditions:
      Ready:    true
    Hostname:   web-c
    TargetRef:  Pod/web-c
    NodeName:   mkube
    Zone:       <unset>
  - Addresses:  10.1.0.8
    Conditions:
      Ready:    true
    Hostname:   <unset>
    TargetRef:  Pod/web-d
    NodeName:   mkube
    Zone:       <unset>
`,
    );
  });

  it('describes a placeholder slice', () => {
    expect(describeEndpointSlice(placeholder, [], NOW)).toBe(
      `Name:         db-m4q9z
Namespace:    default
Labels:       kubernetes.io/service-name=db
Annotations:  <none>
AddressType:  IPv4
Ports: <unset>
Endpoints: <none>
Events:  <none>
`,
    );
  });
});

describe('formatEndpointSlices (the Endpoints: line of describe svc)', () => {
  const cases: Array<[string, KObject[], string | undefined, string]> = [
    ['no slices', [], 'http', '<none>'],
    ['a placeholder slice', [placeholder], 'http', ''],
    ['the named port, ready endpoints only', [slice], 'http', '10.1.0.5:8080,10.1.0.7:8080,10.1.0.8:8080'],
    ['the unnamed port', [slice], '', '10.1.0.5:9090,10.1.0.7:9090,10.1.0.8:9090'],
    [
      'every port, cut after three',
      [slice],
      undefined,
      '10.1.0.5:8080,10.1.0.7:8080,10.1.0.8:8080 + 3 more...',
    ],
    [
      'bare addresses of a slice without ports',
      [{ ...slice, ports: null }],
      'http',
      '10.1.0.5,10.1.0.7,10.1.0.8',
    ],
  ];
  for (const [name, slices, port, want] of cases) {
    it(name, () => expect(formatEndpointSlices(slices, port)).toBe(want));
  }
});
