// Services + EndpointSlices -> the flat list of service ports the data plane serves, each with the
// endpoints traffic may go to. Endpoint choice mirrors kube-proxy: ready endpoints; when none is
// ready, the ones still serving while terminating (so a rollout's last pod keeps answering).
import type { Service, ServicePort as SpecPort } from 'kubernetes-types/core/v1.js';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1.js';
import { servicePortName } from './names.js';

export type Protocol = 'TCP' | 'UDP' | 'SCTP';

export interface Endpoint {
  ip: string;
  port: number;
}

export interface ProxiedPort {
  /** `ns/name:port`, as kube-proxy prints it in comments. */
  name: string;
  protocol: Protocol;
  clusterIP: string;
  port: number;
  nodePort?: number;
  /** Addresses a LoadBalancer answers on (127.0.0.1 first). Empty for other types. */
  loadBalancerIPs: string[];
  /** Cluster: masquerade all external traffic. Local: keep the client's address (one node: all endpoints are local). */
  externalTrafficPolicy: 'Cluster' | 'Local';
  /** ClientIP affinity timeout in seconds, or undefined for no affinity. */
  affinitySeconds?: number;
  endpoints: Endpoint[];
}

/** The address a LoadBalancer answers on: the host's loopback, as its EXTERNAL-IP `localhost` promises. */
export const LOADBALANCER_HOST_IP = '127.0.0.1';
const DEFAULT_AFFINITY_SECONDS = 10800;
const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';

/** Whether the data plane has anything to do for this Service (headless and ExternalName have no IP). */
function hasClusterIP(svc: Service): boolean {
  const ip = svc.spec?.clusterIP;
  return !!ip && ip !== 'None' && svc.spec?.type !== 'ExternalName' && !ip.includes(':');
}

function loadBalancerIPs(svc: Service): string[] {
  if (svc.spec?.type !== 'LoadBalancer') return [];
  const fromStatus = (svc.status?.loadBalancer?.ingress ?? [])
    .map((i) => i.ip)
    .filter((ip): ip is string => !!ip && !ip.includes(':'));
  return [...new Set([LOADBALANCER_HOST_IP, ...fromStatus])];
}

/** Endpoints of one service port from its slices: ready ones, else serving-and-terminating ones. */
export function chooseEndpoints(slices: EndpointSlice[], port: SpecPort, protocol: Protocol): Endpoint[] {
  const ready = new Map<string, Endpoint>();
  const servingTerminating = new Map<string, Endpoint>();
  for (const slice of slices) {
    if (slice.addressType !== 'IPv4') continue;
    const slicePort = (slice.ports ?? []).find(
      (p) => (p.name ?? '') === (port.name ?? '') && (p.protocol ?? 'TCP') === protocol,
    );
    if (slicePort?.port === undefined) continue;
    for (const ep of slice.endpoints ?? []) {
      const ip = ep.addresses?.[0];
      if (!ip) continue;
      // API semantics: ready unset means ready; serving unset means the same as ready.
      const isReady = ep.conditions?.ready ?? true;
      const isServing = ep.conditions?.serving ?? isReady;
      const isTerminating = ep.conditions?.terminating ?? false;
      const endpoint = { ip, port: slicePort.port };
      const key = `${ip}:${slicePort.port}`;
      if (isReady) ready.set(key, endpoint);
      else if (isServing && isTerminating) servingTerminating.set(key, endpoint);
    }
  }
  const chosen = ready.size > 0 ? ready : servingTerminating;
  return [...chosen.values()].sort(compareEndpoints);
}

function compareEndpoints(a: Endpoint, b: Endpoint): number {
  const key = (e: Endpoint) =>
    `${e.ip
      .split('.')
      .map((o) => o.padStart(3, '0'))
      .join('.')}:${String(e.port).padStart(5, '0')}`;
  return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
}

/** Every port of every Service that has a ClusterIP, sorted by name so the rule text is stable. */
export function proxiedPorts(services: Service[], slices: EndpointSlice[]): ProxiedPort[] {
  const out: ProxiedPort[] = [];
  for (const svc of services) {
    if (!hasClusterIP(svc)) continue;
    const namespace = svc.metadata?.namespace ?? 'default';
    const name = svc.metadata?.name ?? '';
    const own = slices.filter(
      (s) =>
        (s.metadata?.namespace ?? 'default') === namespace &&
        s.metadata?.labels?.[SERVICE_NAME_LABEL] === name,
    );
    const affinity =
      svc.spec?.sessionAffinity === 'ClientIP'
        ? (svc.spec.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? DEFAULT_AFFINITY_SECONDS)
        : undefined;
    const exposed = svc.spec?.type === 'NodePort' || svc.spec?.type === 'LoadBalancer';
    for (const port of svc.spec?.ports ?? []) {
      const protocol = (port.protocol ?? 'TCP') as Protocol;
      out.push({
        name: servicePortName(namespace, name, port.name),
        protocol,
        clusterIP: svc.spec!.clusterIP!,
        port: port.port,
        nodePort: exposed && port.nodePort ? port.nodePort : undefined,
        loadBalancerIPs: loadBalancerIPs(svc),
        externalTrafficPolicy: svc.spec?.externalTrafficPolicy === 'Local' ? 'Local' : 'Cluster',
        affinitySeconds: affinity,
        endpoints: chooseEndpoints(own, port, protocol),
      });
    }
  }
  return out.sort((a, b) => (a.name + a.protocol < b.name + b.protocol ? -1 : 1));
}
