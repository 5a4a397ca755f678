// `mkube delete`: by TYPE NAME, TYPE/NAME, -f, -l/--field-selector or --all. Prints each
// `kind "name" deleted` line as it goes, then (with --wait, the default) waits until the objects
// are gone, finalizers and pod termination included, as kubectl does.
import type { Command } from 'commander';
import { ApiError, UserError } from '../api/errors.js';
import { qualifiedKind } from '../api/kinds.js';
import type { Registry } from '../registry/registry.js';
import type { StoreReader } from '../state/types.js';
import type { Ctx } from './context.js';
import {
  addDryRunFlag,
  addFilenameFlags,
  addNamespaceFlags,
  type DryRun,
  dryRunSuffix,
  type FilenameOptions,
  finish,
  loadFiles,
  type NamespaceOptions,
  namespaceChoice,
  parseDryRun,
} from './flags.js';
import { NO_RESOURCES, namedTargets, parseTypeArgs, selectTargets, type Target } from './targets.js';

interface DeleteFlags extends FilenameOptions, NamespaceOptions {
  selector?: string;
  fieldSelector?: string;
  all?: boolean;
  ignoreNotFound?: string | boolean;
  now?: boolean;
  force?: string | boolean;
  gracePeriod: string;
  cascade: string | boolean;
  wait: string | boolean;
  timeout: string;
  output?: string;
  dryRun?: string | boolean;
}

export function register(program: Command, ctx: Ctx): void {
  const cmd = program
    .command('delete')
    .description(
      'Delete resources by file names, stdin, resources and names, or by resources and label selector',
    )
    .usage('([-f FILENAME] | TYPE [(NAME | -l label | --all)]) [options]')
    .argument('[args...]');
  addFilenameFlags(cmd, 'containing the resource to delete.');
  addNamespaceFlags(cmd, true);
  addDryRunFlag(cmd);
  cmd
    .option('-l, --selector <query>', "Selector (label query) to filter on, supports '=', '==', and '!='.")
    .option('--field-selector <query>', "Selector (field query) to filter on, supports '=', '==', and '!='.")
    .option('--all', 'Delete all resources, in the namespace of the specified resource types.')
    .option('--ignore-not-found [bool]', 'Treat "resource not found" as a successful delete.')
    .option('--now', 'If true, resources are signaled for immediate shutdown (same as --grace-period=1).')
    .option('--force [bool]', 'If true, immediately remove resources from API and bypass graceful deletion.')
    .option(
      '--grace-period <seconds>',
      'Period of time in seconds given to the resource to terminate gracefully.',
      '-1',
    )
    .option('--cascade [strategy]', 'Must be "background", "orphan", or "foreground".', 'background')
    .option('--wait [bool]', 'If true, wait for resources to be gone before returning.', 'true')
    .option('--timeout <duration>', 'The length of time to wait before giving up on a delete.', '0s')
    .option('-o, --output <mode>', 'Output mode. Use "-o name" for shorter output (resource/name).')
    .action((args: string[], flags: DeleteFlags, command: Command) => runDelete(ctx, args, flags, command));
}

const bool = (v: string | boolean | undefined): boolean => v === true || v === 'true' || v === '';

function parseCascade(v: string | boolean): 'Background' | 'Foreground' | 'Orphan' {
  const s = String(v);
  if (s === 'background' || s === 'true') return 'Background';
  if (s === 'foreground') return 'Foreground';
  if (s === 'orphan' || s === 'false') return 'Orphan';
  throw new UserError(`invalid cascade value (${s}). Must be "background", "foreground", or "orphan".`);
}

/** Go durations as --timeout takes them: `30s`, `1m30s`, `500ms`; 0 = a week. */
export function parseTimeout(s: string): number {
  const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  if (/^\d+$/.test(s)) return Number(s) * 1000 || 168 * 3_600_000;
  const parts = [...s.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
  if (!parts.length || parts.map((p) => p[0]).join('') !== s) {
    throw new UserError(`invalid argument "${s}" for "--timeout" flag: time: invalid duration "${s}"`);
  }
  const ms = parts.reduce((sum, p) => sum + Number(p[1]) * units[p[2]!]!, 0);
  return ms || 168 * 3_600_000;
}

interface Plan {
  grace: number;
  force: boolean;
  ignoreNotFound: boolean;
}

function planFlags(ctx: Ctx, flags: DeleteFlags, command: Command): Plan {
  if (flags.output && flags.output !== 'name') {
    throw new UserError(
      `Unexpected -o output mode: ${flags.output}. We only support '-o name'.\nSee 'mkube delete -h' for help and examples`,
    );
  }
  if (flags.all && flags.selector) throw new UserError('cannot set --all and --selector at the same time');
  if (flags.all && flags.fieldSelector)
    throw new UserError('cannot set --all and --field-selector at the same time');
  let grace = Number(flags.gracePeriod);
  if (!Number.isInteger(grace)) {
    throw new UserError(
      `invalid argument "${flags.gracePeriod}" for "--grace-period" flag: strconv.ParseInt: parsing "${flags.gracePeriod}": invalid syntax`,
    );
  }
  const force = bool(flags.force);
  if (flags.now) {
    if (grace !== -1) throw new UserError('--now and --grace-period cannot be specified together');
    grace = 1;
  }
  if (grace === 0 && !force) grace = 1;
  if (force && grace < 0) grace = 0;
  if (force && grace > 0)
    throw new UserError('--force and --grace-period greater than 0 cannot be specified together');
  if (force && grace === 0) {
    ctx.err.write(
      'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n',
    );
  }
  const selecting = flags.all || !!flags.selector || !!flags.fieldSelector;
  const explicitIgnore = command.getOptionValueSource('ignoreNotFound') === 'cli';
  const ignoreNotFound = explicitIgnore ? bool(flags.ignoreNotFound) : selecting;
  return { grace, force, ignoreNotFound };
}

async function collectTargets(
  ctx: Ctx,
  args: string[],
  flags: DeleteFlags,
): Promise<{ targets: Target[]; errors: unknown[] }> {
  const ns = namespaceChoice(flags);
  if (flags.filename?.length) {
    if (args.length)
      throw new UserError(
        `Unexpected args: [${args.join(' ')}]\nSee 'mkube delete -h' for help and examples`,
      );
    const docs = await loadFiles(ctx, flags);
    const { resolveDoc } = await import('../api/admission.js');
    const targets: Target[] = [];
    const errors: unknown[] = [];
    for (const doc of docs) {
      try {
        const r = resolveDoc(doc, ns);
        targets.push({
          info: r.info,
          namespace: r.obj.metadata.namespace,
          name: r.obj.metadata.name ?? '',
          source: doc.source,
        });
      } catch (err) {
        errors.push(err);
      }
    }
    return { targets, errors };
  }
  const parsed = parseTypeArgs(args);
  if (!parsed.types.length && !parsed.pairs.length) throw new UserError(NO_RESOURCES);
  const selecting = flags.all || !!flags.selector || !!flags.fieldSelector;
  if (selecting) {
    if (parsed.names.length || parsed.pairs.length)
      throw new UserError('name cannot be provided when a selector is specified');
    const targets = selectTargets(ctx.store(), parsed.types, {
      namespace: ns.namespace,
      allNamespaces: flags.allNamespaces,
      selector: flags.selector,
      fieldSelector: flags.fieldSelector,
    });
    return { targets, errors: [] };
  }
  if (parsed.types.length && !parsed.names.length)
    throw new UserError('resource(s) were provided, but no name was specified');
  return { targets: namedTargets(parsed, ns.namespace), errors: [] };
}

async function runDelete(ctx: Ctx, args: string[], flags: DeleteFlags, command: Command): Promise<void> {
  const dryRun = parseDryRun(flags.dryRun);
  const plan = planFlags(ctx, flags, command);
  const cascade = parseCascade(flags.cascade);
  const timeoutMs = parseTimeout(flags.timeout);
  const { targets, errors } = await collectTargets(ctx, args, flags);
  const store = ctx.store();
  const registry = await ctx.registry();
  const deleted: Array<Target & { uid?: string }> = [];
  for (const t of targets) {
    try {
      const uid = await deleteOne(registry, t, plan, cascade, dryRun);
      deleted.push({ ...t, uid });
      printDeleted(ctx, t, plan, flags.output, dryRun);
    } catch (err) {
      if (err instanceof ApiError && err.reason === 'NotFound' && plan.ignoreNotFound) continue;
      errors.push(
        err instanceof ApiError && t.source
          ? new ApiError(err.reason, `error when deleting "${t.source}": ${err.message}`)
          : err,
      );
    }
  }
  if (!targets.length && !errors.length) ctx.out.write('No resources found\n');
  if (deleted.length && dryRun === 'none') {
    await ctx.ensureAgent();
    if (bool(flags.wait)) {
      try {
        await waitGone(store, deleted, timeoutMs);
      } catch (err) {
        errors.push(err);
      }
    }
  }
  finish(ctx, errors);
}

async function deleteOne(
  registry: Registry,
  t: Target,
  plan: Plan,
  cascade: string,
  dryRun: DryRun,
): Promise<string | undefined> {
  if (dryRun === 'client') {
    const live = registry.get(t.info, t.namespace, t.name);
    if (!live) throw ApiError.notFound(qualifiedResourceOf(t), t.name);
    return live.metadata.uid;
  }
  const obj = await registry.delete(t.info, t.namespace, t.name, {
    gracePeriodSeconds: plan.grace >= 0 ? plan.grace : undefined,
    propagationPolicy: cascade as 'Background' | 'Foreground' | 'Orphan',
    dryRun: dryRun === 'server',
  });
  return obj.metadata.uid;
}

function qualifiedResourceOf(t: Target): string {
  return t.info.group ? `${t.info.plural}.${t.info.group}` : t.info.plural;
}

function printDeleted(ctx: Ctx, t: Target, plan: Plan, output: string | undefined, dryRun: DryRun): void {
  const kind = qualifiedKind(t.info);
  if (output === 'name') {
    ctx.out.write(`${kind}/${t.name}\n`);
    return;
  }
  const op = plan.force && plan.grace === 0 ? 'force deleted' : 'deleted';
  ctx.out.write(`${kind} "${t.name}" ${op}${dryRunSuffix(dryRun)}\n`);
}

/** Resolve once every object is gone (or replaced by a new uid); the store's watch wakes us. */
export async function waitGone(
  store: StoreReader,
  objs: Array<Target & { uid?: string }>,
  timeoutMs: number,
): Promise<void> {
  const gone = (o: Target & { uid?: string }) => {
    const live = store.get(o.info, o.namespace, o.name);
    return !live || (o.uid !== undefined && live.metadata.uid !== o.uid);
  };
  let pending = objs.filter((o) => !gone(o));
  if (!pending.length) return;
  await new Promise<void>((resolve, reject) => {
    const check = () => {
      pending = pending.filter((o) => !gone(o));
      if (pending.length) return;
      done();
      resolve();
    };
    const watcher = store.watch(store.resourceVersion(), check, { onExpired: check });
    // A slow poll too, in case a write lands between our read and the watch start.
    const poll = setInterval(check, 1000);
    const timer = setTimeout(() => {
      done();
      const o = pending[0]!;
      reject(new UserError(`timed out waiting for the condition on ${o.info.plural}/${o.name}`));
    }, timeoutMs);
    const done = () => {
      watcher.stop();
      clearInterval(poll);
      clearTimeout(timer);
    };
    check();
  });
}
