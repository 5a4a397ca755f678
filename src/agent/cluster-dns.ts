// Cluster DNS in the agent: the DNS index fed by the agent's watch (Services, EndpointSlices, Pods,
// Namespaces; filled first from the informer cache), the UDP/TCP server on the home's Docker
// gateway address, the kube-dns EndpointSlice that points the kube-dns Service at that server, and
// what the kubelet needs to write pods' resolv.conf.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lookupKind } from '../api/kinds.js';
import type { WatchEvent } from '../api/types.js';
import type { PodNetworkDeps } from '../kubelet/pod-files.js';
import { DnsIndex, type DnsServer, startDnsServer, upstreamsFromResolvConf } from '../network/dns/index.js';
import type { Registry } from '../registry/registry.js';
import { dockerClient } from '../runtime/client.js';
import { networkName } from '../runtime/names.js';
import {
  clusterNameservers,
  containerResolvConf,
  KUBE_DNS,
  KUBE_DNS_SLICE_NAME,
  kubeDnsSlice,
  sliceUpToDate,
} from './kube-dns-slice.js';

const SERVICE = lookupKind('services')!;
const SLICE = lookupKind('endpointslices.discovery.k8s.io')!;
const POD = lookupKind('pods')!;
const NAMESPACE = lookupKind('namespaces')!;
export const CLUSTER_DOMAIN = 'cluster.local';
const DNS_PORT = 53;

export interface ClusterDnsOptions {
  home: string;
  registry: Registry;
  nodeName: string;
  log(message: string): void;
  /** Whether the data plane carries Service IPs now (then pods use the kube-dns ClusterIP). */
  dataPlaneActive?: () => boolean;
  /** Overrides for tests; by default the host's files. */
  hostResolvConf?: string;
  port?: number;
}

/** The IPv4 gateway of the home's Docker network: the bridge's address on the host. */
export async function networkGateway(home: string): Promise<string> {
  const network = await dockerClient().getNetwork(networkName(home)).inspect();
  const gateway = (network.IPAM?.Config ?? [])
    .map((c: { Gateway?: string }) => c.Gateway)
    .find((g: string | undefined) => g && !g.includes(':'));
  if (!gateway) throw new Error(`network ${networkName(home)} has no IPv4 gateway`);
  return gateway;
}

const readOr = (path: string, fallback: string) => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return fallback;
  }
};

export class ClusterDns {
  readonly index = new DnsIndex();
  private server: DnsServer | undefined;
  private gateway = '';
  private readonly hostResolvConf: string;

  constructor(private readonly opts: ClusterDnsOptions) {
    this.hostResolvConf = opts.hostResolvConf ?? readOr('/etc/resolv.conf', '');
  }

  /** Fills the index, binds the server (port 53, else a free port, saying why) and writes the slice. */
  async start(): Promise<void> {
    const { registry, log } = this.opts;
    for (const svc of registry.list(SERVICE)) this.index.apply({ type: 'ADDED', object: svc });
    for (const slice of registry.list(SLICE)) this.index.apply({ type: 'ADDED', object: slice });
    for (const pod of registry.list(POD)) this.index.apply({ type: 'ADDED', object: pod });
    for (const ns of registry.list(NAMESPACE)) this.index.apply({ type: 'ADDED', object: ns });
    this.gateway = await networkGateway(this.opts.home);
    // The agent runs on the host, so it can forward even to a loopback resolver (systemd-resolved).
    const upstream = upstreamsFromResolvConf(this.hostResolvConf);
    const kubeDnsIP = this.kubeDnsIP();
    const options = {
      host: this.gateway,
      index: this.index,
      upstream,
      config: { clusterDomain: CLUSTER_DOMAIN, nameserverIPs: kubeDnsIP ? [kubeDnsIP] : [] },
      log,
    };
    const port = this.opts.port ?? DNS_PORT;
    try {
      this.server = await startDnsServer({ ...options, port });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      this.server = await startDnsServer({ ...options, port: 0 });
      log(
        `dns: cannot listen on ${this.gateway}:${port} (${code === 'EADDRINUSE' ? 'in use' : code === 'EACCES' ? 'needs root' : (err as Error).message}); using port ${this.server.port}: pods reach it only through the kube-dns ClusterIP`,
      );
    }
    log(
      `dns: serving ${CLUSTER_DOMAIN} on ${this.gateway}:${this.server.port} (udp, tcp), forwarding to ${upstream.map((u) => u.host).join(', ') || 'nobody'}`,
    );
    await this.ensureSlice();
  }

  /** One watch event of the agent: the index follows, and the kube-dns slice is put back if needed. */
  onEvent(ev: WatchEvent): void {
    this.index.apply(ev);
    const { kind, metadata } = ev.object;
    const ours =
      (kind === 'Service' && metadata.namespace === KUBE_DNS.namespace && metadata.name === KUBE_DNS.name) ||
      (kind === 'EndpointSlice' &&
        metadata.namespace === KUBE_DNS.namespace &&
        metadata.name === KUBE_DNS_SLICE_NAME);
    if (ours && this.server) void this.ensureSlice();
  }

  /** Creates or corrects the kube-dns slice; a no-op when it is right. */
  async ensureSlice(): Promise<void> {
    const { registry, log } = this.opts;
    const svc = registry.get(SERVICE, KUBE_DNS.namespace, KUBE_DNS.name);
    if (!svc || !this.server) return;
    const desired = kubeDnsSlice(svc, {
      ip: this.gateway,
      port: this.server.port,
      nodeName: this.opts.nodeName,
    });
    const current = registry.get(SLICE, KUBE_DNS.namespace, KUBE_DNS_SLICE_NAME);
    if (sliceUpToDate(current, desired)) return;
    try {
      if (!current) await registry.create(desired);
      else
        await registry.mutate(SLICE, KUBE_DNS.namespace, KUBE_DNS_SLICE_NAME, (cur) => ({
          ...cur,
          ...desired,
          metadata: {
            ...cur.metadata,
            labels: desired.metadata.labels,
            ownerReferences: desired.metadata.ownerReferences,
          },
        }));
    } catch (err) {
      // The cache may trail our own write (AlreadyExists) or the slice may be going: the next event retries.
      log(`dns: kube-dns endpoint slice: ${(err as Error).message}`);
    }
  }

  private kubeDnsIP(): string | undefined {
    const ip = this.opts.registry.get(SERVICE, KUBE_DNS.namespace, KUBE_DNS.name)?.spec?.clusterIP;
    return ip && ip !== 'None' ? ip : undefined;
  }

  /** What the kubelet writes pods' resolv.conf and /etc/hosts from. */
  podNetwork(): PodNetworkDeps {
    const systemd = '/run/systemd/resolve/resolv.conf';
    return {
      podsDir: join(this.opts.home, 'kubelet', 'pods'),
      clusterDomain: CLUSTER_DOMAIN,
      clusterDns: () =>
        clusterNameservers({
          kubeDnsIP: this.kubeDnsIP(),
          dataPlaneActive: this.opts.dataPlaneActive?.() ?? false,
          server: this.server ? { ip: this.gateway, port: this.server.port } : undefined,
        }),
      hostResolvConf: containerResolvConf(
        this.hostResolvConf,
        existsSync(systemd) ? readOr(systemd, '') : undefined,
      ),
      hostEtcHosts: readOr('/etc/hosts', ''),
    };
  }

  async stop(): Promise<void> {
    await this.server?.close();
    this.server = undefined;
  }
}
