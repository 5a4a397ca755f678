// What the controller writes into an Ingress's status: `localhost` and the ports it listens on
// (HTTP first, then TLS), so `get ing` shows an ADDRESS and scripts find the ports when they are
// not 80 and 443.
import type { Ingress, IngressLoadBalancerStatus } from 'kubernetes-types/networking/v1.js';

export const INGRESS_HOSTNAME = 'localhost';

export function loadBalancerStatus(ports: readonly number[]): IngressLoadBalancerStatus {
  return {
    ingress: [{ hostname: INGRESS_HOSTNAME, ports: ports.map((port) => ({ port, protocol: 'TCP' })) }],
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? {}) === JSON.stringify(b ?? {});

/**
 * The status.loadBalancer each Ingress should get, for those whose status is not already right:
 * ours when served; emptied when no longer served but still showing an address of ours.
 */
export function computeStatusUpdates(
  ingresses: readonly Ingress[],
  served: ReadonlySet<string>,
  ports: readonly number[],
): Array<{ namespace: string; name: string; loadBalancer: IngressLoadBalancerStatus }> {
  const ours = loadBalancerStatus(ports);
  const out = [];
  for (const ing of ingresses) {
    const namespace = ing.metadata?.namespace ?? 'default';
    const name = ing.metadata?.name ?? '';
    const current = ing.status?.loadBalancer;
    if (served.has(`${namespace}/${name}`)) {
      if (!same(current, ours)) out.push({ namespace, name, loadBalancer: ours });
    } else if (current?.ingress?.some((i) => i.hostname === INGRESS_HOSTNAME && !i.ip)) {
      out.push({ namespace, name, loadBalancer: {} });
    }
  }
  return out;
}
