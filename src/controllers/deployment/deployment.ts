// The Deployment controller (`syncDeployment`): claim ReplicaSets, then dispatch — deleting:
// status only; paused or a scale: proportional scaling; otherwise the strategy's rollout —
// and finally write the revision annotation and status, each only when it changed.
import { lookupKind, POD } from '../../api/kinds.js';
import type { KObject } from '../../api/types.js';
import { canonicalJson } from '../common/hash.js';
import { applyClaims, computeClaims, getControllerOf } from '../common/owners.js';
import { selectorMatcher, selectsEverything } from '../common/selector.js';
import { type Controller, type ControllerContext, keyOf, splitKey } from '../controller.js';
import { REVISION } from './annotations.js';
import { cleanupDeployment } from './cleanup.js';
import {
  type DeploymentStatus,
  deploymentComplete,
  getCondition,
  hasProgressDeadline,
  newCondition,
  PROGRESSING,
  REASON,
  setCondition,
} from './conditions.js';
import { rolloutRecreate } from './recreate.js';
import { getAllReplicaSetsAndSyncRevision, type Pass, passStatus, REPLICASET } from './replicasets.js';
import { type RolloutResult, rolloutRolling } from './rolling.js';
import { isScalingEvent, scale } from './scale.js';
import { calculateStatus, computeRolloutStatus, msUntilDeadline } from './status.js';

export const DEPLOYMENT = lookupKind('deployments')!;

/** `checkPausedConditions`: Progressing Unknown DeploymentPaused / DeploymentResumed. */
function checkPausedConditions(pass: Pass): void {
  const { d } = pass;
  if (!hasProgressDeadline(d)) return;
  const cond = getCondition(d.status, PROGRESSING);
  if (cond?.reason === REASON.timedOut) return;
  const pausedCond = cond?.reason === REASON.paused;
  const status = passStatus(pass);
  if (d.spec?.paused && !pausedCond) {
    setCondition(
      status,
      newCondition(PROGRESSING, 'Unknown', REASON.paused, 'Deployment is paused', pass.now),
    );
  } else if (!d.spec?.paused && pausedCond) {
    setCondition(
      status,
      newCondition(PROGRESSING, 'Unknown', REASON.resumed, 'Deployment is resumed', pass.now),
    );
  }
}

/** The RSes this Deployment owns, adopting orphans its selector matches and releasing strays. */
async function claimReplicaSets(ctx: ControllerContext, d: KObject): Promise<KObject[]> {
  const matches = selectorMatcher(d.spec?.selector);
  const candidates = ctx.registry.list(REPLICASET, { namespace: d.metadata.namespace });
  const plan = computeClaims(d, candidates, (rs) => matches(rs.metadata.labels));
  return applyClaims(ctx.registry, REPLICASET, d, plan);
}

/** Fresh copies of the RSes, for status after this pass's writes. */
const reread = (ctx: ControllerContext, sets: (KObject | undefined)[]): KObject[] =>
  sets
    .filter((rs): rs is KObject => Boolean(rs))
    .map((rs) => ctx.registry.get(REPLICASET, rs.metadata.namespace, rs.metadata.name!))
    .filter((rs): rs is KObject => Boolean(rs));

/** Persist the revision annotation and the status, each only when changed. */
async function persist(pass: Pass, stored: KObject, status: DeploymentStatus): Promise<void> {
  const { registry } = pass.ctx;
  const ns = stored.metadata.namespace;
  const name = stored.metadata.name!;
  const uid = stored.metadata.uid;
  const revision = pass.d.metadata.annotations?.[REVISION];
  if (revision !== undefined && revision !== stored.metadata.annotations?.[REVISION]) {
    await registry.mutate(DEPLOYMENT, ns, name, (cur) =>
      cur.metadata.uid === uid
        ? {
            ...cur,
            metadata: { ...cur.metadata, annotations: { ...cur.metadata.annotations, [REVISION]: revision } },
          }
        : undefined,
    );
  }
  if (canonicalJson(status) !== canonicalJson(stored.status ?? {})) {
    await registry.mutate(
      DEPLOYMENT,
      ns,
      name,
      (cur) => (cur.metadata.uid === uid ? { ...cur, status } : undefined),
      { subresource: 'status' },
    );
  }
}

export async function syncDeployment(
  ctx: ControllerContext,
  key: string,
): Promise<{ requeueAfterMs?: number }> {
  const [namespace, name] = splitKey(key);
  const stored = ctx.registry.get(DEPLOYMENT, namespace, name);
  if (!stored) return {};
  const pass: Pass = { ctx, d: structuredClone(stored), now: ctx.now?.() ?? Date.now() };
  const { d } = pass;
  if (selectsEverything(d.spec?.selector)) {
    // A selector that selects everything would fight every other controller: observe, do nothing.
    const status = { ...d.status, observedGeneration: d.metadata.generation };
    await persist(pass, stored, status);
    return {};
  }
  const rsList = await claimReplicaSets(ctx, d);

  if (d.metadata.deletionTimestamp) {
    const { newRS, oldRSs } = await getAllReplicaSetsAndSyncRevision(pass, rsList, false);
    await persist(pass, stored, calculateStatus(d, reread(ctx, [...oldRSs, newRS]), newRS, pass.now));
    return {};
  }
  checkPausedConditions(pass);

  let result: RolloutResult;
  let rollout = false;
  const current = await getAllReplicaSetsAndSyncRevision(pass, rsList, false);
  if (d.spec?.paused || isScalingEvent(d, [...current.oldRSs, current.newRS])) {
    await scale(pass, current.newRS, current.oldRSs);
    if (d.spec?.paused) await cleanupDeployment(pass, current.oldRSs);
    result = { ...current, settled: false };
  } else {
    rollout = true;
    try {
      result =
        d.spec?.strategy?.type === 'Recreate'
          ? await rolloutRecreate(pass, rsList)
          : await rolloutRolling(pass, rsList);
    } catch (e) {
      // What the pass learnt (a hash collision, a failed create) is kept before retrying.
      await persist(pass, stored, pass.d.status ?? {});
      throw e;
    }
  }

  const newRS = result.newRS && ctx.registry.get(REPLICASET, namespace, result.newRS.metadata.name!);
  const all = reread(ctx, [...result.oldRSs, newRS]);
  const status = rollout
    ? computeRolloutStatus(d, all, newRS, pass.now)
    : calculateStatus(d, all, newRS, pass.now);
  if (rollout && result.settled && deploymentComplete(d, status)) {
    await cleanupDeployment(pass, reread(ctx, result.oldRSs));
  }
  await persist(pass, stored, status);
  const wait = rollout ? msUntilDeadline(d, status, pass.now) : undefined;
  return wait === undefined ? {} : { requeueAfterMs: wait };
}

export function deploymentController(ctx: ControllerContext): Controller {
  const { registry } = ctx;
  /** An RS wakes its Deployment, or every Deployment that could adopt it when orphaned. */
  const rsKeys = (rs: KObject): string[] => {
    const ref = getControllerOf(rs);
    if (ref) return ref.kind === 'Deployment' ? [`${rs.metadata.namespace}/${ref.name}`] : [];
    return registry
      .list(DEPLOYMENT, { namespace: rs.metadata.namespace })
      .filter((d) => selectorMatcher(d.spec?.selector)(rs.metadata.labels))
      .map(keyOf);
  };
  /** Recreate waits for old pods to be gone: their changes wake the Deployment. */
  const podKeys = (pod: KObject): string[] => {
    const ref = getControllerOf(pod);
    if (ref?.kind !== 'ReplicaSet') return [];
    const rs = registry.get(REPLICASET, pod.metadata.namespace, ref.name);
    const owner = rs && getControllerOf(rs);
    if (owner?.kind !== 'Deployment') return [];
    const d = registry.get(DEPLOYMENT, pod.metadata.namespace, owner.name);
    return d?.spec?.strategy?.type === 'Recreate' ? [keyOf(d)] : [];
  };
  return {
    name: 'deployment-controller',
    watches: [
      { kind: DEPLOYMENT, keys: (d) => [keyOf(d)] },
      { kind: REPLICASET, keys: rsKeys },
      { kind: POD, keys: podKeys },
    ],
    resyncKeys: () => registry.list(DEPLOYMENT).map(keyOf),
    reconcile: (key) => syncDeployment(ctx, key),
  };
}
