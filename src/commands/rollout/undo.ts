// `rollout undo`: put an earlier revision's pod template back (polymorphichelpers/rollback.go).
// A Deployment takes the ReplicaSet's template (without pod-template-hash) and annotations; a
// StatefulSet or DaemonSet the ControllerRevision's template.
import type { Command } from 'commander';
import { UserError } from '../../api/errors.js';
import type { KindInfo } from '../../api/kinds.js';
import type { KObject } from '../../api/types.js';
import type { Ctx } from '../context.js';
import type { DryRun } from '../flag-values.js';
import { dryRunFlag, dryRunOf, intFlag } from '../flags.js';
import { updateObject } from '../workload/admit.js';
import { throwIfAny } from '../workload/errors.js';
import {
  equalIgnoreHash,
  type HistoryEntry,
  rolledBackDeployment,
  selectControllerRevision,
  selectDeploymentRevision,
} from '../workload/history.js';
import { VerbPrinter } from '../workload/output.js';
import { describePodTemplate } from '../workload/pod-template.js';
import { groupKind } from '../workload/rollout-status.js';
import { semanticEqual } from '../workload/semantic.js';
import { type RolloutOpts, resolveRollout, resourceFlags } from './common.js';
import { historyOf } from './history.js';

interface UndoOpts extends RolloutOpts {
  toRevision: number;
  dryRun?: string;
}

const skipped = (rev: number) => `skipped rollback (current template already matches revision ${rev})`;

function choose(obj: KObject, entries: HistoryEntry[], toRevision: number): HistoryEntry {
  const picked =
    obj.kind === 'Deployment'
      ? selectDeploymentRevision(entries, toRevision, obj.metadata.name!)
      : selectControllerRevision(entries, toRevision);
  if ('error' in picked) throw new UserError(picked.error);
  return picked.entry;
}

/** Roll one object back; returns what kubectl prints after its name. */
async function rollback(ctx: Ctx, kind: KindInfo, obj: KObject, toRevision: number, dryRun: DryRun) {
  if (!['Deployment', 'StatefulSet', 'DaemonSet'].includes(obj.kind)) {
    throw new UserError(`no rollbacker has been implemented for "${groupKind(obj)}"`);
  }
  if (toRevision < 0) throw new UserError(`unable to find specified revision ${toRevision} in history`);
  const entry = choose(obj, historyOf(ctx.store(), obj), toRevision);
  const isDeployment = obj.kind === 'Deployment';
  if (dryRun === 'client') {
    const template = await describePodTemplate(entry.template);
    return isDeployment ? template : `will roll back to ${template}`;
  }
  if (isDeployment && obj.spec?.paused) {
    throw new UserError(
      "you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again",
    );
  }
  const same = isDeployment
    ? equalIgnoreHash(entry.source.spec?.template, obj.spec?.template)
    : semanticEqual(entry.template, obj.spec?.template);
  if (same) return skipped(toRevision);
  await updateObject(
    await ctx.registry(),
    kind,
    obj,
    (fresh) =>
      isDeployment
        ? rolledBackDeployment(fresh, entry.source)
        : { ...fresh, spec: { ...fresh.spec, template: entry.template } },
    { dryRun: dryRun === 'server', fieldManager: 'kubectl-rollout' },
  );
  if (dryRun === 'none') await ctx.ensureAgent();
  return 'rolled back';
}

async function run(ctx: Ctx, args: string[], o: UndoOpts): Promise<void> {
  const dryRun = dryRunOf(ctx, o.dryRun);
  const printer = await VerbPrinter.create(ctx.out, o.output, dryRun);
  const { found, errors } = await resolveRollout(ctx, args, o);
  const failures: unknown[] = [...errors];
  for (const { kind, obj } of found) {
    try {
      const result = await rollback(ctx, kind, obj, o.toRevision, dryRun);
      printer.print(kind, obj, result);
    } catch (e) {
      failures.push(e);
    }
  }
  throwIfAny(failures);
}

export function registerUndo(rollout: Command, ctx: Ctx): void {
  const cmd = rollout
    .command('undo')
    .description('Undo a previous rollout')
    .usage('(TYPE NAME | TYPE/NAME) [flags] [options]')
    .option(
      '--to-revision <n>',
      'The revision to rollback to. Default to 0 (last revision).',
      intFlag('--to-revision'),
      0,
    );
  resourceFlags(cmd, 'get from a server');
  dryRunFlag(cmd);
  cmd.action((args: string[], o: UndoOpts) => run(ctx, args, o));
}
