// The whole desired rule set of one home, as iptables-restore lines, from Services and EndpointSlices.
// Shaped like kube-proxy's iptables mode: nat SERVICES -> SVC (random endpoint) -> SEP (DNAT), NodePorts
// and LoadBalancers through EXT chains that mark for masquerade, a POSTROUTING chain that masquerades
// marked traffic, and filter rules that REJECT a service port with no endpoint at once. Pure.
import type { Service } from 'kubernetes-types/core/v1.js';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1.js';
import { endpointChain, externalChain, serviceChain, topChains } from './names.js';
import { type ProxiedPort, proxiedPorts } from './service-ports.js';

export interface ProxyInput {
  /** 8 hex identifying the state directory: `proxyIdentity(home)`. */
  id: string;
  /** The home's service range, routed locally (`ip route add local <cidr> dev lo`). */
  serviceCIDR: string;
  services: Service[];
  endpointSlices: EndpointSlice[];
  /** The pods' subnet: traffic to a ClusterIP from outside it (the host) is masqueraded, as kube-proxy's --cluster-cidr. */
  clusterCIDR?: string;
  /** NodePorts answer on 127.0.0.1 too (kube-proxy's --iptables-localhost-nodeports, default true). */
  localhostNodePorts?: boolean;
}

export interface ProxyRules {
  /** iptables-restore lines for the nat table: chain declarations, then rules (no `*nat`/COMMIT). */
  nat: string[];
  /** The same for the filter table. */
  filter: string[];
  /** Some rule DNATs traffic sent to 127.0.0.1 (NodePort on localhost, LoadBalancer): needs route_localnet. */
  needsRouteLocalnet: boolean;
}

/** The packet mark meaning "masquerade me in POSTROUTING" (kube-proxy's 0x4000). */
export const MASQ_MARK = '0x4000';

const tcpMatch = (protocol: string): string[] => {
  const p = protocol.toLowerCase();
  return ['-m', p, '-p', p];
};
const comment = (text: string): string[] => ['-m', 'comment', '--comment', quote(text)];
const quote = (text: string): string => (/^[\w./:-]+$/.test(text) ? text : `"${text}"`);

/** kube-proxy's probability format: 1/n with ten decimals. */
const probability = (n: number): string => (1 / n).toFixed(10);

export function computeRules(input: ProxyInput): ProxyRules {
  const top = topChains(input.id);
  const localhostNodePorts = input.localhostNodePorts ?? true;
  const ports = proxiedPorts(input.services, input.endpointSlices);

  const natChains = [top.services, top.nodePorts, top.postrouting, top.markMasq];
  const nat: string[][] = [];
  const filterChains = [top.services, top.forward, top.firewall];
  const filter: string[][] = [];
  let needsRouteLocalnet = false;

  nat.push(['-A', top.postrouting, '-m', 'mark', '!', '--mark', `${MASQ_MARK}/${MASQ_MARK}`, '-j', 'RETURN']);
  // Clear the mark so a packet re-entering the stack (hairpin) is not masqueraded twice.
  nat.push(['-A', top.postrouting, '-j', 'MARK', '--xor-mark', MASQ_MARK]);
  nat.push(['-A', top.postrouting, ...comment('mkube service traffic requiring SNAT'), '-j', 'MASQUERADE']);
  nat.push(['-A', top.markMasq, '-j', 'MARK', '--or-mark', MASQ_MARK]);

  for (const sp of ports) {
    const svc = serviceChain(input.id, sp.name, sp.protocol);
    const ext = externalChain(input.id, sp.name, sp.protocol);
    const proto = tcpMatch(sp.protocol);
    const external = sp.nodePort !== undefined || sp.loadBalancerIPs.length > 0;
    if (external && (localhostNodePorts || sp.loadBalancerIPs.length > 0)) needsRouteLocalnet = true;

    if (sp.endpoints.length === 0) {
      const why = comment(`${sp.name} has no endpoints`);
      filter.push([
        '-A',
        top.services,
        ...why,
        ...proto,
        '-d',
        `${sp.clusterIP}/32`,
        '--dport',
        `${sp.port}`,
        '-j',
        'REJECT',
      ]);
      for (const ip of sp.loadBalancerIPs) {
        filter.push([
          '-A',
          top.services,
          ...why,
          ...proto,
          '-d',
          `${ip}/32`,
          '--dport',
          `${sp.port}`,
          '-j',
          'REJECT',
        ]);
      }
      if (sp.nodePort !== undefined) {
        filter.push([
          '-A',
          top.services,
          ...why,
          '-m',
          'addrtype',
          '--dst-type',
          'LOCAL',
          ...proto,
          '--dport',
          `${sp.nodePort}`,
          '-j',
          'REJECT',
        ]);
      }
      continue;
    }

    natChains.push(svc);
    nat.push([
      '-A',
      top.services,
      ...comment(`${sp.name} cluster IP`),
      ...proto,
      '-d',
      `${sp.clusterIP}/32`,
      '--dport',
      `${sp.port}`,
      '-j',
      svc,
    ]);
    if (input.clusterCIDR) {
      nat.push([
        '-A',
        svc,
        ...comment(`${sp.name} cluster IP`),
        ...proto,
        '-d',
        `${sp.clusterIP}/32`,
        '--dport',
        `${sp.port}`,
        '!',
        '-s',
        input.clusterCIDR,
        '-j',
        top.markMasq,
      ]);
    }
    nat.push(...endpointRules(input.id, sp, svc, natChains, top.markMasq));

    if (!external) continue;
    natChains.push(ext);
    for (const ip of sp.loadBalancerIPs) {
      nat.push([
        '-A',
        top.services,
        ...comment(`${sp.name} loadbalancer IP`),
        ...proto,
        '-d',
        `${ip}/32`,
        '--dport',
        `${sp.port}`,
        '-j',
        ext,
      ]);
    }
    if (sp.nodePort !== undefined) {
      nat.push(['-A', top.nodePorts, ...comment(sp.name), ...proto, '--dport', `${sp.nodePort}`, '-j', ext]);
    }
    if (sp.externalTrafficPolicy === 'Cluster') {
      nat.push([
        '-A',
        ext,
        ...comment(`masquerade traffic for ${sp.name} external destinations`),
        '-j',
        top.markMasq,
      ]);
    } else {
      // Local: one node, so every endpoint is local; keep the client's address except for the host's own
      // traffic (from 127.0.0.1 it could not come back without SNAT).
      nat.push([
        '-A',
        ext,
        ...comment(`masquerade LOCAL traffic for ${sp.name} external destinations`),
        '-m',
        'addrtype',
        '--src-type',
        'LOCAL',
        '-j',
        top.markMasq,
      ]);
    }
    nat.push(['-A', ext, '-j', svc]);
  }

  // Service IPs are local addresses (local route), so NodePorts must not answer on them, and without
  // localhost NodePorts not on 127.0.0.0/8 either. NODEPORTS stays the last rule.
  nat.push(['-A', top.services, '-d', input.serviceCIDR, '-j', 'RETURN']);
  if (!localhostNodePorts) nat.push(['-A', top.services, '-d', '127.0.0.0/8', '-j', 'RETURN']);
  nat.push([
    '-A',
    top.services,
    ...comment('mkube service nodeports; NOTE: this must be the last rule in this chain'),
    '-m',
    'addrtype',
    '--dst-type',
    'LOCAL',
    '-j',
    top.nodePorts,
  ]);

  // First packets marked for masquerade (a NodePort reached from another machine) pass Docker's FORWARD DROP.
  filter.push([
    '-A',
    top.forward,
    ...comment('mkube forwarding rules'),
    '-m',
    'mark',
    '--mark',
    `${MASQ_MARK}/${MASQ_MARK}`,
    '-j',
    'ACCEPT',
  ]);
  // route_localnet lets 127.0.0.1 be DNATed; never let packets from elsewhere reach 127.0.0.0/8 (CVE-2020-8558).
  filter.push([
    '-A',
    top.firewall,
    ...comment('block incoming localnet connections'),
    '-d',
    '127.0.0.0/8',
    '!',
    '-s',
    '127.0.0.0/8',
    '-m',
    'conntrack',
    '!',
    '--ctstate',
    'RELATED,ESTABLISHED,DNAT',
    '-j',
    'DROP',
  ]);

  return {
    nat: [...natChains.map(declare), ...nat.map((r) => r.join(' '))],
    filter: [...filterChains.map(declare), ...filter.map((r) => r.join(' '))],
    needsRouteLocalnet,
  };
}

const declare = (chain: string): string => `:${chain} - [0:0]`;

/** SVC chain: affinity checks, then endpoint i with probability 1/(n-i); each SEP chain DNATs. */
function endpointRules(
  id: string,
  sp: ProxiedPort,
  svc: string,
  chains: string[],
  markMasq: string,
): string[][] {
  const rules: string[][] = [];
  const seps = sp.endpoints.map((e) => ({
    ...e,
    chain: endpointChain(id, sp.name, sp.protocol, `${e.ip}:${e.port}`),
  }));
  const recent = (chain: string, action: string[]) => [
    '-m',
    'recent',
    '--name',
    chain,
    '--mask',
    '255.255.255.255',
    '--rsource',
    ...action,
  ];
  if (sp.affinitySeconds !== undefined) {
    for (const sep of seps) {
      rules.push([
        '-A',
        svc,
        ...comment(`${sp.name} -> ${sep.ip}:${sep.port}`),
        ...recent(sep.chain, ['--rcheck', '--seconds', `${sp.affinitySeconds}`, '--reap']),
        '-j',
        sep.chain,
      ]);
    }
  }
  seps.forEach((sep, i) => {
    const left = seps.length - i;
    const pick = left > 1 ? ['-m', 'statistic', '--mode', 'random', '--probability', probability(left)] : [];
    rules.push(['-A', svc, ...comment(`${sp.name} -> ${sep.ip}:${sep.port}`), ...pick, '-j', sep.chain]);
  });
  for (const sep of seps) {
    chains.push(sep.chain);
    // Hairpin: a pod reaching itself through its Service must be masqueraded or the reply bypasses NAT.
    rules.push(['-A', sep.chain, ...comment(sp.name), '-s', `${sep.ip}/32`, '-j', markMasq]);
    rules.push([
      '-A',
      sep.chain,
      ...comment(sp.name),
      ...(sp.affinitySeconds !== undefined ? recent(sep.chain, ['--set']) : []),
      ...tcpMatch(sp.protocol),
      '-j',
      'DNAT',
      '--to-destination',
      `${sep.ip}:${sep.port}`,
    ]);
  }
  return rules;
}
