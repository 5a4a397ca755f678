// The horizontal-pod-autoscaler controller: every sync period (15 s,
// --horizontal-pod-autoscaler-sync-period; MKUBE_HPA_SYNC_PERIOD_MS changes it) each HPA reads its
// target's scale and its pods' resource metrics, and sets the target's replicas through the
// registry as the scale subresource would. The pure decision is compute.ts; this is its I/O.
import { lookupKind, POD, qualifiedResource } from '../../api/kinds.js';
import type { PodMetrics } from '../../api/metrics.js';
import { parseQuantity, quantityMilli } from '../../api/quantity.js';
import { rfc3339 } from '../../api/time.js';
import type { KObject } from '../../api/types.js';
import { readyCondition, timeOf } from '../common/pods.js';
import { mapSelectorMatcher, selectorMatcher } from '../common/selector.js';
import { type Controller, type ControllerContext, keyOf, splitKey } from '../controller.js';
import { mergeConditions, syncHpa } from './compute.js';
import { emptyHistory, type ScaleHistory } from './normalize.js';
import type { CalcPod, PodSample } from './replica-calculator.js';

export const HPA = lookupKind('horizontalpodautoscalers.autoscaling')!;
export const DEFAULT_SYNC_PERIOD_MS = 15_000;

/** Kinds with a scale subresource mkube serves, by `group/Kind`. */
const SCALABLE: Record<string, string> = {
  'apps/Deployment': 'deployments.apps',
  'apps/ReplicaSet': 'replicasets.apps',
  'apps/StatefulSet': 'statefulsets.apps',
  '/ReplicationController': 'replicationcontrollers',
};

const groupOf = (apiVersion: string | undefined) => {
  const parts = (apiVersion ?? '').split('/');
  return parts.length > 1 ? parts[0]! : '';
};

function targetKind(ref: any) {
  const group = groupOf(ref?.apiVersion);
  const word = SCALABLE[`${group}/${ref?.kind}`];
  return word ? lookupKind(word) : undefined;
}

function calcPod(pod: KObject, resource: string): CalcPod {
  const ready = readyCondition(pod);
  return {
    name: pod.metadata.name!,
    phase: pod.status?.phase,
    deleting: Boolean(pod.metadata.deletionTimestamp),
    startTime: pod.status?.startTime ? timeOf(pod.status.startTime) : undefined,
    ready: ready ? { status: ready.status, lastTransitionTime: timeOf(ready.lastTransitionTime) } : undefined,
    containers: (pod.spec?.containers ?? []).map((c: any) => {
      const q = parseQuantity(c.resources?.requests?.[resource]);
      return { name: c.name, request: q ? quantityMilli(q) : undefined };
    }),
  };
}

/** A Go duration string (`15.02s`, `1m0.5s`) in ms. */
function durationMs(s: string): number {
  let ms = 0;
  for (const [, n, unit] of s.matchAll(/([\d.]+)(h|ms|m|s)/g)) {
    const v = Number(n);
    ms += unit === 'h' ? v * 3_600_000 : unit === 'm' ? v * 60_000 : unit === 's' ? v * 1000 : v;
  }
  return ms;
}

function samplesFor(pods: PodMetrics[], resource: string): Map<string, PodSample> {
  const out = new Map<string, PodSample>();
  for (const m of pods) {
    let total = 0;
    let complete = true;
    for (const c of m.containers) {
      const q = parseQuantity((c.usage as unknown as Record<string, string>)[resource]);
      if (!q) complete = false;
      else total += quantityMilli(q);
    }
    if (complete)
      out.set(m.metadata.name, {
        value: total,
        timestamp: Date.parse(m.timestamp),
        windowMs: durationMs(m.window),
      });
  }
  return out;
}

export function hpaController(ctx: ControllerContext): Controller {
  const { registry } = ctx;
  const now = ctx.now ?? Date.now;
  const period = Number(process.env.MKUBE_HPA_SYNC_PERIOD_MS) || DEFAULT_SYNC_PERIOD_MS;
  const histories = new Map<string, ScaleHistory>();
  const lastSync = new Map<string, { at: number; generation?: number }>();

  async function reconcile(key: string) {
    const [namespace, name] = splitKey(key);
    const hpa = registry.get(HPA, namespace, name);
    if (!hpa) {
      histories.delete(key);
      lastSync.delete(key);
      return {};
    }
    const at = now();
    // The HPA's queue is rate limited to one sync per period; a changed spec is acted on at once.
    const last = lastSync.get(key);
    if (last && last.generation === hpa.metadata.generation && at - last.at < period)
      return { requeueAfterMs: period - (at - last.at) };
    lastSync.set(key, { at, generation: hpa.metadata.generation });

    const ref = hpa.spec?.scaleTargetRef ?? {};
    const kind = targetKind(ref);
    const target = kind ? registry.get(kind, namespace, ref.name) : undefined;
    let scale: { replicas: number } | { error: string };
    let pods: KObject[] = [];
    if (!kind) scale = { error: `no matches for kind "${ref.kind}" in group "${groupOf(ref.apiVersion)}"` };
    else if (!target) scale = { error: `${qualifiedResource(kind)} "${ref.name}" not found` };
    else {
      scale = { replicas: target.spec?.replicas ?? 1 };
      const matches =
        kind.kind === 'ReplicationController'
          ? mapSelectorMatcher(target.spec?.selector ?? target.spec?.template?.metadata?.labels)
          : selectorMatcher(target.spec?.selector);
      pods = registry.list(POD, { namespace }).filter((p) => matches(p.metadata.labels));
    }
    const snapshot = ctx.metrics?.();
    const podNames = new Set(pods.map((p) => p.metadata.name));
    const podMetrics = (snapshot?.pods ?? []).filter(
      (m) => m.metadata.namespace === namespace && podNames.has(m.metadata.name),
    );
    const history = histories.get(key) ?? emptyHistory();
    histories.set(key, history);
    const result = syncHpa({
      hpa,
      scale,
      pods: (resource) => pods.map((p) => calcPod(p, resource)),
      metrics: (resource) => {
        const samples = samplesFor(podMetrics, resource);
        return samples.size ? samples : undefined;
      },
      now: at,
      history,
    });
    if (result.rescaleTo !== undefined && kind && target) {
      const replicas = result.rescaleTo;
      await registry.mutate(kind, namespace, ref.name, (cur) =>
        cur.spec?.replicas === replicas ? undefined : { ...cur, spec: { ...cur.spec, replicas } },
      );
    }
    for (const e of result.events) await ctx.recordEvent({ object: hpa, ...e });
    const stamp = rfc3339(new Date(at));
    await registry.mutate(
      HPA,
      namespace,
      name,
      (cur) => {
        const prev = cur.status ?? {};
        const status: Record<string, unknown> = {};
        if (cur.metadata.generation) status.observedGeneration = cur.metadata.generation;
        const lastScaleTime = result.status.lastScaleTime ? stamp : prev.lastScaleTime;
        if (lastScaleTime) status.lastScaleTime = lastScaleTime;
        status.currentReplicas = result.status.currentReplicas ?? prev.currentReplicas ?? 0;
        status.desiredReplicas = result.status.desiredReplicas ?? prev.desiredReplicas ?? 0;
        const metrics = result.status.currentMetrics?.filter(Boolean);
        if (metrics?.length) status.currentMetrics = metrics;
        status.conditions = mergeConditions(prev.conditions, result.conditions, stamp);
        return JSON.stringify(status) === JSON.stringify(cur.status) ? undefined : { ...cur, status };
      },
      { subresource: 'status' },
    );
    return { requeueAfterMs: period };
  }

  return {
    name: 'horizontal-pod-autoscaler',
    watches: [{ kind: HPA, keys: (o) => [keyOf(o)] }],
    resyncKeys: () => registry.list(HPA).map(keyOf),
    reconcile,
  };
}
