// One reconcile of a ReplicaSet (or ReplicationController, which differs only in its selector):
// claim the active pods, make their count right, write status. Level-triggered: the registry is
// read fresh every pass and is synchronous, so pods created in one pass are seen by the next
// (the "expectations" of Kubernetes' controller are not needed).
import { type KindInfo, POD } from '../../api/kinds.js';
import type { KObject } from '../../api/types.js';
import { canonicalJson } from '../common/hash.js';
import { applyClaims, computeClaims } from '../common/owners.js';
import { deleteOwnedPod } from '../common/pod-control.js';
import { isPodActive, msUntilAvailable } from '../common/pods.js';
import type { LabelMatcher } from '../common/selector.js';
import { podFromTemplate } from '../common/template.js';
import { type ControllerContext, splitKey } from '../controller.js';
import { computeReplicaDiff, slowStartBatch } from './diff.js';
import { computeReplicaSetStatus, type ReplicaFailure } from './status.js';

export interface ReplicaSetFlavor {
  kind: KindInfo;
  /** The selector of one set as a matcher. */
  matcher(set: KObject): LabelMatcher;
}

/** The registry resolves generateName (5 random characters) and retries its own collisions. */
const createPod = (ctx: ControllerContext, set: KObject): Promise<KObject> =>
  ctx.registry.create(podFromTemplate(set, set.spec?.template));

/** Create or delete pods; returns the failure to report in status, if any. */
async function manageReplicas(
  ctx: ControllerContext,
  set: KObject,
  active: KObject[],
): Promise<ReplicaFailure | undefined> {
  const diff = computeReplicaDiff(active, set.spec?.replicas ?? 1);
  if (diff.create > 0) {
    const { error } = await slowStartBatch(diff.create, async () => {
      const pod = await createPod(ctx, set);
      await ctx.recordEvent({
        object: set,
        type: 'Normal',
        reason: 'SuccessfulCreate',
        message: `Created pod: ${pod.metadata.name}`,
      });
    });
    if (!error) return undefined;
    const message = (error as Error).message;
    await ctx.recordEvent({
      object: set,
      type: 'Warning',
      reason: 'FailedCreate',
      message: `Error creating: ${message}`,
    });
    return { reason: 'FailedCreate', message };
  }
  let failure: ReplicaFailure | undefined;
  await Promise.all(
    diff.delete.map(async (pod) => {
      try {
        await deleteOwnedPod(ctx, set, pod);
      } catch (e) {
        const message = (e as Error).message;
        failure ??= { reason: 'FailedDelete', message };
        await ctx.recordEvent({
          object: set,
          type: 'Warning',
          reason: 'FailedDelete',
          message: `Error deleting: ${message}`,
        });
      }
    }),
  );
  return failure;
}

export async function syncReplicaSet(
  ctx: ControllerContext,
  flavor: ReplicaSetFlavor,
  key: string,
): Promise<{ requeueAfterMs?: number }> {
  const [namespace, name] = splitKey(key);
  const set = ctx.registry.get(flavor.kind, namespace, name);
  if (!set) return {};
  const now = ctx.now?.() ?? Date.now();
  const matches = flavor.matcher(set);
  const active = ctx.registry.list(POD, { namespace }).filter(isPodActive);
  const plan = computeClaims(set, active, (pod) => matches(pod.metadata.labels));
  const owned = await applyClaims(ctx.registry, POD, set, plan);

  const failure = set.metadata.deletionTimestamp ? undefined : await manageReplicas(ctx, set, owned);

  const status = computeReplicaSetStatus({ rs: set, pods: owned, failure, now });
  if (canonicalJson(status) !== canonicalJson(set.status ?? {})) {
    await ctx.registry.mutate(
      flavor.kind,
      namespace,
      name,
      (cur) => (cur.metadata.uid === set.metadata.uid ? { ...cur, status } : undefined),
      { subresource: 'status' },
    );
  }
  // Wake up when a ready pod turns available, for minReadySeconds.
  const minReady: number = set.spec?.minReadySeconds ?? 0;
  const waits = owned
    .map((p) => msUntilAvailable(p, minReady, now))
    .filter((w): w is number => w !== undefined);
  return waits.length ? { requeueAfterMs: Math.min(...waits) } : failure ? { requeueAfterMs: 1000 } : {};
}
