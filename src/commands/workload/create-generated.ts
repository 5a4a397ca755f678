// What `create deployment` and `create service` do with the object their generator made: record
// --save-config, print it for a client dry run, else send it through the registry (a server dry
// run commits nothing) and print what was stored, wrapping server errors as kubectl words them.
import { ApiError, UserError } from '../../api/errors.js';
import { InvalidError } from '../../api/field-errors.js';
import type { KindInfo } from '../../api/kinds.js';
import type { KObject } from '../../api/types.js';
import type { Ctx } from '../context.js';
import type { DryRun } from '../flag-values.js';
import { forCreate } from './generate.js';
import type { VerbPrinter } from './output.js';

export interface GeneratedCreate {
  kind: KindInfo;
  obj: KObject;
  namespace: string;
  dryRun: DryRun;
  saveConfig?: boolean;
  printer: VerbPrinter;
  /** kubectl's wrapping of a server error (`failed to create deployment: …`), or the error as is. */
  failure: (err: unknown) => unknown;
}

export async function createGenerated(ctx: Ctx, g: GeneratedCreate): Promise<void> {
  let obj = g.obj;
  if (g.saveConfig) obj = (await import('../../api/apply-merge.js')).withLastApplied(obj);
  if (g.dryRun === 'client') {
    g.printer.print(g.kind, obj, 'created');
    return;
  }
  const body = forCreate(obj);
  body.metadata = { ...body.metadata, namespace: g.namespace };
  const registry = await ctx.registry();
  let created: KObject;
  try {
    created = await registry.create(body, {
      dryRun: g.dryRun === 'server',
      warn: (w) => ctx.err.write(`Warning: ${w}\n`),
    });
  } catch (e) {
    throw g.failure(e);
  }
  if (g.dryRun === 'none') await ctx.ensureAgent();
  g.printer.print(g.kind, created, 'created');
}

/**
 * kubectl's generators wrap a server error as `failed to create <what>: <message>`; a 422 (the
 * object is invalid) is printed as it is.
 */
export const wrapServerError =
  (what: string) =>
  (e: unknown): unknown =>
    e instanceof ApiError && !(e instanceof InvalidError)
      ? new UserError(`failed to create ${what}: ${e.message}`)
      : e;
