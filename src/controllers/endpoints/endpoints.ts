// The Endpoints controller (pkg/controller/endpoint): keeps one Endpoints object, named after the
// Service, for every Service with a selector. Endpoints carry no ownerReference, so the controller
// deletes them itself when their Service goes. Services without a selector keep the Endpoints
// their users write.
import { lookupKind, POD } from '../../api/kinds.js';
import type { KObject } from '../../api/types.js';
import { isAlreadyExists, isNotFound } from '../common/errors.js';
import { mapSelectorMatcher } from '../common/selector.js';
import { type Controller, type ControllerContext, keyOf, splitKey } from '../controller.js';
import { computeEndpoints, computeEndpointsUpdate } from './desired.js';
import { isManagedService, TRIGGER_TIME_ANNOTATION } from './pods.js';
import { TriggerTimeTracker } from './trigger-time.js';

export const SERVICE = lookupKind('services')!;
export const ENDPOINTS = lookupKind('endpoints')!;

/** The pods of `svc`'s namespace its selector picks. */
export const selectedPods = (svc: KObject, pods: KObject[]): KObject[] => {
  const selects = mapSelectorMatcher(svc.spec?.selector);
  return pods.filter((p) => p.metadata.namespace === svc.metadata.namespace && selects(p.metadata.labels));
};

/**
 * Keys of the Services a pod change concerns: those that select it now, and those whose objects
 * (`listed` per namespace) still name it (its labels changed so it no longer matches).
 */
export function servicesOfPod(
  ctx: ControllerContext,
  pod: KObject,
  listedPods: (namespace: string) => Array<{ service: string; podNames: Set<string> }>,
): string[] {
  const ns = pod.metadata.namespace!;
  const keys = new Set<string>();
  for (const svc of ctx.registry.list(SERVICE, { namespace: ns })) {
    if (isManagedService(svc) && mapSelectorMatcher(svc.spec.selector)(pod.metadata.labels)) {
      keys.add(keyOf(svc));
    }
  }
  for (const { service, podNames } of listedPods(ns)) {
    if (podNames.has(pod.metadata.name!)) keys.add(`${ns}/${service}`);
  }
  return [...keys];
}

const podNamesOfEndpoints = (ep: KObject): Set<string> =>
  new Set(
    (ep.subsets ?? []).flatMap((s: any) =>
      [...(s.addresses ?? []), ...(s.notReadyAddresses ?? [])].map((a: any) => a.targetRef?.name),
    ),
  );

/** Endpoints shaped as this controller writes them: a trigger time, or addresses of pods. */
const looksControllerMade = (ep: KObject): boolean =>
  Boolean(ep.metadata.annotations?.[TRIGGER_TIME_ANNOTATION]) ||
  (ep.subsets ?? []).some((s: any) =>
    [...(s.addresses ?? []), ...(s.notReadyAddresses ?? [])].some((a: any) => a.targetRef?.kind === 'Pod'),
  );

export function endpointsController(ctx: ControllerContext): Controller {
  const { registry } = ctx;
  const tracker = new TriggerTimeTracker();
  // The first resync also visits the Endpoints this controller wrote, to delete those left behind
  // by a Service deleted while the agent was down (`checkLeftoverEndpoints`). Kubernetes visits
  // all of them; mkube's agent starts on demand, maybe between the Endpoints and the Service of
  // one `apply`, so Endpoints a user wrote (no pod references, no trigger time) are left alone.
  let firstResync = true;
  const listed = (ns: string) =>
    registry
      .list(ENDPOINTS, { namespace: ns })
      .map((ep) => ({ service: ep.metadata.name!, podNames: podNamesOfEndpoints(ep) }));

  async function reconcile(key: string): Promise<{ requeueAfterMs?: number }> {
    const [ns, name] = splitKey(key);
    const svc = registry.get(SERVICE, ns, name);
    if (!svc) {
      tracker.forget(key);
      if (registry.get(ENDPOINTS, ns, name)) {
        await registry.delete(ENDPOINTS, ns, name).catch((e) => {
          if (!isNotFound(e)) throw e;
        });
      }
      return {};
    }
    if (!isManagedService(svc)) return {};
    const pods = selectedPods(svc, registry.list(POD, { namespace: ns }));
    const triggerTime = tracker.compute(key, svc, pods);
    const desired = computeEndpoints(svc, pods, triggerTime);
    const current = registry.get(ENDPOINTS, ns, name);
    if (!computeEndpointsUpdate(current, desired)) return {};
    if (!current) {
      try {
        await registry.create(desired);
      } catch (e) {
        if (isAlreadyExists(e)) return { requeueAfterMs: 1 };
        throw e;
      }
      return {};
    }
    await registry.mutate(ENDPOINTS, ns, name, (cur) => computeEndpointsUpdate(cur, desired));
    return {};
  }

  return {
    name: 'endpoint-controller',
    watches: [
      { kind: SERVICE, keys: (svc) => [keyOf(svc)] },
      { kind: POD, keys: (pod) => servicesOfPod(ctx, pod, listed) },
      // A deleted (or edited) Endpoints of a live Service is put right; others are not ours.
      {
        kind: ENDPOINTS,
        keys: (ep) => (registry.get(SERVICE, ep.metadata.namespace, ep.metadata.name!) ? [keyOf(ep)] : []),
      },
    ],
    resyncKeys: () => {
      const keys = registry.list(SERVICE).map(keyOf);
      if (firstResync) keys.push(...registry.list(ENDPOINTS).filter(looksControllerMade).map(keyOf));
      firstResync = false;
      return [...new Set(keys)];
    },
    reconcile,
  };
}
