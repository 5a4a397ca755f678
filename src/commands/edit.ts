// `mkube edit TYPE NAME`: open the object in $KUBE_EDITOR/$EDITOR, apply what was saved. Invalid
// edits change nothing and reopen the file with the errors as a comment header; saving it again
// unchanged ends with kubectl's "Edit cancelled, no valid changes were saved."
// (kubectl cmd/util/editor/editoptions.go, normal mode).
import { rmSync } from 'node:fs';
import { type Command, CommanderError } from 'commander';
import { ApiError, UserError } from '../api/errors.js';
import { formatFieldError, InvalidError } from '../api/field-errors.js';
import { type KindInfo, kindFor, qualifiedResource } from '../api/kinds.js';
import type { KObject } from '../api/types.js';
import { resolveResources } from './builder.js';
import type { Ctx } from './context.js';
import { boolFlags, filenameFlags, namespaceFlags, namespaceOf } from './flags.js';
import { updateObject } from './workload/admit.js';
import {
  type EditReason,
  editHeader,
  editorFromEnv,
  hasLines,
  launchTempFile,
  manualStrip,
  stripComments,
} from './workload/editor.js';
import { applyMergePatch, createMergePatch } from './workload/merge-patch.js';
import { VerbPrinter } from './workload/output.js';
import { record, recordFlag, warnRecordDeprecated } from './workload/record.js';
import { canonicalJSON } from './workload/semantic.js';

interface EditOpts {
  namespace?: string;
  filename?: string[];
  recursive?: boolean;
  kustomize?: string;
  output?: string;
  outputPatch?: boolean;
  saveConfig?: boolean;
  validate: string;
  record?: boolean;
}

interface Results {
  reasons: EditReason[];
  retryable: number;
  notFound: number;
  /** Objects that failed validation and need another round. */
  invalid: number;
}

/** A copy of the file is kept when an edit fails; say where, as kubectl does. */
function preserved(ctx: Ctx, err: unknown, file: string): unknown {
  if (file) ctx.err.write(`A copy of your changes has been stored to "${file}"\n`);
  return err;
}

async function serialize(objs: KObject[], format: 'yaml' | 'json'): Promise<string> {
  const body = objs.length === 1 ? objs[0] : { apiVersion: 'v1', items: objs, kind: 'List', metadata: {} };
  if (format === 'json') {
    const { goJson } = await import('../printers/gofmt.js');
    return `${goJson(body, '    ')}\n`;
  }
  const { toYaml } = await import('../printers/yaml.js');
  return toYaml(body);
}

async function parseEdited(text: string): Promise<KObject[]> {
  const { parseManifest } = await import('../api/manifest.js');
  return parseManifest(text, 'edited-file').map((d) => d.object as KObject);
}

// The strict decoding the API server does on the patched object (unknown fields, wrong types).
async function decodeCheck(kind: KindInfo, obj: KObject, mode: string): Promise<void> {
  const { decode } = await import('../registry/decode.js');
  const { parseValidate } = await import('./manifest-write.js');
  decode(structuredClone(obj), kind, parseValidate(mode));
}

interface PatchJob {
  ctx: Ctx;
  cmd: Command;
  o: EditOpts;
  printer: VerbPrinter;
  results: Results;
}

/** visitToPatch for one edited object. */
async function patchOne(job: PatchJob, originals: KObject[], edited: KObject): Promise<void> {
  const { ctx, o, results } = job;
  const original = originals.find((x) => x.metadata.uid === edited.metadata?.uid);
  if (!original) throw new UserError(`no original object found for ${edited.kind}/${edited.metadata?.name}`);
  const kind = kindFor(original.apiVersion, original.kind)!;
  if (canonicalJSON(original) === canonicalJSON(edited)) {
    job.printer.print(kind, original, 'skipped');
    return;
  }
  if (
    edited.apiVersion !== original.apiVersion ||
    edited.kind !== original.kind ||
    edited.metadata?.name !== original.metadata.name
  ) {
    throw new UserError('At least one of apiVersion, kind and name was changed');
  }
  const patch = createMergePatch(original, edited);
  if (o.outputPatch) ctx.out.write(`Patch: ${JSON.stringify(patch)}\n`);
  const resource = `${qualifiedResource(kind)} "${original.metadata.name}"`;
  try {
    await decodeCheck(kind, edited, o.validate);
    const { obj } = await updateObject(
      await ctx.registry(),
      kind,
      original,
      (fresh) => {
        const next = applyMergePatch(fresh, patch) as KObject;
        return canonicalJSON(next) === canonicalJSON(fresh) ? undefined : next;
      },
      { fieldManager: 'kubectl-edit' },
    );
    job.printer.print(kind, obj, 'edited');
  } catch (err) {
    if (err instanceof InvalidError) {
      results.invalid++;
      results.reasons.push({ head: `${resource} was not valid`, other: err.causes.map(formatFieldError) });
      ctx.err.write(`error: ${resource} is invalid\n`);
    } else if (err instanceof ApiError && err.reason === 'NotFound') {
      results.notFound++;
      ctx.err.write(`error: ${resource} could not be found on the server\n`);
    } else if (err instanceof ApiError || err instanceof UserError) {
      results.retryable++;
      ctx.err.write(`error: ${resource} could not be patched: ${err.message}\n`);
    } else throw err;
  }
}

/** One save: parse, patch every object; returns the reasons to reopen with (none = done). */
async function save(job: PatchJob, originals: KObject[], edited: string): Promise<EditReason[] | 'done'> {
  let objs: KObject[];
  try {
    objs = await parseEdited(edited);
  } catch (e) {
    return [{ head: `The edited file had a syntax error: ${(e as Error).message}`, other: [] }];
  }
  for (const obj of objs) {
    if (job.o.saveConfig)
      obj.metadata = (await import('../api/apply-merge.js')).withLastApplied(obj).metadata;
    record(obj, job.o.record, job.cmd);
    await patchOne(job, originals, obj);
  }
  return job.results.invalid > 0 ? job.results.reasons : 'done';
}

async function editLoop(ctx: Ctx, cmd: Command, originals: KObject[], o: EditOpts): Promise<void> {
  const editor = editorFromEnv(process.env);
  const format = o.output === 'json' ? 'json' : 'yaml';
  const original = await serialize(originals, format);
  const printer = await VerbPrinter.create(ctx.out, undefined);
  let reasons: EditReason[] = [];
  let previous = '';
  let lastFile = '';
  let wrote = false;
  for (;;) {
    // JSON gets no comment header (it could not hold one).
    const header = format === 'yaml' ? editHeader(reasons) : '';
    const content = header + (previous ? manualStrip(previous) : original);
    let launched: { edited: string; file: string };
    try {
      launched = launchTempFile(editor, format === 'json' ? '.json' : '.yaml', content);
    } catch (e) {
      throw preserved(ctx, e, lastFile);
    }
    const { edited, file } = launched;
    if (reasons.length && (await stripComments(previous)) === (await stripComments(edited))) {
      throw preserved(ctx, new UserError('Edit cancelled, no valid changes were saved.'), file);
    }
    if (lastFile) rmSync(lastFile, { force: true });
    if ((await stripComments(original)) === (await stripComments(edited))) {
      rmSync(file, { force: true });
      ctx.err.write('Edit cancelled, no changes made.\n');
      return;
    }
    if (!hasLines(edited)) {
      rmSync(file, { force: true });
      ctx.err.write('Edit cancelled, saved file was empty.\n');
      return;
    }
    const results: Results = { reasons: [], retryable: 0, notFound: 0, invalid: 0 };
    let outcome: EditReason[] | 'done';
    try {
      outcome = await save({ ctx, cmd, o, printer, results }, originals, edited);
    } catch (e) {
      throw preserved(ctx, e, file);
    }
    wrote ||= results.invalid + results.retryable + results.notFound < originals.length;
    if (wrote) await ctx.ensureAgent();
    if (results.retryable > 0) {
      ctx.err.write(`You can run \`mkube replace -f ${file}\` to try this update again.\n`);
      throw exitQuietly();
    }
    if (results.notFound > 0) {
      ctx.err.write(`The edits you made on deleted resources have been saved to "${file}"\n`);
      throw exitQuietly();
    }
    if (outcome === 'done') {
      rmSync(file, { force: true });
      return;
    }
    reasons = outcome;
    previous = edited;
    lastFile = file;
  }
}

/** cmdutil.ErrExit: exit 1 without another message. */
function exitQuietly(): Error {
  return new CommanderError(1, 'mkube.edit.exit', '');
}

async function run(ctx: Ctx, cmd: Command, args: string[], o: EditOpts): Promise<void> {
  warnRecordDeprecated(ctx.err, o.record);
  if (o.output && !['yaml', 'json'].includes(o.output)) {
    throw new UserError(
      `unable to match a printer suitable for the output format "${o.output}", allowed formats are: json,yaml`,
    );
  }
  const { namespace, explicit } = namespaceOf(o);
  const { found, errors } = await resolveResources(ctx.store(), {
    args,
    namespace,
    enforceNamespace: explicit,
    filenames: o.filename,
    recursive: o.recursive,
    kustomize: o.kustomize,
    stdin: ctx.in,
    allowEmptySelector: true,
  });
  if (errors.length) throw errors[0];
  if (found.length === 0) throw new UserError('edit cancelled, no objects found');
  await editLoop(
    ctx,
    cmd,
    // kubectl edit leaves managedFields out of what it opens (they are the server's to keep).
    found.map((f) => {
      const { managedFields: _m, ...metadata } = f.obj.metadata;
      return { ...f.obj, metadata };
    }),
    o,
  );
}

export function register(program: Command, ctx: Ctx): void {
  const cmd = program
    .command('edit')
    .description('Edit a resource on the server')
    .usage('(RESOURCE/NAME | -f FILENAME) [options]')
    .argument('[args...]')
    .option('-o, --output <format>', 'Output format. One of: (json, yaml).')
    .option('--validate <mode>', 'Must be one of: strict (or true), warn, ignore (or false).', 'strict');
  boolFlags(cmd, [
    ['--output-patch', 'Output the patch if the resource is edited.'],
    ['--save-config', 'If true, the configuration of current object will be saved in its annotation.'],
  ]);
  filenameFlags(cmd, 'Filename, directory, or URL to files to use to edit the resource');
  recordFlag(cmd);
  namespaceFlags(cmd);
  cmd.action((args: string[], o: EditOpts) => run(ctx, cmd, args, o));
}
