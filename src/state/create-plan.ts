// Create as the API server does: server-owned metadata, kind-specific initial status.

import { ApiError } from '../api/errors.js';
import { generateJobSelector } from '../api/job-selector.js';
import type { KindInfo } from '../api/kinds.js';
import type { KObject } from '../api/types.js';
import { NAMESPACE_NAME_LABEL } from '../api/well-known.js';
import { type Meta, normalize } from './meta.js';

export interface CreateContext {
  /** The final name (generateName already resolved). */
  name: string;
  uid: string;
  /** RFC3339 creation time. */
  now: string;
}

/**
 * Whether the kind's strategy counts spec changes in metadata.generation. Pods do not in
 * Kubernetes 1.32 (the pod strategy's PrepareForCreate sets none; pod generation came in 1.33),
 * nor do Leases (renewed every few seconds by their holders; their strategy sets none).
 */
export function hasGeneration(kind: KindInfo): boolean {
  return (
    !(kind.kind === 'Pod' && kind.group === '') &&
    !(kind.kind === 'Lease' && kind.group === 'coordination.k8s.io')
  );
}

/** Kinds whose strategy resets status on create (PrepareForCreate); others keep what was sent. */
const INITIAL_STATUS: Record<string, (obj: KObject) => unknown> = {
  Pod: () => ({ phase: 'Pending' }),
  Namespace: () => ({ phase: 'Active' }),
  PersistentVolumeClaim: () => ({ phase: 'Pending' }),
  PersistentVolume: () => ({ phase: 'Pending' }),
  Service: () => ({ loadBalancer: {} }),
  Ingress: () => ({ loadBalancer: {} }),
  Deployment: () => ({}),
  ReplicaSet: () => ({ replicas: 0 }),
  StatefulSet: () => ({ availableReplicas: 0, replicas: 0 }),
  DaemonSet: () => ({
    currentNumberScheduled: 0,
    desiredNumberScheduled: 0,
    numberMisscheduled: 0,
    numberReady: 0,
  }),
  ReplicationController: () => ({ replicas: 0 }),
  Job: () => ({}),
  CronJob: () => ({}),
};

/** The name to store, or an Invalid error like the API server's. */
export function requireName(obj: KObject): string {
  const name = obj.metadata?.name;
  if (name) return name;
  throw new ApiError(
    'Invalid',
    `${obj.kind} "" is invalid: metadata.name: Required value: name or generateName is required`,
  );
}

/** The object to store for a create; resourceVersion is assigned at commit. */
export function planCreate(input: KObject, kind: KindInfo, ctx: CreateContext): KObject {
  const obj = normalize(input);
  // Identity first, as the API server orders ObjectMeta; the caller's fields follow.
  const meta = {
    name: ctx.name,
    ...(obj.metadata.generateName ? { generateName: obj.metadata.generateName } : {}),
    ...(kind.namespaced ? { namespace: obj.metadata.namespace || 'default' } : {}),
    uid: ctx.uid,
    resourceVersion: '',
    generation: 1,
    creationTimestamp: ctx.now,
    ...obj.metadata,
  } as Meta;
  Object.assign(meta, { name: ctx.name, uid: ctx.uid, generation: 1, creationTimestamp: ctx.now });
  if (kind.namespaced) meta.namespace = obj.metadata.namespace || 'default';
  else delete meta.namespace;
  if (!hasGeneration(kind)) delete meta.generation;
  // Set only by the server: the version at commit, the deletion fields by delete.
  delete meta.deletionTimestamp;
  delete meta.deletionGracePeriodSeconds;
  delete meta.selfLink;
  // managedFields are kept: the registry's field manager sets them (nothing else writes them).
  obj.metadata = meta;

  if (kind.kind === 'Namespace' && kind.group === '') {
    meta.labels = { ...meta.labels, [NAMESPACE_NAME_LABEL]: ctx.name };
    obj.spec = { ...obj.spec, finalizers: obj.spec?.finalizers ?? ['kubernetes'] };
  }
  if (kind.kind === 'Job' && kind.group === 'batch') generateJobSelector(obj);
  const status = INITIAL_STATUS[kind.kind];
  if (status) obj.status = status(obj);
  return obj;
}
