// `mkube diff -f`: the live objects against what `apply` would make of them, as a unified diff
// (kubectl cmd/diff). The MERGED side goes through apply's own path as a server dry run — the
// three-way strategic merge inside the registry's lock, or a dry-run create for objects that do
// not exist — so it is exactly what apply would store. Exit 0: no differences; 1: differences;
// >1: an error (kubectl's CheckDiffErr adds one to the usual exit code).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Command, CommanderError } from 'commander';
import { UserError } from '../api/errors.js';
import type { ManifestDoc } from '../api/manifest.js';
import { matchesLabels, parseLabelSelector } from '../api/selectors.js';
import type { KObject } from '../api/types.js';
import type { Ctx } from './context.js';
import { diffCommand, diffFileName, renderPair } from './diff-render.js';
import {
  boolFlags,
  type FilenameOptions,
  FlagError,
  filenameFlags,
  intFlag,
  loadFiles,
  type NamespaceOptions,
  namespaceFlags,
  namespaceOf,
  selectorFlags,
} from './flags.js';
import { createDoc, type DocRun, writeOptions } from './manifest-write.js';
import { errorText } from './workload/errors.js';

interface DiffFlags extends FilenameOptions, NamespaceOptions {
  selector?: string;
  serverSide?: boolean;
  forceConflicts?: boolean;
  fieldManager: string;
  showManagedFields?: boolean;
  concurrency: number;
}

interface DiffEntry {
  file: string;
  live: string;
  merged: string;
}

/** One object: its live version, and the version a server-side dry run of apply returns. */
async function diffDoc(run: DocRun, doc: ManifestDoc, flags: DiffFlags): Promise<DiffEntry> {
  const { admission, registry } = run;
  const r = admission.resolveDoc(doc, namespaceOf(flags));
  const { info, obj } = r;
  const name = obj.metadata.name ?? '';
  const live = name ? registry.get(info, obj.metadata.namespace, name) : undefined;
  let merged: KObject;
  if (flags.serverSide && name) {
    // The server-side apply's own dry run (kubectl diff --server-side sends exactly that).
    merged = await registry.apply(info, obj.metadata.namespace, name, obj, {
      ...writeOptions(run),
      // kubectl's default manager server-side is `kubectl` (the flag's default is client-side's).
      fieldManager: flags.fieldManager === 'kubectl-client-side-apply' ? 'kubectl' : flags.fieldManager,
      force: !!flags.forceConflicts,
      dryRun: true,
    });
  } else if (!live) {
    merged = (await createDoc(run, r, obj)).obj;
  } else {
    const { updateDoc } = await import('./apply.js');
    try {
      merged = (await updateDoc(run, r, { annotate: false })).obj;
    } catch (err) {
      throw admission.withSource(err, 'applying patch', doc.source);
    }
    if (live.metadata.deletionTimestamp) {
      run.ctx.err.write(`Warning: Detected changes to resource ${name} which is currently being deleted.\n`);
    }
  }
  return {
    file: diffFileName(info, obj.metadata.namespace, name),
    ...renderPair(live, merged, flags.showManagedFields),
  };
}

/** Write both sides into LIVE-xxx / MERGED-xxx and run the diff program over the directories. */
function runDiffProgram(ctx: Ctx, entries: DiffEntry[]): number {
  const base = tmpdir();
  const from = mkdtempSync(join(base, 'LIVE-'));
  const to = mkdtempSync(join(base, 'MERGED-'));
  try {
    for (const e of entries) {
      writeFileSync(join(from, e.file), e.live, { mode: 0o700 });
      writeFileSync(join(to, e.file), e.merged, { mode: 0o700 });
    }
    const { command, args } = diffCommand(process.env, from, to);
    const res = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 30 });
    if (res.stdout) ctx.out.write(res.stdout);
    if (res.stderr) ctx.err.write(res.stderr);
    if (res.error) {
      const why =
        (res.error as NodeJS.ErrnoException).code === 'ENOENT'
          ? `exec: "${command}": executable file not found in $PATH`
          : res.error.message;
      throw new UserError(`failed to run "${command}": ${why}`);
    }
    if (res.signal) throw new UserError(`failed to run "${command}": signal: ${signalName(res.signal)}`);
    if (res.status !== null && res.status > 1) {
      throw new UserError(`failed to run "${command}": exit status ${res.status}`);
    }
    return res.status ?? 0;
  } finally {
    rmSync(from, { recursive: true, force: true });
    rmSync(to, { recursive: true, force: true });
  }
}

// Go's names for the signals a diff program is likely to die of.
function signalName(signal: NodeJS.Signals): string {
  const names: Partial<Record<NodeJS.Signals, string>> = {
    SIGKILL: 'killed',
    SIGTERM: 'terminated',
    SIGINT: 'interrupt',
  };
  return names[signal] ?? signal;
}

async function runDiff(ctx: Ctx, args: string[], flags: DiffFlags): Promise<number> {
  if (args.length) {
    throw new UserError(`Unexpected args: [${args.join(' ')}]\nSee 'mkube diff -h' for help and examples`);
  }
  if (!flags.filename?.length && !flags.kustomize) throw new UserError('must specify one of -f and -k');
  if (flags.forceConflicts && !flags.serverSide)
    throw new UserError('--force-conflicts only works with --server-side');
  const selector = flags.selector ? parseLabelSelector(flags.selector) : undefined;
  let docs = await loadFiles(ctx, flags);
  if (selector) docs = docs.filter((d) => matchesLabels(selector, (d.object as KObject)?.metadata?.labels));
  const admission = await import('../api/admission.js');
  // The server's default field validation for a request that names none: Warn.
  const run: DocRun = {
    ctx,
    registry: await ctx.registry(),
    admission,
    dryRun: 'server',
    fieldValidation: 'Warn',
  };
  const entries: DiffEntry[] = [];
  for (const doc of docs) entries.push(await diffDoc(run, doc, flags));
  return runDiffProgram(ctx, entries);
}

export function register(program: Command, ctx: Ctx): void {
  const cmd = program
    .command('diff')
    .description('Diff the live version against a would-be applied version')
    .usage('-f FILENAME')
    .argument('[args...]');
  filenameFlags(cmd, 'Filename, directory, or URL to files contains the configuration to diff');
  namespaceFlags(cmd);
  selectorFlags(cmd);
  boolFlags(cmd, [
    ['--server-side', 'If true, apply runs in the server instead of the client.'],
    ['--force-conflicts', 'If true, server-side apply will force the changes against conflicts.'],
    ['--show-managed-fields', 'If true, include managed fields in the diff.'],
  ]);
  cmd
    .option(
      '--field-manager <name>',
      'Name of the manager used to track field ownership.',
      'kubectl-client-side-apply',
    )
    .option(
      '--concurrency <n>',
      'Number of objects to process in parallel when diffing against the live version.',
      intFlag('--concurrency'),
      1,
    )
    // A flag error is an error (exit 2): exit 1 means "differences found".
    .exitOverride((err) => {
      throw err.exitCode === 0 ? err : new CommanderError(2, err.code, err.message);
    });
  flagValueErrorsExit2(cmd);
  cmd.action(async (args: string[], flags: DiffFlags) => {
    // Errors exit 2 (1 means "differences found"); the diff program's own output is already out.
    try {
      process.exitCode = await runDiff(ctx, args, flags);
    } catch (err) {
      ctx.err.write(`${errorText(err)}\n`);
      process.exitCode = 2;
    }
  });
}

/**
 * A bad flag value (`--concurrency=x`, `--server-side=maybe`) is a usage error of diff's own
 * flag error func: printed with diff's hint and, like every diff error, exit 2.
 */
function flagValueErrorsExit2(cmd: Command): void {
  const parse = cmd.parseOptions.bind(cmd);
  cmd.parseOptions = (argv: string[]) => {
    try {
      return parse(argv);
    } catch (err) {
      if (!(err instanceof FlagError)) throw err;
      return cmd.error(`error: ${err.message}\nSee 'mkube diff -h' for help and examples`, {
        exitCode: 2,
        code: 'mkube.invalidFlagValue',
      });
    }
  };
}
