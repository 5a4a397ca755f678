// ClusterIP allocation as the API server's bitmap allocator (pkg/registry/core/service/ipallocator)
// does it, over the set of addresses the Services already hold: a requested address is checked,
// otherwise a random free one is picked, preferring the upper band so the lower one stays free for
// addresses people request by hand (the `kubernetes` and `kube-dns` Services among them).
import { type Cidr, cidrContains, cidrSize, formatCidr, formatIPv4, parseIPv4 } from '../../api/ipv4.js';

export type Allocation<T> = { ok: true; value: T } | { ok: false; error: string };

/** A random integer in [0, n). Injected so tests are deterministic. */
export type RandomInt = (n: number) => number;

export const randomInt: RandomInt = (n) => Math.floor(Math.random() * n);

/** The usable addresses: the network and broadcast addresses are never handed out. */
function usable(range: Cidr): { first: number; count: number } {
  return { first: range.base + 1, count: Math.max(cidrSize(range) - 2, 0) };
}

/** ipallocator's calculateRangeOffset: min(max(16, size/16), 256) addresses kept for static use. */
export function staticBandSize(range: Cidr): number {
  const size = usable(range).count;
  const min = 16;
  const max = 256;
  if (size < min) return 0;
  return Math.min(Math.max(min, Math.floor(size / 16)), max);
}

/** ErrNotInRange / ErrAllocated texts, as Allocate returns them. */
export function checkRequestedIP(
  range: Cidr,
  requested: string,
  allocated: ReadonlySet<string>,
): string | undefined {
  const ip = parseIPv4(requested);
  const { first, count } = usable(range);
  if (ip === undefined || !cidrContains(range, ip) || ip < first || ip >= first + count) {
    return `the provided IP (${requested}) is not in the valid range. The range of valid IPs is ${formatCidr(range)}`;
  }
  if (allocated.has(formatIPv4(ip))) return 'provided IP is already allocated';
  return undefined;
}

/**
 * The address to give a Service: `requested` when it is free and in range, else a random free
 * one. Errors are the allocator's own texts (the caller wraps them as the API server does).
 */
export function allocateClusterIP(
  range: Cidr,
  allocated: ReadonlySet<string>,
  requested?: string,
  random: RandomInt = randomInt,
): Allocation<string> {
  if (requested) {
    const error = checkRequestedIP(range, requested, allocated);
    return error ? { ok: false, error } : { ok: true, value: requested };
  }
  const { first, count } = usable(range);
  const band = staticBandSize(range);
  // Upper (dynamic) band first, then the static one, each scanned from a random start.
  for (const [from, size] of [
    [first + band, count - band],
    [first, band],
  ] as const) {
    const start = size > 0 ? random(size) : 0;
    for (let i = 0; i < size; i++) {
      const ip = formatIPv4(from + ((start + i) % size));
      if (!allocated.has(ip)) return { ok: true, value: ip };
    }
  }
  return { ok: false, error: 'range is full' };
}
