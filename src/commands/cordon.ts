// `mkube cordon NODE` / `mkube uncordon NODE`: set or clear spec.unschedulable, as kubectl's
// cordon helper does; the scheduler then leaves new pods Pending (running ones stay).
import type { Command } from 'commander';
import { UserError } from '../api/errors.js';
import { NODE } from '../api/kinds.js';
import type { KObject } from '../api/types.js';
import type { Ctx } from './context.js';
import { type DryRun, dryRunSuffix } from './flag-values.js';
import { dryRunFlag, dryRunOf } from './flags.js';
import { resolveNodes } from './node/nodes.js';

interface CordonFlags {
  selector?: string;
  dryRun?: string;
}

/** Cordon (true) or uncordon (false) each node; prints kubectl's `node/x cordoned` lines. */
export async function cordonNodes(
  ctx: Ctx,
  nodes: KObject[],
  desired: boolean,
  dryRun: DryRun,
): Promise<void> {
  const verb = desired ? 'cordoned' : 'uncordoned';
  for (const node of nodes) {
    const name = node.metadata.name!;
    if (!!node.spec?.unschedulable === desired) {
      ctx.out.write(`node/${name} already ${verb}${dryRunSuffix(dryRun)}\n`);
      continue;
    }
    if (dryRun !== 'client') {
      const registry = await ctx.registry();
      try {
        await registry.mutate(
          NODE,
          undefined,
          name,
          (cur) => {
            const spec = { ...cur.spec };
            if (desired) spec.unschedulable = true;
            else delete spec.unschedulable;
            return { ...cur, spec };
          },
          { dryRun: dryRun === 'server' },
        );
      } catch (err) {
        ctx.err.write(
          `error: unable to ${desired ? 'cordon' : 'uncordon'} node "${name}": ${(err as Error).message}\n`,
        );
        continue;
      }
    }
    ctx.out.write(`node/${name} ${verb}${dryRunSuffix(dryRun)}\n`);
  }
}

export function registerCordonVerb(program: Command, ctx: Ctx, name: 'cordon' | 'uncordon'): void {
  const cmd = program
    .command(name)
    .description(name === 'cordon' ? 'Mark node as unschedulable' : 'Mark node as schedulable')
    .usage('NODE [options]')
    .argument('[node...]')
    .option(
      '-l, --selector <selector>',
      "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.",
    );
  dryRunFlag(cmd);
  cmd.action(async (nodes: string[], flags: CordonFlags) => {
    if (nodes.length === 0 && flags.selector === undefined)
      throw new UserError(`USAGE: ${name} NODE [flags]\nSee 'mkube ${name} -h' for help and examples`);
    if (nodes.length > 0 && flags.selector !== undefined)
      throw new UserError('error: cannot specify both a node name and a --selector option');
    const dryRun = dryRunOf(ctx, flags.dryRun);
    await cordonNodes(ctx, resolveNodes(ctx.store(), nodes, flags.selector), name === 'cordon', dryRun);
  });
}

export function register(program: Command, ctx: Ctx): void {
  registerCordonVerb(program, ctx, 'cordon');
}
