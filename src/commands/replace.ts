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
import { parseCascade, type Target, waitGone } from './delete.js';
import type { DryRun } from './flag-values.js';
import {
  boolFlags,
  dryRunFlag,
  dryRunOf,
  type FilenameOptions,
  filenameFlags,
  intFlag,
  loadFiles,
  type NamespaceOptions,
  namespaceFlags,
  namespaceOf,
  noOptDefault,
  outputFlag,
  timeoutFlag,
} from './flags.js';
import { type DocRun, parseValidate, type ResolvedDoc, writeOptions } from './manifest-write.js';
import { finish } from './workload/errors.js';
import { VerbPrinter } from './workload/output.js';

interface ReplaceFlags extends FilenameOptions, NamespaceOptions {
  output?: string;
  dryRun?: string;
  validate?: string | boolean;
  saveConfig?: boolean;
  force?: boolean;
  gracePeriod: number;
  cascade: string;
  wait: boolean;
  /** Milliseconds (a Go duration on the command line). */
  timeout: number;
  fieldManager: string;
}

type Cascade = 'Background' | 'Foreground' | 'Orphan';

interface ForcePlan {
  grace: number;
  cascade: Cascade;
  wait: boolean;
  timeoutMs: number;
}

/** replace.go's Complete + Validate for the delete half, in their order. */
function planForce(ctx: Ctx, flags: ReplaceFlags, dryRun: DryRun): ForcePlan {
  const cascade = parseCascade(flags.cascade, ctx.err);
  let grace = flags.gracePeriod;
  let wait = flags.wait;
  // --grace-period=0 would be an immediate delete: kubectl makes it 1 and waits.
  if (grace === 0) {
    grace = 1;
    wait = true;
  }
  const timeoutMs = flags.timeout;
  if (!flags.filename?.length && !flags.kustomize) throw new UserError('must specify one of -f and -k');
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
  const ns = namespaceOf(flags);
  const r = run.admission.resolveDoc(doc, ns);
  const obj = await toSend(r, !!flags.saveConfig);
  if (run.dryRun === 'client') return { info: r.info, obj, operation: 'replaced', wrote: false };
  try {
    const replaced = await run.registry.update(obj, writeOptions(run));
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
  const ns = namespaceOf(flags);
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
      printer.print(r.info, await registry.create(obj, writeOptions(run)), 'replaced');
      count++;
    } catch (err) {
      errors.push(err);
    }
  }
  finish(ctx, errors);
  if (!count) throw new UserError('no objects passed to replace');
}

async function runReplace(ctx: Ctx, flags: ReplaceFlags): Promise<void> {
  const dryRun = dryRunOf(ctx, flags.dryRun);
  // One printer for the run, as kubectl's: -o yaml documents after the first get a `---`.
  const printer = await VerbPrinter.create(ctx.out, flags.output, dryRun);
  const plan = planForce(ctx, flags, dryRun);
  const fieldValidation = parseValidate(flags.validate);
  const docs = await loadFiles(ctx, flags);
  const admission = await import('../api/admission.js');
  const run: DocRun = {
    ctx,
    registry: await ctx.registry(),
    admission,
    dryRun,
    fieldValidation,
    fieldManager: flags.fieldManager,
  };
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
  filenameFlags(cmd, 'The files that contain the configurations to replace.', undefined, 'a');
  namespaceFlags(cmd);
  outputFlag(
    cmd,
    'json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file',
  );
  dryRunFlag(cmd);
  cmd.option('--validate [mode]', 'Must be one of: strict (or true), warn, ignore (or false).', 'strict');
  boolFlags(cmd, [
    [
      '--save-config',
      'If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged.',
    ],
    ['--force', 'If true, immediately remove resources from API and bypass graceful deletion.'],
    ['--wait', 'If true, wait for resources to be gone before returning.', true],
  ]);
  cmd.option(
    '--grace-period <seconds>',
    'Period of time in seconds given to the resource to terminate gracefully. Ignored if negative.',
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
  timeoutFlag(cmd, 'The length of time to wait before giving up on a delete.', '0s');
  cmd
    .option('--field-manager <name>', 'Name of the manager used to track field ownership.', 'kubectl-replace')
    .action((flags: ReplaceFlags) => runReplace(ctx, flags));
}
