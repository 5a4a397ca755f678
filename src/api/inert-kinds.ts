// Honesty about kinds: mkube stores every kind kinds.ts lists, but only some have something that
// acts on them (a controller, the kubelet, or a consumer such as a pod's volumes). Writing one of
// the others succeeds, as on a cluster, with a one-line warning so nobody waits for pods, routes
// or quotas that will never come. Shrink INERT_KINDS as controllers land.
//
// Acted on today, so not listed: Pod (kubelet), ReplicaSet, ReplicationController, Deployment,
// StatefulSet, DaemonSet, Job, CronJob, ControllerRevision (their controllers), Namespace (namespace controller), Node and
// Event (written by the agent), ConfigMap and Secret (env and volume sources),
// PersistentVolumeClaim, PersistentVolume and StorageClass (the PV controller and provisioner), Service, Endpoints and EndpointSlice
// (the endpoints controllers and the agent's data plane), Ingress and IngressClass (the agent's
// Ingress controller), PodDisruptionBudget (evictions, as drain sends them), HorizontalPodAutoscaler
// (its controller), ServiceAccount (its controller, pod admission and tokens), Lease (held and renewed by
// its clients, leader elections; on a cluster too nothing else acts on one). ComponentStatus is read-only on a cluster (create is refused), so it needs
// no warning.
import type { KindInfo } from './kinds.js';

/** Kinds stored but not acted on yet, by `kind`. Remove a line when its controller lands. */
export const INERT_KINDS: ReadonlySet<string> = new Set([
  'Binding',
  'LimitRange',
  'NetworkPolicy',
  'PodTemplate',
  'ResourceQuota',
]);

/**
 * The warning for writing an object nothing acts on (no `Warning: ` prefix; the caller prints it
 * as kubectl prints server warnings, once per distinct text), or undefined.
 */
export function inertKindWarning(info: KindInfo): string | undefined {
  return INERT_KINDS.has(info.kind)
    ? `mkube stores ${info.kind} objects but does not act on them yet`
    : undefined;
}
