// What apply and create share: map each manifest document to a kind (kubectl's builder), hand it
// to the registry (decode, default, validate, commit — or not, for --dry-run), print the results
// as kubectl does. Errors carry the file (and line) they come from.
import { UserError } from '../api/errors.js';
import { type KindInfo, qualifiedKind } from '../api/kinds.js';
import type { ManifestDoc } from '../api/manifest.js';
import type { KObject } from '../api/types.js';
import type { Registry } from '../registry/registry.js';
import type { FieldValidation, WriteOptions } from '../registry/types.js';
import type { Ctx } from './context.js';
import { type DryRun, dryRunSuffix } from './flag-values.js';
import { finish } from './workload/errors.js';

export type Admission = typeof import('../api/admission.js');
export type ResolvedDoc = import('../api/admission.js').ResolvedDoc;

export interface WriteResult {
  info: KindInfo;
  obj: KObject;
  operation: string;
  /** Something was written to the store. */
  wrote: boolean;
}

export interface DocRun {
  ctx: Ctx;
  registry: Registry;
  admission: Admission;
  dryRun: DryRun;
  fieldValidation: FieldValidation;
  /** The field manager the writes record (kubectl's default for the verb, or --field-manager). */
  fieldManager?: string;
  /** Warnings printed so far: kubectl prints each distinct one once per invocation. */
  warned?: Set<string>;
}

/** kubectl's --validate values, as the fieldValidation it sends. */
export function parseValidate(value: string | boolean | undefined): FieldValidation {
  if (value === undefined || value === true || value === 'strict' || value === 'true') return 'Strict';
  if (value === 'warn') return 'Warn';
  if (value === 'ignore' || value === 'false') return 'Ignore';
  throw new UserError(
    `invalid - validate option "${value}"; must be one of: strict (or true), warn, ignore (or false)`,
  );
}

/** The registry's write options for the documents of this run. */
export function writeOptions(run: DocRun): WriteOptions {
  return {
    dryRun: run.dryRun === 'server',
    fieldValidation: run.fieldValidation,
    fieldManager: run.fieldManager,
    warn: (text) => {
      run.warned ??= new Set();
      if (run.warned.has(text)) return;
      run.warned.add(text);
      run.ctx.err.write(`Warning: ${text}\n`);
    },
  };
}

/**
 * Create one resolved document through the registry: what `create -f` does. A client dry run
 * stops after the checks that need no stored state and shows the object as it was sent.
 */
export async function createDoc(run: DocRun, r: ResolvedDoc, toCreate: KObject): Promise<WriteResult> {
  const opts = writeOptions(run);
  let created: KObject;
  if (run.dryRun === 'client') {
    for (const w of run.registry.admitCreate(toCreate, opts).warnings) opts.warn?.(w);
    created = toCreate;
  } else {
    created = await run.registry.create(toCreate, opts);
  }
  return { info: r.info, obj: created, operation: 'created', wrote: run.dryRun === 'none' };
}

export interface LoopOptions {
  docs: ManifestDoc[];
  run: DocRun;
  output: OutputFormat;
  /** Turns one document into a result; throws the error to report for it. */
  each: (doc: ManifestDoc) => Promise<WriteResult>;
  /** Errors met reading the files (syntax errors), reported first. */
  readErrors?: readonly unknown[];
  /** Runs once every document succeeded, after the results are printed (apply --prune). */
  after?: (results: WriteResult[]) => Promise<void>;
}

/**
 * Process documents in order: print each result as kubectl does (lines at once, objects at the
 * end), collect errors, start the agent if anything was written, then report the errors.
 */
export async function runDocs({
  docs,
  run,
  output,
  each,
  readErrors = [],
  after,
}: LoopOptions): Promise<void> {
  // The files' syntax errors come first, as the builder reports them before any object is sent.
  const errors: unknown[] = [...readErrors];
  const results: WriteResult[] = [];
  for (const doc of docs) {
    try {
      const result = await each(doc);
      results.push(result);
      if (!printsAtEnd(output)) await printResults(run.ctx, [result], output, run.dryRun);
    } catch (err) {
      errors.push(err);
    }
  }
  if (printsAtEnd(output)) await printResults(run.ctx, results, output, run.dryRun);
  // What follows a clean run (apply --prune), as kubectl's PostProcessorFn.
  if (after && errors.length === 0) {
    try {
      await after(results);
    } catch (err) {
      errors.push(err);
    }
  }
  if (results.some((r) => r.wrote)) await run.ctx.ensureAgent();
  finish(run.ctx, errors);
}

// ---- output -----------------------------------------------------------------------------------

export type OutputFormat = import('../printers/output.js').OutputFormat;

/** -o, read by the printers' one -o parser (kubectl's PrintFlags; no `wide` for writes). */
export async function parseOutput(value: string | undefined): Promise<OutputFormat> {
  const { parseOutputFormat } = await import('../printers/output.js');
  return parseOutputFormat(value, { allowWide: false });
}

/** Lines (`pod/x created`, -o name) print as each object is done; other formats at the end. */
export const printsAtEnd = (output: OutputFormat): boolean =>
  output.type !== 'table' && output.type !== 'name';

/**
 * Print what a verb did to objects: `pod/x created (dry run)`, `pod/x` for -o name, or the
 * objects in the -o format (several objects as one `kind: List`, as kubectl prints them).
 */
export async function printResults(
  ctx: Ctx,
  results: Array<{ info: KindInfo; obj: KObject; operation: string }>,
  output: OutputFormat,
  dryRun: DryRun,
  opts: { typed?: boolean } = {},
): Promise<void> {
  if (output.type === 'table' || output.type === 'name') {
    for (const r of results) {
      const name = `${qualifiedKind(r.info)}/${r.obj.metadata?.name ?? ''}`;
      ctx.out.write(output.type === 'name' ? `${name}\n` : `${name} ${r.operation}${dryRunSuffix(dryRun)}\n`);
    }
    return;
  }
  if (!results.length) return;
  const { GenericPrinter, listOf } = await import('../printers/output.js');
  const printer = new GenericPrinter(output, (s) => ctx.out.write(s), opts);
  printer.print(results.length === 1 ? results[0]!.obj : listOf(results.map((r) => r.obj)));
}
