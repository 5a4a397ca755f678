import { describe, expect, it } from 'vitest';
import {
  conflictingRoutes,
  formatCidr,
  hasLocalRoute,
  parseCidr,
} from '../../../../src/network/proxy/route.js';

const MAIN = [
  'default via 192.0.2.1 dev eth0',
  '172.18.0.0/16 dev br-1 proto kernel scope link src 172.18.0.1',
  '10.100.0.0/16 dev tun0 scope link',
  '10.96.0.7 via 192.0.2.9 dev eth0',
].join('\n');

describe('the local route of the service range', () => {
  it.each([
    ['a range clear of every route', '10.112.0.0/12', []],
    [
      'a range holding a VPN subnet and a host route',
      '10.96.0.0/12',
      ['10.100.0.0/16 dev tun0 scope link', '10.96.0.7 via 192.0.2.9 dev eth0'],
    ],
    [
      'a range inside a Docker network',
      '172.18.5.0/24',
      ['172.18.0.0/16 dev br-1 proto kernel scope link src 172.18.0.1'],
    ],
  ])('conflicts with %s', (_name, cidr, expected) => {
    expect(conflictingRoutes(MAIN, cidr)).toEqual(expected);
  });

  it('recognises its own route only, as `ip route show table local` prints it', () => {
    const local =
      'local 127.0.0.0/8 dev lo proto kernel scope host src 127.0.0.1\nlocal 10.96.0.0/12 dev lo scope host\n';
    expect([
      hasLocalRoute(local, '10.96.0.0/12'),
      hasLocalRoute(local, '10.96.0.0/16'),
      hasLocalRoute('', '10.96.0.0/12'),
    ]).toEqual([true, false, false]);
  });

  it('normalises a range to what `ip route` prints and rejects what is not IPv4', () => {
    expect([
      formatCidr(parseCidr('10.96.3.1/12')!),
      formatCidr(parseCidr('10.1.2.3')!),
      parseCidr('fd00::/108'),
      parseCidr('10.0.0.0/33'),
    ]).toEqual(['10.96.0.0/12', '10.1.2.3/32', undefined, undefined]);
  });
});
