// Pod addresses mkube hands out itself (as a CNI plugin's host-local IPAM does): the upper half of
// the home network's subnet, while Docker's own IPAM keeps the lower half (the network's IPRange)
// for the sandboxes it still attaches (pods with host ports).

export interface Ipv4Range {
  /** First and last usable address, as 32-bit numbers. */
  first: number;
  last: number;
}

export const ipToNumber = (ip: string): number =>
  ip.split('.').reduce((n, part) => n * 256 + Number(part), 0);

export const numberToIp = (n: number): string =>
  [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');

const IPV4_CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** `172.18.0.0/16` -> base and prefix length; undefined for anything but an IPv4 CIDR. */
export function parseCidr(cidr: string): { base: number; prefix: number } | undefined {
  const m = IPV4_CIDR.exec(cidr);
  if (!m || m.slice(1, 5).some((p) => Number(p) > 255)) return undefined;
  const prefix = Number(m[5]);
  if (prefix > 32) return undefined;
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  return { base: (ipToNumber(m.slice(1, 5).join('.')) & mask) >>> 0, prefix };
}

/**
 * How a subnet is split: Docker's dynamic range (the lower half, given to Docker as IPRange) and
 * the pods' half (the upper one). Undefined for a subnet too small to halve usefully (< a /24).
 */
export function splitSubnet(cidr: string): { dockerRange: string; podCidr: string } | undefined {
  const parsed = parseCidr(cidr);
  if (!parsed || parsed.prefix > 24) return undefined;
  const half = 2 ** (32 - parsed.prefix - 1);
  return {
    dockerRange: `${numberToIp(parsed.base)}/${parsed.prefix + 1}`,
    podCidr: `${numberToIp(parsed.base + half)}/${parsed.prefix + 1}`,
  };
}

/** The usable addresses of a CIDR: without its network and broadcast addresses. */
export function cidrRange(cidr: string): Ipv4Range | undefined {
  const parsed = parseCidr(cidr);
  if (!parsed || parsed.prefix > 30) return undefined;
  return { first: parsed.base + 1, last: parsed.base + 2 ** (32 - parsed.prefix) - 2 };
}

/**
 * Hands out addresses in order (as Docker's serial IPAM does, so an address just given back is not
 * reused at once while conntrack entries and endpoints may still name it), skipping those in use.
 * `inUse` is asked again when the cursor wraps, so addresses freed since are seen.
 */
export class PodAddressAllocator {
  private cursor: number;
  private taken: Set<number>;
  /** When each address was handed out: a relist cannot see one whose sandbox is not created yet. */
  private readonly handedOut = new Map<number, number>();

  constructor(
    private readonly range: Ipv4Range,
    inUse: Iterable<string>,
    private readonly relist: () => Promise<Iterable<string>>,
    private readonly now: () => number = Date.now,
  ) {
    this.taken = toNumbers(inUse);
    // Carry on after the highest address in use, as a restarted agent should.
    const highest = Math.max(range.first - 1, ...[...this.taken].filter((n) => this.inRange(n)));
    this.cursor = highest + 1;
  }

  /** The next free address; throws when every address of the range is in use. */
  async next(): Promise<string> {
    for (let pass = 0; pass < 2; pass++) {
      while (this.cursor <= this.range.last) {
        const n = this.cursor++;
        if (!this.taken.has(n)) {
          this.taken.add(n);
          this.handedOut.set(n, this.now());
          return numberToIp(n);
        }
      }
      this.cursor = this.range.first;
      this.taken = toNumbers(await this.relist());
      for (const [n, at] of this.handedOut) {
        if (this.now() - at < IN_FLIGHT_MS) this.taken.add(n);
        else this.handedOut.delete(n);
      }
    }
    throw new Error(`no free pod address in ${numberToIp(this.range.first)}-${numberToIp(this.range.last)}`);
  }

  private inRange(n: number): boolean {
    return n >= this.range.first && n <= this.range.last;
  }
}

/** Longer than any sandbox create takes: an address handed out this recently may not be listed yet. */
const IN_FLIGHT_MS = 60_000;

const toNumbers = (ips: Iterable<string>): Set<number> => new Set([...ips].map(ipToNumber));
