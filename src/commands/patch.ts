// `mkube patch`: update fields of objects with a strategic merge patch, a JSON merge patch or a
// JSON patch (kubectl cmd/patch). On the server the registry applies the patch inside its lock and
// admits the result as an update; `--local` and `--dry-run=client` patch on the client, as kubectl
// does, without defaulting or validation. `--subresource status|scale` patches those views.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { UserError } from '../api/errors.js';
import { type KindInfo, kindFor } from '../api/kinds.js';
import type { PatchType } from '../api/patch/index.js';
import { deepEqual } from '../api/patch/json-value.js';
import type { KObject } from '../api/types.js';
import { checkSubresource, patchScale, viewOf } from '../registry/scale.js';
import { type Found, type ResourceFlags, requestFromFlags, resolveResources } from './builder.js';
import type { Ctx } from './context.js';
import type { DryRun } from './flag-values.js';
import {
  boolFlags,
  dryRunFlag,
  dryRunOf,
  filenameFlags,
  loadFiles,
  namespaceFlags,
  outputFlag,
} from './flags.js';
import { patchLocally } from './patch-local.js';
import { MISSING_RESOURCES } from './resource-args.js';
import { throwIfAny } from './workload/errors.js';
import { VerbPrinter } from './workload/output.js';
import { CHANGE_CAUSE, commandLine, recordFlag, warnRecordDeprecated } from './workload/record.js';

interface PatchOpts extends ResourceFlags {
  patch?: string;
  patchFile?: string;
  type: string;
  local?: boolean;
  dryRun?: string;
  output?: string;
  subresource?: string;
  fieldManager: string;
  record?: boolean;
}

const PATCH_TYPES = ['json', 'merge', 'strategic'];

/** patch.go's Validate, in its order. */
function validate(o: PatchOpts, args: string[], dryRun: DryRun): PatchType {
  if (o.patch && o.patchFile) throw new UserError('cannot specify --patch and --patch-file together');
  if (!o.patch && !o.patchFile) {
    throw new UserError('must specify --patch or --patch-file containing the contents of the patch');
  }
  if (o.local && args.length) throw new UserError('cannot specify --local and server resources');
  if (o.local && dryRun === 'server') {
    throw new UserError('cannot specify --local and --dry-run=server - did you mean --dry-run=client?');
  }
  const type = (o.type || 'strategic').toLowerCase();
  if (!PATCH_TYPES.includes(type)) {
    throw new UserError(`--type must be one of [${PATCH_TYPES.join(' ')}], not ${JSON.stringify(o.type)}`);
  }
  return type as PatchType;
}

/** The patch as the JSON text kubectl sends (YAML converted). */
async function patchBody(o: PatchOpts): Promise<string> {
  let text = o.patch ?? '';
  if (o.patchFile) {
    try {
      text = readFileSync(o.patchFile, 'utf8');
    } catch (e) {
      const why =
        (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (e as Error).message;
      throw new UserError(`unable to read patch file: open ${o.patchFile}: ${why}`);
    }
  }
  const { patchToJson } = await import('../api/manifest.js');
  try {
    return patchToJson(text);
  } catch (e) {
    // kubectl quotes --patch here even when the patch came from --patch-file.
    throw new UserError(`unable to parse ${JSON.stringify(o.patch ?? '')}: ${(e as Error).message}`);
  }
}

/**
 * --local: the objects of the files, as written — no server, no defaults, and (as kubectl prints
 * them) no namespace filled in, so not through the builder's store-reading path.
 */
async function localObjects(ctx: Ctx, o: PatchOpts): Promise<Found[]> {
  if (!o.filename?.length && !o.kustomize) throw new UserError(MISSING_RESOURCES);
  const found: Found[] = [];
  for (const doc of await loadFiles(ctx, o)) {
    const obj = doc.object as KObject;
    const kind = kindFor(String(obj?.apiVersion ?? ''), String(obj?.kind ?? ''));
    if (!kind) {
      throw new UserError(
        `resource mapping not found for name: "${obj?.metadata?.name ?? ''}" namespace: "${obj?.metadata?.namespace ?? ''}" from "${doc.source}": no matches for kind "${obj?.kind}" in version "${obj?.apiVersion}"`,
      );
    }
    found.push({ kind, obj });
  }
  return found;
}

/** The objects the command names: the one place arguments and -f are resolved. */
async function targets(ctx: Ctx, args: string[], o: PatchOpts): Promise<{ found: Found[]; errors: Error[] }> {
  if (o.local) return { found: await localObjects(ctx, o), errors: [] };
  return resolveResources(ctx.store(), { ...requestFromFlags(args, o), stdin: ctx.in });
}

interface Patched {
  info: KindInfo;
  before: KObject;
  after: KObject;
}

/** Patch one object through the registry (for real, or as a server dry run). */
async function patchOnServer(
  ctx: Ctx,
  { kind, obj }: Found,
  type: PatchType,
  body: string,
  o: PatchOpts,
  dryRun: boolean,
  recordAs: string | undefined,
): Promise<Patched> {
  const registry = await ctx.registry();
  const ref = { namespace: obj.metadata.namespace, name: obj.metadata.name! };
  const opts = { dryRun, fieldManager: o.fieldManager };
  const sub = o.subresource ?? '';
  const view = viewOf(kind, obj, sub);
  if (sub === 'scale') {
    const after = await patchScale(registry, kind, ref, type, body, opts);
    return { info: view.info, before: view.obj, after };
  }
  checkSubresource(kind, sub);
  const status = sub === 'status' ? 'status' : undefined;
  let after = await registry.patch(kind, ref.namespace, ref.name, type, body, {
    ...opts,
    subresource: status,
  });
  if (recordAs) {
    // kubectl's recorder: a second (merge) patch with the command line as the change cause.
    const cause = JSON.stringify({ metadata: { annotations: { [CHANGE_CAUSE]: recordAs } } });
    after = await registry.patch(kind, ref.namespace, ref.name, 'merge', cause, {
      ...opts,
      subresource: status,
    });
  }
  return { info: kind, before: obj, after };
}

async function run(ctx: Ctx, cmd: Command, args: string[], o: PatchOpts): Promise<void> {
  warnRecordDeprecated(ctx.err, o.record);
  const recordAs = o.record ? commandLine(cmd) : undefined;
  const dryRun = dryRunOf(ctx, o.dryRun);
  const type = validate(o, args, dryRun);
  // kubectl's patch printer drops the dry-run suffix (`patched`, even for a dry run), and is made
  // anew for each object: several -o yaml documents get no `---` between them.
  const printer = () => VerbPrinter.create(ctx.out, o.output);
  await printer();
  const body = await patchBody(o);
  const { found, errors } = await targets(ctx, args, o);
  const failures: unknown[] = [...errors];
  let wrote = false;
  for (const target of found) {
    try {
      let result: Patched;
      if (o.local) {
        result = { info: target.kind, before: target.obj, after: patchLocally(type, target.obj, body) };
      } else if (dryRun === 'client') {
        const view = viewOf(target.kind, target.obj, o.subresource ?? '');
        result = { info: view.info, before: view.obj, after: patchLocally(type, view.obj, body) };
      } else {
        result = await patchOnServer(ctx, target, type, body, o, dryRun === 'server', recordAs);
      }
      const changed = !deepEqual(result.before, result.after);
      wrote ||= changed && !o.local && dryRun === 'none';
      (await printer()).print(result.info, result.after, changed ? 'patched' : 'patched (no change)');
    } catch (err) {
      failures.push(err);
    }
  }
  if (wrote) await ctx.ensureAgent();
  throwIfAny(failures);
  if (!found.length) throw new UserError('no objects passed to patch');
}

export function register(program: Command, ctx: Ctx): void {
  const cmd = program
    .command('patch')
    .description('Update fields of a resource')
    .usage('(-f FILENAME | TYPE NAME) [-p PATCH|--patch-file FILE]')
    .argument('[args...]')
    .option('-p, --patch <patch>', 'The patch to be applied to the resource JSON file.')
    .option('--patch-file <file>', 'A file containing a patch to be applied to the resource.')
    .option('--type <type>', 'The type of patch being provided; one of [json merge strategic]', 'strategic')
    .option(
      '--subresource <subresource>',
      'If specified, patch will operate on the subresource of the requested object. This flag is beta and may change in the future.',
    )
    .option('--field-manager <name>', 'Name of the manager used to track field ownership.', 'kubectl-patch');
  filenameFlags(cmd, 'Filename, directory, or URL to files identifying the resource to update');
  outputFlag(
    cmd,
    'json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file',
  );
  boolFlags(cmd, [
    ['--local', 'If true, patch will operate on the content of the file, not the server-side resource.'],
  ]);
  dryRunFlag(cmd);
  namespaceFlags(cmd);
  recordFlag(cmd);
  cmd.action((args: string[], o: PatchOpts) => run(ctx, cmd, args, o));
}
