// The endpoints a Service's EndpointSlices should hold (the endpointslice reconciler's desired
// state, pure): every selected pod with an IP, terminating ones included, grouped by the ports
// they resolve to, with the conditions `podToEndpoint` sets.
import type { KObject } from '../../api/types.js';
import { controllerRef } from '../common/owners.js';
import { mapSelectorMatcher } from '../common/selector.js';
import { serviceLabels } from '../endpoints/desired.js';
import {
  findPort,
  isReady,
  podIPv4,
  type ServicePort,
  shouldPodBeInEndpoints,
  shouldSetHostname,
} from '../endpoints/pods.js';

export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
export const MANAGED_BY_LABEL = 'endpointslice.kubernetes.io/managed-by';
export const CONTROLLER_NAME = 'endpointslice-controller.k8s.io';
export const MAX_ENDPOINTS_PER_SLICE = 100;

export interface SlicePort {
  name: string;
  protocol: string;
  port: number;
  appProtocol?: string;
}

export interface SliceEndpoint {
  addresses: string[];
  conditions: { ready: boolean; serving: boolean; terminating: boolean };
  hostname?: string;
  targetRef: { kind: 'Pod'; namespace: string; name: string; uid: string };
  nodeName?: string;
}

/** The endpoints that share one set of ports (one group of slices). */
export interface PortGroup {
  ports: SlicePort[];
  endpoints: SliceEndpoint[];
}

/** `getEndpointPorts`: the Service's ports as this pod serves them (unnamed ones as `name: ""`). */
function endpointPorts(svc: KObject, pod: KObject): SlicePort[] {
  const ports: ServicePort[] = svc.spec?.ports ?? [];
  const out: SlicePort[] = [];
  for (const sp of ports) {
    const port = findPort(pod, sp);
    if (port === undefined) continue;
    out.push({
      name: sp.name ?? '',
      protocol: sp.protocol ?? 'TCP',
      port,
      ...(sp.appProtocol ? { appProtocol: sp.appProtocol } : {}),
    });
  }
  return out;
}

/** `podToEndpoint`: ready only when serving and not terminating (or publishNotReadyAddresses). */
function podToEndpoint(pod: KObject, svc: KObject): SliceEndpoint {
  const serving = isReady(pod);
  const terminating = Boolean(pod.metadata.deletionTimestamp);
  const ready = Boolean(svc.spec?.publishNotReadyAddresses) || (serving && !terminating);
  return {
    addresses: [podIPv4(pod)!],
    conditions: { ready, serving, terminating },
    ...(shouldSetHostname(pod, svc) ? { hostname: pod.spec.hostname } : {}),
    targetRef: {
      kind: 'Pod',
      namespace: pod.metadata.namespace!,
      name: pod.metadata.name!,
      uid: pod.metadata.uid!,
    },
    ...(pod.spec?.nodeName ? { nodeName: pod.spec.nodeName } : {}),
  };
}

/** `NewPortMapKey`: the same ports in any order are the same group. */
export const portMapKey = (ports: SlicePort[] | undefined | null): string =>
  JSON.stringify(
    (ports ?? [])
      .map((p) => [p.name ?? '', p.protocol ?? '', p.port ?? 0, p.appProtocol ?? ''])
      .sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1)),
  );

/** Desired endpoints of `svc`, by port-map key; `pods` are its namespace's (selected here). */
export function computeDesiredEndpoints(svc: KObject, pods: KObject[]): Map<string, PortGroup> {
  const selects = mapSelectorMatcher(svc.spec?.selector);
  const groups = new Map<string, PortGroup>();
  for (const pod of pods) {
    if (pod.metadata.namespace !== svc.metadata.namespace || !selects(pod.metadata.labels)) continue;
    if (!shouldPodBeInEndpoints(pod, true)) continue;
    const ports = endpointPorts(svc, pod);
    const key = portMapKey(ports);
    const group = groups.get(key) ?? { ports, endpoints: [] };
    groups.set(key, group);
    group.endpoints.push(podToEndpoint(pod, svc));
  }
  return groups;
}

/** `setEndpointSliceLabels`: the Service's labels (reserved ones dropped) plus the slice's own. */
export function sliceLabels(svc: KObject): Record<string, string> {
  const labels = serviceLabels(svc);
  for (const reserved of [SERVICE_NAME_LABEL, MANAGED_BY_LABEL]) delete labels[reserved];
  labels[SERVICE_NAME_LABEL] = svc.metadata.name!;
  labels[MANAGED_BY_LABEL] = CONTROLLER_NAME;
  return labels;
}

/**
 * `newEndpointSlice`: an empty slice for `ports`, named `<service>-<random>` by the store. Empty
 * lists are `null`, as the API serves them (neither field is omitempty).
 */
export function newEndpointSlice(svc: KObject, ports: SlicePort[]): KObject {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      generateName: `${svc.metadata.name}-`,
      namespace: svc.metadata.namespace,
      labels: sliceLabels(svc),
      ownerReferences: [{ ...controllerRef(svc), apiVersion: 'v1', kind: 'Service' }],
    },
    addressType: 'IPv4',
    endpoints: null,
    ports: ports.length ? ports : null,
  };
}
