// The kubelet-managed /etc/hosts of a pod (pkg/kubelet/kubelet_pods.go managedHostsFileContent,
// nodeHostsFileContent, hostsEntriesFromHostAliases) and the hostname/domain it is built from
// (GeneratePodHostNameAndDomain).
import type { HostAlias, Pod } from 'kubernetes-types/core/v1.js';

const MANAGED_HEADER = '# Kubernetes-managed hosts file.\n';
const MANAGED_HEADER_HOST_NETWORK = '# Kubernetes-managed hosts file (host network).\n';
const HOSTNAME_MAX_LENGTH = 63;

/** `spec.hostname` or the pod name, cut to 63 characters; the domain is `<subdomain>.<ns>.svc.<zone>`. */
export function podHostnameAndDomain(pod: Pod, clusterDomain: string): { hostname: string; domain: string } {
  let hostname = pod.spec?.hostname || pod.metadata?.name || '';
  if (hostname.length > HOSTNAME_MAX_LENGTH)
    hostname = hostname.slice(0, HOSTNAME_MAX_LENGTH).replace(/[-.]+$/, '');
  const subdomain = pod.spec?.subdomain;
  const domain = subdomain ? `${subdomain}.${pod.metadata?.namespace ?? 'default'}.svc.${clusterDomain}` : '';
  return { hostname, domain };
}

function hostAliasEntries(aliases: HostAlias[] | undefined): string {
  if (!aliases?.length) return '';
  let text = '\n# Entries added by HostAliases.\n';
  for (const alias of aliases) text += `${alias.ip}\t${(alias.hostnames ?? []).join('\t')}\n`;
  return text;
}

export interface PodEtcHostsInput {
  pod: Pod;
  /** The pod's IPs (status.podIPs); one line each. */
  podIP: string | string[];
  clusterDomain: string;
  /** Overrides of what `podHostnameAndDomain` derives from the pod. */
  hostname?: string;
  subdomain?: string;
  /** The host's /etc/hosts text, used instead of the managed entries for hostNetwork pods. */
  hostEtcHosts?: string;
}

export function podEtcHosts({
  pod,
  podIP,
  clusterDomain,
  hostname,
  subdomain,
  hostEtcHosts,
}: PodEtcHostsInput): string {
  const aliases = hostAliasEntries(pod.spec?.hostAliases);
  if (pod.spec?.hostNetwork) return MANAGED_HEADER_HOST_NETWORK + (hostEtcHosts ?? '') + aliases;
  const derived = podHostnameAndDomain(pod, clusterDomain);
  const name = hostname ?? derived.hostname;
  const domain =
    subdomain !== undefined
      ? subdomain
        ? `${subdomain}.${pod.metadata?.namespace ?? 'default'}.svc.${clusterDomain}`
        : ''
      : derived.domain;
  let text = MANAGED_HEADER;
  text += '127.0.0.1\tlocalhost\n';
  text += '::1\tlocalhost ip6-localhost ip6-loopback\n';
  text += 'fe00::0\tip6-localnet\n';
  text += 'fe00::0\tip6-mcastprefix\n';
  text += 'fe00::1\tip6-allnodes\n';
  text += 'fe00::2\tip6-allrouters\n';
  for (const ip of Array.isArray(podIP) ? podIP : [podIP]) {
    text += domain ? `${ip}\t${name}.${domain}\t${name}\n` : `${ip}\t${name}\n`;
  }
  return text + aliases;
}
