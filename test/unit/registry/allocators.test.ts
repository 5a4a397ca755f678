// The allocators and the range choice as tables: given the range and what is held, the whole
// result — the address or port, or the allocator's exact error text.
import { describe, expect, it } from 'vitest';
import { type Cidr, parseCidr } from '../../../src/api/ipv4.js';
import { allocateClusterIP, staticBandSize } from '../../../src/registry/allocators/cluster-ip.js';
import {
  allocateNodePort,
  DEFAULT_NODE_PORT_RANGE,
  staticPortBand,
} from '../../../src/registry/allocators/node-port.js';
import {
  chooseServiceRange,
  parseIpRoute,
  parseProcNetRoute,
} from '../../../src/registry/allocators/service-range.js';

const cidr = (s: string) => parseCidr(s)!;
const first = () => 0;

describe('allocateClusterIP', () => {
  const cases: Array<[string, string, string[], string | undefined, unknown]> = [
    ['gives a requested free address', '10.96.0.0/12', [], '10.96.0.1', { ok: true, value: '10.96.0.1' }],
    [
      'refuses a requested address outside the range',
      '10.96.0.0/12',
      [],
      '10.0.0.1',
      {
        ok: false,
        error: 'the provided IP (10.0.0.1) is not in the valid range. The range of valid IPs is 10.96.0.0/12',
      },
    ],
    [
      'refuses the network address',
      '10.96.0.0/12',
      [],
      '10.96.0.0',
      {
        ok: false,
        error:
          'the provided IP (10.96.0.0) is not in the valid range. The range of valid IPs is 10.96.0.0/12',
      },
    ],
    [
      'refuses the broadcast address',
      '10.112.0.0/16',
      [],
      '10.112.255.255',
      {
        ok: false,
        error:
          'the provided IP (10.112.255.255) is not in the valid range. The range of valid IPs is 10.112.0.0/16',
      },
    ],
    [
      'refuses a requested address another Service holds',
      '10.96.0.0/12',
      ['10.96.0.10'],
      '10.96.0.10',
      { ok: false, error: 'provided IP is already allocated' },
    ],
    [
      'picks from the upper band first, past the 256 static addresses',
      '10.96.0.0/12',
      [],
      undefined,
      { ok: true, value: '10.96.1.1' },
    ],
    [
      'skips held addresses',
      '10.96.0.0/12',
      ['10.96.1.1', '10.96.1.2'],
      undefined,
      { ok: true, value: '10.96.1.3' },
    ],
    [
      'uses the whole of a range too small for a static band',
      '10.0.0.0/28',
      ['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4', '10.0.0.5', '10.0.0.6', '10.0.0.7'],
      undefined,
      { ok: true, value: '10.0.0.8' },
    ],
    [
      'says when the range is full',
      '10.0.0.0/30',
      ['10.0.0.1', '10.0.0.2'],
      undefined,
      { ok: false, error: 'range is full' },
    ],
  ];
  it.each(cases)('%s', (_name, range, held, requested, want) => {
    expect(allocateClusterIP(cidr(range), new Set(held), requested, first)).toEqual(want);
  });

  it('keeps min(max(16, size/16), 256) addresses for static use', () => {
    expect(
      ['10.96.0.0/12', '10.112.0.0/16', '10.0.0.0/24', '10.0.0.0/28', '10.0.0.0/29'].map((r) =>
        staticBandSize(cidr(r)),
      ),
    ).toEqual([256, 256, 16, 0, 0]);
  });

  it('starts its scan at the random offset and wraps around', () => {
    expect(allocateClusterIP(cidr('10.0.0.0/24'), new Set(['10.0.0.254']), undefined, (n) => n - 1)).toEqual({
      ok: true,
      value: '10.0.0.17',
    });
  });
});

describe('allocateNodePort', () => {
  const range = DEFAULT_NODE_PORT_RANGE;
  const cases: Array<[string, number[], number | undefined, unknown]> = [
    ['gives a requested free port', [], 30080, { ok: true, value: 30080 }],
    [
      'refuses a port another Service holds',
      [30080],
      30080,
      { ok: false, error: 'provided port is already allocated' },
    ],
    [
      'refuses a port below the range',
      [],
      8080,
      {
        ok: false,
        error: 'provided port is not in the valid range. The range of valid ports is 30000-32767',
      },
    ],
    [
      'refuses a port above the range',
      [],
      32768,
      {
        ok: false,
        error: 'provided port is not in the valid range. The range of valid ports is 30000-32767',
      },
    ],
    ['picks from the upper band first, past the 86 static ports', [], undefined, { ok: true, value: 30086 }],
    ['skips held ports', [30086, 30087], undefined, { ok: true, value: 30088 }],
  ];
  it.each(cases)('%s', (_name, held, requested, want) => {
    expect(allocateNodePort(range, new Set(held), requested, first)).toEqual(want);
  });

  it('keeps min(max(16, size/32), 128) ports for static use', () => {
    expect([
      staticPortBand(range),
      staticPortBand({ base: 30000, size: 100 }),
      staticPortBand({ base: 1, size: 10 }),
    ]).toEqual([86, 16, 0]);
  });

  it('falls back to the static band, then says when the range is full', () => {
    const small = { base: 30000, size: 17 };
    const upper = new Set([30016]);
    expect(allocateNodePort(small, upper, undefined, first)).toEqual({ ok: true, value: 30000 });
    const all = new Set(Array.from({ length: 17 }, (_, i) => 30000 + i));
    expect(allocateNodePort(small, all, undefined, first)).toEqual({ ok: false, error: 'range is full' });
  });
});

describe('host routes', () => {
  it('reads /proc/net/route, leaving the default route out', () => {
    const text = [
      'Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT',
      'eth0\t00000000\t010200C0\t0003\t0\t0\t0\t00000000\t0\t0\t0',
      'br-61e0eefd025e\t00001AAC\t00000000\t0001\t0\t0\t0\t0000FFFF\t0\t0\t0',
      'eth0\t000200C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0',
      'br-ac462ed8f0d1\t0020A8C0\t00000000\t0001\t0\t0\t0\t00F0FFFF\t0\t0\t0',
      'tun0\t0000600A\t00000000\t0001\t0\t0\t0\t0000F0FF\t0\t0\t0',
    ].join('\n');
    expect(parseProcNetRoute(text)).toEqual([
      cidr('172.26.0.0/16'),
      cidr('192.0.2.0/24'),
      cidr('192.168.32.0/20'),
      cidr('10.96.0.0/12'),
    ]);
  });

  it('reads `ip route` output, route types and host routes included', () => {
    const text = [
      'default via 192.0.2.1 dev eth0 ',
      '172.26.0.0/16 dev br-61e0eefd025e proto kernel scope link src 172.26.0.1 linkdown ',
      'local 10.96.0.0/12 dev lo scope host',
      'unreachable 10.112.0.0/16',
      '10.113.4.5 via 192.0.2.1 dev eth0',
    ].join('\n');
    expect(parseIpRoute(text)).toEqual([
      cidr('172.26.0.0/16'),
      cidr('10.96.0.0/12'),
      cidr('10.112.0.0/16'),
      cidr('10.113.4.5/32'),
    ]);
  });
});

describe('chooseServiceRange', () => {
  const docker = [cidr('172.17.0.0/16'), cidr('192.168.32.0/20')];
  const cases: Array<[string, Cidr[], Cidr[], string | undefined]> = [
    ['gives the first home Kubernetes’ default range', docker, [], '10.96.0.0/12'],
    ['gives a later home the first free /16 after it', docker, [cidr('10.96.0.0/12')], '10.112.0.0/16'],
    [
      'skips /16 blocks other homes hold',
      docker,
      [cidr('10.96.0.0/12'), cidr('10.112.0.0/16'), cidr('10.114.0.0/16')],
      '10.113.0.0/16',
    ],
    ['moves off the default range when a route overlaps it', [cidr('10.100.0.0/16')], [], '10.112.0.0/16'],
    [
      'treats a host route inside a block as an overlap',
      [cidr('10.112.3.4/32')],
      [cidr('10.96.0.0/12')],
      '10.113.0.0/16',
    ],
    ['has nothing to give when a route covers all of 10/8', [cidr('10.0.0.0/8')], [], undefined],
  ];
  it.each(cases)('%s', (_name, routes, claimed, want) => {
    expect(chooseServiceRange({ routes, claimed })).toEqual(want);
  });
});
