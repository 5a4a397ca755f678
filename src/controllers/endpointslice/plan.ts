// The EndpointSlice reconciler's plan (k8s.io/endpointslice reconciler.go, pure): given a Service,
// its namespace's pods and the slices this controller manages for it, which slices to create,
// update and delete. Existing slices keep their endpoints' order and are refilled before new
// ones are made; a Service with no endpoints keeps one empty placeholder slice; a slice that
// would be deleted while another is created is reused instead, so names stay stable.
import type { KObject } from '../../api/types.js';
import { rfc3339Nano, TRIGGER_TIME_ANNOTATION } from '../endpoints/pods.js';
import {
  computeDesiredEndpoints,
  MAX_ENDPOINTS_PER_SLICE,
  newEndpointSlice,
  portMapKey,
  type SliceEndpoint,
  sliceLabels,
} from './desired.js';

export interface SlicePlan {
  create: KObject[];
  update: KObject[];
  delete: KObject[];
}

/** `ownedBy`: the slice names this Service (this uid) as an owner. */
export const ownedBy = (slice: KObject, svc: KObject): boolean =>
  (slice.metadata.ownerReferences ?? []).some(
    (r) => r.uid === svc.metadata.uid && r.kind === 'Service' && r.apiVersion === 'v1',
  );

/** The EndpointSet's identity of an endpoint: its addresses, hostname and pod. */
const endpointKey = (e: SliceEndpoint): string =>
  JSON.stringify([e.addresses, e.hostname ?? '', e.targetRef?.namespace ?? '', e.targetRef?.name ?? '']);

/** JSON with object keys sorted: equality that ignores key order. */
function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, val) =>
    val && typeof val === 'object' && !Array.isArray(val)
      ? Object.fromEntries(Object.entries(val).sort(([a], [b]) => (a < b ? -1 : 1)))
      : val,
  );
}

const withEndpoints = (
  slice: KObject,
  endpoints: SliceEndpoint[],
  labels: Record<string, string>,
): KObject => ({
  ...slice,
  metadata: { ...slice.metadata, labels },
  endpoints: endpoints.length ? endpoints : null,
});

const byIP = (a: SliceEndpoint, b: SliceEndpoint) =>
  a.addresses[0]!.localeCompare(b.addresses[0]!, 'en', { numeric: true });

/** `reconcileByPortMapping` for one group of slices that share ports. */
function planPortGroup(
  svc: KObject,
  existing: KObject[],
  ports: KObject['ports'],
  desired: SliceEndpoint[],
  plan: SlicePlan,
): void {
  const labels = sliceLabels(svc);
  const remaining = new Map(desired.map((e) => [endpointKey(e), e]));
  const toUpdate: KObject[] = [];
  const unchanged: KObject[] = [];
  // 1. Keep what is still desired in each slice (updated where it changed), drop the rest.
  for (const slice of existing) {
    const kept: SliceEndpoint[] = [];
    let changed = false;
    for (const e of (slice.endpoints ?? []) as SliceEndpoint[]) {
      const want = remaining.get(endpointKey(e));
      if (!want) continue;
      kept.push(want);
      if (canonical(want) !== canonical(e)) changed = true;
      remaining.delete(endpointKey(e));
    }
    const removed = kept.length !== (slice.endpoints ?? []).length;
    if (changed || removed) {
      if (kept.length === 0) plan.delete.push(slice);
      else toUpdate.push(withEndpoints(slice, kept, labels));
    } else if (canonical(slice.metadata.labels) !== canonical(labels)) {
      toUpdate.push(withEndpoints(slice, kept, labels));
    } else unchanged.push(slice);
  }
  const left = [...remaining.values()].sort(byIP);
  const fill = (slice: KObject) => {
    const endpoints = [...((slice.endpoints ?? []) as SliceEndpoint[])];
    while (left.length && endpoints.length < MAX_ENDPOINTS_PER_SLICE) endpoints.push(left.shift()!);
    return withEndpoints(slice, endpoints, labels);
  };
  // 2. Fill the slices being updated anyway.
  plan.update.push(...toUpdate.map(fill));
  // 3. Then one unchanged slice with room for all that is left, then new slices.
  while (left.length) {
    const roomy =
      left.length < MAX_ENDPOINTS_PER_SLICE
        ? unchanged.findIndex((s) => (s.endpoints ?? []).length + left.length <= MAX_ENDPOINTS_PER_SLICE)
        : -1;
    if (roomy >= 0) plan.update.push(fill(unchanged.splice(roomy, 1)[0]!));
    else plan.create.push(fill(newEndpointSlice(svc, ports ?? [])));
  }
}

/** Whether `slice` is exactly the placeholder this Service would get. */
const isPlaceholder = (slice: KObject, svc: KObject): boolean =>
  ownedBy(slice, svc) &&
  slice.addressType === 'IPv4' &&
  !(slice.endpoints ?? []).length &&
  !(slice.ports ?? []).length &&
  canonical(slice.metadata.labels) === canonical(sliceLabels(svc));

function setTriggerTime(slice: KObject, triggerTime: number | undefined): KObject {
  const { [TRIGGER_TIME_ANNOTATION]: _, ...annotations } = slice.metadata.annotations ?? {};
  if (triggerTime) annotations[TRIGGER_TIME_ANNOTATION] = rfc3339Nano(triggerTime);
  const { annotations: _a, ...meta } = slice.metadata;
  return { ...slice, metadata: { ...meta, ...(Object.keys(annotations).length ? { annotations } : {}) } };
}

/**
 * The plan for `svc` (which must be a managed Service: a selector, not ExternalName). `existing`
 * are the slices labelled as this controller's for this Service name, not being deleted.
 */
export function computeSlicePlan(
  svc: KObject,
  pods: KObject[],
  existing: KObject[],
  triggerTime: number | undefined,
): SlicePlan {
  const plan: SlicePlan = { create: [], update: [], delete: [] };
  const groups = computeDesiredEndpoints(svc, pods);
  // Slices of another Service of the same name (deleted and re-created) or of another address
  // type go; the rest are grouped by their ports.
  const byPorts = new Map<string, KObject[]>();
  for (const slice of existing) {
    if (!ownedBy(slice, svc) || slice.addressType !== 'IPv4') {
      plan.delete.push(slice);
      continue;
    }
    const key = portMapKey(slice.ports);
    byPorts.set(key, [...(byPorts.get(key) ?? []), slice]);
  }
  for (const [key, group] of groups) {
    planPortGroup(svc, byPorts.get(key) ?? [], group.ports, group.endpoints, plan);
  }
  for (const [key, slices] of byPorts) if (!groups.has(key)) plan.delete.push(...slices);
  // No endpoints at all: one placeholder slice (kept when it is already there).
  if (existing.length === plan.delete.length && plan.create.length === 0) {
    const keep = plan.delete.length === 1 && isPlaceholder(plan.delete[0]!, svc);
    if (keep) plan.delete = [];
    else plan.create.push(newEndpointSlice(svc, []));
  }
  // Reuse a slice about to be deleted for one about to be created (same Service, same type).
  for (let i = 0; i < plan.delete.length && plan.create.length > 0; ) {
    const old = plan.delete[i]!;
    if (!ownedBy(old, svc) || old.addressType !== 'IPv4') {
      i++;
      continue;
    }
    const fresh = plan.create.pop()!;
    const { generateName: _, ...meta } = fresh.metadata;
    plan.update.push({ ...fresh, metadata: { ...old.metadata, ...meta } });
    plan.delete.splice(i, 1);
  }
  plan.create = plan.create.map((s) => setTriggerTime(s, triggerTime));
  plan.update = plan.update.map((s) => setTriggerTime(s, triggerTime));
  return plan;
}
