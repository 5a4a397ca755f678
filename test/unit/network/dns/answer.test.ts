// The resolver as a table: one question in, the whole answer (rcode, answer, authority,
// additional sections) out, against the fixture cluster.
import type { Answer } from 'dns-packet';
import { describe, expect, it } from 'vitest';
import {
  answer,
  DEFAULT_DNS_CONFIG,
  type DnsAnswer,
  type DnsConfig,
} from '../../../../src/network/dns/answer.js';
import { clusterIndex } from './fixtures.js';

const SERIAL = 1_700_000_000;
const SOA: Answer = {
  type: 'SOA',
  name: 'cluster.local',
  ttl: 5,
  class: 'IN',
  data: {
    mname: 'ns.dns.cluster.local',
    rname: 'hostmaster.cluster.local',
    serial: SERIAL,
    refresh: 7200,
    retry: 1800,
    expire: 86400,
    minimum: 5,
  },
};

function rr(type: string, name: string, data: unknown, ttl = 5): Answer {
  return { type, name, ttl, class: 'IN', data } as Answer;
}
function ok(answers: Answer[], additionals: Answer[] = []): DnsAnswer {
  return { rcode: 'NOERROR', answers, authority: [], additionals };
}
const NODATA: DnsAnswer = { rcode: 'NOERROR', answers: [], authority: [SOA], additionals: [] };
const NXDOMAIN: DnsAnswer = { rcode: 'NXDOMAIN', answers: [], authority: [SOA], additionals: [] };

const cases: [string, string, string, DnsAnswer | null, Partial<DnsConfig>?][] = [
  [
    'a ClusterIP service answers with its ClusterIP',
    'meow-svc.default.svc.cluster.local',
    'A',
    ok([rr('A', 'meow-svc.default.svc.cluster.local', '10.96.23.187')]),
  ],
  [
    'a name with a trailing dot is the same name',
    'meow-svc.default.svc.cluster.local.',
    'A',
    ok([rr('A', 'meow-svc.default.svc.cluster.local.', '10.96.23.187')]),
  ],
  [
    'names match case-insensitively and the answer keeps the asked case',
    'Meow-Svc.DEFAULT.svc.Cluster.Local',
    'A',
    ok([rr('A', 'Meow-Svc.DEFAULT.svc.Cluster.Local', '10.96.23.187')]),
  ],
  [
    'a service in another namespace',
    'db.other.svc.cluster.local',
    'A',
    ok([rr('A', 'db.other.svc.cluster.local', '10.96.5.5')]),
  ],
  [
    'a headless service answers with its ready endpoints only',
    'nginx.default.svc.cluster.local',
    'A',
    ok([
      rr('A', 'nginx.default.svc.cluster.local', '10.244.0.10'),
      rr('A', 'nginx.default.svc.cluster.local', '10.244.0.11'),
    ]),
  ],
  [
    'publishNotReadyAddresses answers with unready endpoints too',
    'eager.default.svc.cluster.local',
    'A',
    ok([rr('A', 'eager.default.svc.cluster.local', '10.244.0.20')]),
  ],
  [
    'a headless service without ready endpoints does not exist (as in CoreDNS)',
    'empty.default.svc.cluster.local',
    'A',
    NXDOMAIN,
  ],
  [
    'a StatefulSet pod by hostname',
    'web-0.nginx.default.svc.cluster.local',
    'A',
    ok([rr('A', 'web-0.nginx.default.svc.cluster.local', '10.244.0.10')]),
  ],
  ['an unready StatefulSet pod is not in DNS', 'web-2.nginx.default.svc.cluster.local', 'A', NXDOMAIN],
  [
    'an endpoint without hostname by its dashed address',
    '10-244-0-5.meow-svc.default.svc.cluster.local',
    'A',
    ok([rr('A', '10-244-0-5.meow-svc.default.svc.cluster.local', '10.244.0.5')]),
  ],
  [
    'a pod record (pods insecure)',
    '10-244-0-30.default.pod.cluster.local',
    'A',
    ok([rr('A', '10-244-0-30.default.pod.cluster.local', '10.244.0.30')]),
  ],
  [
    'pods verified answers only pods that exist',
    '10-244-9-9.default.pod.cluster.local',
    'A',
    NXDOMAIN,
    { podMode: 'verified' },
  ],
  [
    'pods verified answers an existing pod',
    '10-244-0-30.default.pod.cluster.local',
    'A',
    ok([rr('A', '10-244-0-30.default.pod.cluster.local', '10.244.0.30')]),
    { podMode: 'verified' },
  ],
  ['a pod name that is no address does not exist', 'not-an-ip.default.pod.cluster.local', 'A', NXDOMAIN],
  [
    'SRV for a named port of a ClusterIP service',
    '_http._tcp.meow-svc.default.svc.cluster.local',
    'SRV',
    ok(
      [
        rr('SRV', '_http._tcp.meow-svc.default.svc.cluster.local', {
          priority: 0,
          weight: 100,
          port: 80,
          target: 'meow-svc.default.svc.cluster.local',
        }),
      ],
      [rr('A', 'meow-svc.default.svc.cluster.local', '10.96.23.187')],
    ),
  ],
  [
    'SRV with the wrong protocol does not exist',
    '_http._udp.meow-svc.default.svc.cluster.local',
    'SRV',
    NXDOMAIN,
  ],
  [
    'SRV of a service name lists every port, weight shared',
    'multi.default.svc.cluster.local',
    'SRV',
    ok(
      [
        rr('SRV', 'multi.default.svc.cluster.local', {
          priority: 0,
          weight: 50,
          port: 80,
          target: 'multi.default.svc.cluster.local',
        }),
        rr('SRV', 'multi.default.svc.cluster.local', {
          priority: 0,
          weight: 50,
          port: 53,
          target: 'multi.default.svc.cluster.local',
        }),
      ],
      [rr('A', 'multi.default.svc.cluster.local', '10.96.0.20')],
    ),
  ],
  [
    'SRV of a headless service: one per ready endpoint, targets by hostname',
    '_web._tcp.nginx.default.svc.cluster.local',
    'SRV',
    ok(
      [
        rr('SRV', '_web._tcp.nginx.default.svc.cluster.local', {
          priority: 0,
          weight: 50,
          port: 80,
          target: 'web-0.nginx.default.svc.cluster.local',
        }),
        rr('SRV', '_web._tcp.nginx.default.svc.cluster.local', {
          priority: 0,
          weight: 50,
          port: 80,
          target: 'web-1.nginx.default.svc.cluster.local',
        }),
      ],
      [
        rr('A', 'web-0.nginx.default.svc.cluster.local', '10.244.0.10'),
        rr('A', 'web-1.nginx.default.svc.cluster.local', '10.244.0.11'),
      ],
    ),
  ],
  [
    'an ExternalName service is a CNAME, chased upstream',
    'ext.default.svc.cluster.local',
    'A',
    {
      ...ok([rr('CNAME', 'ext.default.svc.cluster.local', 'example.com')]),
      chase: { name: 'example.com', type: 'A' },
    },
  ],
  [
    'an ExternalName inside the cluster is followed here',
    'ext-in.default.svc.cluster.local',
    'A',
    ok([
      rr('CNAME', 'ext-in.default.svc.cluster.local', 'meow-svc.default.svc.cluster.local'),
      rr('A', 'meow-svc.default.svc.cluster.local', '10.96.23.187'),
    ]),
  ],
  [
    'a CNAME question for an ExternalName',
    'ext.default.svc.cluster.local',
    'CNAME',
    ok([rr('CNAME', 'ext.default.svc.cluster.local', 'example.com')]),
  ],
  ['AAAA of an IPv4-only service is NODATA', 'meow-svc.default.svc.cluster.local', 'AAAA', NODATA],
  ['MX of a known name is NODATA', 'meow-svc.default.svc.cluster.local', 'MX', NODATA],
  ['a missing service is NXDOMAIN with the SOA', 'nope.default.svc.cluster.local', 'A', NXDOMAIN],
  ['a missing namespace is NXDOMAIN', 'meow-svc.nope.svc.cluster.local', 'A', NXDOMAIN],
  ['an existing namespace is NODATA', 'default.svc.cluster.local', 'A', NODATA],
  ['a name outside the schema is NXDOMAIN', 'meow-svc.default.cluster.local', 'A', NXDOMAIN],
  ['too many labels is NXDOMAIN', 'a.b.c.meow-svc.default.svc.cluster.local', 'A', NXDOMAIN],
  ['the zone apex is NODATA for A', 'cluster.local', 'A', NODATA],
  ['the zone apex SOA', 'cluster.local', 'SOA', ok([SOA])],
  [
    'the zone NS points at the DNS service',
    'cluster.local',
    'NS',
    ok([rr('NS', 'cluster.local', 'ns.dns.cluster.local')], [rr('A', 'ns.dns.cluster.local', '10.96.0.10')]),
    { nameserverIPs: ['10.96.0.10'] },
  ],
  [
    'the schema version',
    'dns-version.cluster.local',
    'TXT',
    ok([rr('TXT', 'dns-version.cluster.local', '1.1.0', 28800)]),
  ],
  [
    'PTR of a ClusterIP names the service',
    '187.23.96.10.in-addr.arpa',
    'PTR',
    ok([rr('PTR', '187.23.96.10.in-addr.arpa', 'meow-svc.default.svc.cluster.local')]),
  ],
  [
    'PTR of a headless endpoint uses its hostname',
    '10.0.244.10.in-addr.arpa',
    'PTR',
    ok([rr('PTR', '10.0.244.10.in-addr.arpa', 'web-0.nginx.default.svc.cluster.local')]),
  ],
  [
    'PTR of an endpoint without hostname uses its dashed address',
    '5.0.244.10.in-addr.arpa',
    'PTR',
    ok([rr('PTR', '5.0.244.10.in-addr.arpa', '10-244-0-5.meow-svc.default.svc.cluster.local')]),
  ],
  [
    'PTR of a pod outside any service names the pod record',
    '30.0.244.10.in-addr.arpa',
    'PTR',
    ok([rr('PTR', '30.0.244.10.in-addr.arpa', '10-244-0-30.default.pod.cluster.local')]),
  ],
  ['PTR of an address the cluster does not own is forwarded', '8.8.8.8.in-addr.arpa', 'PTR', null],
  ['a name outside the cluster domain is forwarded', 'example.com', 'A', null],
  ['a name that merely ends like the domain is forwarded', 'notcluster.local', 'A', null],
  [
    'TTL follows the config',
    'db.other.svc.cluster.local',
    'A',
    ok([rr('A', 'db.other.svc.cluster.local', '10.96.5.5', 30)]),
    { ttl: 30 },
  ],
];

describe('answer', () => {
  const index = clusterIndex();
  it.each(cases)('%s', (_title, name, type, expected, config) => {
    const result = answer({ name, type: type as 'A' }, index, { ...DEFAULT_DNS_CONFIG, ...config });
    expect(result).toEqual(expected);
  });
});
