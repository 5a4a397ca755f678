// The hidden `__complete` / `__completeNoDesc` commands the completion scripts call back, as
// cobra's: the words typed so far in, the candidates and `:<directive>` out. Names come straight
// from the state directory (no agent, no Docker): a TAB must answer at once.
import type { Command } from 'commander';
import { KINDS, lookupKind, NAMESPACE } from '../../api/kinds.js';
import { METRICS_KINDS } from '../../api/metrics.js';
import { formatApiResources } from '../../printers/api-resources.js';
import { loadForRead } from '../../state/kubeconfig.js';
import { contextNamespace } from '../../state/kubeconfig-namespace.js';
import { isHidden } from '../command-groups.js';
import type { Ctx } from '../context.js';
import { GLOBAL_FLAGS, kubeconfigFlags } from '../global-flags.js';
import {
  type CompCommand,
  type CompData,
  type CompFlag,
  type Completion,
  complete,
  Directive,
  directiveMessage,
  formatCompletion,
} from './candidates.js';

export const COMPLETE_COMMANDS = ['__complete', '__completeNoDesc'];

const INHERITED: CompFlag[] = GLOBAL_FLAGS.map((g) => ({
  long: g.long,
  short: g.short,
  description: g.description,
  takesValue: true,
}));
const GLOBAL_LONGS = new Set(GLOBAL_FLAGS.map((g) => g.long));

/** A commander command as the completion sees it. */
export function toCompCommand(cmd: Command, isRoot = false): CompCommand {
  const flags: CompFlag[] = [];
  for (const o of cmd.options) {
    const long = o.long?.replace(/^--/, '');
    // The global flags every command is given are inherited, as kubectl's persistent flags.
    if (o.hidden || (long && GLOBAL_LONGS.has(long))) continue;
    // A negatable `--no-x` is pflag's `--x=false`, not a flag of its own.
    if (o.negate) continue;
    flags.push({
      long,
      short: o.short?.replace(/^-/, ''),
      description: o.description.split('\n')[0]!,
      takesValue: o.required || o.optional,
    });
  }
  if (!flags.some((f) => f.long === 'help')) {
    flags.push({ long: 'help', short: 'h', description: `help for ${cmd.name()}`, takesValue: false });
  }
  const subcommands = cmd.commands
    .filter((c) => !isHidden(c) && c.name() !== 'help')
    .map((c) => toCompCommand(c));
  if (isRoot) {
    subcommands.push({
      name: 'help',
      description: 'Help about any command',
      flags: [],
      inherited: INHERITED,
      subcommands: subcommands.map((c) => ({ ...c, subcommands: [] })),
    });
  }
  return {
    name: cmd.name(),
    description: cmd.summary() || cmd.description().split('\n')[0]!.replace(/\.$/, ''),
    flags,
    inherited: INHERITED,
    subcommands,
  };
}

/** The state directory and kubeconfig as the candidates read them. */
async function readData(ctx: Ctx, words: string[]): Promise<CompData> {
  const flags = kubeconfigFlags(words);
  const config = await loadForRead(ctx.home, flags.kubeconfig).catch(() => undefined);
  const named = (list: Array<{ name: string }> | null | undefined) =>
    (list ?? [])
      .map((e) => e?.name)
      .filter((n): n is string => typeof n === 'string')
      .sort();
  const context = await contextNamespace(ctx.home, flags).catch(() => ({ namespace: 'default' }));
  const names = (type: string, namespace: string): string[] => {
    const kind = lookupKind(type);
    if (!kind) return [];
    const list = ctx.store().list(kind, { namespace: kind.namespaced ? namespace : undefined });
    return list.map((o) => o.metadata.name ?? '').filter(Boolean);
  };
  return {
    names,
    namespaces: () => names(NAMESPACE.plural, ''),
    contexts: () => named(config?.contexts),
    clusters: () => named(config?.clusters),
    users: () => named(config?.users),
    // kubectl's CompGetResourceList: `api-resources -o name --verbs get`.
    resourceTypes: () =>
      formatApiResources([...KINDS, ...METRICS_KINDS], { output: 'name', verbs: ['get'] })
        .split('\n')
        .filter(Boolean),
    defaultNamespace: 'namespace' in context ? context.namespace : 'default',
  };
}

/**
 * Runs `__complete` (descriptions) or `__completeNoDesc` for `words` (the last one is the word
 * being completed). `build` gives the program with the commands the words name.
 */
export async function runComplete(
  ctx: Ctx,
  words: string[],
  withDescriptions: boolean,
  build: (args: string[]) => Promise<Command>,
): Promise<number> {
  const typed = words.length ? words : [''];
  let result: Completion;
  try {
    const program = await build(typed.slice(0, -1));
    const data = await readData(ctx, typed);
    result = complete(toCompCommand(program, true), typed, data, withDescriptions);
  } catch (err) {
    // A broken state directory or kubeconfig: the shell completes nothing, as on cobra's errors.
    ctx.err.write(`${(err as Error)?.message ?? String(err)}\n`);
    result = { candidates: [], directive: Directive.Error };
  }
  ctx.out.write(formatCompletion(result));
  ctx.err.write(directiveMessage(result.directive));
  return 0;
}
