// The `kubernetes` Service's endpoints: on a cluster the API server itself writes the Endpoints
// and the EndpointSlice named `kubernetes` in `default` with its advertise address and port (the
// endpoint reconciler); here the agent writes them with the address its API endpoint listens on
// for pods (the home's Docker gateway), so `https://kubernetes.default.svc` and
// $KUBERNETES_SERVICE_HOST:$KUBERNETES_SERVICE_PORT reach mkube's API through the data plane.
// The Endpoints carry skip-mirror (the mirroring controller leaves them to their writer) and the
// slice only the service-name label, as the API server's reconciler writes them.
import { lookupKind } from '../api/kinds.js';
import type { KObject, WatchEvent } from '../api/types.js';
import type { Registry } from '../registry/registry.js';

const ENDPOINTS = lookupKind('endpoints')!;
const SERVICE = lookupKind('services')!;
const SLICE = lookupKind('endpointslices.discovery.k8s.io')!;
export const KUBERNETES = { namespace: 'default', name: 'kubernetes' } as const;
const PORT_NAME = 'https';

export interface ApiAddress {
  ip: string;
  port: number;
}

/** The Endpoints the API server's reconciler keeps for itself; pure. */
export function kubernetesEndpoints(api: ApiAddress): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: {
      name: KUBERNETES.name,
      namespace: KUBERNETES.namespace,
      labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' },
    },
    subsets: [{ addresses: [{ ip: api.ip }], ports: [{ name: PORT_NAME, port: api.port, protocol: 'TCP' }] }],
  };
}

/** The EndpointSlice the API server's reconciler keeps for itself; pure. */
export function kubernetesEndpointSlice(api: ApiAddress): KObject {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      name: KUBERNETES.name,
      namespace: KUBERNETES.namespace,
      labels: { 'kubernetes.io/service-name': KUBERNETES.name },
    },
    addressType: 'IPv4',
    endpoints: [{ addresses: [api.ip], conditions: { ready: true } }],
    ports: [{ name: PORT_NAME, port: api.port, protocol: 'TCP' }],
  };
}

/** The fields the reconciler owns, for comparing what is stored with what it wants. */
function owned(obj: KObject): string {
  return JSON.stringify([
    obj.metadata.labels ?? {},
    obj.subsets ?? null,
    obj.addressType ?? null,
    obj.endpoints ?? null,
    obj.ports ?? null,
  ]);
}

/** Whether the stored object already says what `desired` says; pure. */
export function endpointUpToDate(current: KObject | undefined, desired: KObject): boolean {
  return !!current && !current.metadata.deletionTimestamp && owned(current) === owned(desired);
}

/** Keeps both objects pointing at the API endpoint: at start and whenever one of them changes. */
export class KubernetesEndpoints {
  constructor(
    private readonly registry: Registry,
    private readonly api: ApiAddress,
    private readonly log: (message: string) => void,
  ) {}

  /** One watch event of the agent: either object (or the Service) changed by someone else is put back. */
  onEvent(ev: WatchEvent): void {
    const { kind, metadata } = ev.object;
    if (
      (kind === 'Endpoints' || kind === 'EndpointSlice' || kind === 'Service') &&
      metadata.namespace === KUBERNETES.namespace &&
      metadata.name === KUBERNETES.name
    )
      void this.ensure();
  }

  async ensure(): Promise<void> {
    // Without its Service the endpoints controller removes them again: nothing to keep then.
    if (!this.registry.get(SERVICE, KUBERNETES.namespace, KUBERNETES.name)) return;
    for (const [info, desired] of [
      [ENDPOINTS, kubernetesEndpoints(this.api)],
      [SLICE, kubernetesEndpointSlice(this.api)],
    ] as const) {
      const current = this.registry.get(info, KUBERNETES.namespace, KUBERNETES.name);
      if (endpointUpToDate(current, desired)) continue;
      try {
        if (!current) await this.registry.create(desired);
        else
          await this.registry.mutate(info, KUBERNETES.namespace, KUBERNETES.name, (cur) => ({
            ...cur,
            ...desired,
            metadata: { ...cur.metadata, labels: desired.metadata.labels },
          }));
      } catch (err) {
        // The cache may trail our own write (AlreadyExists), or the object is going: the next event retries.
        this.log(`api server: ${info.kind} ${KUBERNETES.name}: ${(err as Error).message}`);
      }
    }
  }
}
