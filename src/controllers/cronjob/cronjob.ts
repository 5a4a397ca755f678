// The CronJob controller: read the CronJob's Jobs, compute one pass (compute.ts), delete, start
// the scheduled Job, write status, and requeue for the next schedule time.
import { lookupKind } from '../../api/kinds.js';
import type { KObject } from '../../api/types.js';
import { isAlreadyExists, isNotFound } from '../common/errors.js';
import { canonicalJson } from '../common/hash.js';
import { getControllerOf } from '../common/owners.js';
import { type Controller, type ControllerContext, keyOf, splitKey } from '../controller.js';
import { JOB } from '../job/job.js';
import { computeCronPlan, jobRef } from './compute.js';
import { scheduledJob } from './job-from-cronjob.js';

export const CRONJOB = lookupKind('cronjobs')!;

const jobsOf = (ctx: ControllerContext, cj: KObject): KObject[] =>
  ctx.registry
    .list(JOB, { namespace: cj.metadata.namespace })
    .filter((j) => getControllerOf(j)?.uid === cj.metadata.uid);

export async function syncCronJob(ctx: ControllerContext, key: string): Promise<{ requeueAfterMs?: number }> {
  const [namespace, name] = splitKey(key);
  const cj = ctx.registry.get(CRONJOB, namespace, name);
  if (!cj) return {};
  const now = ctx.now?.() ?? Date.now();
  const plan = computeCronPlan(cj, jobsOf(ctx, cj), now);
  for (const job of plan.delete) {
    try {
      await ctx.registry.delete(JOB, namespace, job.metadata.name!, {
        uid: job.metadata.uid,
        propagationPolicy: 'Background',
      });
      await ctx.recordEvent({
        object: cj,
        type: 'Normal',
        reason: 'SuccessfulDelete',
        message: `Deleted job ${job.metadata.name}`,
      });
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  }
  let status = plan.status;
  if (plan.start !== undefined) {
    try {
      const job = await ctx.registry.create(scheduledJob(cj, plan.start));
      await ctx.recordEvent({
        object: cj,
        type: 'Normal',
        reason: 'SuccessfulCreate',
        message: `Created job ${job.metadata.name}`,
      });
      // The new Job is active at once.
      status = { ...status, active: [...((status.active as unknown[]) ?? []), jobRef(job)] };
    } catch (e) {
      if (!isAlreadyExists(e)) {
        await ctx.recordEvent({
          object: cj,
          type: 'Warning',
          reason: 'FailedCreate',
          message: `Error creating job: ${(e as Error).message}`,
        });
        throw e;
      }
    }
  }
  for (const e of plan.events) await ctx.recordEvent({ object: cj, ...e });
  if (canonicalJson(status) !== canonicalJson(cj.status ?? {})) {
    await ctx.registry.mutate(
      CRONJOB,
      namespace,
      name,
      (cur) => (cur.metadata.uid === cj.metadata.uid ? { ...cur, status } : undefined),
      { subresource: 'status' },
    );
  }
  return plan.requeueAfterMs !== undefined ? { requeueAfterMs: plan.requeueAfterMs } : {};
}

export const cronJobController = (ctx: ControllerContext): Controller => ({
  name: 'cronjob-controller',
  watches: [
    { kind: CRONJOB, keys: (cj) => [keyOf(cj)] },
    {
      kind: JOB,
      keys: (job) => {
        const ref = getControllerOf(job);
        return ref?.kind === 'CronJob' ? [`${job.metadata.namespace}/${ref.name}`] : [];
      },
    },
  ],
  resyncKeys: () => ctx.registry.list(CRONJOB).map(keyOf),
  reconcile: (key) => syncCronJob(ctx, key),
});
