// The Endpoints object a Service should have (the endpoint controller's syncService, pure): one
// address per selected pod with an IP, ready ones in `addresses`, the rest in `notReadyAddresses`
// (all in `addresses` with publishNotReadyAddresses, as Kubernetes does), terminating pods left out
// unless publishNotReadyAddresses, ports resolved per pod, then repacked.
import type { KObject } from '../../api/types.js';
import { mapSelectorMatcher } from '../common/selector.js';
import {
  findPort,
  HEADLESS_LABEL,
  isHeadless,
  isReady,
  podIPv4,
  rfc3339Nano,
  type ServicePort,
  shouldPodBeInEndpoints,
  shouldSetHostname,
  TRIGGER_TIME_ANNOTATION,
} from './pods.js';
import { type AddressPort, type EndpointAddress, type EndpointPort, repackSubsets } from './repack.js';

/** `podToEndpointAddressForService`. */
function podAddress(pod: KObject, svc: KObject): EndpointAddress {
  return {
    ip: podIPv4(pod)!,
    ...(shouldSetHostname(pod, svc) ? { hostname: pod.spec.hostname } : {}),
    nodeName: pod.spec?.nodeName ?? '',
    targetRef: {
      kind: 'Pod',
      namespace: pod.metadata.namespace,
      name: pod.metadata.name,
      uid: pod.metadata.uid,
    },
  };
}

/** `endpointPortFromServicePort`. */
const endpointPort = (sp: ServicePort, port: number): EndpointPort => ({
  ...(sp.name ? { name: sp.name } : {}),
  port,
  protocol: sp.protocol ?? 'TCP',
  ...(sp.appProtocol ? { appProtocol: sp.appProtocol } : {}),
});

/** The labels the controller's objects carry: the Service's, plus the headless marker. */
export function serviceLabels(svc: KObject): Record<string, string> {
  const labels = { ...(svc.metadata.labels ?? {}) };
  if (isHeadless(svc)) labels[HEADLESS_LABEL] = '';
  else delete labels[HEADLESS_LABEL];
  return labels;
}

/** The subsets for `svc` from the pods of its namespace (the selector is applied here). */
export function computeSubsets(svc: KObject, pods: KObject[]): ReturnType<typeof repackSubsets> {
  const selects = mapSelectorMatcher(svc.spec?.selector);
  const publishNotReady = Boolean(svc.spec?.publishNotReadyAddresses);
  const ports: ServicePort[] = svc.spec?.ports ?? [];
  const entries: AddressPort[] = [];
  for (const pod of pods) {
    if (pod.metadata.namespace !== svc.metadata.namespace || !selects(pod.metadata.labels)) continue;
    if (!shouldPodBeInEndpoints(pod, publishNotReady)) continue;
    const address = podAddress(pod, svc);
    const ready = publishNotReady || isReady(pod);
    // A headless Service may have no ports: its addresses alone.
    if (ports.length === 0) {
      if (svc.spec?.clusterIP === 'None') entries.push({ address, port: undefined, ready });
      continue;
    }
    for (const sp of ports) {
      const number = findPort(pod, sp);
      if (number !== undefined) entries.push({ address, port: endpointPort(sp, number), ready });
    }
  }
  return repackSubsets(entries);
}

/** The whole Endpoints object as the controller would create it. */
export function computeEndpoints(svc: KObject, pods: KObject[], triggerTime: number | undefined): KObject {
  const subsets = computeSubsets(svc, pods);
  const labels = serviceLabels(svc);
  return {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: {
      name: svc.metadata.name,
      namespace: svc.metadata.namespace,
      ...(Object.keys(labels).length ? { labels } : {}),
      ...(triggerTime ? { annotations: { [TRIGGER_TIME_ANNOTATION]: rfc3339Nano(triggerTime) } } : {}),
    },
    ...(subsets.length ? { subsets } : {}),
  };
}

const sameJSON = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const sortedLabels = (l: Record<string, string> | undefined) =>
  Object.fromEntries(Object.entries(l ?? {}).sort(([a], [b]) => (a < b ? -1 : 1)));

/**
 * The write to make: undefined when `current` already has the desired subsets and labels (a
 * trigger time alone never causes a write); otherwise `current` (or nothing) with the desired
 * subsets, labels and trigger-time annotation, keeping its other annotations.
 */
export function computeEndpointsUpdate(current: KObject | undefined, desired: KObject): KObject | undefined {
  if (!current) return desired;
  const subsetsEqual = sameJSON(current.subsets ?? [], desired.subsets ?? []);
  const labelsEqual = sameJSON(sortedLabels(current.metadata.labels), sortedLabels(desired.metadata.labels));
  if (subsetsEqual && labelsEqual) return undefined;
  const { [TRIGGER_TIME_ANNOTATION]: _, ...annotations } = current.metadata.annotations ?? {};
  const trigger = desired.metadata.annotations?.[TRIGGER_TIME_ANNOTATION];
  if (trigger) annotations[TRIGGER_TIME_ANNOTATION] = trigger;
  const { labels: _l, annotations: _a, ...meta } = current.metadata;
  const { subsets: _s, ...rest } = current;
  return {
    ...rest,
    metadata: {
      ...meta,
      ...(desired.metadata.labels ? { labels: desired.metadata.labels } : {}),
      ...(Object.keys(annotations).length ? { annotations } : {}),
    },
    ...(desired.subsets ? { subsets: desired.subsets } : {}),
  };
}
