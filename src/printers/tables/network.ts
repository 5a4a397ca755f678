// services, endpoints and ingresses.
import type { KObject } from '../../api/types.js';
import { since } from '../duration.js';
import { formatLabels } from '../table.js';
import { AGE, type KindTable, NAME, wide } from './common.js';

/** IPs or hostnames of a load balancer's ingress, cut to 16 characters unless wide. */
function loadBalancerIPs(status: any, wideOutput: boolean): string {
  const result = new Set<string>();
  for (const ing of status?.ingress ?? []) {
    if (ing.ip) result.add(ing.ip);
    else if (ing.hostname) result.add(ing.hostname);
  }
  const r = [...result].join(',');
  return !wideOutput && r.length > 16 ? `${r.slice(0, 13)}...` : r;
}

function externalIP(svc: KObject): string {
  const externalIPs: string[] = svc.spec?.externalIPs ?? [];
  switch (svc.spec?.type ?? 'ClusterIP') {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length > 0 ? externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      const lb = loadBalancerIPs(svc.status?.loadBalancer, true);
      if (externalIPs.length > 0) return [...(lb ? lb.split(',') : []), ...externalIPs].join(',');
      return lb || '<pending>';
    }
    case 'ExternalName':
      return svc.spec?.externalName ?? '';
  }
  return '<unknown>';
}

function ports(svc: KObject): string {
  const items = (svc.spec?.ports ?? []).map((p: any) => {
    const protocol = p.protocol ?? 'TCP';
    return p.nodePort > 0 ? `${p.port}:${p.nodePort}/${protocol}` : `${p.port}/${protocol}`;
  });
  return items.length > 0 ? items.join(',') : '<none>';
}

function clusterIP(svc: KObject): string {
  const ips: string[] | undefined = svc.spec?.clusterIPs;
  if (ips && ips.length > 0) return ips[0]!;
  return svc.spec?.clusterIP || '<none>';
}

export const services: KindTable = {
  columns: [
    NAME,
    { name: 'Type' },
    { name: 'Cluster-IP' },
    { name: 'External-IP' },
    { name: 'Port(s)' },
    AGE,
    wide('Selector'),
  ],
  cells: (svc, now) => [
    svc.metadata.name,
    svc.spec?.type ?? 'ClusterIP',
    clusterIP(svc),
    externalIP(svc),
    ports(svc),
    since(svc.metadata.creationTimestamp, now),
    formatLabels(svc.spec?.selector),
  ],
};

const hostPort = (ip: string, port: number) => (ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`);

/** At most three `ip:port` entries, then ` + N more...`; bare IPs for subsets without ports. */
export function formatEndpoints(ep: KObject): string {
  const subsets: any[] = ep.subsets ?? [];
  if (subsets.length === 0) return '<none>';
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  for (const ss of subsets) {
    const addresses: any[] = ss.addresses ?? [];
    const portList: any[] = ss.ports ?? [];
    if (portList.length === 0) {
      count += addresses.length;
      for (const a of addresses) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(a.ip);
      }
      continue;
    }
    for (const port of portList) {
      count += addresses.length;
      for (const a of addresses) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(hostPort(a.ip, port.port));
      }
    }
  }
  const ret = list.join(',');
  return more ? `${ret} + ${count - max} more...` : ret;
}

export const endpoints: KindTable = {
  columns: [NAME, { name: 'Endpoints' }, AGE],
  cells: (ep, now) => [ep.metadata.name, formatEndpoints(ep), since(ep.metadata.creationTimestamp, now)],
};

/** `listWithMoreString`: at most three entries, then ` + N more...`; `<unset>` when empty. */
function listWithMore(items: string[]): string {
  const max = 3;
  if (items.length > max) return `${items.slice(0, max).join(',')} + ${items.length - max} more...`;
  return items.join(',') || '<unset>';
}

/** `formatDiscoveryPorts`: port numbers (or the name when no number, or `*`). */
const discoveryPorts = (ports: any[] | null | undefined): string =>
  listWithMore((ports ?? []).map((p) => (p.port != null ? String(p.port) : (p.name ?? '*'))));

/** `formatDiscoveryEndpoints`: every address of every endpoint. */
const discoveryEndpoints = (endpoints: any[] | null | undefined): string =>
  listWithMore((endpoints ?? []).flatMap((e) => e.addresses ?? []));

export const endpointslices: KindTable = {
  columns: [NAME, { name: 'AddressType' }, { name: 'Ports' }, { name: 'Endpoints' }, AGE],
  cells: (eps, now) => [
    eps.metadata.name,
    eps.addressType ?? '',
    discoveryPorts(eps.ports),
    discoveryEndpoints(eps.endpoints),
    since(eps.metadata.creationTimestamp, now),
  ],
};

function ingressHosts(rules: any[] | undefined): string {
  const list: string[] = [];
  const max = 3;
  let more = false;
  for (const rule of rules ?? []) {
    if (list.length === max) more = true;
    if (!more && rule.host) list.push(rule.host);
  }
  if (list.length === 0) return '*';
  return more ? `${list.join(',')} + ${(rules ?? []).length - max} more...` : list.join(',');
}

export const ingresses: KindTable = {
  columns: [NAME, { name: 'Class' }, { name: 'Hosts' }, { name: 'Address' }, { name: 'Ports' }, AGE],
  cells: (ing, now) => [
    ing.metadata.name,
    ing.spec?.ingressClassName ?? '<none>',
    ingressHosts(ing.spec?.rules),
    loadBalancerIPs(ing.status?.loadBalancer, true),
    (ing.spec?.tls ?? []).length > 0 ? '80, 443' : '80',
    since(ing.metadata.creationTimestamp, now),
  ],
};

/** `printIngressClass`: PARAMETERS is `Kind[.apiGroup]/name`, or `<none>`. */
export const ingressclasses: KindTable = {
  columns: [NAME, { name: 'Controller' }, { name: 'Parameters' }, AGE],
  cells: (ic, now) => {
    const p = ic.spec?.parameters;
    const parameters = p ? `${p.kind}${p.apiGroup ? `.${p.apiGroup}` : ''}/${p.name}` : '<none>';
    return [
      ic.metadata.name,
      ic.spec?.controller ?? '',
      parameters,
      since(ic.metadata.creationTimestamp, now),
    ];
  },
};
