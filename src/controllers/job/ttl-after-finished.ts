// The TTL-after-finished controller: a finished Job (Complete or Failed) with
// spec.ttlSecondsAfterFinished is deleted, with its pods (foreground propagation), that many
// seconds after it finished.
import type { KObject } from '../../api/types.js';
import { isNotFound } from '../common/errors.js';
import { type Controller, type ControllerContext, keyOf, splitKey } from '../controller.js';
import { JOB } from './job.js';

/** When the Job finished (ms), or undefined while it runs. */
export function finishedAt(job: KObject): number | undefined {
  const c = (job.status?.conditions ?? []).find(
    (x: { type: string; status: string }) =>
      (x.type === 'Complete' || x.type === 'Failed') && x.status === 'True',
  );
  if (!c) return undefined;
  const t = Date.parse(job.status?.completionTime ?? c.lastTransitionTime ?? '');
  return Number.isFinite(t) ? t : undefined;
}

/** Pure: 'delete' now, wait this many ms, or nothing to do. */
export function computeTtl(job: KObject, now: number): 'delete' | number | undefined {
  const ttl = job.spec?.ttlSecondsAfterFinished;
  if (ttl == null || job.metadata.deletionTimestamp) return undefined;
  const at = finishedAt(job);
  if (at === undefined) return undefined;
  const left = at + ttl * 1000 - now;
  return left <= 0 ? 'delete' : left;
}

export const ttlAfterFinishedController = (ctx: ControllerContext): Controller => ({
  name: 'ttl-after-finished-controller',
  watches: [{ kind: JOB, keys: (job) => (job.spec?.ttlSecondsAfterFinished != null ? [keyOf(job)] : []) }],
  resyncKeys: () =>
    ctx.registry
      .list(JOB)
      .filter((j) => j.spec?.ttlSecondsAfterFinished != null)
      .map(keyOf),
  async reconcile(key) {
    const [namespace, name] = splitKey(key);
    const job = ctx.registry.get(JOB, namespace, name);
    if (!job) return {};
    const decision = computeTtl(job, ctx.now?.() ?? Date.now());
    if (decision === 'delete') {
      await ctx.registry
        .delete(JOB, namespace, name, { uid: job.metadata.uid, propagationPolicy: 'Foreground' })
        .catch((e) => {
          if (!isNotFound(e)) throw e;
        });
      return {};
    }
    return decision === undefined ? {} : { requeueAfterMs: decision };
  },
});
