// The local route that keeps service IPs on this machine: `local <serviceCIDR> dev lo` in table local.
// Refused when the range overlaps a route the machine already uses (a Docker network, a VPN, the LAN):
// routing it locally would cut that network off. Pure parsing of `ip route` output.

export interface Cidr {
  base: number;
  bits: number;
}

export function parseCidr(text: string): Cidr | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)(?:\/(\d+))?$/.exec(text.trim());
  if (!m) return undefined;
  const octets = m.slice(1, 5).map(Number);
  const bits = m[5] === undefined ? 32 : Number(m[5]);
  if (octets.some((o) => o > 255) || bits > 32) return undefined;
  const addr = octets.reduce((acc, o) => acc * 256 + o, 0);
  const size = 2 ** (32 - bits);
  return { base: addr - (addr % size), bits };
}

export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  const aEnd = a.base + 2 ** (32 - a.bits);
  const bEnd = b.base + 2 ** (32 - b.bits);
  return a.base < bEnd && b.base < aEnd;
}

/** Lines of `ip route show table main` whose destination overlaps the range (default routes excepted). */
export function conflictingRoutes(mainTable: string, serviceCIDR: string): string[] {
  const range = parseCidr(serviceCIDR);
  if (!range) return [];
  return mainTable
    .split('\n')
    .map((l) => l.trim())
    .filter((line) => {
      const dst = parseCidr(line.split(/\s+/)[0] ?? '');
      return dst !== undefined && cidrsOverlap(dst, range);
    });
}

/** Whether `ip route show table local` already holds `local <cidr> dev lo`. */
export function hasLocalRoute(localTable: string, serviceCIDR: string): boolean {
  return localTable.split('\n').some((line) => {
    const [type, dst, dev, ifname] = line.trim().split(/\s+/);
    return type === 'local' && dst === serviceCIDR && dev === 'dev' && ifname === 'lo';
  });
}

/** `a.b.c.d/n` with the host bits cleared, as `ip route` prints it. */
export function formatCidr(c: Cidr): string {
  const octets = [24, 16, 8, 0].map((shift) => Math.floor(c.base / 2 ** shift) % 256);
  return `${octets.join('.')}/${c.bits}`;
}
