// NodePort allocation as the API server's portallocator does it: a requested port is checked
// against the range and the ports Services hold; otherwise a random free port, preferring the
// upper band (ServiceNodePortStaticSubrange) so requested ports rarely collide.
import { type Allocation, type RandomInt, randomInt } from './cluster-ip.js';

export interface PortRange {
  base: number;
  size: number;
}

/** The API server's default --service-node-port-range. */
export const DEFAULT_NODE_PORT_RANGE: PortRange = { base: 30000, size: 2768 };

export function formatPortRange(r: PortRange): string {
  return `${r.base}-${r.base + r.size - 1}`;
}

/** portallocator's calculateRangeOffset: min(max(16, size/32), 128) ports kept for static use. */
export function staticPortBand(r: PortRange): number {
  const min = 16;
  const max = 128;
  if (r.size < min) return 0;
  return Math.min(Math.max(min, Math.floor(r.size / 32)), max);
}

/** ErrNotInRange / ErrAllocated texts. */
export function checkRequestedPort(
  r: PortRange,
  port: number,
  allocated: ReadonlySet<number>,
): string | undefined {
  if (port < r.base || port >= r.base + r.size) {
    return `provided port is not in the valid range. The range of valid ports is ${formatPortRange(r)}`;
  }
  if (allocated.has(port)) return 'provided port is already allocated';
  return undefined;
}

/** `requested` when free and in range, else a random free port; errors are the allocator's texts. */
export function allocateNodePort(
  r: PortRange,
  allocated: ReadonlySet<number>,
  requested?: number,
  random: RandomInt = randomInt,
): Allocation<number> {
  if (requested) {
    const error = checkRequestedPort(r, requested, allocated);
    return error ? { ok: false, error } : { ok: true, value: requested };
  }
  const band = staticPortBand(r);
  for (const [from, size] of [
    [r.base + band, r.size - band],
    [r.base, band],
  ] as const) {
    const start = size > 0 ? random(size) : 0;
    for (let i = 0; i < size; i++) {
      const port = from + ((start + i) % size);
      if (!allocated.has(port)) return { ok: true, value: port };
    }
  }
  return { ok: false, error: 'range is full' };
}
