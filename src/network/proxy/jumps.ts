// The only rules a home puts in the built-in chains: one jump per (table, chain, target), inserted at
// the top (ahead of Docker's own jumps, which would otherwise catch service IPs: they are local
// addresses) and recognised by their exact text, so `iptables -C` finds them and they exist once.
import { chainPrefix, topChains } from './names.js';

export interface JumpRule {
  table: 'nat' | 'filter';
  chain: 'PREROUTING' | 'OUTPUT' | 'POSTROUTING' | 'INPUT' | 'FORWARD';
  /** The rule's arguments after the chain name, exactly as given to `iptables -C/-I/-D`. */
  args: string[];
}

const newOnly = ['-m', 'conntrack', '--ctstate', 'NEW'];

export function computeJumps(id: string): JumpRule[] {
  const top = topChains(id);
  const tag = chainPrefix(id).slice(0, -1);
  const jump = (text: string, target: string, extra: string[] = []) => [
    ...extra,
    '-m',
    'comment',
    '--comment',
    `${tag} ${text}`,
    '-j',
    target,
  ];
  const portals = (extra: string[] = []) => jump('service portals', top.services, extra);
  return [
    { table: 'nat', chain: 'PREROUTING', args: portals() },
    { table: 'nat', chain: 'OUTPUT', args: portals() },
    { table: 'nat', chain: 'POSTROUTING', args: jump('postrouting rules', top.postrouting) },
    { table: 'filter', chain: 'INPUT', args: portals(newOnly) },
    { table: 'filter', chain: 'INPUT', args: jump('firewall', top.firewall) },
    { table: 'filter', chain: 'FORWARD', args: portals(newOnly) },
    { table: 'filter', chain: 'FORWARD', args: jump('forwarding rules', top.forward) },
    { table: 'filter', chain: 'OUTPUT', args: portals(newOnly) },
  ];
}
