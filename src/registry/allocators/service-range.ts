// Choosing a state directory's service range from the host's routes and the ranges other state
// directories on this machine already hold. Pure: the routes and claims are read elsewhere, and
// choosing never sends anything anywhere.
import { type Cidr, cidrsOverlap, formatCidr, parseCidr } from '../../api/ipv4.js';

/** Kubernetes' default --service-cluster-ip-range, for the first state directory. */
export const DEFAULT_SERVICE_RANGE = '10.96.0.0/12';

/**
 * The ranges tried in order: the default /12, then /16 blocks from 10.112.0.0 up to 10.255.0.0
 * (a /16 holds 65534 Services, far more than a laptop runs).
 */
export function candidateRanges(): Cidr[] {
  const out: Cidr[] = [parseCidr(DEFAULT_SERVICE_RANGE)!];
  for (let second = 112; second <= 255; second++) out.push(parseCidr(`10.${second}.0.0/16`)!);
  return out;
}

/**
 * /proc/net/route: one route a line, destination and mask as 8 hex digits in the host's (little-
 * endian) byte order. Default routes (mask 0) are left out: they cover everything and say nothing.
 */
export function parseProcNetRoute(text: string): Cidr[] {
  const out: Cidr[] = [];
  for (const line of text.split('\n').slice(1)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 8) continue;
    const dest = leHex(f[1]!);
    const mask = leHex(f[7]!);
    if (dest === undefined || mask === undefined || mask === 0) continue;
    out.push({ base: dest, prefix: maskBits(mask) });
  }
  return out;
}

/** `ip route` (and `ip route show table local`) output: the destination of each line. */
export function parseIpRoute(text: string): Cidr[] {
  const out: Cidr[] = [];
  const types = new Set([
    'unicast',
    'local',
    'broadcast',
    'multicast',
    'unreachable',
    'blackhole',
    'prohibit',
    'throw',
    'nat',
    'anycast',
  ]);
  for (const line of text.split('\n')) {
    const f = line.trim().split(/\s+/);
    const dest = types.has(f[0] ?? '') ? f[1] : f[0];
    if (!dest || dest === 'default') continue;
    const cidr = parseCidr(dest.includes('/') ? dest : `${dest}/32`);
    if (cidr && cidr.prefix > 0) out.push(cidr);
  }
  return out;
}

function leHex(hex: string): number | undefined {
  if (!/^[0-9A-Fa-f]{8}$/.test(hex)) return undefined;
  const n = Number.parseInt(hex, 16);
  return ((n & 255) * 2 ** 24 + ((n >>> 8) & 255) * 65536 + ((n >>> 16) & 255) * 256 + (n >>> 24)) >>> 0;
}

function maskBits(mask: number): number {
  let bits = 0;
  for (let m = mask >>> 0; m & 0x80000000; m = (m << 1) >>> 0) bits++;
  return bits;
}

export interface RangeChoice {
  /** Routes on the host (default routes already left out). */
  routes: Cidr[];
  /** Ranges other state directories hold. */
  claimed: Cidr[];
}

/** The first candidate no route and no other state directory overlaps, or undefined. */
export function chooseServiceRange({ routes, claimed }: RangeChoice): string | undefined {
  const taken = [...routes, ...claimed];
  const free = candidateRanges().find((c) => !taken.some((t) => cidrsOverlap(c, t)));
  return free && formatCidr(free);
}
