// A home's service network: its range, chosen once at the first open and recorded in the home's
// config.json, and the Services a kubeadm cluster starts with (`kubernetes`, `kube-dns`); the
// default StorageClass is seeded with them.
import { join } from 'node:path';
import { applyDefaults } from '../api/defaults.js';
import { nthAddress, parseCidr } from '../api/ipv4.js';
import type { KObject } from '../api/types.js';
import type { HomeSeed } from '../state/bootstrap.js';
import { readJsonSync } from '../state/fsio.js';
import { openStore, type StoreOptions } from '../state/store.js';
import type { Store } from '../state/types.js';
import { chooseServiceRange } from './allocators/service-range.js';
import { defaultStorageClass } from './default-storage-class.js';
import { claimServiceRange, readHostRoutes } from './service-range-claims.js';

export const HOME_CONFIG = 'config.json';

/** What a home records about itself at its first open. */
export interface HomeConfig {
  serviceClusterIPRange: string;
}

/** The home's service range, or undefined before its first open with the seed. */
export function serviceRangeOf(home: string): string | undefined {
  return readJsonSync<HomeConfig>(join(home, HOME_CONFIG))?.serviceClusterIPRange;
}

/** `kubernetes` (first address, 443 -> 6443) and `kube-dns` (tenth address), as kubeadm makes them. */
export function bootstrapServices(range: string): KObject[] {
  const cidr = parseCidr(range)!;
  const service = (metadata: KObject['metadata'], spec: Record<string, unknown>): KObject =>
    applyDefaults({ apiVersion: 'v1', kind: 'Service', metadata, spec });
  const ip = (n: number) => nthAddress(cidr, n);
  return [
    service(
      {
        name: 'kubernetes',
        namespace: 'default',
        labels: { component: 'apiserver', provider: 'kubernetes' },
      },
      {
        clusterIP: ip(1),
        clusterIPs: [ip(1)],
        ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }],
      },
    ),
    service(
      {
        name: 'kube-dns',
        namespace: 'kube-system',
        labels: {
          'k8s-app': 'kube-dns',
          'kubernetes.io/cluster-service': 'true',
          'kubernetes.io/name': 'CoreDNS',
        },
        annotations: { 'prometheus.io/port': '9153', 'prometheus.io/scrape': 'true' },
      },
      {
        clusterIP: ip(10),
        clusterIPs: [ip(10)],
        ports: [
          { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
          { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
          { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 },
        ],
        selector: { 'k8s-app': 'kube-dns' },
      },
    ),
  ];
}

/** Chooses the range once (the recorded one if any), claims it machine-wide, seeds the Services. */
export const serviceNetworkSeed: HomeSeed = {
  marker: HOME_CONFIG,
  plant(home) {
    const range =
      serviceRangeOf(home) ??
      claimServiceRange(home, (claimed) => {
        const free = chooseServiceRange({ routes: readHostRoutes(), claimed });
        if (!free)
          throw new Error(
            'no free service range: every candidate overlaps a route or another state directory',
          );
        return free;
      });
    const config: HomeConfig = { serviceClusterIPRange: range };
    return { objects: [...bootstrapServices(range), defaultStorageClass()], marker: config };
  },
};

/** Open a home's store with its service network seeded: what the CLI and the agent use. */
export function openHome(home: string, options: StoreOptions = {}): Store {
  return openStore(home, { ...options, seed: serviceNetworkSeed });
}
