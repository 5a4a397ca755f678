// The cluster DNS resolver as a pure function: (question, index, config) -> the answer, or null
// when the name is not the cluster's and must be forwarded. Behaviour follows CoreDNS's
// kubernetes plugin as kubeadm configures it (`pods insecure`, `fallthrough in-addr.arpa ip6.arpa`):
// NXDOMAIN and NODATA carry the zone's SOA in the authority section, every record has the
// plugin's TTL, headless services answer with their ready endpoints only.
import { isIP } from 'node:net';
import type { Answer, Question } from 'dns-packet';
import {
  addressFromDashed,
  addressFromReverse,
  dashedAddress,
  isInZone,
  normalizeName,
  parseClusterName,
  REVERSE_ZONES,
  type SchemaName,
} from './names.js';
import type { DnsIndex, IndexedPort, IndexedService } from './record-index.js';

export interface DnsConfig {
  clusterDomain: string;
  /** TTL of every answer. CoreDNS's kubernetes plugin defaults to 5 s (kubeadm's Corefile sets 30). */
  ttl: number;
  /** `insecure` answers any well-formed pod name (kubeadm's default); `verified` only pods that exist. */
  podMode: 'insecure' | 'verified' | 'disabled';
  /** The DNS service's own addresses, answered for `ns.dns.<zone>` and the zone's NS query. */
  nameserverIPs: string[];
}

export const DEFAULT_DNS_CONFIG: DnsConfig = {
  clusterDomain: 'cluster.local',
  ttl: 5,
  podMode: 'insecure',
  nameserverIPs: [],
};

export interface DnsAnswer {
  rcode: 'NOERROR' | 'NXDOMAIN';
  answers: Answer[];
  authority: Answer[];
  additionals: Answer[];
  /** An ExternalName's target outside the zone: the server resolves it upstream and appends the answers. */
  chase?: { name: string; type: 'A' | 'AAAA' };
}

/** The schema version the plugin serves at `dns-version.<zone>` TXT. */
const DNS_SCHEMA_VERSION = '1.1.0';
const MAX_CNAME_CHAIN = 8;

/** One record the backend found: an address (or CNAME target) and, for SRV, a port and owner name. */
interface Item {
  host: string;
  port: number;
  target: string;
}

type Lookup = { nameError: true } | { nameError: false; items: Item[] };

const NAME_ERROR: Lookup = { nameError: true };
const found = (items: Item[]): Lookup => ({ nameError: false, items });

function matchPort(r: { port: string; protocol: string }, p: IndexedPort): boolean {
  return (
    (r.port === '' || r.port === p.name.toLowerCase()) &&
    (r.protocol === '' || r.protocol === p.protocol.toLowerCase())
  );
}

// A port list with no ports still answers address queries (CoreDNS adds a -1 sentinel).
const NO_PORTS: IndexedPort[] = [{ name: '', port: -1, protocol: '' }];

function serviceLookup(r: SchemaName, svc: IndexedService, index: DnsIndex, zone: string): Lookup {
  const svcDomain = `${svc.name}.${svc.namespace}.svc.${zone}`;
  if (svc.type === 'ExternalName') {
    if (r.endpoint !== '' || !svc.externalName || isIP(svc.externalName)) return NAME_ERROR;
    return found([{ host: normalizeName(svc.externalName), port: -1, target: svcDomain }]);
  }
  const items: Item[] = [];
  let matched = false;
  if (svc.headless || r.endpoint !== '') {
    for (const ep of index.endpoints(svc.namespace, svc.name)) {
      if (!ep.ready && !svc.publishNotReadyAddresses) continue;
      const hostname = ep.hostname ?? dashedAddress(ep.ip);
      if (r.endpoint !== '' && r.endpoint !== hostname.toLowerCase()) continue;
      for (const p of ep.ports.length ? ep.ports : NO_PORTS) {
        if (p.port !== -1 && !matchPort(r, p)) continue;
        if (p.port === -1 && (r.port !== '' || r.protocol !== '')) continue;
        matched = true;
        items.push({ host: ep.ip, port: p.port, target: `${hostname}.${svcDomain}` });
      }
    }
    return matched ? found(items) : NAME_ERROR;
  }
  for (const p of svc.ports.length ? svc.ports : NO_PORTS) {
    if (p.port === -1 ? r.port !== '' || r.protocol !== '' : !matchPort(r, p)) continue;
    matched = true;
    for (const ip of svc.clusterIPs) items.push({ host: ip, port: p.port, target: svcDomain });
  }
  return matched ? found(items) : NAME_ERROR;
}

function podLookup(r: SchemaName, index: DnsIndex, config: DnsConfig, zone: string): Lookup {
  if (config.podMode === 'disabled') return NAME_ERROR;
  if (r.service === '') return found([]);
  if (r.endpoint !== '' || r.port !== '' || r.protocol !== '') return NAME_ERROR;
  const ip = addressFromDashed(r.service);
  if (!ip) return NAME_ERROR;
  const target = `${r.service}.${r.namespace}.pod.${zone}`;
  if (config.podMode === 'insecure') return found([{ host: ip, port: -1, target }]);
  const pods = index.podsWithIP(ip).filter((p) => p.namespace === r.namespace);
  return pods.length ? found([{ host: ip, port: -1, target }]) : NAME_ERROR;
}

/** What the zone holds at `name` (normalized, inside the zone). */
function lookup(name: string, index: DnsIndex, config: DnsConfig, zone: string): Lookup {
  if (name === `ns.dns.${zone}`)
    return found(config.nameserverIPs.map((ip) => ({ host: ip, port: -1, target: name })));
  const r = parseClusterName(name, zone);
  if (r.kind === 'apex') return found([]);
  if (r.kind === 'invalid') return NAME_ERROR;
  if (!index.namespaceExists(r.namespace)) return NAME_ERROR;
  if (r.kind === 'pod') return podLookup(r, index, config, zone);
  if (r.service === '') return found([]);
  const svc = index.service(r.namespace, r.service);
  return svc ? serviceLookup(r, svc, index, zone) : NAME_ERROR;
}

function soa(index: DnsIndex, config: DnsConfig, zone: string): Answer {
  return {
    type: 'SOA',
    name: zone,
    ttl: Math.min(300, config.ttl),
    class: 'IN',
    data: {
      mname: `ns.dns.${zone}`,
      rname: `hostmaster.${zone}`,
      serial: index.serial,
      refresh: 7200,
      retry: 1800,
      expire: 86400,
      minimum: config.ttl,
    },
  };
}

function addressRecords(
  qname: string,
  type: 'A' | 'AAAA',
  items: Item[],
  ctx: Ctx,
  depth: number,
): DnsAnswer | Answer[] {
  const family = type === 'A' ? 4 : 6;
  const records: Answer[] = [];
  const seen = new Set<string>();
  for (const item of items) {
    const ipFamily = isIP(item.host);
    if (ipFamily === 0) {
      // ExternalName: a CNAME, followed inside the zone, chased upstream outside it.
      if (item.host === normalizeName(qname)) continue;
      const cname: Answer = { type: 'CNAME', name: qname, ttl: ctx.config.ttl, class: 'IN', data: item.host };
      if (isInZone(item.host, ctx.zone) && depth < MAX_CNAME_CHAIN) {
        const next = resolveInZone({ name: item.host, type }, ctx, depth + 1);
        if (next.rcode === 'NOERROR' && next.answers.length) records.push(cname, ...next.answers);
        continue;
      }
      return {
        rcode: 'NOERROR',
        answers: [cname],
        authority: [],
        additionals: [],
        chase: { name: item.host, type },
      };
    }
    if (ipFamily !== family || seen.has(item.host)) continue;
    seen.add(item.host);
    records.push({ type, name: qname, ttl: ctx.config.ttl, class: 'IN', data: item.host });
  }
  return records;
}

function srvRecords(qname: string, items: Item[], ctx: Ctx): { answers: Answer[]; additionals: Answer[] } {
  const internal = items.filter((i) => isIP(i.host) !== 0);
  // CoreDNS spreads weight 100 over all records of the answer, at least 1 each.
  const weight = Math.max(1, Math.floor(100 / Math.max(1, internal.length)));
  const answers: Answer[] = [];
  const additionals: Answer[] = [];
  const seen = new Set<string>();
  for (const item of internal) {
    if (item.port === -1) continue;
    const srvKey = `${item.target}:${item.port}`;
    if (!seen.has(srvKey)) {
      seen.add(srvKey);
      const data = { priority: 0, weight, port: item.port, target: item.target };
      answers.push({ type: 'SRV', name: qname, ttl: ctx.config.ttl, class: 'IN', data });
    }
    const addrKey = `${item.target}@${item.host}`;
    if (!seen.has(addrKey)) {
      seen.add(addrKey);
      const type = isIP(item.host) === 4 ? 'A' : 'AAAA';
      additionals.push({ type, name: item.target, ttl: ctx.config.ttl, class: 'IN', data: item.host });
    }
  }
  return { answers, additionals };
}

interface Ctx {
  index: DnsIndex;
  config: DnsConfig;
  zone: string;
}

function resolveInZone(q: { name: string; type: string }, ctx: Ctx, depth: number): DnsAnswer {
  const name = normalizeName(q.name);
  const { zone, config, index } = ctx;
  const reply = (answers: Answer[], additionals: Answer[] = []): DnsAnswer =>
    answers.length
      ? { rcode: 'NOERROR', answers, authority: [], additionals }
      : { rcode: 'NOERROR', answers: [], authority: [soa(index, config, zone)], additionals: [] };
  const nxdomain = (): DnsAnswer => ({
    rcode: 'NXDOMAIN',
    answers: [],
    authority: [soa(index, config, zone)],
    additionals: [],
  });

  if (q.type === 'SOA' && name === zone) return reply([soa(index, config, zone)]);
  if (q.type === 'NS' && name === zone) {
    const target = `ns.dns.${zone}`;
    const additionals: Answer[] = config.nameserverIPs.map((ip) => ({
      type: isIP(ip) === 6 ? 'AAAA' : 'A',
      name: target,
      ttl: config.ttl,
      class: 'IN',
      data: ip,
    }));
    return reply([{ type: 'NS', name: q.name, ttl: config.ttl, class: 'IN', data: target }], additionals);
  }
  if (q.type === 'TXT' && name === `dns-version.${zone}`) {
    return reply([{ type: 'TXT', name: q.name, ttl: 28800, class: 'IN', data: DNS_SCHEMA_VERSION }]);
  }

  const result = lookup(name, index, config, zone);
  if (result.nameError) return nxdomain();
  const items = result.items;
  switch (q.type) {
    case 'A':
    case 'AAAA': {
      const records = addressRecords(q.name, q.type, items, ctx, depth);
      return Array.isArray(records) ? reply(records) : records;
    }
    case 'SRV': {
      const { answers, additionals } = srvRecords(q.name, items, ctx);
      return reply(answers, additionals);
    }
    case 'CNAME': {
      const first = items[0];
      if (first && isIP(first.host) === 0) {
        return reply([{ type: 'CNAME', name: q.name, ttl: config.ttl, class: 'IN', data: first.host }]);
      }
      return reply([]);
    }
    default:
      // The name exists (or the lookup would have failed): another type is NODATA.
      return reply([]);
  }
}

function reverseTargets(ip: string, ctx: Ctx): string[] {
  const { index, zone, config } = ctx;
  const service = index.servicesWithClusterIP(ip)[0];
  if (service) return [`${service.name}.${service.namespace}.svc.${zone}`];
  const owners = index
    .endpointOwners(ip)
    .map((o) => `${o.hostname ?? dashedAddress(o.ip)}.${o.serviceName}.${o.namespace}.svc.${zone}`);
  if (owners.length) return [...new Set(owners)];
  // Beyond CoreDNS (which forwards these): a pod outside any service still has its pod name.
  if (config.podMode === 'disabled') return [];
  return [...new Set(index.podsWithIP(ip).map((p) => `${dashedAddress(ip)}.${p.namespace}.pod.${zone}`))];
}

/**
 * Answers `question` from the index, or returns null when the name is not the cluster's
 * (outside the cluster domain, or a reverse name of an address the cluster does not own).
 */
export function answer(
  question: Question,
  index: DnsIndex,
  config: DnsConfig = DEFAULT_DNS_CONFIG,
): DnsAnswer | null {
  const name = normalizeName(question.name);
  const zone = normalizeName(config.clusterDomain);
  const ctx: Ctx = { index, config, zone };
  if (REVERSE_ZONES.some((z) => isInZone(name, z))) {
    if (question.type !== 'PTR') return null;
    const ip = addressFromReverse(name);
    const targets = ip ? reverseTargets(ip, ctx) : [];
    if (!targets.length) return null;
    const answers: Answer[] = targets.map((t) => ({
      type: 'PTR',
      name: question.name,
      ttl: config.ttl,
      class: 'IN',
      data: t,
    }));
    return { rcode: 'NOERROR', answers, authority: [], additionals: [] };
  }
  if (!isInZone(name, zone)) return null;
  return resolveInZone(question, ctx, 0);
}
