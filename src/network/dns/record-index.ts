// The in-memory index cluster DNS answers from, kept up to date by watch events on Services,
// EndpointSlices, Pods and Namespaces (the shape of CoreDNS's kubernetes plugin: informers fill
// indexes, the query path only does map lookups and never lists anything).
import type { Pod, Service } from 'kubernetes-types/core/v1.js';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1.js';
import type { WatchEvent, WatchEventType } from '../../api/types.js';

export interface IndexedPort {
  name: string;
  port: number;
  protocol: string; // upper case: TCP, UDP, SCTP
}

export interface IndexedService {
  namespace: string;
  name: string;
  type: string;
  clusterIPs: string[]; // empty for headless and ExternalName
  headless: boolean;
  externalName?: string;
  ports: IndexedPort[];
  publishNotReadyAddresses: boolean;
}

export interface IndexedEndpoint {
  addresses: string[];
  hostname?: string;
  ready: boolean;
  targetRefName?: string;
}

interface IndexedSlice {
  key: string;
  namespace: string;
  serviceName: string;
  ports: IndexedPort[];
  endpoints: IndexedEndpoint[];
}

/** One resolvable endpoint address of a service, with the ports its slice publishes. */
export interface ServiceEndpoint {
  ip: string;
  hostname?: string;
  ready: boolean;
  ports: IndexedPort[];
}

export interface EndpointIpOwner {
  namespace: string;
  serviceName: string;
  ip: string;
  hostname?: string;
}

export interface IndexedPod {
  namespace: string;
  name: string;
  ips: string[];
}

const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';

function key(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}

function addTo<K, V>(map: Map<K, Set<V>>, k: K, v: V): void {
  const set = map.get(k);
  if (set) set.add(v);
  else map.set(k, new Set([v]));
}

function removeFrom<K, V>(map: Map<K, Set<V>>, k: K, v: V): void {
  const set = map.get(k);
  if (!set) return;
  set.delete(v);
  if (set.size === 0) map.delete(k);
}

function servicePorts(svc: Service): IndexedPort[] {
  return (svc.spec?.ports ?? []).map((p) => ({
    name: p.name ?? '',
    port: p.port,
    protocol: (p.protocol ?? 'TCP').toUpperCase(),
  }));
}

export function indexService(svc: Service): IndexedService {
  const spec = svc.spec ?? {};
  const type = spec.type ?? 'ClusterIP';
  const headless = spec.clusterIP === 'None';
  const ips = spec.clusterIPs?.length ? spec.clusterIPs : spec.clusterIP ? [spec.clusterIP] : [];
  return {
    namespace: svc.metadata?.namespace ?? 'default',
    name: svc.metadata?.name ?? '',
    type,
    clusterIPs: headless || type === 'ExternalName' ? [] : ips.filter((ip) => ip !== 'None'),
    headless,
    externalName: type === 'ExternalName' ? spec.externalName : undefined,
    ports: servicePorts(svc),
    publishNotReadyAddresses: spec.publishNotReadyAddresses === true,
  };
}

function indexSlice(slice: EndpointSlice): IndexedSlice | undefined {
  const namespace = slice.metadata?.namespace ?? 'default';
  const serviceName = slice.metadata?.labels?.[SERVICE_NAME_LABEL];
  if (!serviceName) return undefined;
  // FQDN slices carry names, not addresses: DNS cannot serve them as A records.
  if (slice.addressType === 'FQDN') return undefined;
  return {
    key: key(namespace, slice.metadata?.name ?? ''),
    namespace,
    serviceName,
    ports: (slice.ports ?? []).map((p) => ({
      name: p.name ?? '',
      port: p.port ?? -1,
      protocol: (p.protocol ?? 'TCP').toUpperCase(),
    })),
    endpoints: (slice.endpoints ?? []).map((e) => ({
      addresses: e.addresses ?? [],
      hostname: e.hostname || undefined,
      // A nil ready condition means "unknown", which consumers treat as ready.
      ready: e.conditions?.ready !== false,
      targetRefName: e.targetRef?.name,
    })),
  };
}

export class DnsIndex {
  private readonly services = new Map<string, IndexedService>();
  private readonly servicesByClusterIP = new Map<string, Set<string>>();
  private readonly slices = new Map<string, IndexedSlice>();
  private readonly slicesByService = new Map<string, Set<string>>();
  private readonly slicesByIP = new Map<string, Set<string>>();
  private readonly pods = new Map<string, IndexedPod>();
  private readonly podsByIP = new Map<string, Set<string>>();
  private readonly namespaces = new Set<string>();
  private readonly objectsInNamespace = new Map<string, number>();
  /** Seconds since the epoch of the last change: the SOA serial, as CoreDNS uses it. */
  private modified: number;

  constructor(private readonly now: () => number = Date.now) {
    this.modified = Math.floor(now() / 1000);
  }

  get serial(): number {
    return this.modified;
  }

  private touched(): void {
    this.modified = Math.floor(this.now() / 1000);
  }

  private countIn(namespace: string, delta: number): void {
    const n = (this.objectsInNamespace.get(namespace) ?? 0) + delta;
    if (n <= 0) this.objectsInNamespace.delete(namespace);
    else this.objectsInNamespace.set(namespace, n);
  }

  applyNamespace(type: WatchEventType, name: string): void {
    if (type === 'DELETED') this.namespaces.delete(name);
    else this.namespaces.add(name);
    this.touched();
  }

  applyService(type: WatchEventType, svc: Service): void {
    const entry = indexService(svc);
    const k = key(entry.namespace, entry.name);
    const old = this.services.get(k);
    if (old) {
      for (const ip of old.clusterIPs) removeFrom(this.servicesByClusterIP, ip, k);
      this.services.delete(k);
      this.countIn(old.namespace, -1);
    }
    if (type !== 'DELETED') {
      this.services.set(k, entry);
      for (const ip of entry.clusterIPs) addTo(this.servicesByClusterIP, ip, k);
      this.countIn(entry.namespace, 1);
    }
    this.touched();
  }

  applyEndpointSlice(type: WatchEventType, slice: EndpointSlice): void {
    const k = key(slice.metadata?.namespace ?? 'default', slice.metadata?.name ?? '');
    const old = this.slices.get(k);
    if (old) {
      removeFrom(this.slicesByService, key(old.namespace, old.serviceName), k);
      for (const e of old.endpoints) for (const ip of e.addresses) removeFrom(this.slicesByIP, ip, k);
      this.slices.delete(k);
    }
    const entry = type === 'DELETED' ? undefined : indexSlice(slice);
    if (entry) {
      this.slices.set(k, entry);
      addTo(this.slicesByService, key(entry.namespace, entry.serviceName), k);
      for (const e of entry.endpoints) for (const ip of e.addresses) addTo(this.slicesByIP, ip, k);
    }
    this.touched();
  }

  applyPod(type: WatchEventType, pod: Pod): void {
    const namespace = pod.metadata?.namespace ?? 'default';
    const k = key(namespace, pod.metadata?.name ?? '');
    const old = this.pods.get(k);
    if (old) {
      for (const ip of old.ips) removeFrom(this.podsByIP, ip, k);
      this.pods.delete(k);
      this.countIn(old.namespace, -1);
    }
    // A host-network pod has the host's address, and a finished pod's address may already be
    // someone else's: neither names its address.
    const finished = pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
    if (type !== 'DELETED' && !pod.spec?.hostNetwork && !finished) {
      const ips = pod.status?.podIPs?.map((p) => p.ip) ?? (pod.status?.podIP ? [pod.status.podIP] : []);
      const entry = {
        namespace,
        name: pod.metadata?.name ?? '',
        ips: ips.filter((ip): ip is string => !!ip),
      };
      this.pods.set(k, entry);
      for (const ip of entry.ips) addTo(this.podsByIP, ip, k);
      this.countIn(namespace, 1);
    }
    this.touched();
  }

  /** Feeds one watch event of a kind the index keeps; other kinds are ignored. */
  apply(event: WatchEvent): void {
    const { type, object } = event;
    if (object.kind === 'Service') this.applyService(type, object as Service);
    else if (object.kind === 'EndpointSlice') this.applyEndpointSlice(type, object as EndpointSlice);
    else if (object.kind === 'Pod') this.applyPod(type, object as Pod);
    else if (object.kind === 'Namespace') this.applyNamespace(type, object.metadata.name ?? '');
  }

  /** A namespace exists if it was announced, or if anything lives in it. */
  namespaceExists(namespace: string): boolean {
    return this.namespaces.has(namespace) || this.objectsInNamespace.has(namespace);
  }

  service(namespace: string, name: string): IndexedService | undefined {
    return this.services.get(key(namespace, name));
  }

  /** Every address of the service's endpoint slices, ready or not, in slice then endpoint order. */
  endpoints(namespace: string, serviceName: string): ServiceEndpoint[] {
    const out: ServiceEndpoint[] = [];
    const sliceKeys = [...(this.slicesByService.get(key(namespace, serviceName)) ?? [])].sort();
    for (const sk of sliceKeys) {
      const slice = this.slices.get(sk);
      if (!slice) continue;
      for (const e of slice.endpoints) {
        for (const ip of e.addresses)
          out.push({ ip, hostname: e.hostname, ready: e.ready, ports: slice.ports });
      }
    }
    return out;
  }

  servicesWithClusterIP(ip: string): IndexedService[] {
    return [...(this.servicesByClusterIP.get(ip) ?? [])]
      .sort()
      .map((k) => this.services.get(k))
      .filter((s): s is IndexedService => s !== undefined);
  }

  endpointOwners(ip: string): EndpointIpOwner[] {
    const out: EndpointIpOwner[] = [];
    for (const sk of [...(this.slicesByIP.get(ip) ?? [])].sort()) {
      const slice = this.slices.get(sk);
      if (!slice) continue;
      for (const e of slice.endpoints) {
        if (!e.addresses.includes(ip)) continue;
        const svc = this.service(slice.namespace, slice.serviceName);
        if (!e.ready && !svc?.publishNotReadyAddresses) continue;
        out.push({ namespace: slice.namespace, serviceName: slice.serviceName, ip, hostname: e.hostname });
      }
    }
    return out;
  }

  podsWithIP(ip: string): IndexedPod[] {
    return [...(this.podsByIP.get(ip) ?? [])]
      .sort()
      .map((k) => this.pods.get(k))
      .filter((p): p is IndexedPod => p !== undefined);
  }
}
