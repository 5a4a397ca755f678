// kube-dns has no pods in mkube: the agent itself answers. So the agent keeps one EndpointSlice of
// its own for the kube-dns Service, pointing at its DNS server (the home's Docker gateway address
// and the server's port), and the data plane sends the kube-dns ClusterIP there like any Service.
// The slice carries its own managed-by label: the EndpointSlice controller (which manages only
// slices labelled endpointslice-controller.k8s.io) leaves it alone, as it leaves CoreDNS's
// endpoints to the EndpointSlice controller on a cluster.
import type { KObject } from '../api/types.js';

export const KUBE_DNS = { namespace: 'kube-system', name: 'kube-dns' } as const;
export const AGENT_MANAGER = 'mkube-agent';
export const KUBE_DNS_SLICE_NAME = 'kube-dns-mkube-agent';

export interface DnsEndpoint {
  /** Where the DNS server listens (the gateway address of the home's network). */
  ip: string;
  port: number;
  nodeName: string;
}

/** The slice the agent wants for `kubeDns` (the Service as stored); pure. */
export function kubeDnsSlice(kubeDns: KObject, dns: DnsEndpoint): KObject {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      name: KUBE_DNS_SLICE_NAME,
      namespace: KUBE_DNS.namespace,
      labels: {
        'kubernetes.io/service-name': KUBE_DNS.name,
        'endpointslice.kubernetes.io/managed-by': AGENT_MANAGER,
      },
      // Deleted with the Service by the garbage collector, like any Service's slices.
      ownerReferences: [
        {
          apiVersion: 'v1',
          kind: 'Service',
          name: KUBE_DNS.name,
          uid: kubeDns.metadata.uid!,
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    addressType: 'IPv4',
    endpoints: [
      {
        addresses: [dns.ip],
        conditions: { ready: true, serving: true, terminating: false },
        nodeName: dns.nodeName,
      },
    ],
    ports: [
      { name: 'dns', port: dns.port, protocol: 'UDP' },
      { name: 'dns-tcp', port: dns.port, protocol: 'TCP' },
    ],
  };
}

/** Whether the stored slice already says what `desired` says (labels, owner, endpoints, ports). */
export function sliceUpToDate(current: KObject | undefined, desired: KObject): boolean {
  if (!current || current.metadata.deletionTimestamp) return false;
  const pick = (s: KObject) =>
    JSON.stringify([
      s.metadata.labels?.['kubernetes.io/service-name'],
      s.metadata.labels?.['endpointslice.kubernetes.io/managed-by'],
      (s.metadata.ownerReferences ?? []).map((o: { uid?: string }) => o.uid),
      s.addressType,
      (s.endpoints ?? []).map((e: { addresses?: string[]; conditions?: { ready?: boolean } }) => [
        e.addresses,
        e.conditions?.ready,
      ]),
      (s.ports ?? []).map((p: { name?: string; port?: number; protocol?: string }) => [
        p.name,
        p.port,
        p.protocol,
      ]),
    ]);
  return pick(current) === pick(desired);
}

/**
 * The nameserver a ClusterFirst pod gets: kube-dns's ClusterIP once the data plane carries it to
 * the agent; before that (or where the kernel cannot be programmed) the DNS server's own address,
 * which works only on port 53 since resolv.conf has no port; otherwise none (the kubelet then
 * falls back to the Default policy, with its MissingClusterDNS event).
 */
export function clusterNameservers(input: {
  kubeDnsIP: string | undefined;
  dataPlaneActive: boolean;
  server: { ip: string; port: number } | undefined;
}): string[] {
  if (input.dataPlaneActive && input.kubeDnsIP) return [input.kubeDnsIP];
  if (input.server && input.server.port === 53) return [input.server.ip];
  return [];
}

/**
 * The resolv.conf the host gives containers (the kubelet's --resolv-conf): /etc/resolv.conf, unless
 * it names only loopback resolvers (systemd-resolved's 127.0.0.53), which a container cannot
 * reach; then systemd-resolved's list of real upstreams, as Docker does.
 */
export function containerResolvConf(etcResolvConf: string, systemdResolvConf: string | undefined): string {
  const servers = etcResolvConf
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter((f) => f[0] === 'nameserver' && f[1])
    .map((f) => f[1]!);
  const loopbackOnly = servers.length > 0 && servers.every((s) => s.startsWith('127.') || s === '::1');
  return loopbackOnly && systemdResolvConf !== undefined ? systemdResolvConf : etcResolvConf;
}
