// What the Endpoints and EndpointSlice controllers ask of a pod and a Service
// (k8s.io/endpointslice/util and pkg/api/v1/pod): which pods count, their IPv4 address, the port a
// Service port resolves to in each pod, and when a pod publishes a hostname.
import type { KObject } from '../../api/types.js';

/** `endpoints.kubernetes.io/last-change-trigger-time`, on Endpoints and EndpointSlices. */
export const TRIGGER_TIME_ANNOTATION = 'endpoints.kubernetes.io/last-change-trigger-time';
/** `service.kubernetes.io/headless`: set (empty) on the objects of a Service without a ClusterIP. */
export const HEADLESS_LABEL = 'service.kubernetes.io/headless';

export interface ServicePort {
  name?: string;
  port: number;
  protocol?: string;
  appProtocol?: string;
  targetPort?: number | string;
}

/** `podutil.IsPodTerminal`: Succeeded or Failed. */
const isTerminal = (pod: KObject) => pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';

/** The pod's IPv4 address (mkube is single-stack IPv4), or undefined before it has one. */
export function podIPv4(pod: KObject): string | undefined {
  const ips: string[] = [
    ...((pod.status?.podIPs ?? []) as Array<{ ip?: string }>).map((p) => p.ip ?? ''),
    pod.status?.podIP ?? '',
  ];
  return ips.find((ip) => /^\d+\.\d+\.\d+\.\d+$/.test(ip));
}

/**
 * `ShouldPodBeInEndpoints`: not terminal, has an IP, and not terminating unless terminating pods
 * are wanted (the Endpoints controller: only with publishNotReadyAddresses; slices: always).
 */
export function shouldPodBeInEndpoints(pod: KObject, includeTerminating: boolean): boolean {
  if (isTerminal(pod) || !podIPv4(pod)) return false;
  return includeTerminating || !pod.metadata.deletionTimestamp;
}

/** `ShouldSetHostname`: the pod names a hostname and this Service as its subdomain. */
export const shouldSetHostname = (pod: KObject, svc: KObject): boolean =>
  Boolean(pod.spec?.hostname) &&
  pod.spec?.subdomain === svc.metadata.name &&
  pod.metadata.namespace === svc.metadata.namespace;

/**
 * `podutil.FindPort`: a numeric targetPort as is; a named one looked up among the pod's container
 * ports (then restartable init containers) with the Service port's protocol. Undefined when the
 * pod has no such port: the pod is left out of that port.
 */
export function findPort(pod: KObject, sp: ServicePort): number | undefined {
  const target = sp.targetPort ?? sp.port;
  if (typeof target === 'number') return target;
  if (/^\d+$/.test(target)) return Number(target);
  const protocol = sp.protocol ?? 'TCP';
  const sidecars = (pod.spec?.initContainers ?? []).filter((c: any) => c.restartPolicy === 'Always');
  for (const c of [...(pod.spec?.containers ?? []), ...sidecars]) {
    for (const p of c.ports ?? []) {
      if (p.name === target && (p.protocol ?? 'TCP') === protocol) return p.containerPort;
    }
  }
  return undefined;
}

/** A Service that has no cluster IP (`None` or unset): its objects carry the headless label. */
export const isHeadless = (svc: KObject): boolean => !svc.spec?.clusterIP || svc.spec.clusterIP === 'None';

/** Services these controllers manage: with a (non-empty) selector and not ExternalName. */
export const isManagedService = (svc: KObject): boolean =>
  svc.spec?.type !== 'ExternalName' && Object.keys(svc.spec?.selector ?? {}).length > 0;

/** `podutil.IsPodReady`. */
export const isReady = (pod: KObject): boolean =>
  (pod.status?.conditions ?? []).some((c: any) => c.type === 'Ready' && c.status === 'True');

/** Go's `time.RFC3339Nano` in UTC: fractional seconds only when non-zero, trailing zeros dropped. */
export function rfc3339Nano(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.replace(/\.?0*Z$/, 'Z');
}
