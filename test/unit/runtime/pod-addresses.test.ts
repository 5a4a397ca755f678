// The pods' half of the home subnet and the serial allocator over it.
import { describe, expect, it } from 'vitest';
import {
  cidrRange,
  numberToIp,
  PodAddressAllocator,
  parseCidr,
  splitSubnet,
} from '../../../src/runtime/pod-addresses.js';

describe('splitSubnet', () => {
  const cases: Array<[string, ReturnType<typeof splitSubnet>]> = [
    ['172.18.0.0/16', { dockerRange: '172.18.0.0/17', podCidr: '172.18.128.0/17' }],
    ['192.168.16.0/20', { dockerRange: '192.168.16.0/21', podCidr: '192.168.24.0/21' }],
    ['10.1.2.0/24', { dockerRange: '10.1.2.0/25', podCidr: '10.1.2.128/25' }],
    // Host bits set: the network is what counts.
    ['172.18.3.4/16', { dockerRange: '172.18.0.0/17', podCidr: '172.18.128.0/17' }],
    ['10.1.2.0/25', undefined],
    ['fd00::/64', undefined],
    ['300.1.1.1/16', undefined],
  ];
  it.each(cases)('%s', (cidr, want) => expect(splitSubnet(cidr)).toEqual(want));
});

describe('cidrRange and parseCidr', () => {
  it('gives the usable addresses of a CIDR', () => {
    const r = cidrRange('172.18.128.0/17')!;
    expect([numberToIp(r.first), numberToIp(r.last)]).toEqual(['172.18.128.1', '172.18.255.254']);
    expect(cidrRange('10.0.0.0/31')).toBeUndefined();
    expect(parseCidr('10.0.0.0/33')).toBeUndefined();
  });
});

describe('PodAddressAllocator', () => {
  const range = cidrRange('10.9.0.0/29')!; // 10.9.0.1 .. 10.9.0.6

  it('hands out addresses in order, skipping those in use, and carries on after the highest', async () => {
    const a = new PodAddressAllocator(range, ['10.9.0.2', '172.17.0.5'], async () => []);
    expect([await a.next(), await a.next(), await a.next()]).toEqual(['10.9.0.3', '10.9.0.4', '10.9.0.5']);
  });

  it('starts at the first address of an empty range', async () => {
    const a = new PodAddressAllocator(range, [], async () => []);
    expect(await a.next()).toBe('10.9.0.1');
  });

  it('wraps around with a fresh list of what is in use, keeping addresses handed out just now', async () => {
    let now = 0;
    const relisted = ['10.9.0.1'];
    const a = new PodAddressAllocator(
      range,
      ['10.9.0.5'],
      async () => relisted,
      () => now,
    );
    expect(await a.next()).toBe('10.9.0.6'); // handed out at t=0, not listed yet
    now = 1000;
    // Wrapped: .1 is listed, .6 was handed out a moment ago; .2 is free.
    expect(await a.next()).toBe('10.9.0.2');
  });

  it('reuses an address handed out long ago once the list no longer has it', async () => {
    let now = 0;
    const a = new PodAddressAllocator(
      cidrRange('10.9.0.0/30')!,
      [],
      async () => [],
      () => now,
    );
    expect([await a.next(), await a.next()]).toEqual(['10.9.0.1', '10.9.0.2']);
    now = 120_000;
    expect(await a.next()).toBe('10.9.0.1');
  });

  it('says so when every address is in use', async () => {
    const full = ['10.9.0.1', '10.9.0.2'];
    const a = new PodAddressAllocator(cidrRange('10.9.0.0/30')!, full, async () => full);
    await expect(a.next()).rejects.toThrow('no free pod address in 10.9.0.1-10.9.0.2');
  });
});
