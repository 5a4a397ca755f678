// What a LoadBalancer Service's status says once the data plane serves it: one ingress, hostname
// `localhost` (its ports answer on the host's loopback), so `get svc` shows EXTERNAL-IP localhost.
// A Service that is no longer a LoadBalancer loses that status again. Pure.
import type { Service } from 'kubernetes-types/core/v1.js';

export const LOADBALANCER_HOSTNAME = 'localhost';

export interface LoadBalancerStatusChange {
  namespace: string;
  name: string;
  /** The status.loadBalancer to write: `{ ingress: [{ hostname: 'localhost' }] }` or `{}`. */
  loadBalancer: { ingress?: { hostname: string }[] };
}

const isLocalhostOnly = (ingress: unknown[] | undefined): boolean =>
  JSON.stringify(ingress ?? []) === JSON.stringify([{ hostname: LOADBALANCER_HOSTNAME }]);

/** The status writes that bring every Service's load balancer status in line; [] when all are. */
export function loadBalancerStatusChanges(services: Service[]): LoadBalancerStatusChange[] {
  const changes: LoadBalancerStatusChange[] = [];
  for (const svc of services) {
    const namespace = svc.metadata?.namespace ?? 'default';
    const name = svc.metadata?.name ?? '';
    const ingress = svc.status?.loadBalancer?.ingress;
    if (svc.spec?.type === 'LoadBalancer') {
      if (!isLocalhostOnly(ingress))
        changes.push({ namespace, name, loadBalancer: { ingress: [{ hostname: LOADBALANCER_HOSTNAME }] } });
    } else if ((ingress ?? []).length > 0) {
      changes.push({ namespace, name, loadBalancer: {} });
    }
  }
  return changes;
}
