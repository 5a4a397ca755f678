// What apply and create share: take each manifest document through kind mapping, strict decoding,
// defaulting and validation, then write it (or pretend to, for --dry-run), as kubectl + the API
// server would. Errors carry the file (and line) they come from.
import { applyDefaults } from '../api/defaults.js';
import { ApiError, UserError } from '../api/errors.js';
import { type KindInfo, NAMESPACE, qualifiedResource } from '../api/kinds.js';
import type { ManifestDoc } from '../api/manifest.js';
import type { KObject } from '../api/types.js';
import type { Store } from '../state/types.js';
import type { Ctx } from './context.js';
import { type DryRun, finish, type OutputFormat, printResults } from './flags.js';

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
  store: Store;
  admission: Admission;
  dryRun: DryRun;
}

export function parseValidate(value: string | boolean | undefined): 'strict' | 'warn' | 'ignore' {
  if (value === undefined || value === true || value === 'strict' || value === 'true') return 'strict';
  if (value === 'warn') return 'warn';
  if (value === 'ignore' || value === 'false') return 'ignore';
  throw new UserError(
    `invalid - validate option "${value}"; must be one of: strict (or true), warn, ignore (or false)`,
  );
}

/** Create `obj` (already defaulted and validated), or check that it could be for a dry run. */
export async function createChecked(run: DocRun, info: KindInfo, obj: KObject): Promise<KObject> {
  if (run.dryRun === 'client') return obj;
  if (run.dryRun === 'server') {
    const ns = obj.metadata.namespace;
    if (info.namespaced && ns && !run.store.get(NAMESPACE, undefined, ns))
      throw ApiError.notFound('namespaces', ns);
    if (obj.metadata.name && run.store.get(info, ns, obj.metadata.name)) {
      throw ApiError.alreadyExists(qualifiedResource(info), obj.metadata.name);
    }
    return obj;
  }
  return run.store.create(obj);
}

/** Default, validate and create one resolved document: what `create -f` does. */
export async function createDoc(run: DocRun, r: ResolvedDoc, toCreate: KObject): Promise<WriteResult> {
  const defaulted = applyDefaults(toCreate);
  run.admission.validateForWrite(r, defaulted);
  const created = await createChecked(run, r.info, run.dryRun === 'client' ? toCreate : defaulted);
  return { info: r.info, obj: created, operation: 'created', wrote: run.dryRun === 'none' };
}

export interface LoopOptions {
  docs: ManifestDoc[];
  run: DocRun;
  output: OutputFormat;
  /** Turns one document into a result; throws the error to report for it. */
  each: (doc: ManifestDoc) => Promise<WriteResult>;
}

/**
 * Process documents in order: print each result as kubectl does (lines at once, objects at the
 * end), collect errors, start the agent if anything was written, then report the errors.
 */
export async function runDocs({ docs, run, output, each }: LoopOptions): Promise<void> {
  const errors: unknown[] = [];
  const results: WriteResult[] = [];
  for (const doc of docs) {
    try {
      const result = await each(doc);
      results.push(result);
      if (output !== 'yaml' && output !== 'json') await printResults(run.ctx, [result], output, run.dryRun);
    } catch (err) {
      errors.push(err);
    }
  }
  if (output === 'yaml' || output === 'json') await printResults(run.ctx, results, output, run.dryRun);
  if (results.some((r) => r.wrote)) await run.ctx.ensureAgent();
  finish(run.ctx, errors);
}
