// What a mutating verb prints for each object: kubectl's NamePrinter line
// (`deployment.apps/web scaled`), or the object with -o yaml|json|name.
import { UserError } from '../../api/errors.js';
import { type KindInfo, qualifiedKind } from '../../api/kinds.js';
import type { KObject } from '../../api/types.js';

export type DryRun = 'none' | 'client' | 'server';

export interface PrintOptions {
  output?: string;
  dryRun?: DryRun;
}

const FORMATS = [
  'go-template',
  'go-template-file',
  'json',
  'jsonpath',
  'jsonpath-as-json',
  'jsonpath-file',
  'name',
  'template',
  'templatefile',
  'yaml',
];

/** Rejects an -o value these verbs cannot print, with kubectl's message. */
export function checkOutputFormat(output: string | undefined): void {
  if (!output || ['yaml', 'json', 'name'].includes(output)) return;
  const base = output.split('=')[0]!;
  if (FORMATS.includes(base)) {
    throw new UserError(`output format "${base}" is not supported by mkube for this command`);
  }
  throw new UserError(
    `unable to match a printer suitable for the output format "${output}", allowed formats are: ${FORMATS.join(',')}`,
  );
}

/** `deployment.apps/web`, `pod/x`: how kubectl names an object in messages. */
export function objectName(kind: KindInfo, name: string | undefined): string {
  return `${qualifiedKind(kind)}/${name ?? ''}`;
}

/** `--dry-run` value as kubectl's GetDryRunStrategy reads it (a bare flag is `unchanged`). */
export function parseDryRun(value: string | undefined): DryRun {
  if (value === undefined || value === 'none') return 'none';
  if (value === 'client' || value === 'unchanged') return 'client';
  if (value === 'server') return 'server';
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value)) return 'client';
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(value)) return 'none';
  throw new UserError(`Invalid dry-run value (${value}). Must be "none", "server", or "client".`);
}

function suffix(dryRun: DryRun | undefined): string {
  if (dryRun === 'client') return ' (dry run)';
  if (dryRun === 'server') return ' (server dry run)';
  return '';
}

/** Serialise an object as kubectl's -o yaml / -o json would (keys sorted as Go maps are). */
export async function formatObject(obj: KObject, format: 'yaml' | 'json'): Promise<string> {
  if (format === 'json') return `${JSON.stringify(sortKeys(obj), null, 4)}\n`;
  const { stringify } = await import('yaml');
  return stringify(sortKeys(obj), { indentSeq: false, lineWidth: 0, aliasDuplicateObjects: false });
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) out[k] = sortKeys((v as Record<string, unknown>)[k]);
    return out;
  }
  return v;
}

/** Print one object the way kubectl's PrintFlags with `operation` would. */
export async function printObject(
  out: NodeJS.WritableStream,
  kind: KindInfo,
  obj: KObject,
  operation: string,
  opts: PrintOptions = {},
): Promise<void> {
  const name = objectName(kind, obj.metadata.name);
  if (opts.output === 'name') {
    out.write(`${name}\n`);
  } else if (opts.output === 'yaml' || opts.output === 'json') {
    out.write(await formatObject(obj, opts.output));
  } else {
    const op = operation ? ` ${operation}${suffix(opts.dryRun)}` : '';
    out.write(`${name}${op}\n`);
  }
}
