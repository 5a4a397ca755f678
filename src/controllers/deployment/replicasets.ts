// A Deployment's ReplicaSets: find the new one (template equal ignoring the hash) and the old
// ones, create the new one when asked, keep revisions in step, and scale one with its event.
import { lookupKind } from '../../api/kinds.js';
import type { KObject } from '../../api/types.js';
import { isAlreadyExists } from '../common/errors.js';
import { controllerRef, isControlledBy } from '../common/owners.js';
import { timeOf } from '../common/pods.js';
import type { ControllerContext } from '../controller.js';
import {
  maxRevision,
  REVISION,
  replicasAnnotationsNeedUpdate,
  setNewReplicaSetAnnotations,
  setReplicasAnnotations,
} from './annotations.js';
import {
  type DeploymentStatus,
  getCondition,
  hasProgressDeadline,
  newCondition,
  PROGRESSING,
  REASON,
  setCondition,
} from './conditions.js';
import { computePodTemplateHash, equalIgnoreHash, POD_TEMPLATE_HASH } from './hash.js';
import { maxSurgeOf, newRSNewReplicas } from './rolling-math.js';
import { rsReplicas, shapeOf } from './status.js';

export const REPLICASET = lookupKind('replicasets')!;

/** One reconcile of one Deployment: `d` is a private copy whose status and revision annotation accumulate changes. */
export interface Pass {
  ctx: ControllerContext;
  d: KObject;
  now: number;
}

/** The pass's working status (created on first use). */
export function passStatus(pass: Pass): DeploymentStatus {
  if (!pass.d.status) pass.d.status = {};
  return pass.d.status;
}

/** `ReplicaSetsByCreationTimestamp`: oldest first, ties by name. */
export function byCreation(a: KObject, b: KObject): number {
  const d = timeOf(a.metadata.creationTimestamp) - timeOf(b.metadata.creationTimestamp);
  return d !== 0 ? d : (a.metadata.name ?? '').localeCompare(b.metadata.name ?? '');
}

/** `FindNewReplicaSet`: the oldest RS whose template equals the Deployment's, ignoring the hash label. */
export function findNewReplicaSet(d: KObject, rsList: KObject[]): KObject | undefined {
  return [...rsList].sort(byCreation).find((rs) => equalIgnoreHash(rs.spec?.template, d.spec?.template));
}

/** `SetDeploymentRevision` on the pass's copy. */
function setDeploymentRevision(pass: Pass, revision: string): void {
  pass.d.metadata.annotations = { ...pass.d.metadata.annotations, [REVISION]: revision };
}

const replicaCounts = (d: KObject) => {
  const shape = shapeOf(d);
  return { desired: shape.replicas, max: shape.replicas + maxSurgeOf(shape) };
};

/** The existing new RS, with its annotations and minReadySeconds brought in line. */
async function syncExistingNewRS(pass: Pass, rs: KObject, newRevision: number): Promise<KObject> {
  const { ctx, d } = pass;
  const annotations = { ...(rs.metadata.annotations ?? {}) };
  const changed = setNewReplicaSetAnnotations(d, annotations, newRevision, true, replicaCounts(d));
  const minReady = d.spec?.minReadySeconds ?? 0;
  let current = rs;
  if (changed || (rs.spec?.minReadySeconds ?? 0) !== minReady) {
    const updated = await ctx.registry.mutate(REPLICASET, rs.metadata.namespace, rs.metadata.name!, (cur) => {
      if (cur.metadata.uid !== rs.metadata.uid) return undefined;
      const spec = { ...cur.spec, minReadySeconds: minReady };
      if (!minReady) delete spec.minReadySeconds;
      return { ...cur, metadata: { ...cur.metadata, annotations }, spec };
    });
    if (updated) current = updated;
  }
  setDeploymentRevision(pass, current.metadata.annotations?.[REVISION] ?? String(newRevision));
  if (hasProgressDeadline(d) && !getCondition(pass.d.status, PROGRESSING)) {
    const msg = `Found new replica set "${current.metadata.name}"`;
    setCondition(
      passStatus(pass),
      newCondition(PROGRESSING, 'True', REASON.foundNewReplicaSet, msg, pass.now),
    );
  }
  return current;
}

/** The new RS as `getNewReplicaSet` would create it (not yet written). */
function newReplicaSetObject(pass: Pass, oldRSs: KObject[], newRevision: number): KObject {
  const { d } = pass;
  const hash = computePodTemplateHash(d.spec?.template, d.status?.collisionCount);
  const template = structuredClone(d.spec?.template ?? {});
  template.metadata = {
    ...template.metadata,
    labels: { ...template.metadata?.labels, [POD_TEMPLATE_HASH]: hash },
  };
  const selector = structuredClone(d.spec?.selector ?? {});
  selector.matchLabels = { ...selector.matchLabels, [POD_TEMPLATE_HASH]: hash };
  const minReady = d.spec?.minReadySeconds ?? 0;
  const total = oldRSs.reduce((n, rs) => n + rsReplicas(rs), 0);
  const replicas = newRSNewReplicas(shapeOf(d), total, 0);
  const annotations: Record<string, string> = {};
  setNewReplicaSetAnnotations(d, annotations, newRevision, false, replicaCounts(d));
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: `${d.metadata.name}-${hash}`,
      namespace: d.metadata.namespace,
      labels: { ...template.metadata.labels },
      annotations,
      ownerReferences: [controllerRef(d)],
    },
    spec: { replicas, ...(minReady ? { minReadySeconds: minReady } : {}), selector, template },
  };
}

/** Create the new RS; on a name taken by a different template, bump collisionCount and retry later. */
async function createNewReplicaSet(pass: Pass, oldRSs: KObject[], newRevision: number): Promise<KObject> {
  const { ctx, d } = pass;
  const rs = newReplicaSetObject(pass, oldRSs, newRevision);
  const name = rs.metadata.name!;
  let created: KObject;
  let alreadyExisted = false;
  try {
    created = await ctx.registry.create(rs);
  } catch (e) {
    if (isAlreadyExists(e)) {
      const existing = ctx.registry.get(REPLICASET, d.metadata.namespace, name);
      if (
        existing &&
        isControlledBy(existing, d) &&
        equalIgnoreHash(existing.spec?.template, d.spec?.template)
      ) {
        created = existing;
        alreadyExisted = true;
      } else {
        passStatus(pass).collisionCount = (d.status?.collisionCount ?? 0) + 1;
        throw e;
      }
    } else {
      const msg = `Failed to create new replica set "${name}": ${(e as Error).message}`;
      if (hasProgressDeadline(d)) {
        setCondition(
          passStatus(pass),
          newCondition(PROGRESSING, 'False', REASON.failedRSCreate, msg, pass.now),
        );
      }
      await ctx.recordEvent({ object: d, type: 'Warning', reason: REASON.failedRSCreate, message: msg });
      throw e;
    }
  }
  const count = rs.spec.replicas as number;
  if (!alreadyExisted && count > 0) {
    await ctx.recordEvent({
      object: d,
      type: 'Normal',
      reason: 'ScalingReplicaSet',
      message: `Scaled up replica set ${name} from 0 to ${count}`,
    });
  }
  setDeploymentRevision(pass, String(newRevision));
  if (!alreadyExisted && hasProgressDeadline(d)) {
    const msg = `Created new replica set "${name}"`;
    setCondition(
      passStatus(pass),
      newCondition(PROGRESSING, 'True', REASON.newReplicaSetCreated, msg, pass.now),
    );
  }
  return created;
}

/**
 * `getAllReplicaSetsAndSyncRevision`: the new RS (created when `create` and missing) and the
 * old ones. The new RS's revision is one past the newest old one's.
 */
export async function getAllReplicaSetsAndSyncRevision(
  pass: Pass,
  rsList: KObject[],
  create: boolean,
): Promise<{ newRS: KObject | undefined; oldRSs: KObject[] }> {
  const existing = findNewReplicaSet(pass.d, rsList);
  const oldRSs = rsList.filter((rs) => rs !== existing);
  const newRevision = maxRevision(oldRSs) + 1;
  if (existing) return { newRS: await syncExistingNewRS(pass, existing, newRevision), oldRSs };
  if (!create) return { newRS: undefined, oldRSs };
  return { newRS: await createNewReplicaSet(pass, oldRSs, newRevision), oldRSs };
}

/**
 * `scaleReplicaSet`: set spec.replicas and the desired/max annotations; an event when the size
 * changed. Returns the RS as written.
 */
export async function scaleReplicaSet(
  pass: Pass,
  rs: KObject,
  newScale: number,
  operation: 'up' | 'down' | undefined,
): Promise<{ scaled: boolean; rs: KObject }> {
  const { desired, max } = replicaCounts(pass.d);
  const oldScale = rsReplicas(rs);
  const sizeChanges = oldScale !== newScale;
  if (!sizeChanges && !replicasAnnotationsNeedUpdate(rs, desired, max)) return { scaled: false, rs };
  const updated = await pass.ctx.registry.mutate(
    REPLICASET,
    rs.metadata.namespace,
    rs.metadata.name!,
    (cur) => {
      if (cur.metadata.uid !== rs.metadata.uid) return undefined;
      const annotations = { ...(cur.metadata.annotations ?? {}) };
      setReplicasAnnotations(annotations, desired, max);
      return {
        ...cur,
        metadata: { ...cur.metadata, annotations },
        spec: { ...cur.spec, replicas: newScale },
      };
    },
  );
  if (!updated) return { scaled: false, rs };
  if (sizeChanges) {
    const op = operation ?? (oldScale < newScale ? 'up' : 'down');
    await pass.ctx.recordEvent({
      object: pass.d,
      type: 'Normal',
      reason: 'ScalingReplicaSet',
      message: `Scaled ${op} replica set ${rs.metadata.name} from ${oldScale} to ${newScale}`,
    });
  }
  return { scaled: sizeChanges, rs: updated };
}

/** `scaleReplicaSetAndRecordEvent`: nothing when already at that size. */
export async function scaleTo(
  pass: Pass,
  rs: KObject,
  newScale: number,
): Promise<{ scaled: boolean; rs: KObject }> {
  if (rsReplicas(rs) === newScale) return { scaled: false, rs };
  return scaleReplicaSet(pass, rs, newScale, rsReplicas(rs) < newScale ? 'up' : 'down');
}
