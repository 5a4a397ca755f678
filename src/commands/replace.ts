// `mkube replace -f`: PUT each manifest over the live object (kubectl cmd/replace). The registry
// keeps what the server owns (uid, creationTimestamp, resourceVersion, status); a resourceVersion
// in the manifest is a precondition, none means "replace whatever is there". `--force` deletes the
// objects, waits until they are gone, and creates them again.
import type { Command } from 'commander';
import { ApiError, UserError } from '../api/errors.js';
import { qualifiedKind } from '../api/kinds.js';
import type { ManifestDoc } from '../api/manifest.js';
import type { KObject } from '../api/types.js';
import type { Ctx } from './context.js';
import { waitGone } from './delete.js';
import {
  addDryRunFlag,
  addFilenameFlags,
  addNamespaceFlags,
  addOutputFlag,
  type FilenameOptions,
  finish,
  loadFiles,
  type NamespaceOptions,
  namespaceChoice,
  parseDryRun,
} from './flags.js';
import { type DocRun, parseValidate, type ResolvedDoc, writeOptions } from './manifest-write.js';
import type { Target } from './targets.js';
import { durationFlag } from './workload/duration.js';
import { VerbPrinter } from './workload/output.js';

interface ReplaceFlags extends FilenameOptions, NamespaceOptions {
  output?: string;
  dryRun?: string | boolean;
  validate?: string | boolean;
  saveConfig?: boolean;
  force?: boolean;
  gracePeriod: string;
  cascade: string | boolean;
  wait: string | boolean;
  timeout: string;
  fieldManager: string;
}

type Cascade = 'Background' | 'Foreground' | 'Orphan';

interface ForcePlan {
  grace: number;
  cascade: Cascade;
  wait: boolean;
  timeoutMs: number;
}

function parseCascade(v: string | boolean): Cascade {
  const s = String(v);
  if (s === 'background' || s === 'true') return 'Background';
  if (s === 'foreground') return 'Foreground';
  if (s === 'orphan' || s === 'false') return 'Orphan';
  throw new UserError(`invalid cascade value (${s}). Must be "background", "foreground", or "orphan".`);
}

/** replace.go's Complete + Validate for the delete half, in their order. */
function planForce(flags: ReplaceFlags, dryRun: string): ForcePlan {
  const cascade = parseCascade(flags.cascade);
  let grace = Number(flags.gracePeriod);
  if (!Number.isInteger(grace)) {
    throw new UserError(
      `invalid argument "${flags.gracePeriod}" for "--grace-period" flag: strconv.ParseInt: parsing "${flags.gracePeriod}": invalid syntax`,
    );
  }
  let wait = flags.wait === true || flags.wait === 'true';
  // --grace-period=0 would be an immediate delete: kubectl makes it 1 and waits.
  if (grace === 0) {
    grace = 1;
    wait = true;
  }
  const timeoutMs = durationFlag('timeout', flags.timeout);
  if (!flags.filename?.length) throw new UserError('must specify one of -f and -k');
  if (grace >= 0 && !flags.force) throw new UserError('--grace-period must have --force specified');
  if (timeoutMs !== 0 && !flags.force) throw new UserError('--timeout must have --force specified');
  if (flags.force && dryRun !== 'none') throw new UserError('--dry-run can not be used when --force is set');
  return { grace, cascade, wait, timeoutMs };
}

/** What kubectl sends: the manifest, with the last-applied annotation when asked or already there. */
async function toSend(r: ResolvedDoc, saveConfig: boolean): Promise<KObject> {
  const { LAST_APPLIED, withLastApplied } = await import('../api/apply-merge.js');
  const recorded = r.obj.metadata.annotations?.[LAST_APPLIED] !== undefined;
  return saveConfig || recorded ? withLastApplied(r.obj) : r.obj;
}

async function replaceDoc(run: DocRun, doc: ManifestDoc, flags: ReplaceFlags) {
  const ns = namespaceChoice(flags);
  const r = run.admission.resolveDoc(doc, ns);
  const obj = await toSend(r, !!flags.saveConfig);
  if (run.dryRun === 'client') return { info: r.info, obj, operation: 'replaced', wrote: false };
  try {
    const replaced = await run.registry.update(obj, writeOptions(run, doc));
    return { info: r.info, obj: replaced, operation: 'replaced', wrote: run.dryRun === 'none' };
  } catch (err) {
    throw run.admission.withSource(err, 'replacing', doc.source);
  }
}

/** --force: delete every object (gone or not), wait until they are gone, create them again. */
async function forceReplace(
  run: DocRun,
  docs: ManifestDoc[],
  flags: ReplaceFlags,
  plan: ForcePlan,
  printer: VerbPrinter,
) {
  const { ctx, registry, admission } = run;
  const ns = namespaceChoice(flags);
  const resolved = docs.map((doc) => admission.resolveDoc(doc, ns));
  const deleted: Array<Target & { uid?: string }> = [];
  const errors: unknown[] = [];
  for (const r of resolved) {
    const name = r.obj.metadata.name ?? '';
    try {
      const gone = await registry.delete(r.info, r.obj.metadata.namespace, name, {
        gracePeriodSeconds: plan.grace >= 0 ? plan.grace : undefined,
        propagationPolicy: plan.cascade,
      });
      deleted.push({ info: r.info, namespace: r.obj.metadata.namespace, name, uid: gone.metadata.uid });
      const kind = qualifiedKind(r.info);
      ctx.out.write(flags.output === 'name' ? `${kind}/${name}\n` : `${kind} "${name}" deleted\n`);
    } catch (err) {
      // Replace creates what does not exist yet.
      if (err instanceof ApiError && err.reason === 'NotFound') continue;
      errors.push(admission.withSource(err, 'deleting', r.doc.source));
    }
  }
  if (!resolved.length) ctx.out.write('No resources found\n');
  finish(ctx, errors);
  if (deleted.length) {
    await ctx.ensureAgent();
    // The delete's own wait (--wait, --timeout), then replace's: until each object is gone.
    if (plan.wait) await waitGone(ctx.store(), deleted, plan.timeoutMs || 168 * 3_600_000);
    await waitGone(ctx.store(), deleted, plan.timeoutMs || 5 * 60_000);
  }
  let count = 0;
  for (const r of resolved) {
    try {
      const obj = await toSend(r, !!flags.saveConfig);
      printer.print(r.info, await registry.create(obj, writeOptions(run, r.doc)), 'replaced');
      count++;
    } catch (err) {
      errors.push(err);
    }
  }
  finish(ctx, errors);
  if (!count) throw new UserError('no objects passed to replace');
}

async function runReplace(ctx: Ctx, flags: ReplaceFlags): Promise<void> {
  const dryRun = parseDryRun(flags.dryRun);
  // One printer for the run, as kubectl's: -o yaml documents after the first get a `---`.
  const printer = await VerbPrinter.create(ctx.out, flags.output, dryRun);
  const plan = planForce(flags, dryRun);
  const fieldValidation = parseValidate(flags.validate);
  const docs = await loadFiles(ctx, flags);
  const admission = await import('../api/admission.js');
  const run: DocRun = { ctx, registry: await ctx.registry(), admission, dryRun, fieldValidation };
  if (flags.force) return forceReplace(run, docs, flags, plan, printer);
  const errors: unknown[] = [];
  let wrote = false;
  for (const doc of docs) {
    try {
      const r = await replaceDoc(run, doc, flags);
      wrote ||= r.wrote;
      printer.print(r.info, r.obj, r.operation);
    } catch (err) {
      errors.push(err);
    }
  }
  if (wrote) await ctx.ensureAgent();
  finish(ctx, errors);
}

export function register(program: Command, ctx: Ctx): void {
  const cmd = program
    .command('replace')
    .description('Replace a resource by file name or stdin')
    .usage('-f FILENAME [options]');
  addFilenameFlags(cmd, 'The files that contain the configurations to replace.');
  addNamespaceFlags(cmd);
  addOutputFlag(
    cmd,
    'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).',
  );
  addDryRunFlag(cmd);
  cmd
    .option('--validate [mode]', 'Must be one of: strict (or true), warn, ignore (or false).', 'strict')
    .option(
      '--save-config',
      'If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged.',
    )
    .option('--force', 'If true, immediately remove resources from API and bypass graceful deletion.')
    .option(
      '--grace-period <seconds>',
      'Period of time in seconds given to the resource to terminate gracefully. Ignored if negative.',
      '-1',
    )
    .option('--cascade [strategy]', 'Must be "background", "orphan", or "foreground".', 'background')
    .option('--wait [bool]', 'If true, wait for resources to be gone before returning.', 'true')
    .option('--timeout <duration>', 'The length of time to wait before giving up on a delete.', '0s')
    .option('--field-manager <name>', 'Name of the manager used to track field ownership.', 'kubectl-replace')
    .action((flags: ReplaceFlags) => runReplace(ctx, flags));
}
