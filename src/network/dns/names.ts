// Query names parsed once into the parts of the Kubernetes DNS schema
// (https://github.com/kubernetes/dns/blob/master/docs/specification.md):
//   <svc>.<ns>.svc.<zone>                      service
//   <endpoint>.<svc>.<ns>.svc.<zone>           one endpoint by hostname (or dashed IP)
//   _<port>._<proto>.<svc>.<ns>.svc.<zone>     SRV for a named port
//   <a-b-c-d>.<ns>.pod.<zone>                  pod by address
import { isIP } from 'node:net';

/** Lower case without the trailing dot: DNS names compare case-insensitively. */
export function normalizeName(name: string): string {
  return name.replace(/\.$/, '').toLowerCase();
}

export function isInZone(name: string, zone: string): boolean {
  return name === zone || name.endsWith(`.${zone}`);
}

export type ClusterName =
  /** The zone itself, `svc.<zone>` or `pod.<zone>`: exists, holds nothing to answer. */
  | { kind: 'apex' }
  /** Outside the schema (unknown second-level label, too many labels). */
  | { kind: 'invalid' }
  | SchemaName;

export interface SchemaName {
  kind: 'svc' | 'pod';
  namespace: string;
  /** The service name, or for pods the dashed address; '' for `<ns>.svc.<zone>`. */
  service: string;
  endpoint: string;
  port: string;
  protocol: string;
}

function stripUnderscore(label: string): string {
  return label.startsWith('_') ? label.slice(1) : label;
}

/** `name` and `zone` must be normalized, and `name` inside `zone`. */
export function parseClusterName(name: string, zone: string): ClusterName {
  if (name === zone) return { kind: 'apex' };
  const base = name.slice(0, name.length - zone.length - 1);
  if (base === 'svc' || base === 'pod') return { kind: 'apex' };
  const labels = base.split('.');
  const kind = labels.pop();
  if (kind !== 'svc' && kind !== 'pod') return { kind: 'invalid' };
  const namespace = labels.pop() ?? '';
  const service = labels.pop() ?? '';
  const parsed: SchemaName = { kind, namespace, service, endpoint: '', port: '', protocol: '' };
  if (labels.length === 1) parsed.endpoint = labels[0];
  else if (labels.length === 2) {
    parsed.port = stripUnderscore(labels[0]);
    parsed.protocol = stripUnderscore(labels[1]);
  } else if (labels.length > 2) return { kind: 'invalid' };
  return parsed;
}

/** `10-244-1-5` -> `10.244.1.5`; IPv6 addresses use `-` for `:`. Undefined when not an address. */
export function addressFromDashed(label: string): string | undefined {
  const ip =
    (label.match(/-/g) ?? []).length === 3 && !label.includes('--')
      ? label.replaceAll('-', '.')
      : label.replaceAll('-', ':');
  return isIP(ip) ? ip : undefined;
}

export function dashedAddress(ip: string): string {
  return ip.replaceAll(/[.:]/g, '-');
}

export const REVERSE_ZONES = ['in-addr.arpa', 'ip6.arpa'];

/** `5.1.244.10.in-addr.arpa` -> `10.244.1.5`; nibble-form ip6.arpa names -> the IPv6 address. */
export function addressFromReverse(name: string): string | undefined {
  if (name.endsWith('.in-addr.arpa')) {
    const parts = name.slice(0, -'.in-addr.arpa'.length).split('.');
    if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p))) return undefined;
    const ip = parts.reverse().join('.');
    return isIP(ip) === 4 ? ip : undefined;
  }
  if (name.endsWith('.ip6.arpa')) {
    const nibbles = name.slice(0, -'.ip6.arpa'.length).split('.');
    if (nibbles.length !== 32 || !nibbles.every((n) => /^[0-9a-f]$/.test(n))) return undefined;
    const hex = nibbles.reverse().join('');
    const groups = hex.match(/.{4}/g) ?? [];
    return canonicalIPv6(groups.join(':'));
  }
  return undefined;
}

/** The shortest text form (RFC 5952), so reverse lookups match addresses as Kubernetes writes them. */
function canonicalIPv6(full: string): string {
  const groups = full.split(':').map((g) => g.replace(/^0+(?=.)/, ''));
  let best = { start: -1, len: 0 };
  for (let i = 0; i < groups.length; ) {
    if (groups[i] !== '0') {
      i++;
      continue;
    }
    let j = i;
    while (j < groups.length && groups[j] === '0') j++;
    if (j - i > best.len && j - i > 1) best = { start: i, len: j - i };
    i = j;
  }
  if (best.start < 0) return groups.join(':');
  const head = groups.slice(0, best.start).join(':');
  const tail = groups.slice(best.start + best.len).join(':');
  return `${head}::${tail}`;
}
