// The local route that keeps service IPs on this machine: `local <serviceCIDR> dev lo` in table local.
// Refused when the range overlaps a route the machine already uses (a Docker network, a VPN, the LAN):
// routing it locally would cut that network off. Pure parsing of `ip route` output.
import { type Cidr, cidrsOverlap, parseCidr as parseBlock } from '../../api/ipv4.js';

export { formatCidr } from '../../api/ipv4.js';

/** `a.b.c.d/n`, or a bare `a.b.c.d` as `ip route` prints a host route (a /32). */
export function parseCidr(text: string): Cidr | undefined {
  const t = text.trim();
  return parseBlock(t.includes('/') ? t : `${t}/32`);
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
