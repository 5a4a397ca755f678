// `mkube create -f FILE` and `mkube create namespace NAME`: create objects, failing with
// AlreadyExists (with the file named) when one is there already.
import type { Command } from 'commander';
import { UserError } from '../api/errors.js';
import type { ManifestDoc } from '../api/manifest.js';
import type { KObject } from '../api/types.js';
import type { Ctx } from './context.js';
import { registerCreateConfig } from './create-config.js';
import { registerCreateCronJob } from './create-cronjob.js';
import { registerCreateDeployment } from './create-deployment.js';
import { registerCreateJob } from './create-job.js';
import { registerCreateService } from './create-service.js';
import { registerCreateToken } from './create-token.js';
import {
  dryRunFlag,
  dryRunOf,
  type FilenameOptions,
  filenameFlags,
  loadFilesContinuing,
  type NamespaceOptions,
  namespaceFlags,
  namespaceOf,
  outputFlag,
  withParentFlags,
} from './flags.js';
import {
  createDoc,
  type DocRun,
  parseOutput,
  parseValidate,
  printResults,
  runDocs,
  type WriteResult,
} from './manifest-write.js';
import { finish } from './workload/errors.js';

interface CreateFlags extends FilenameOptions, NamespaceOptions {
  output?: string;
  dryRun?: string;
  validate?: string | boolean;
  saveConfig?: boolean;
}

export function register(program: Command, ctx: Ctx): void {
  const cmd = program
    .command('create')
    .description('Create a resource from a file or from stdin')
    .usage('-f FILENAME [options]')
    // Flags after a subcommand are the subcommand's, as in cobra.
    .enablePositionalOptions();
  filenameFlags(cmd, 'Filename, directory, or URL to files to use to create the resource');
  namespaceFlags(cmd);
  outputFlag(cmd);
  dryRunFlag(cmd);
  cmd
    .option('--validate [mode]', 'Must be one of: strict (or true), warn, ignore (or false).', 'strict')
    .option(
      '--save-config',
      'If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future.',
    )
    .action((flags: CreateFlags) => runCreate(ctx, flags));

  const ns = cmd
    .command('namespace')
    .alias('ns')
    .description('Create a namespace with the specified name')
    .usage('NAME [--dry-run=server|client|none] [options]')
    .argument('[name...]');
  outputFlag(ns);
  dryRunFlag(ns);
  ns.action((names: string[], flags: { output?: string; dryRun?: string }) =>
    createNamespace(ctx, names, withParentFlags(ns, flags)),
  );
  registerCreateDeployment(cmd, ctx);
  registerCreateJob(cmd, ctx);
  registerCreateCronJob(cmd, ctx);
  registerCreateService(cmd, ctx);
  registerCreateConfig(cmd, ctx);
  registerCreateToken(cmd, ctx);
}

async function runCreate(ctx: Ctx, flags: CreateFlags): Promise<void> {
  if (!flags.filename?.length && !flags.kustomize) throw new UserError('must specify one of -f and -k');
  const output = await parseOutput(flags.output);
  const dryRun = dryRunOf(ctx, flags.dryRun);
  const mode = parseValidate(flags.validate);
  const { docs, errors: readErrors } = await loadFilesContinuing(ctx, flags);
  if (!docs.length && !readErrors.length) throw new UserError('no objects passed to create');
  const admission = await import('../api/admission.js');
  const ns = namespaceOf(flags);
  const run: DocRun = {
    ctx,
    registry: await ctx.registry(),
    admission,
    dryRun,
    fieldValidation: mode,
    fieldManager: 'kubectl-create',
  };
  const each = async (doc: ManifestDoc): Promise<WriteResult> => {
    const r = admission.resolveDoc(doc, ns);
    try {
      let obj = r.obj;
      if (flags.saveConfig) obj = (await import('../api/apply-merge.js')).withLastApplied(obj);
      return await createDoc(run, r, obj);
    } catch (err) {
      throw admission.withSource(err, 'creating', doc.source);
    }
  };
  await runDocs({ docs, run, output, each, readErrors });
}

async function createNamespace(
  ctx: Ctx,
  names: string[],
  flags: { output?: string; dryRun?: string },
): Promise<void> {
  if (names.length !== 1) {
    throw new UserError(
      `exactly one NAME is required, got ${names.length}\nSee 'mkube create namespace -h' for help and examples`,
    );
  }
  const output = await parseOutput(flags.output);
  const dryRun = dryRunOf(ctx, flags.dryRun);
  const admission = await import('../api/admission.js');
  // A client dry run prints the Namespace as kubectl builds it (Go's zero values included).
  const obj: KObject =
    dryRun === 'client'
      ? {
          kind: 'Namespace',
          apiVersion: 'v1',
          metadata: { name: names[0], creationTimestamp: null as unknown as string },
          spec: {},
          status: {},
        }
      : { apiVersion: 'v1', kind: 'Namespace', metadata: { name: names[0] } };
  const doc: ManifestDoc = { source: '', object: obj, line: 0, lineOf: () => undefined };
  const run: DocRun = {
    ctx,
    registry: await ctx.registry(),
    admission,
    dryRun,
    fieldValidation: 'Strict',
    fieldManager: 'kubectl-create',
  };
  try {
    const r = admission.resolveDoc(doc, { namespace: 'default', explicit: false });
    const result = await createDoc(run, r, r.obj);
    // kubectl builds a typed Namespace: -o json in Go struct order.
    await printResults(ctx, [result], output, dryRun, { typed: true });
    if (result.wrote) await ctx.ensureAgent();
  } catch (err) {
    finish(ctx, [err]);
  }
}
