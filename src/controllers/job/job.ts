// The Job controller: claim the Job's pods, compute one plan (compute.ts) and carry it out in
// order — delete and create pods, record newly finished pods, release their finalizers, write the
// counts and conditions. Pods of a Job that is gone lose their finalizer so they can go.
import { lookupKind, POD } from '../../api/kinds.js';
import type { KObject } from '../../api/types.js';
import { JOB_TRACKING_FINALIZER } from '../../api/well-known.js';
import { isNotFound } from '../common/errors.js';
import { canonicalJson } from '../common/hash.js';
import { applyClaims, computeClaims, getControllerOf } from '../common/owners.js';
import { deleteOwnedPod } from '../common/pod-control.js';
import { selectorMatcher } from '../common/selector.js';
import { type Controller, type ControllerContext, keyOf, splitKey } from '../controller.js';
import { slowStartBatch } from '../replicaset/diff.js';
import { computeJobPlan, type JobPlan } from './compute.js';
import { jobPod } from './job-pod.js';
import { hasTrackingFinalizer } from './pod-facts.js';

export const JOB = lookupKind('jobs')!;

async function removeFinalizer(ctx: ControllerContext, pod: KObject): Promise<void> {
  await ctx.registry
    .mutate(POD, pod.metadata.namespace, pod.metadata.name!, (cur) => {
      if (cur.metadata.uid !== pod.metadata.uid || !hasTrackingFinalizer(cur)) return undefined;
      const finalizers = cur.metadata.finalizers!.filter((f) => f !== JOB_TRACKING_FINALIZER);
      const { finalizers: _, ...metadata } = cur.metadata;
      return { ...cur, metadata: finalizers.length ? { ...metadata, finalizers } : metadata };
    })
    .catch((e) => {
      if (!isNotFound(e)) throw e;
    });
}

async function writeStatus(
  ctx: ControllerContext,
  job: KObject,
  status: Record<string, unknown>,
): Promise<KObject> {
  const written = await ctx.registry.mutate(
    JOB,
    job.metadata.namespace,
    job.metadata.name!,
    (cur) => (cur.metadata.uid === job.metadata.uid ? { ...cur, status } : undefined),
    { subresource: 'status' },
  );
  return written ?? job;
}

async function managePods(ctx: ControllerContext, job: KObject, plan: JobPlan): Promise<void> {
  for (const pod of plan.delete) await deleteOwnedPod(ctx, job, pod);
  const { error } = await slowStartBatch(plan.create.length, async (i) => {
    const pod = await ctx.registry.create(jobPod(job, plan.create[i]!));
    await ctx.recordEvent({
      object: job,
      type: 'Normal',
      reason: 'SuccessfulCreate',
      message: `Created pod: ${pod.metadata.name}`,
    });
  });
  if (error) {
    await ctx.recordEvent({
      object: job,
      type: 'Warning',
      reason: 'FailedCreate',
      message: `Error creating: ${error.message}`,
    });
  }
}

/** Pods still held for a Job that no longer exists (or is another Job of the same name). */
async function releaseOrphans(
  ctx: ControllerContext,
  namespace: string | undefined,
  name: string,
  uid?: string,
) {
  for (const pod of ctx.registry.list(POD, { namespace })) {
    const ref = getControllerOf(pod);
    if (ref?.kind !== 'Job' || ref.name !== name || ref.uid === uid || !hasTrackingFinalizer(pod)) continue;
    await removeFinalizer(ctx, pod);
  }
}

export async function syncJob(ctx: ControllerContext, key: string): Promise<{ requeueAfterMs?: number }> {
  const [namespace, name] = splitKey(key);
  const found = ctx.registry.get(JOB, namespace, name);
  await releaseOrphans(ctx, namespace, name, found?.metadata.uid);
  if (!found) return {};
  let job = found;
  const now = ctx.now?.() ?? Date.now();
  const matches = selectorMatcher(job.spec?.selector);
  const candidates = ctx.registry.list(POD, { namespace });
  const claims = computeClaims(job, candidates, (pod) => matches(pod.metadata.labels));
  // Adopt only live orphans; finished pods of ours stay counted through their finalizer.
  const pods = await applyClaims(ctx.registry, POD, job, claims);
  const plan = computeJobPlan(job, pods, now);

  // 1. Pods first (as the controller's manageJob runs before the status is tracked), so a
  // replacement does not wait for the writes below; counting rests on the finalizers, not on this.
  if (!job.metadata.deletionTimestamp) await managePods(ctx, job, plan);
  // 2. Record newly finished pods before their finalizers go, so each is counted once.
  if (plan.uncounted) {
    job = await writeStatus(ctx, job, { ...job.status, uncountedTerminatedPods: plan.uncounted });
  }
  // 3. Release them.
  for (const pod of plan.removeFinalizers) await removeFinalizer(ctx, pod);
  // 4. Counts, conditions and times.
  if (canonicalJson(plan.status) !== canonicalJson(job.status ?? {}))
    job = await writeStatus(ctx, job, plan.status);
  for (const e of plan.events) await ctx.recordEvent({ object: job, ...e });
  return plan.requeueAfterMs !== undefined ? { requeueAfterMs: plan.requeueAfterMs } : {};
}

export const jobController = (ctx: ControllerContext): Controller => {
  const { registry } = ctx;
  const podKeys = (pod: KObject): string[] => {
    const ref = getControllerOf(pod);
    if (ref) return ref.kind === 'Job' ? [`${pod.metadata.namespace}/${ref.name}`] : [];
    return registry
      .list(JOB, { namespace: pod.metadata.namespace })
      .filter((job) => selectorMatcher(job.spec?.selector)(pod.metadata.labels))
      .map(keyOf);
  };
  return {
    name: 'job-controller',
    watches: [
      { kind: JOB, keys: (job) => [keyOf(job)] },
      { kind: POD, keys: podKeys },
    ],
    resyncKeys: () => registry.list(JOB).map(keyOf),
    reconcile: (key) => syncJob(ctx, key),
  };
};
