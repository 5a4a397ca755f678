// The EndpointSlice controller (pkg/controller/endpointslice): keeps the slices of every Service
// with a selector in step with its pods, through the plan in plan.ts. Slices are owned by their
// Service, so the garbage collector deletes them with it. Services without a selector get none
// (mirroring user-written Endpoints into slices is another controller, not in mkube yet).
import { lookupKind, POD } from '../../api/kinds.js';
import type { KObject } from '../../api/types.js';
import { isNotFound } from '../common/errors.js';
import { type Controller, type ControllerContext, keyOf, splitKey } from '../controller.js';
import { SERVICE, selectedPods, servicesOfPod } from '../endpoints/endpoints.js';
import { isManagedService } from '../endpoints/pods.js';
import { TriggerTimeTracker } from '../endpoints/trigger-time.js';
import { CONTROLLER_NAME, MANAGED_BY_LABEL, SERVICE_NAME_LABEL } from './desired.js';
import { computeSlicePlan } from './plan.js';

export const ENDPOINTSLICE = lookupKind('endpointslices.discovery.k8s.io')!;

/** The slices this controller manages for a Service name (by label), not being deleted. */
export function managedSlices(ctx: ControllerContext, namespace: string, service: string): KObject[] {
  return ctx.registry
    .list(ENDPOINTSLICE, { namespace })
    .filter(
      (s) =>
        s.metadata.labels?.[SERVICE_NAME_LABEL] === service &&
        s.metadata.labels?.[MANAGED_BY_LABEL] === CONTROLLER_NAME &&
        !s.metadata.deletionTimestamp,
    );
}

export function endpointSliceController(ctx: ControllerContext): Controller {
  const { registry } = ctx;
  const tracker = new TriggerTimeTracker();
  const listed = (ns: string) =>
    registry
      .list(ENDPOINTSLICE, { namespace: ns })
      .filter((s) => s.metadata.labels?.[MANAGED_BY_LABEL] === CONTROLLER_NAME)
      .map((s) => ({
        service: s.metadata.labels?.[SERVICE_NAME_LABEL] ?? '',
        podNames: new Set<string>((s.endpoints ?? []).map((e: any) => e.targetRef?.name)),
      }));

  async function reconcile(key: string): Promise<{ requeueAfterMs?: number }> {
    const [ns, name] = splitKey(key);
    const svc = registry.get(SERVICE, ns, name);
    // A deleted Service's slices go with it through the garbage collector.
    if (!svc) {
      tracker.forget(key);
      return {};
    }
    if (!isManagedService(svc)) return {};
    const pods = selectedPods(svc, registry.list(POD, { namespace: ns }));
    const triggerTime = tracker.compute(key, svc, pods);
    const plan = computeSlicePlan(svc, pods, managedSlices(ctx, ns!, name), triggerTime);
    for (const slice of plan.delete) {
      await registry
        .delete(ENDPOINTSLICE, ns, slice.metadata.name!, { uid: slice.metadata.uid })
        .catch((e) => {
          if (!isNotFound(e)) throw e;
        });
    }
    for (const slice of plan.update) {
      await registry.mutate(ENDPOINTSLICE, ns, slice.metadata.name!, (cur) => ({
        ...cur,
        metadata: {
          ...cur.metadata,
          labels: slice.metadata.labels,
          annotations: slice.metadata.annotations,
          ownerReferences: slice.metadata.ownerReferences,
        },
        addressType: slice.addressType,
        endpoints: slice.endpoints,
        ports: slice.ports,
      }));
    }
    for (const slice of plan.create) await registry.create(slice);
    return {};
  }

  return {
    name: 'endpointslice-controller',
    watches: [
      { kind: SERVICE, keys: (svc) => [keyOf(svc)] },
      { kind: POD, keys: (pod) => servicesOfPod(ctx, pod, listed) },
      // A slice changed or deleted by someone else is put right.
      {
        kind: ENDPOINTSLICE,
        keys: (s) => {
          const service = s.metadata.labels?.[SERVICE_NAME_LABEL];
          const managed = s.metadata.labels?.[MANAGED_BY_LABEL] === CONTROLLER_NAME;
          return service && managed ? [`${s.metadata.namespace}/${service}`] : [];
        },
      },
    ],
    resyncKeys: () => registry.list(SERVICE).map(keyOf),
    reconcile,
  };
}
