// `mkube delete`: by TYPE NAME, TYPE/NAME, -f, -l/--field-selector or --all. Prints each
// `kind "name" deleted` line as it goes, then (with --wait, the default) waits until the objects
// are gone, finalizers and pod termination included, as kubectl does.
import type { Command } from 'commander';
import { ApiError, UserError } from '../api/errors.js';
import { type KindInfo, qualifiedKind } from '../api/kinds.js';
import type { Registry } from '../registry/registry.js';
import type { StoreReader } from '../state/types.js';
import { type ResourceFlags, requestFromFlags, resolveResources } from './builder.js';
import type { Ctx } from './context.js';
import { type DryRun, dryRunSuffix } from './flag-values.js';
import {
  boolFlags,
  dryRunFlag,
  dryRunOf,
  filenameFlags,
  intFlag,
  namespaceFlags,
  noOptDefault,
  outputFlag,
  selectorFlags,
  timeoutFlag,
} from './flags.js';
import { finish } from './workload/errors.js';

/** One object to delete. */
export interface Target {
  info: KindInfo;
  /** undefined for cluster-scoped kinds. */
  namespace: string | undefined;
  name: string;
  /** The file it came from (-f), named in errors. */
  source?: string;
}

interface DeleteFlags extends ResourceFlags {
  ignoreNotFound?: boolean;
  now?: boolean;
  force?: boolean;
  gracePeriod: number;
  cascade: string;
  wait: boolean;
  timeout: number;
  output?: string;
  dryRun?: string;
}

export function register(program: Command, ctx: Ctx): void {
  const cmd = program
    .command('delete')
    .description(
      'Delete resources by file names, stdin, resources and names, or by resources and label selector',
    )
    .usage('([-f FILENAME] | TYPE [(NAME | -l label | --all)]) [options]')
    .argument('[args...]');
  filenameFlags(cmd, 'containing the resource to delete.', undefined, 'a');
  namespaceFlags(cmd, true);
  selectorFlags(cmd, true);
  dryRunFlag(cmd);
  outputFlag(cmd, 'name');
  boolFlags(cmd, [
    ['--all', 'Delete all resources, in the namespace of the specified resource types.'],
    ['--ignore-not-found', 'Treat "resource not found" as a successful delete.'],
    ['--now', 'If true, resources are signaled for immediate shutdown (same as --grace-period=1).'],
    ['--force', 'If true, immediately remove resources from API and bypass graceful deletion.'],
    ['--wait', 'If true, wait for resources to be gone before returning.', true],
  ]);
  cmd.option(
    '--grace-period <seconds>',
    'Period of time in seconds given to the resource to terminate gracefully.',
    intFlag('--grace-period'),
    -1,
  );
  noOptDefault(
    cmd,
    '--cascade <strategy>',
    'Must be "background", "orphan", or "foreground".',
    'background',
    'background',
  );
  timeoutFlag(
    cmd,
    'The length of time to wait before giving up on a delete, zero means determine a timeout from the size of the object',
    '0s',
  );
  cmd.action((args: string[], flags: DeleteFlags, command: Command) => runDelete(ctx, args, flags, command));
}

type Cascade = 'Background' | 'Foreground' | 'Orphan';

/** parseCascadingFlag: the strategy, with kubectl's warning for the boolean spellings. */
export function parseCascade(value: string, err: NodeJS.WritableStream): Cascade {
  const deprecated = (to: string) =>
    err.write(
      `warning: --cascade=${value} is deprecated (boolean value) and can be replaced with --cascade=${to}.\n`,
    );
  switch (value) {
    case 'background':
      return 'Background';
    case 'foreground':
      return 'Foreground';
    case 'orphan':
      return 'Orphan';
    case 'true':
      deprecated('background');
      return 'Background';
    case 'false':
      deprecated('orphan');
      return 'Orphan';
  }
  throw new UserError(`invalid cascade value (${value}). Must be "background", "foreground", or "orphan"`);
}

interface Plan {
  grace: number;
  force: boolean;
  ignoreNotFound: boolean;
}

// delete.go Complete (before the builder): --now, the grace period, --ignore-not-found's default.
function completeFlags(flags: DeleteFlags, command: Command): Plan {
  let grace = flags.gracePeriod;
  const force = !!flags.force;
  if (flags.now) {
    if (grace !== -1) throw new UserError('--now and --grace-period cannot be specified together');
    grace = 1;
  }
  if (grace === 0 && !force) grace = 1;
  if (force && grace < 0) grace = 0;
  const selecting = !!flags.all || !!flags.selector || !!flags.fieldSelector;
  const explicitIgnore = command.getOptionValueSource('ignoreNotFound') === 'cli';
  return { grace, force, ignoreNotFound: explicitIgnore ? !!flags.ignoreNotFound : selecting };
}

// delete.go Validate (after the builder).
function validate(ctx: Ctx, flags: DeleteFlags, plan: Plan): void {
  if (flags.output && flags.output !== 'name') {
    throw new UserError(
      `Unexpected -o output mode: ${flags.output}. We only support '-o name'.\nSee 'mkube delete -h' for help and examples`,
    );
  }
  if (flags.all && flags.selector) throw new UserError('cannot set --all and --selector at the same time');
  if (flags.all && flags.fieldSelector)
    throw new UserError('cannot set --all and --field-selector at the same time');
  if (plan.force && plan.grace > 0)
    throw new UserError('--force and --grace-period greater than 0 cannot be specified together');
  if (plan.force && plan.grace === 0) {
    ctx.err.write(
      'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n',
    );
  }
}

async function runDelete(ctx: Ctx, args: string[], flags: DeleteFlags, command: Command): Promise<void> {
  const cascade = parseCascade(flags.cascade, ctx.err);
  const plan = completeFlags(flags, command);
  const dryRun = dryRunOf(ctx, flags.dryRun);
  const store = ctx.store();
  const resolved = await resolveResources(store, {
    ...requestFromFlags(args, flags),
    allowEmptySelector: false,
    selectAll: !!flags.all,
    fromFilesAsWritten: true,
    stdin: ctx.in,
  });
  validate(ctx, flags, plan);
  const targets: Target[] = resolved.found.map(({ kind, obj, source }) => ({
    info: kind,
    namespace: kind.namespaced ? obj.metadata.namespace : undefined,
    name: obj.metadata.name ?? '',
    source,
  }));
  const errors: unknown[] = resolved.errors.filter(
    (e) => !(plan.ignoreNotFound && e instanceof ApiError && e.reason === 'NotFound'),
  );
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
  // kubectl visits named objects without reading them: one ignored as missing still counts as found.
  const visited = resolved.errors.length + targets.length > 0;
  if (!visited) ctx.out.write('No resources found\n');
  if (deleted.length && dryRun === 'none') {
    await ctx.ensureAgent();
    if (flags.wait) {
      try {
        await waitGone(store, deleted, flags.timeout === 0 ? WEEK_MS : flags.timeout);
      } catch (err) {
        errors.push(err);
      }
    }
  }
  finish(ctx, errors);
}

const WEEK_MS = 168 * 3_600_000;

async function deleteOne(
  registry: Registry,
  t: Target,
  plan: Plan,
  cascade: Cascade,
  dryRun: DryRun,
): Promise<string | undefined> {
  if (dryRun === 'client') {
    const live = registry.get(t.info, t.namespace, t.name);
    if (!live) throw ApiError.notFound(qualifiedResourceOf(t), t.name);
    return live.metadata.uid;
  }
  const obj = await registry.delete(t.info, t.namespace, t.name, {
    gracePeriodSeconds: plan.grace >= 0 ? plan.grace : undefined,
    propagationPolicy: cascade,
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
