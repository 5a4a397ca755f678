// `mkube apply -f`: create what is missing (recording the last-applied configuration), and merge
// manifests into live objects three ways, printing created / configured / unchanged per object.
import type { Command } from 'commander';
import { convertToStorageVersion, isDeprecatedVersion, legacyDefaults } from '../api/conversion/index.js';
import { applyDefaults } from '../api/defaults.js';
import { ApiError, UserError } from '../api/errors.js';
import type { KindInfo } from '../api/kinds.js';
import type { ManifestDoc } from '../api/manifest.js';
import { matchesLabels, type ParsedLabelSelector, parseLabelSelector } from '../api/selectors.js';
import type { KObject } from '../api/types.js';
import { decodeInput } from '../registry/decode.js';
import type { Ctx } from './context.js';
import {
  boolFlags,
  dryRunFlag,
  dryRunOf,
  type FilenameOptions,
  filenameFlags,
  intFlag,
  loadFilesContinuing,
  type NamespaceOptions,
  namespaceFlags,
  namespaceOf,
  noOptDefault,
  outputFlag,
  repeatable,
  timeoutFlag,
} from './flags.js';
import {
  createDoc,
  type DocRun,
  parseOutput,
  parseValidate,
  runDocs,
  type WriteResult,
  writeOptions,
} from './manifest-write.js';

interface ApplyFlags extends FilenameOptions, NamespaceOptions {
  output?: string;
  dryRun?: string;
  selector?: string;
  validate?: string | boolean;
  serverSide?: boolean;
  forceConflicts?: boolean;
  fieldManager?: string;
  /** --field-manager was given (kubectl's default depends on --server-side otherwise). */
  fieldManagerSet?: boolean;
  prune?: boolean;
  all?: boolean;
  pruneAllowlist?: string[];
  force?: boolean;
  overwrite: boolean;
  wait: boolean;
  gracePeriod: number;
  cascade: string;
  timeout: number;
}

export function register(program: Command, ctx: Ctx): void {
  const cmd = program
    .command('apply')
    .description('Apply a configuration to a resource by file name or stdin')
    .usage('(-f FILENAME) [options]');
  filenameFlags(cmd, 'The files that contain the configurations to apply.', undefined, 'a');
  namespaceFlags(cmd);
  outputFlag(cmd);
  dryRunFlag(cmd);
  cmd
    .option(
      '-l, --selector <query>',
      "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.",
    )
    .option('--validate [mode]', 'Must be one of: strict (or true), warn, ignore (or false).', 'strict')
    .option('--server-side', 'If true, apply runs in the server instead of the client.')
    .option(
      '--field-manager <name>',
      'Name of the manager used to track field ownership.',
      'kubectl-client-side-apply',
    );
  boolFlags(cmd, [
    ['--all', 'Select all resources in the namespace of the specified resource types.'],
    ['--force-conflicts', 'If true, server-side apply will force the changes against conflicts.'],
    [
      '--prune',
      'Automatically delete resource objects, that do not appear in the configs and are created by either apply or create --save-config. Should be used with either -l or --all.',
    ],
    [
      '--force',
      'If true, immediately remove resources from API and bypass graceful deletion. Note that immediate deletion of some resources may result in inconsistency or data loss and requires confirmation.',
    ],
    [
      '--overwrite',
      'Automatically resolve conflicts between the modified and live configuration by using values from the modified configuration',
      true,
    ],
    ['--wait', 'If true, wait for resources to be gone before returning. This waits for finalizers.', false],
  ]);
  cmd.option(
    '--prune-allowlist <gvk>',
    'Overwrite the default allowlist with <group/version/kind> for --prune',
    repeatable,
  );
  cmd.option(
    '--grace-period <seconds>',
    'Period of time in seconds given to the resource to terminate gracefully. Ignored if negative. Set to 1 for immediate shutdown. Can only be set to 0 when --force is true (force deletion).',
    intFlag('--grace-period'),
    -1,
  );
  noOptDefault(
    cmd,
    '--cascade <strategy>',
    'Must be "background", "orphan", or "foreground". Selects the deletion cascading strategy for the dependents (e.g. Pods created by a ReplicationController). Defaults to background.',
    'background',
    'background',
  );
  timeoutFlag(
    cmd,
    'The length of time to wait before giving up on a delete, zero means determine a timeout from the size of the object',
    '0s',
  );
  cmd.action((flags: ApplyFlags, command: Command) =>
    runApply(ctx, { ...flags, fieldManagerSet: command.getOptionValueSource('fieldManager') !== 'default' }),
  );
}

async function runApply(ctx: Ctx, flags: ApplyFlags): Promise<void> {
  if (!flags.filename?.length && !flags.kustomize) throw new UserError('must specify one of -f and -k');
  const output = await parseOutput(flags.output);
  const dryRun = dryRunOf(ctx, flags.dryRun);
  const validation = parseValidate(flags.validate);
  const selector = flags.selector ? parseLabelSelector(flags.selector) : undefined;
  const { parsePruneAllowlist, validateApplyModes } = await import('./apply-prune.js');
  const { parseCascade } = await import('./delete.js');
  const allowlist = flags.prune ? parsePruneAllowlist(flags.pruneAllowlist ?? []) : [];
  validateApplyModes({ ...flags, dryRun });
  if (flags.forceConflicts && !flags.serverSide)
    throw new UserError('--force-conflicts only works with --server-side');
  const mode: ApplyMode = {
    serverSide: !!flags.serverSide,
    forceConflicts: !!flags.forceConflicts,
    force: !!flags.force,
    gracePeriod: flags.gracePeriod,
    cascade: parseCascade(flags.cascade, ctx.err),
    timeoutMs: flags.timeout,
    overwrite: flags.overwrite !== false,
  };
  const loaded = await loadFilesContinuing(ctx, flags);
  const readErrors = loaded.errors;
  let docs = loaded.docs;
  const admission = await import('../api/admission.js');
  const ns = namespaceOf(flags);
  if (selector) {
    docs = docs.filter((d) => matchesLabels(selector, (d.object as any)?.metadata?.labels));
  }
  if (!docs.length && !readErrors.length) throw new UserError('no objects passed to apply');
  // kubectl apply.go GetApplyFieldManagerFlag: the flag, else `kubectl` server-side.
  const fieldManager = flags.fieldManagerSet
    ? flags.fieldManager
    : flags.serverSide
      ? 'kubectl'
      : 'kubectl-client-side-apply';
  const run: DocRun = {
    ctx,
    registry: await ctx.registry(),
    admission,
    dryRun,
    fieldValidation: validation,
    fieldManager,
  };
  await runDocs({
    docs,
    run,
    output,
    readErrors,
    each: (doc) => applyDoc(run, doc, ns, mode),
    after: flags.prune
      ? (results) =>
          prune(run, results, { allowlist, selector: selector ?? [], mode, output, wait: flags.wait, ns })
      : undefined,
  });
}

/** How apply writes beyond the manifest: server-side, forced, and how it deletes (--force, --prune). */
interface ApplyMode {
  serverSide: boolean;
  forceConflicts: boolean;
  force: boolean;
  gracePeriod: number;
  cascade: 'Background' | 'Foreground' | 'Orphan';
  timeoutMs: number;
  overwrite: boolean;
}

const deleteOptions = (mode: ApplyMode, dryRun: boolean) => ({
  gracePeriodSeconds: mode.gracePeriod >= 0 ? mode.gracePeriod : undefined,
  propagationPolicy: mode.cascade,
  dryRun,
});

/** kubectl's prune after a clean apply: delete, print `kind/name pruned`, with --wait wait for them. */
async function prune(
  run: DocRun,
  results: WriteResult[],
  o: {
    allowlist: KindInfo[];
    selector: ParsedLabelSelector;
    mode: ApplyMode;
    output: Awaited<ReturnType<typeof parseOutput>>;
    wait: boolean;
    ns: { namespace: string };
  },
): Promise<void> {
  const { pruneTargets } = await import('./apply-prune.js');
  const { waitGone } = await import('./delete.js');
  const { printResults } = await import('./manifest-write.js');
  const store = run.ctx.store();
  const targets = pruneTargets(store, {
    kinds: o.allowlist,
    namespaces: results
      .filter((r) => r.info.namespaced)
      .map((r) => r.obj.metadata.namespace ?? o.ns.namespace),
    selector: o.selector,
    applied: new Set(results.map((r) => r.obj.metadata.uid ?? '').filter(Boolean)),
  });
  const deleted = [];
  for (const { info, obj } of targets) {
    const namespace = info.namespaced ? obj.metadata.namespace : undefined;
    const name = obj.metadata.name!;
    if (run.dryRun !== 'client') {
      const gone = await run.registry.delete(
        info,
        namespace,
        name,
        deleteOptions(o.mode, run.dryRun === 'server'),
      );
      deleted.push({ info, namespace, name, uid: gone.metadata.uid });
    }
    await printResults(run.ctx, [{ info, obj, operation: 'pruned' }], o.output, run.dryRun);
  }
  if (!deleted.length || run.dryRun !== 'none') return;
  await run.ctx.ensureAgent();
  if (o.wait) await waitGone(store, deleted, o.mode.timeoutMs || WEEK_MS);
}

const WEEK_MS = 168 * 3_600_000;

/**
 * --force: an update the server refuses as invalid (an immutable field) or conflicting is done
 * by deleting the object, waiting until it is gone, and creating the manifest (patcher.go
 * deleteAndCreate); if the create fails the old object is put back.
 */
async function deleteAndCreate(
  run: DocRun,
  r: import('../api/admission.js').ResolvedDoc,
  live: KObject,
  toCreate: KObject,
  mode: ApplyMode,
) {
  const { waitGone } = await import('./delete.js');
  const { info } = r;
  const namespace = info.namespaced ? live.metadata.namespace : undefined;
  const name = live.metadata.name!;
  const gone = await run.registry.delete(info, namespace, name, deleteOptions(mode, false));
  await run.ctx.ensureAgent();
  await waitGone(
    run.ctx.store(),
    [{ info, namespace, name, uid: gone.metadata.uid }],
    mode.timeoutMs || 60_000,
  );
  try {
    const result = await createDoc(run, r, toCreate);
    return { ...result, operation: 'configured' };
  } catch (err) {
    const { uid: _uid, resourceVersion: _rv, creationTimestamp: _ct, ...metadata } = live.metadata;
    try {
      await run.registry.create({ ...live, metadata } as KObject);
    } catch (restoreErr) {
      throw new UserError(
        `An error occurred force-replacing the existing object with the newly provided one:\n\n${(err as Error).message}.\n\nAdditionally, an error occurred attempting to restore the original object:\n\n${(restoreErr as Error).message}`,
      );
    }
    throw err;
  }
}

async function applyDoc(
  run: DocRun,
  doc: ManifestDoc,
  ns: { namespace: string; explicit: boolean },
  mode: ApplyMode,
): Promise<WriteResult> {
  const { serverSide } = mode;
  const { admission, registry } = run;
  const r = admission.resolveDoc(doc, ns);
  const { info, obj } = r;
  const name = obj.metadata.name;
  if (!name) {
    if (obj.metadata.generateName)
      throw new UserError(`from ${doc.source}: cannot use generate name with apply`);
    const group = info.group ? `${info.group}/` : '/';
    throw new UserError(
      `error when retrieving current configuration of:\nResource: "${group}${info.version}, Resource=${info.plural}", GroupVersionKind: "${group}${info.version}, Kind=${info.kind}"\nName: "", Namespace: "${obj.metadata.namespace ?? ''}"\nfrom server for: "${doc.source}": resource name may not be empty`,
    );
  }
  if (serverSide) {
    const { serverSideApplyDoc } = await import('./apply-server-side.js');
    return serverSideApplyDoc(run, r, mode.forceConflicts);
  }
  const live = registry.get(info, obj.metadata.namespace, name);
  const verb = live ? 'applying patch' : 'creating';
  try {
    const { withLastApplied } = await import('../api/apply-merge.js');
    // The annotation holds what later applies merge against: for an old apiVersion, the
    // manifest in the stored version (fields mapped, no defaults), as later applies send it.
    const recorded = isDeprecatedVersion(obj.apiVersion, obj.kind)
      ? convertToStorageVersion(obj, { defaults: false })!.obj
      : obj;
    const toCreate = { ...obj, metadata: withLastApplied(recorded).metadata };
    if (!live) return await createDoc(run, r, toCreate);
    await warnIfUnrecorded(run, info, live);
    try {
      return await updateDoc(run, r, { overwrite: mode.overwrite });
    } catch (err) {
      const refused = err instanceof ApiError && (err.reason === 'Invalid' || err.reason === 'Conflict');
      if (!mode.force || !refused || run.dryRun !== 'none') throw err;
      return await deleteAndCreate(run, r, live, toCreate, mode);
    }
  } catch (err) {
    throw admission.withSource(err, verb, doc.source);
  }
}

async function warnIfUnrecorded(run: DocRun, info: KindInfo, live: KObject): Promise<void> {
  const { LAST_APPLIED } = await import('../api/apply-merge.js');
  if (live.metadata.annotations?.[LAST_APPLIED] !== undefined) return;
  run.ctx.err.write(
    `Warning: resource ${info.plural}/${live.metadata.name} is missing the ${LAST_APPLIED} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n`,
  );
}

export interface MergeOptions {
  /** Record the manifest in the last-applied annotation (apply does; `diff` does not). */
  annotate?: boolean;
  /** false: refuse a patch that changes what others changed since the last apply (--overwrite=false). */
  overwrite?: boolean;
}

/**
 * Merge a manifest into its live object as `apply` does (three-way strategic merge inside the
 * registry's lock), committing it unless the run is a dry run. `diff` computes its MERGED side here.
 */
export async function updateDoc(
  run: DocRun,
  r: import('../api/admission.js').ResolvedDoc,
  { annotate = true, overwrite = true }: MergeOptions = {},
): Promise<WriteResult> {
  const { sameIgnoringStatus } = await import('../api/apply-merge.js');
  const { applyConflict, computeApplied } = await import('../api/patch/apply-strategic.js');
  const reportConflict = overwrite ? undefined : await conflictReporter(r.doc.source);
  const { info, obj } = r;
  const ns = obj.metadata.namespace;
  const name = obj.metadata.name!;
  const live = run.registry.get(info, ns, name)!;
  const operation = (changed: boolean) => (changed ? 'configured' : 'unchanged');
  // The manifest is decoded like any write (unknown fields per --validate) before it is merged.
  const opts = writeOptions(run);
  const decoded = decodeInput(obj, opts.fieldValidation);
  for (const w of decoded.warnings) opts.warn?.(w);
  // An old apiVersion merges field-mapped only: its defaults go on after the merge, so a default
  // the manifest never wrote (replicas: 1) does not undo what `scale` set on the live object.
  const legacy = isDeprecatedVersion(obj.apiVersion, obj.kind);
  const sent = legacy ? convertToStorageVersion(decoded.asSent, { defaults: false })!.obj : decoded.obj;
  let changed = false;
  const written = await run.registry.mutate(
    info,
    ns,
    name,
    (current) => {
      const conflict = overwrite ? undefined : applyConflict(sent, current);
      if (conflict) throw reportConflict!(sent, current, conflict);
      const applied = computeApplied(sent, current, annotate);
      const merged = legacy ? legacyDefaults(applied, obj.apiVersion) : applied;
      changed = !sameIgnoringStatus(applyDefaults(merged), current);
      return changed ? merged : undefined;
    },
    { ...opts, dryRun: run.dryRun !== 'none', fieldValidation: 'Ignore' },
  );
  return {
    info,
    obj: written ?? live,
    operation: operation(changed),
    wrote: changed && run.dryRun === 'none',
  };
}

/**
 * kubectl's error for --overwrite=false (patcher.go, mergepatch.ErrConflict): the three
 * configurations as JSON, then the patch and the conflicting changes as YAML.
 */
async function conflictReporter(source: string) {
  const { LAST_APPLIED, withLastApplied } = await import('../api/apply-merge.js');
  const { goJson } = await import('../api/go-json.js');
  const { toYaml } = await import('../printers/yaml.js');
  return (manifest: KObject, live: KObject, c: { patch: object; changed: object }): UserError =>
    new UserError(
      `error when creating patch with:\noriginal:\n${live.metadata.annotations?.[LAST_APPLIED] ?? ''}\nmodified:\n${goJson(withLastApplied(manifest))}\ncurrent:\n${goJson(live)}\nfor: "${source}": patch:\n${toYaml(c.patch)}\nconflicts with changes made from original to current:\n${toYaml(c.changed)}`,
    );
}
