// The StatefulSet controller: claim pods and revisions, settle the current/update revisions,
// carry out the ordering plan (plan.ts), then write status and trim history.
import { lookupKind, POD } from '../../api/kinds.js';
import type { KObject } from '../../api/types.js';
import { isAlreadyExists, isNotFound } from '../common/errors.js';
import { canonicalJson } from '../common/hash.js';
import { applyClaims, computeClaims, getControllerOf } from '../common/owners.js';
import { msUntilAvailable } from '../common/pods.js';
import { selectorMatcher } from '../common/selector.js';
import { type Controller, type ControllerContext, keyOf, splitKey } from '../controller.js';
import { slowStartBatch } from '../replicaset/diff.js';
import { ensureClaims, releaseClaimsOnScaleDown } from './claims.js';
import {
  CONTROLLERREVISION,
  historyToDelete,
  type Revisions,
  syncRevisions,
  truncateHistory,
} from './history.js';
import {
  isMemberOf,
  newStatefulSetPod,
  ordinalOf,
  POD_INDEX_LABEL,
  POD_NAME_LABEL,
  replicasOf,
} from './identity.js';
import { computeStatefulSetPlan, type StsAction } from './plan.js';
import { applyRevision, sortRevisions } from './revision.js';
import { computeStatefulSetStatus } from './status.js';

export const STATEFULSET = lookupKind('statefulsets')!;

async function claimPods(ctx: ControllerContext, set: KObject): Promise<KObject[]> {
  const matches = selectorMatcher(set.spec?.selector);
  const pods = ctx.registry.list(POD, { namespace: set.metadata.namespace });
  const plan = computeClaims(set, pods, (p) => matches(p.metadata.labels) && isMemberOf(set, p));
  return applyClaims(ctx.registry, POD, set, plan);
}

async function claimRevisions(ctx: ControllerContext, set: KObject): Promise<KObject[]> {
  const matches = selectorMatcher(set.spec?.selector);
  const revisions = ctx.registry.list(CONTROLLERREVISION, { namespace: set.metadata.namespace });
  return applyClaims(
    ctx.registry,
    CONTROLLERREVISION,
    set,
    computeClaims(set, revisions, (r) => matches(r.metadata.labels)),
  );
}

const event = (
  ctx: ControllerContext,
  set: KObject,
  verb: 'create' | 'delete',
  pod: string,
  error?: unknown,
) => {
  const title = verb === 'create' ? 'Create' : 'Delete';
  const what = `${verb} Pod ${pod} in StatefulSet ${set.metadata.name}`;
  return ctx.recordEvent(
    error
      ? {
          object: set,
          type: 'Warning',
          reason: `Failed${title}`,
          message: `${what} failed error: ${(error as Error).message}`,
        }
      : { object: set, type: 'Normal', reason: `Successful${title}`, message: `${what} successful` },
  );
};

async function createPod(
  ctx: ControllerContext,
  set: KObject,
  revs: Revisions,
  a: StsAction & { type: 'create' },
) {
  const revision = a.revision === 'current' ? revs.current : revs.update;
  const versioned = applyRevision(set, revision);
  const pod = newStatefulSetPod(versioned, a.ordinal, revision.metadata.name!);
  // Claims come from the live set, as Kubernetes creates them.
  if (!(await ensureClaims(ctx, set, a.ordinal, pod.metadata.name!))) return;
  try {
    await ctx.registry.create(pod);
    await event(ctx, set, 'create', pod.metadata.name!);
  } catch (e) {
    if (isAlreadyExists(e)) return;
    await event(ctx, set, 'create', pod.metadata.name!, e);
    throw e;
  }
}

async function runAction(ctx: ControllerContext, set: KObject, revs: Revisions, a: StsAction): Promise<void> {
  switch (a.type) {
    case 'create':
      return createPod(ctx, set, revs, a);
    case 'delete': {
      const name = a.pod.metadata.name!;
      if (a.reason === 'scale-down') await releaseClaimsOnScaleDown(ctx, set, a.pod);
      try {
        await ctx.registry.delete(POD, a.pod.metadata.namespace, name, { uid: a.pod.metadata.uid });
        await event(ctx, set, 'delete', name);
      } catch (e) {
        if (isNotFound(e)) return;
        await event(ctx, set, 'delete', name, e);
        throw e;
      }
      return;
    }
    case 'ensure-claims':
      await ensureClaims(ctx, set, ordinalOf(a.pod), a.pod.metadata.name!);
      return;
    case 'fix-identity':
      await ctx.registry.mutate(POD, a.pod.metadata.namespace, a.pod.metadata.name!, (cur) =>
        cur.metadata.uid !== a.pod.metadata.uid
          ? undefined
          : {
              ...cur,
              metadata: {
                ...cur.metadata,
                labels: {
                  ...cur.metadata.labels,
                  [POD_NAME_LABEL]: cur.metadata.name!,
                  [POD_INDEX_LABEL]: String(ordinalOf(cur)),
                },
              },
            },
      );
  }
}

/** Creates go in slow-start batches (all at once is only reached in Parallel mode); the rest in order. */
async function execute(
  ctx: ControllerContext,
  set: KObject,
  revs: Revisions,
  actions: StsAction[],
): Promise<void> {
  const creates = actions.filter((a) => a.type === 'create');
  const { error } = await slowStartBatch(creates.length, (i) => runAction(ctx, set, revs, creates[i]!));
  if (error) throw error;
  const others = actions.filter((a) => a.type !== 'create');
  const results = await Promise.allSettled(others.map((a) => runAction(ctx, set, revs, a)));
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}

export async function syncStatefulSet(
  ctx: ControllerContext,
  key: string,
): Promise<{ requeueAfterMs?: number }> {
  const [namespace, name] = splitKey(key);
  const set = ctx.registry.get(STATEFULSET, namespace, name);
  if (!set) return {};
  const now = ctx.now?.() ?? Date.now();
  const pods = await claimPods(ctx, set);
  const sorted = sortRevisions(await claimRevisions(ctx, set));
  const revs = await syncRevisions(ctx, set, sorted);
  const live = { current: revs.current.metadata.name!, update: revs.update.metadata.name! };
  const plan = computeStatefulSetPlan({
    set,
    pods,
    currentRevision: live.current,
    updateRevision: live.update,
    now,
  });

  let failure: unknown;
  await execute(ctx, set, revs, plan.actions).catch((e) => {
    failure = e;
  });

  const after = ctx.registry
    .list(POD, { namespace })
    .filter((p) => getControllerOf(p)?.uid === set.metadata.uid && isMemberOf(set, p));
  const status = computeStatefulSetStatus({
    set,
    pods: after,
    currentRevision: live.current,
    updateRevision: live.update,
    collisionCount: revs.collisionCount,
    now,
  });
  if (canonicalJson(status) !== canonicalJson(set.status ?? {})) {
    await ctx.registry.mutate(
      STATEFULSET,
      namespace,
      name,
      (cur) => (cur.metadata.uid === set.metadata.uid ? { ...cur, status } : undefined),
      { subresource: 'status' },
    );
  }
  await truncateHistory(ctx, historyToDelete(set, after, sorted, live));
  if (failure) throw failure;
  const minReady: number = set.spec?.minReadySeconds ?? 0;
  if (minReady > 0 && status.availableReplicas !== replicasOf(set)) {
    const waits = after
      .map((p) => msUntilAvailable(p, minReady, now))
      .filter((w): w is number => w !== undefined);
    if (waits.length) return { requeueAfterMs: Math.min(...waits) };
  }
  return {};
}

export function statefulSetController(ctx: ControllerContext): Controller {
  const { registry } = ctx;
  const podKeys = (pod: KObject): string[] => {
    const ref = getControllerOf(pod);
    if (ref) return ref.kind === 'StatefulSet' ? [`${pod.metadata.namespace}/${ref.name}`] : [];
    return registry
      .list(STATEFULSET, { namespace: pod.metadata.namespace })
      .filter((set) => isMemberOf(set, pod) && selectorMatcher(set.spec?.selector)(pod.metadata.labels))
      .map(keyOf);
  };
  const revisionKeys = (rev: KObject): string[] => {
    const ref = getControllerOf(rev);
    return ref?.kind === 'StatefulSet' ? [`${rev.metadata.namespace}/${ref.name}`] : [];
  };
  return {
    name: 'statefulset-controller',
    watches: [
      { kind: STATEFULSET, keys: (set) => [keyOf(set)] },
      { kind: POD, keys: podKeys },
      { kind: CONTROLLERREVISION, keys: revisionKeys },
    ],
    resyncKeys: () => registry.list(STATEFULSET).map(keyOf),
    reconcile: (key) => syncStatefulSet(ctx, key),
  };
}
