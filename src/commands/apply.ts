// `mkube apply -f`: create what is missing (recording the last-applied configuration), and merge
// manifests into live objects three ways, printing created / configured / unchanged per object.
import type { Command } from 'commander';
import { convertToStorageVersion, isDeprecatedVersion, legacyDefaults } from '../api/conversion/index.js';
import { applyDefaults } from '../api/defaults.js';
import { UserError } from '../api/errors.js';
import type { KindInfo } from '../api/kinds.js';
import type { ManifestDoc } from '../api/manifest.js';
import { matchesLabels, parseLabelSelector } from '../api/selectors.js';
import type { KObject } from '../api/types.js';
import { decodeInput } from '../registry/decode.js';
import type { Ctx } from './context.js';
import {
  dryRunFlag,
  dryRunOf,
  type FilenameOptions,
  filenameFlags,
  loadFiles,
  type NamespaceOptions,
  namespaceFlags,
  namespaceOf,
  outputFlag,
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
  fieldManager?: string;
}

export function register(program: Command, ctx: Ctx): void {
  const cmd = program
    .command('apply')
    .description('Apply a configuration to a resource by file name or stdin')
    .usage('(-f FILENAME) [options]');
  filenameFlags(cmd, 'The files that contain the configurations to apply.');
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
    )
    .action((flags: ApplyFlags) => runApply(ctx, flags));
}

async function runApply(ctx: Ctx, flags: ApplyFlags): Promise<void> {
  if (!flags.filename?.length) throw new UserError('must specify one of -f and -k');
  const output = await parseOutput(flags.output);
  const dryRun = dryRunOf(ctx, flags.dryRun);
  const mode = parseValidate(flags.validate);
  const selector = flags.selector ? parseLabelSelector(flags.selector) : undefined;
  let docs = await loadFiles(ctx, flags);
  const admission = await import('../api/admission.js');
  const ns = namespaceOf(flags);
  if (selector) {
    docs = docs.filter((d) => matchesLabels(selector, (d.object as any)?.metadata?.labels));
  }
  if (!docs.length) throw new UserError('no objects passed to apply');
  const run: DocRun = { ctx, registry: await ctx.registry(), admission, dryRun, fieldValidation: mode };
  await runDocs({
    docs,
    run,
    output,
    each: (doc) => applyDoc(run, doc, ns, !!flags.serverSide),
  });
}

async function applyDoc(
  run: DocRun,
  doc: ManifestDoc,
  ns: { namespace: string; explicit: boolean },
  serverSide: boolean,
): Promise<WriteResult> {
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
  const live = registry.get(info, obj.metadata.namespace, name);
  const verb = live ? 'applying patch' : 'creating';
  try {
    if (!live) {
      const { withLastApplied } = await import('../api/apply-merge.js');
      // The annotation holds what later applies merge against: for an old apiVersion, the
      // manifest in the stored version (fields mapped, no defaults), as later applies send it.
      const recorded = isDeprecatedVersion(obj.apiVersion, obj.kind)
        ? convertToStorageVersion(obj, { defaults: false })!.obj
        : obj;
      const result = await createDoc(
        run,
        r,
        serverSide ? obj : { ...obj, metadata: withLastApplied(recorded).metadata },
      );
      return serverSide ? { ...result, operation: 'serverside-applied' } : result;
    }
    if (!serverSide) await warnIfUnrecorded(run, info, live);
    return await updateDoc(run, r, { serverSide });
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
  serverSide?: boolean;
  /** Record the manifest in the last-applied annotation (apply does; `diff` does not). */
  annotate?: boolean;
}

/**
 * Merge a manifest into its live object as `apply` does (three-way strategic merge inside the
 * registry's lock), committing it unless the run is a dry run. `diff` computes its MERGED side here.
 */
export async function updateDoc(
  run: DocRun,
  r: import('../api/admission.js').ResolvedDoc,
  { serverSide = false, annotate = true }: MergeOptions = {},
): Promise<WriteResult> {
  const { sameIgnoringStatus } = await import('../api/apply-merge.js');
  const { computeApplied } = await import('../api/patch/apply-strategic.js');
  const { info, obj } = r;
  const ns = obj.metadata.namespace;
  const name = obj.metadata.name!;
  const live = run.registry.get(info, ns, name)!;
  const operation = (changed: boolean) =>
    serverSide ? 'serverside-applied' : changed ? 'configured' : 'unchanged';
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
