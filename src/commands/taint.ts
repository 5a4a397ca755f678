// `mkube taint nodes NODE key=value:Effect ... [key:Effect-]`: add, replace (--overwrite) or
// remove node taints, with kubectl's words (`node/x tainted`, `untainted`, `modified`).
import type { Command } from 'commander';
import type { Taint } from 'kubernetes-types/core/v1.js';
import { UserError } from '../api/errors.js';
import { NODE } from '../api/kinds.js';
import type { Ctx } from './context.js';
import { dryRunSuffix } from './flag-values.js';
import { boolFlags, dryRunFlag, dryRunOf } from './flags.js';
import { resolveNodes } from './node/nodes.js';
import { alreadyTainted, parseTaintSpecs, reorganizeTaints, TaintSpecError } from './node/taint-spec.js';

interface TaintFlags {
  selector?: string;
  all?: boolean;
  overwrite?: boolean;
  dryRun?: string;
}

const USAGE = "See 'mkube taint -h' for help and examples";
const isTaintSpec = (a: string) => a.includes(':') || a.includes('=') || a.endsWith('-');

/** `nodes a b k=v:E` or `node/a k=v:E`: the node words and the taint specs. */
function splitArgs(args: string[]): { nodes: string[]; specs: string[] } {
  const first = args[0] ?? '';
  const specs = args.filter((a, i) => i > 0 && isTaintSpec(a));
  if (first.includes('/')) return { nodes: args.filter((a) => !isTaintSpec(a) || a === first), specs };
  if (!['node', 'nodes', 'no'].includes(first.toLowerCase()))
    throw new UserError(`invalid resource type ${first}, only node types are supported\n${USAGE}`);
  return { nodes: args.slice(1).filter((a) => !isTaintSpec(a)), specs };
}

export function register(program: Command, ctx: Ctx): void {
  const cmd = program
    .command('taint')
    .description('Update the taints on one or more nodes')
    .usage('NODE NAME KEY_1=VAL_1:TAINT_EFFECT_1 ... KEY_N=VAL_N:TAINT_EFFECT_N [options]')
    .argument('[args...]')
    .option(
      '-l, --selector <selector>',
      "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.",
    );
  boolFlags(cmd, [
    ['--all', 'Select all nodes in the cluster'],
    [
      '--overwrite',
      'If true, allow taints to be overwritten, otherwise reject taint updates that overwrite existing taints.',
    ],
  ]);
  dryRunFlag(cmd);
  cmd.action((args: string[], flags: TaintFlags) => runTaint(ctx, args, flags));
}

async function runTaint(ctx: Ctx, args: string[], flags: TaintFlags): Promise<void> {
  if (args.length === 0) throw new UserError(`at least one taint update is required\n${USAGE}`);
  const { nodes: names, specs: specArgs } = splitArgs(args);
  if (specArgs.length === 0) throw new UserError(`at least one taint update is required\n${USAGE}`);
  let specs: ReturnType<typeof parseTaintSpecs>;
  try {
    specs = parseTaintSpecs(specArgs);
  } catch (err) {
    if (err instanceof TaintSpecError) throw new UserError(`${err.message}\n${USAGE}`);
    throw err;
  }
  const dryRun = dryRunOf(ctx, flags.dryRun);
  const nodes = resolveNodes(ctx.store(), names, flags.selector, flags.all);
  const registry = await ctx.registry();
  for (const node of nodes) {
    const name = node.metadata.name!;
    const current = (node.spec?.taints ?? []) as Taint[];
    const existing = alreadyTainted(current, specs.add);
    if (!flags.overwrite && existing.length)
      throw new UserError(
        `node ${name} already has ${existing.join(',')} taint(s) with same effect(s) and --overwrite is false`,
      );
    const { taints, operation, errors } = reorganizeTaints(current, specs, !!flags.overwrite);
    if (errors.length) throw new UserError(errors.join(', '));
    if (dryRun !== 'client') {
      await registry.mutate(
        NODE,
        undefined,
        name,
        (cur) => {
          const spec = { ...cur.spec };
          if (taints.length) spec.taints = taints;
          else delete spec.taints;
          return { ...cur, spec };
        },
        { dryRun: dryRun === 'server' },
      );
    }
    ctx.out.write(`node/${name} ${operation}${dryRunSuffix(dryRun)}\n`);
  }
}
