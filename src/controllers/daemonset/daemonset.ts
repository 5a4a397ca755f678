// The DaemonSet controller: settle the ControllerRevisions (the StatefulSet's revision code),
// decide for the one node (compute.ts), delete and create pods, write status, trim history.
import { lookupKind, NODE, POD } from '../../api/kinds.js';
import type { KObject } from '../../api/types.js';
import { canonicalJson } from '../common/hash.js';
import { applyClaims, computeClaims, getControllerOf } from '../common/owners.js';
import { deleteOwnedPod } from '../common/pod-control.js';
import { msUntilAvailable } from '../common/pods.js';
import { selectorMatcher } from '../common/selector.js';
import { podFromTemplate } from '../common/template.js';
import { type Controller, type ControllerContext, keyOf, splitKey } from '../controller.js';
import {
  CONTROLLERREVISION,
  historyToDelete,
  syncRevisions,
  truncateHistory,
} from '../statefulset/history.js';
import { applyRevision, HASH_LABEL, sortRevisions } from '../statefulset/revision.js';
import { computeDaemonPlan, HASH_KEY } from './compute.js';
import { placementProblem, withDaemonTolerations } from './placement.js';

export const DAEMONSET = lookupKind('daemonsets')!;

/** A daemon pod for `node`: template labels plus the revision hash and template generation. */
export function daemonPod(ds: KObject, template: any, hash: string, nodeName: string): KObject {
  const pod = podFromTemplate(ds, template);
  pod.metadata.labels = {
    ...pod.metadata.labels,
    [HASH_KEY]: hash,
    'pod-template-generation': ds.metadata.annotations?.['deprecated.daemonset.template.generation'] ?? '1',
  };
  // `ReplaceDaemonSetPodNodeNameNodeAffinity`: pinned to its node by a matchFields term.
  pod.spec.affinity = {
    ...pod.spec.affinity,
    nodeAffinity: {
      ...pod.spec.affinity?.nodeAffinity,
      requiredDuringSchedulingIgnoredDuringExecution: {
        nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [nodeName] }] }],
      },
    },
  };
  pod.spec.tolerations = withDaemonTolerations(pod.spec);
  return pod;
}

async function claim(ctx: ControllerContext, ds: KObject, kind: typeof POD): Promise<KObject[]> {
  const matches = selectorMatcher(ds.spec?.selector);
  const all = ctx.registry.list(kind, { namespace: ds.metadata.namespace });
  return applyClaims(
    ctx.registry,
    kind,
    ds,
    computeClaims(ds, all, (o) => matches(o.metadata.labels)),
  );
}

export async function syncDaemonSet(
  ctx: ControllerContext,
  key: string,
): Promise<{ requeueAfterMs?: number }> {
  const [namespace, name] = splitKey(key);
  const ds = ctx.registry.get(DAEMONSET, namespace, name);
  if (!ds || ds.metadata.deletionTimestamp) return {};
  const now = ctx.now?.() ?? Date.now();
  const sorted = sortRevisions(await claim(ctx, ds, CONTROLLERREVISION));
  const revs = await syncRevisions(ctx, ds, sorted);
  const updateHash: string = revs.update.metadata.labels?.[HASH_LABEL] ?? '';
  const pods = await claim(ctx, ds, POD);
  const node = ctx.registry.list(NODE)[0];
  const problem = node ? placementProblem(ds.spec?.template?.spec, node) : undefined;
  const plan = computeDaemonPlan({
    ds,
    node,
    problem,
    pods,
    updateHash,
    collisionCount: revs.collisionCount,
    now,
  });

  for (const pod of plan.failed) {
    await ctx.recordEvent({
      object: ds,
      type: 'Warning',
      reason: 'FailedDaemonPod',
      message: `Found failed daemon pod ${pod.metadata.namespace}/${pod.metadata.name} on node ${node?.metadata.name}, will try to kill it`,
    });
  }
  for (const pod of plan.delete) await deleteOwnedPod(ctx, ds, pod);
  if (plan.create && node) {
    const template = applyRevision(ds, revs.update).spec.template;
    try {
      const pod = await ctx.registry.create(daemonPod(ds, template, updateHash, node.metadata.name!));
      await ctx.recordEvent({
        object: ds,
        type: 'Normal',
        reason: 'SuccessfulCreate',
        message: `Created pod: ${pod.metadata.name}`,
      });
    } catch (e) {
      await ctx.recordEvent({
        object: ds,
        type: 'Warning',
        reason: 'FailedCreate',
        message: `Error creating: ${(e as Error).message}`,
      });
    }
  }
  if (canonicalJson(plan.status) !== canonicalJson(ds.status ?? {})) {
    await ctx.registry.mutate(
      DAEMONSET,
      namespace,
      name,
      (cur) => (cur.metadata.uid === ds.metadata.uid ? { ...cur, status: plan.status } : undefined),
      { subresource: 'status' },
    );
  }
  // History: a pod's hash label names its revision `<ds>-<hash>`.
  const inUse = pods.map((p) => ({
    ...p,
    metadata: { ...p.metadata, labels: { [HASH_KEY]: `${name}-${p.metadata.labels?.[HASH_KEY]}` } },
  }));
  const live = { current: revs.update.metadata.name!, update: revs.update.metadata.name! };
  await truncateHistory(ctx, historyToDelete(ds, inUse, sorted, live));
  const waits = pods
    .map((p) => msUntilAvailable(p, ds.spec?.minReadySeconds ?? 0, now))
    .filter((w): w is number => w !== undefined);
  return waits.length ? { requeueAfterMs: Math.min(...waits) } : {};
}

export const daemonSetController = (ctx: ControllerContext): Controller => {
  const { registry } = ctx;
  const all = () => registry.list(DAEMONSET).map(keyOf);
  return {
    name: 'daemonset-controller',
    watches: [
      { kind: DAEMONSET, keys: (ds) => [keyOf(ds)] },
      {
        kind: POD,
        keys: (pod) => {
          const ref = getControllerOf(pod);
          return ref?.kind === 'DaemonSet' ? [`${pod.metadata.namespace}/${ref.name}`] : [];
        },
      },
      // A node's labels or taints decide where daemon pods run.
      { kind: NODE, keys: () => all() },
    ],
    resyncKeys: all,
    reconcile: (key) => syncDaemonSet(ctx, key),
  };
};
