// `rollout pause`, `resume` and `restart`: one spec change each (polymorphichelpers
// objectpauser.go, objectresumer.go, objectrestarter.go), reported as kubectl's rollout_*.go do.
import type { Command } from 'commander';
import { UserError } from '../../api/errors.js';
import { type KindInfo, qualifiedResource } from '../../api/kinds.js';
import type { KObject } from '../../api/types.js';
import { RESTARTED_AT } from '../../api/well-known.js';
import type { Ctx } from '../context.js';
import { updateObject } from '../workload/admit.js';
import { throwIfAny } from '../workload/errors.js';
import { VerbPrinter } from '../workload/output.js';
import { type RolloutOpts, resolveRollout, resourceFlags } from './common.js';

export { RESTARTED_AT };

/** Go's time.Now().Format(time.RFC3339) in the local zone: `2024-05-01T10:00:00+02:00` or `...Z`. */
export function rfc3339Local(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const off = -d.getTimezoneOffset();
  const zone =
    off === 0
      ? 'Z'
      : `${off > 0 ? '+' : '-'}${pad(Math.floor(Math.abs(off) / 60))}:${pad(Math.abs(off) % 60)}`;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}${zone}`;
}

type Mutation = (obj: KObject) => KObject;

/** The change each verb makes, or the error kubectl's patch function returns. Pure. */
export const MUTATIONS: Record<'pause' | 'resume' | 'restart', (now: Date) => Mutation> = {
  pause: () => (obj) => {
    if (obj.kind !== 'Deployment') throw new Error('pausing is not supported');
    if (obj.spec?.paused) throw new Error('is already paused');
    return { ...obj, spec: { ...obj.spec, paused: true } };
  },
  resume: () => (obj) => {
    if (obj.kind !== 'Deployment') throw new Error('resuming is not supported');
    if (!obj.spec?.paused) throw new Error('is not paused');
    return { ...obj, spec: { ...obj.spec, paused: false } };
  },
  restart: (now) => (obj) => {
    if (!['Deployment', 'StatefulSet', 'DaemonSet'].includes(obj.kind))
      throw new Error('restarting is not supported');
    if (obj.kind === 'Deployment' && obj.spec?.paused) {
      throw new Error("can't restart paused deployment (run rollout resume first)");
    }
    const template = obj.spec?.template ?? {};
    const metadata = template.metadata ?? {};
    const annotations = { ...metadata.annotations, [RESTARTED_AT]: rfc3339Local(now) };
    return {
      ...obj,
      spec: { ...obj.spec, template: { ...template, metadata: { ...metadata, annotations } } },
    };
  },
};

const DONE = { pause: 'paused', resume: 'resumed', restart: 'restarted' } as const;

async function markOne(
  ctx: Ctx,
  verb: keyof typeof MUTATIONS,
  kind: KindInfo,
  obj: KObject,
): Promise<KObject> {
  const mutation = MUTATIONS[verb](new Date());
  try {
    mutation(structuredClone(obj));
  } catch (e) {
    throw new UserError(
      `error: ${qualifiedResource(kind)} "${obj.metadata.name}" ${(e as Error).message}`,
      true,
    );
  }
  let unchanged = false;
  const { obj: updated } = await updateObject(
    await ctx.registry(),
    kind,
    obj,
    (fresh) => {
      const next = mutation(fresh);
      unchanged = JSON.stringify(next.spec) === JSON.stringify(fresh.spec);
      return unchanged ? undefined : next;
    },
    { fieldManager: 'kubectl-rollout' },
  );
  if (unchanged && verb === 'restart') {
    throw new UserError(
      `failed to create patch for ${obj.metadata.name}: if restart has already been triggered within the past second, please wait before attempting to trigger another`,
    );
  }
  return updated;
}

async function run(ctx: Ctx, verb: keyof typeof MUTATIONS, args: string[], o: RolloutOpts): Promise<void> {
  const printer = await VerbPrinter.create(ctx.out, o.output);
  const { found, errors, namespace } = await resolveRollout(ctx, args, o);
  if (found.length === 0 && errors.length === 0) {
    ctx.err.write(`No resources found in ${namespace} namespace.\n`);
    return;
  }
  const failures: unknown[] = [...errors];
  let wrote = false;
  for (const { kind, obj } of found) {
    try {
      const updated = await markOne(ctx, verb, kind, obj);
      wrote = true;
      printer.print(kind, updated, DONE[verb]);
    } catch (e) {
      failures.push(e);
    }
  }
  if (wrote) await ctx.ensureAgent();
  throwIfAny(failures);
}

export function registerMark(rollout: Command, ctx: Ctx): void {
  const about = {
    pause: 'Mark the provided resource as paused',
    resume: 'Resume a paused resource',
    restart: 'Restart a resource',
  } as const;
  for (const verb of ['pause', 'restart', 'resume'] as const) {
    const cmd = rollout.command(verb).description(about[verb]).usage('RESOURCE [options]');
    resourceFlags(cmd, 'get from a server');
    cmd.action((args: string[], o: RolloutOpts) => run(ctx, verb, args, o));
  }
}
