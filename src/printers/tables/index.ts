// The table registry: which columns `get` prints for a kind, and the generic NAME AGE fallback.
import type { KindInfo } from '../../api/kinds.js';
import type { KObject } from '../../api/types.js';
import { since } from '../duration.js';
import type { Table } from '../table.js';
import { horizontalpodautoscalers } from './autoscaling.js';
import { leases, namespaces, nodes } from './cluster.js';
import { AGE, type KindTable, NAME } from './common.js';
import { configmaps, resourcequotas, secrets, serviceaccounts } from './config.js';
import { events } from './events.js';
import { endpoints, endpointslices, ingressclasses, ingresses, services } from './network.js';
import { pods } from './pods.js';
import { persistentvolumeclaims, persistentvolumes, storageclasses } from './storage.js';
import {
  controllerrevisions,
  cronjobs,
  daemonsets,
  deployments,
  jobs,
  replicasets,
  replicationcontrollers,
  statefulsets,
} from './workloads.js';

export type { KindTable } from './common.js';

/** cli-runtime `objectMetaColumnDefinitions`, for kinds without a printer. */
export const generic: KindTable = {
  columns: [NAME, AGE],
  cells: (obj, now) => [obj.metadata.name, since(obj.metadata.creationTimestamp, now)],
};

const BY_KIND: Record<string, KindTable> = {
  Pod: pods,
  Node: nodes,
  Namespace: namespaces,
  Event: events,
  Deployment: deployments,
  ReplicaSet: replicasets,
  ReplicationController: replicationcontrollers,
  StatefulSet: statefulsets,
  DaemonSet: daemonsets,
  Job: jobs,
  CronJob: cronjobs,
  ControllerRevision: controllerrevisions,
  Service: services,
  Endpoints: endpoints,
  EndpointSlice: endpointslices,
  Ingress: ingresses,
  IngressClass: ingressclasses,
  ConfigMap: configmaps,
  Secret: secrets,
  ServiceAccount: serviceaccounts,
  ResourceQuota: resourcequotas,
  PersistentVolume: persistentvolumes,
  PersistentVolumeClaim: persistentvolumeclaims,
  StorageClass: storageclasses,
  HorizontalPodAutoscaler: horizontalpodautoscalers,
  Lease: leases,
};

/** The table definition for a kind (by KindInfo or kind name). */
export function kindTable(kind: KindInfo | string): KindTable {
  const name = typeof kind === 'string' ? kind : kind.kind;
  return BY_KIND[name] ?? generic;
}

/** Builds the server-side Table for objects of one kind, with ages computed at `now`. */
export function buildTable(kind: KindInfo | string, objects: KObject[], now: number): Table {
  const t = kindTable(kind);
  return { columns: t.columns, rows: objects.map((object) => ({ cells: t.cells(object, now), object })) };
}
