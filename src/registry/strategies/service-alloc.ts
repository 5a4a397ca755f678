// The Service admission the API server does in pkg/registry/core/service/storage/alloc.go and
// strategy.go, as pure functions: keep allocated values across an update, drop what a type change
// leaves behind, then allocate the ClusterIP and NodePorts from what other Services hold.
import { ApiError } from '../../api/errors.js';
import { type FieldError, InvalidError } from '../../api/field-errors.js';
import type { Cidr } from '../../api/ipv4.js';
import type { KObject } from '../../api/types.js';
import { allocateClusterIP, type RandomInt, randomInt } from '../allocators/cluster-ip.js';
import { allocateNodePort, type PortRange } from '../allocators/node-port.js';

export interface ServiceAllocState {
  range: Cidr;
  nodePorts: PortRange;
  /** ClusterIPs held by every other Service. */
  ips: ReadonlySet<string>;
  /** NodePorts held by every other Service. */
  ports: ReadonlySet<number>;
  random?: RandomInt;
}

/** The API server's NewInternalError, printed `Error from server (InternalError): Internal error occurred: ...`. */
const internal = (text: string) => new ApiError('InternalError', `Internal error occurred: ${text}`);

const needsClusterIP = (svc: KObject) => (svc.spec?.type ?? 'ClusterIP') !== 'ExternalName';
const isHeadless = (svc: KObject) => svc.spec?.clusterIP === 'None';
export const needsNodePorts = (svc: KObject) => ['NodePort', 'LoadBalancer'].includes(svc.spec?.type);

/** What other Services hold, from a list of them (`self` excluded). */
export function heldBy(services: KObject[], self?: { namespace?: string; name?: string }) {
  const ips = new Set<string>();
  const ports = new Set<number>();
  for (const s of services) {
    if (self && s.metadata.namespace === self.namespace && s.metadata.name === self.name) continue;
    for (const ip of s.spec?.clusterIPs ?? (s.spec?.clusterIP ? [s.spec.clusterIP] : [])) {
      if (ip && ip !== 'None') ips.add(ip);
    }
    for (const p of s.spec?.ports ?? []) if (p.nodePort) ports.add(p.nodePort);
    if (s.spec?.healthCheckNodePort) ports.add(s.spec.healthCheckNodePort);
  }
  return { ips, ports };
}

/**
 * strategy.go's PrepareForUpdate: an update that leaves the ClusterIP or a NodePort out keeps the
 * allocated one (patchAllocatedValues); a type change that no longer needs them drops them when
 * they are the old values (dropTypeDependentFields).
 */
export function prepareServiceUpdate(next: KObject, live: KObject): void {
  next.spec ??= {};
  const spec = next.spec;
  const old = live.spec ?? {};
  if (needsClusterIP(live) && needsClusterIP(next)) {
    if (!spec.clusterIP) spec.clusterIP = old.clusterIP;
    if (!spec.clusterIPs?.length && old.clusterIPs) spec.clusterIPs = old.clusterIPs;
  }
  if (needsNodePorts(live) && needsNodePorts(next)) {
    for (const p of spec.ports ?? []) {
      if (p.nodePort) continue;
      const was = (old.ports ?? []).find(
        (o: any) => o.port === p.port && (o.protocol ?? 'TCP') === (p.protocol ?? 'TCP'),
      );
      if (was?.nodePort) p.nodePort = was.nodePort;
    }
  }
  if (needsClusterIP(live) && !needsClusterIP(next) && spec.clusterIP === old.clusterIP) {
    delete spec.clusterIP;
    delete spec.clusterIPs;
    delete spec.ipFamilies;
    delete spec.ipFamilyPolicy;
    delete spec.internalTrafficPolicy;
    delete spec.sessionAffinity;
  }
  if (needsNodePorts(live) && !needsNodePorts(next)) {
    const oldPorts = new Set((old.ports ?? []).map((p: any) => p.nodePort));
    const same = (spec.ports ?? []).every((p: any) => !p.nodePort || oldPorts.has(p.nodePort));
    if (same) for (const p of spec.ports ?? []) delete p.nodePort;
    if (spec.externalTrafficPolicy === old.externalTrafficPolicy) delete spec.externalTrafficPolicy;
  }
  if (live.spec?.type === 'LoadBalancer' && next.spec?.type !== 'LoadBalancer') {
    delete spec.allocateLoadBalancerNodePorts;
  }
}

/**
 * Allocation (alloc.go's allocateCreate / allocateUpdate): the ClusterIP (`clusterIPs` set to
 * match), `None` kept for headless Services, NodePorts for NodePort and LoadBalancer Services.
 * Returns a copy, or throws the API server's 422 with every cause.
 */
export function allocateService(input: KObject, state: ServiceAllocState): KObject {
  const svc = structuredClone(input);
  svc.spec ??= {};
  const spec = svc.spec;
  const random = state.random ?? randomInt;
  const errs: FieldError[] = [];
  if (isHeadless(svc)) {
    spec.clusterIPs = ['None'];
  } else if (needsClusterIP(svc)) {
    const requested: string | undefined = spec.clusterIPs?.[0] || spec.clusterIP || undefined;
    const r = allocateClusterIP(state.range, state.ips, requested, random);
    if (r.ok) {
      spec.clusterIP = r.value;
      spec.clusterIPs = [r.value];
    } else if (!requested) {
      throw internal(`failed to allocate a serviceIP: ${r.error}`);
    } else {
      const detail = `failed to allocate IP ${requested}: ${r.error}`;
      errs.push({ type: 'Invalid', path: ['spec', 'clusterIPs'], value: [requested], detail });
    }
  }
  if (needsNodePorts(svc) && spec.allocateLoadBalancerNodePorts !== false) {
    const held = new Set(state.ports);
    // One nodePort may serve the same port number over TCP and UDP: it is taken once.
    const ownRequested = new Map<number, number>();
    (spec.ports ?? []).forEach((p: any, i: number) => {
      if (!p.nodePort) return;
      const same = ownRequested.get(p.nodePort);
      if (same !== undefined && spec.ports[same].port === p.port) return;
      const r = allocateNodePort(state.nodePorts, held, p.nodePort, random);
      if (!r.ok) {
        errs.push({
          type: 'Invalid',
          path: ['spec', 'ports', i, 'nodePort'],
          value: p.nodePort,
          detail: r.error,
        });
        return;
      }
      held.add(p.nodePort);
      ownRequested.set(p.nodePort, i);
    });
    for (const p of spec.ports ?? []) {
      if (p.nodePort) continue;
      const r = allocateNodePort(state.nodePorts, held, undefined, random);
      if (!r.ok) throw internal(`failed to allocate a nodePort: ${r.error}`);
      p.nodePort = r.value;
      held.add(r.value);
    }
  }
  if (errs.length) throw new InvalidError('Service', svc.metadata?.name ?? '', errs);
  return svc;
}
