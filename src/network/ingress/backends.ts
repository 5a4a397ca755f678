// An Ingress backend -> the addresses to proxy to: the Service's port (by number or by name),
// then that port as each EndpointSlice of the Service publishes it, ready endpoints only.
import type { Service } from 'kubernetes-types/core/v1.js';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1.js';
import type { IngressBackend } from 'kubernetes-types/networking/v1.js';

export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';

export interface Target {
  ip: string;
  port: number;
}

export interface ResolvedBackend {
  /** `namespace/service:port` as written in the Ingress, for logs and tests. */
  name: string;
  /** Ready endpoints, sorted; empty means 503. */
  targets: Target[];
}

/** Services and EndpointSlices indexed by `namespace/name` (slices by their Service's name). */
export interface BackendIndex {
  services: Map<string, Service>;
  slices: Map<string, EndpointSlice[]>;
}

export function indexBackends(services: readonly Service[], slices: readonly EndpointSlice[]): BackendIndex {
  const index: BackendIndex = { services: new Map(), slices: new Map() };
  for (const svc of services) index.services.set(`${svc.metadata?.namespace}/${svc.metadata?.name}`, svc);
  for (const slice of slices) {
    const owner = slice.metadata?.labels?.[SERVICE_NAME_LABEL];
    if (!owner) continue;
    const key = `${slice.metadata?.namespace}/${owner}`;
    index.slices.set(key, [...(index.slices.get(key) ?? []), slice]);
  }
  return index;
}

export function resolveBackend(
  index: BackendIndex,
  namespace: string,
  backend: IngressBackend,
): ResolvedBackend {
  const ref = backend.service;
  if (!ref)
    return {
      name: `${namespace}/<resource ${backend.resource?.kind}/${backend.resource?.name}>`,
      targets: [],
    };
  const wanted = ref.port?.name ?? ref.port?.number;
  const name = `${namespace}/${ref.name}:${wanted}`;
  const svc = index.services.get(`${namespace}/${ref.name}`);
  const svcPort = svc?.spec?.ports?.find((p) =>
    ref.port?.name ? p.name === ref.port.name : p.port === ref.port?.number,
  );
  if (!svcPort || (svcPort.protocol ?? 'TCP') !== 'TCP') return { name, targets: [] };
  const seen = new Set<string>();
  const targets: Target[] = [];
  for (const slice of index.slices.get(`${namespace}/${ref.name}`) ?? []) {
    if (slice.addressType !== 'IPv4') continue;
    const port = slice.ports?.find(
      (p) => (p.name ?? '') === (svcPort.name ?? '') && (p.protocol ?? 'TCP') === 'TCP',
    );
    if (port?.port === undefined) continue;
    for (const ep of slice.endpoints ?? []) {
      // A nil `ready` means ready (the EndpointSlice API's rule).
      if (ep.conditions?.ready === false) continue;
      for (const ip of ep.addresses) {
        const key = `${ip}:${port.port}`;
        if (seen.has(key)) continue;
        seen.add(key);
        targets.push({ ip, port: port.port });
      }
    }
  }
  targets.sort((a, b) => a.ip.localeCompare(b.ip, 'en', { numeric: true }) || a.port - b.port);
  return { name, targets };
}
