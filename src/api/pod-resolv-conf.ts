// A pod's /etc/resolv.conf, as the kubelet composes it (pkg/kubelet/network/dns/dns.go GetPodDNS)
// and the container runtime writes it (containerd's layout: search, nameserver lines, options).
import type { Pod, PodDNSConfigOption } from 'kubernetes-types/core/v1.js';

export interface ResolvConf {
  nameservers: string[];
  searches: string[];
  options: string[];
}

/** The API server's limits (pkg/apis/core/validation), which the kubelet also applies. */
export const MAX_DNS_NAMESERVERS = 3;
export const MAX_DNS_SEARCH_PATHS = 32;
export const MAX_DNS_SEARCH_LIST_CHARS = 2048;
const MAX_SEARCH_PATH_LENGTH = 253; // DNS1123SubdomainMaxLength: glibc aborts on longer ones

/** As the kubelet reads a resolv.conf: nameservers accumulate, the last search and options lines win. */
export function parseResolvConf(text: string): ResolvConf {
  const conf: ResolvConf = { nameservers: [], searches: [], options: [] };
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (trimmed.startsWith('#')) continue;
    const fields = trimmed.split(/\s+/).filter(Boolean);
    if (fields[0] === 'nameserver' && fields[1]) conf.nameservers.push(fields[1]);
    if (fields[0] === 'search') conf.searches = fields.slice(1).map((s) => s.replace(/\.$/, ''));
    if (fields[0] === 'options') conf.options = fields.slice(1);
  }
  return conf;
}

export function formatResolvConf(conf: ResolvConf): string {
  let text = '';
  if (conf.searches.length) text += `search ${conf.searches.join(' ')}\n`;
  for (const ns of conf.nameservers) text += `nameserver ${ns}\n`;
  if (conf.options.length) text += `options ${conf.options.join(' ')}\n`;
  return text;
}

function omitDuplicates(values: string[]): string[] {
  return [...new Set(values)];
}

/**
 * dnsConfig options override same-named existing ones. The kubelet goes through a Go map, so its
 * order is random; here existing options keep their place and new ones follow in the pod's order.
 */
function mergeOptions(existing: string[], extra: PodDNSConfigOption[]): string[] {
  const merged = new Map<string, string>();
  for (const op of existing) {
    const i = op.indexOf(':');
    merged.set(i === -1 ? op : op.slice(0, i), i === -1 ? '' : op.slice(i + 1));
  }
  for (const op of extra) merged.set(op.name ?? '', op.value ?? '');
  return [...merged].map(([name, value]) => (value ? `${name}:${value}` : name));
}

function fitSearches(searches: string[], warnings: string[]): string[] {
  let exceeded = false;
  let fitted = searches;
  if (fitted.length > MAX_DNS_SEARCH_PATHS) {
    fitted = fitted.slice(0, MAX_DNS_SEARCH_PATHS);
    exceeded = true;
  }
  const short = fitted.filter((s) => s.length <= MAX_SEARCH_PATH_LENGTH);
  if (short.length !== fitted.length) exceeded = true;
  fitted = short;
  while (fitted.join(' ').length > MAX_DNS_SEARCH_LIST_CHARS) {
    fitted = fitted.slice(0, -1);
    exceeded = true;
  }
  if (exceeded) {
    warnings.push(
      `Search Line limits were exceeded, some search paths have been omitted, the applied search line is: ${fitted.join(' ')}`,
    );
  }
  return fitted;
}

export interface PodDnsInput {
  pod: Pod;
  /** The kube-dns Service's ClusterIP(s); empty when the cluster has no DNS. */
  clusterDns: string | string[];
  clusterDomain: string;
  /** The text of the resolv.conf the host gives containers. */
  hostResolvConf: string;
}

export interface PodDns {
  conf: ResolvConf;
  /** Warning events for the pod (reason DNSConfigForming or MissingClusterDNS), in kubelet words. */
  warnings: { reason: string; message: string }[];
}

export function podDnsConfig({ pod, clusterDns, clusterDomain, hostResolvConf }: PodDnsInput): PodDns {
  const warnings: PodDns['warnings'] = [];
  const host = parseResolvConf(hostResolvConf);
  const servers = (Array.isArray(clusterDns) ? clusterDns : [clusterDns]).filter(Boolean);
  const policy = pod.spec?.dnsPolicy ?? 'ClusterFirst';
  const hostNetwork = pod.spec?.hostNetwork === true;
  let conf: ResolvConf = host;
  const cluster = policy === 'ClusterFirstWithHostNet' || (policy === 'ClusterFirst' && !hostNetwork);
  if (policy === 'None') conf = { nameservers: [], searches: [], options: [] };
  else if (cluster && servers.length) {
    const namespace = pod.metadata?.namespace ?? 'default';
    const clusterSearch = clusterDomain
      ? [`${namespace}.svc.${clusterDomain}`, `svc.${clusterDomain}`, clusterDomain]
      : [];
    conf = {
      nameservers: servers,
      searches: omitDuplicates([...clusterSearch, ...host.searches]),
      options: ['ndots:5'],
    };
  } else if (cluster) {
    warnings.push({
      reason: 'MissingClusterDNS',
      message: `pod: "${pod.metadata?.name}_${pod.metadata?.namespace}(${pod.metadata?.uid ?? ''})". kubelet does not have ClusterDNS IP configured and cannot create Pod using "ClusterFirst" policy. Falling back to "Default" policy.`,
    });
  }
  const extra = pod.spec?.dnsConfig;
  if (extra) {
    conf = {
      nameservers: omitDuplicates([...conf.nameservers, ...(extra.nameservers ?? [])]),
      searches: omitDuplicates([...conf.searches, ...(extra.searches ?? [])]),
      options: mergeOptions(conf.options, extra.options ?? []),
    };
  }
  if (conf.nameservers.length > MAX_DNS_NAMESERVERS) {
    conf = { ...conf, nameservers: conf.nameservers.slice(0, MAX_DNS_NAMESERVERS) };
    warnings.push({
      reason: 'DNSConfigForming',
      message: `Nameserver limits were exceeded, some nameservers have been omitted, the applied nameserver line is: ${conf.nameservers.join(' ')}`,
    });
  }
  const searchWarnings: string[] = [];
  conf = { ...conf, searches: fitSearches(conf.searches, searchWarnings) };
  for (const message of searchWarnings) warnings.push({ reason: 'DNSConfigForming', message });
  return { conf, warnings };
}

/** The pod's /etc/resolv.conf text. */
export function podResolvConf(input: PodDnsInput): string {
  return formatResolvConf(podDnsConfig(input).conf);
}
