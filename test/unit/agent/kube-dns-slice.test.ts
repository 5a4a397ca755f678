// The agent's kube-dns EndpointSlice, the nameserver pods get, and the resolv.conf the host gives
// containers: pure decisions, whole results.
import { describe, expect, it } from 'vitest';
import {
  clusterNameservers,
  containerResolvConf,
  kubeDnsSlice,
  sliceUpToDate,
} from '../../../src/agent/kube-dns-slice.js';
import type { KObject } from '../../../src/api/types.js';

const KUBE_DNS: KObject = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'kube-dns', namespace: 'kube-system', uid: 'dns-uid' },
  spec: { clusterIP: '10.96.0.10' },
};

describe('kubeDnsSlice', () => {
  it('points kube-dns at the agent on dns/UDP and dns-tcp/TCP, under its own managed-by label', () => {
    expect(kubeDnsSlice(KUBE_DNS, { ip: '172.18.0.1', port: 53, nodeName: 'laptop' })).toEqual({
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: {
        name: 'kube-dns-mkube-agent',
        namespace: 'kube-system',
        labels: {
          'kubernetes.io/service-name': 'kube-dns',
          'endpointslice.kubernetes.io/managed-by': 'mkube-agent',
        },
        ownerReferences: [
          {
            apiVersion: 'v1',
            kind: 'Service',
            name: 'kube-dns',
            uid: 'dns-uid',
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
      },
      addressType: 'IPv4',
      endpoints: [
        {
          addresses: ['172.18.0.1'],
          conditions: { ready: true, serving: true, terminating: false },
          nodeName: 'laptop',
        },
      ],
      ports: [
        { name: 'dns', port: 53, protocol: 'UDP' },
        { name: 'dns-tcp', port: 53, protocol: 'TCP' },
      ],
    });
  });

  const desired = kubeDnsSlice(KUBE_DNS, { ip: '172.18.0.1', port: 53, nodeName: 'laptop' });
  const stored = (mut: (s: KObject) => void): KObject => {
    const s = structuredClone({
      ...desired,
      metadata: { ...desired.metadata, uid: 'x', resourceVersion: '5' },
    });
    mut(s);
    return s;
  };
  const cases: [string, KObject | undefined, boolean][] = [
    ['a missing slice is not up to date', undefined, false],
    ['the stored slice with server-set fields is up to date', stored(() => {}), true],
    ['another port (the server moved off 53) is not', stored((s) => (s.ports[0].port = 5353)), false],
    [
      'another address (a new network) is not',
      stored((s) => (s.endpoints[0].addresses = ['172.19.0.1'])),
      false,
    ],
    [
      'an owner of a recreated Service is not',
      stored((s) => (s.metadata.ownerReferences[0].uid = 'old')),
      false,
    ],
    [
      'a slice being deleted is not',
      stored((s) => (s.metadata.deletionTimestamp = '2026-01-01T00:00:00Z')),
      false,
    ],
  ];
  for (const [name, current, expected] of cases)
    it(name, () => expect(sliceUpToDate(current, desired)).toBe(expected));
});

describe('clusterNameservers', () => {
  const cases: [string, Parameters<typeof clusterNameservers>[0], string[]][] = [
    [
      'the kube-dns ClusterIP once the data plane carries it',
      { kubeDnsIP: '10.96.0.10', dataPlaneActive: true, server: { ip: '172.18.0.1', port: 53 } },
      ['10.96.0.10'],
    ],
    [
      'the DNS server itself while there is no data plane',
      { kubeDnsIP: '10.96.0.10', dataPlaneActive: false, server: { ip: '172.18.0.1', port: 53 } },
      ['172.18.0.1'],
    ],
    [
      'none when the server is off port 53 and nothing carries the ClusterIP (resolv.conf has no port)',
      { kubeDnsIP: '10.96.0.10', dataPlaneActive: false, server: { ip: '172.18.0.1', port: 40053 } },
      [],
    ],
    [
      'the ClusterIP even off port 53 when the data plane carries it',
      { kubeDnsIP: '10.96.0.10', dataPlaneActive: true, server: { ip: '172.18.0.1', port: 40053 } },
      ['10.96.0.10'],
    ],
    [
      'none when the server is not running',
      { kubeDnsIP: undefined, dataPlaneActive: false, server: undefined },
      [],
    ],
  ];
  for (const [name, input, expected] of cases)
    it(name, () => expect(clusterNameservers(input)).toEqual(expected));
});

describe('containerResolvConf', () => {
  const systemd = 'nameserver 192.0.2.1\nsearch corp.example\n';
  const cases: [string, string, string | undefined, string][] = [
    [
      'a reachable resolver: /etc/resolv.conf as it is',
      'nameserver 10.0.0.2\n',
      systemd,
      'nameserver 10.0.0.2\n',
    ],
    [
      "systemd-resolved's stub: its upstream list",
      'nameserver 127.0.0.53\noptions edns0\n',
      systemd,
      systemd,
    ],
    [
      'a stub without the upstream file: unchanged',
      'nameserver 127.0.0.53\n',
      undefined,
      'nameserver 127.0.0.53\n',
    ],
    [
      'a stub next to a real resolver: unchanged',
      'nameserver 127.0.0.53\nnameserver 10.0.0.2\n',
      systemd,
      'nameserver 127.0.0.53\nnameserver 10.0.0.2\n',
    ],
  ];
  for (const [name, etc, sd, expected] of cases)
    it(name, () => expect(containerResolvConf(etc, sd)).toBe(expected));
});
