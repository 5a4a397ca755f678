// What other commands use from the printers. See also describe/index.ts and pod-status.ts.
import { type KindInfo, kindFor, qualifiedKind } from '../api/kinds.js';
import type { KObject } from '../api/types.js';
import { GenericPrinter, listOf, type OutputFormat, parseOutputFormat } from './output.js';
import { type TableOptions, TablePrinter } from './table.js';
import { buildTable } from './tables/index.js';
import { TabWriter } from './tabwriter.js';

export { humanDuration, since } from './duration.js';
export { GenericPrinter, listOf, nameKindOf, type OutputFormat, parseOutputFormat } from './output.js';
export { type PodStatusColumns, podStatusColumns } from './pod-status.js';
export { formatLabels, type TableOptions, TablePrinter } from './table.js';
export { buildTable, kindTable } from './tables/index.js';
export { TabWriter } from './tabwriter.js';
export { toYaml } from './yaml.js';

export interface PrintObjectsOptions extends Omit<TableOptions, 'kindPrefix' | 'wide'> {
  /** Wrap several objects in a `kind: List` (as `get` does) instead of printing them one by one. */
  asList?: boolean;
  /** Clock for ages, ms since the epoch (tests). */
  now?: number;
}

function kindOfObject(obj: KObject): KindInfo | string {
  return kindFor(obj.apiVersion ?? '', obj.kind ?? '') ?? obj.kind;
}

function printTables(
  write: (s: string) => void,
  objects: KObject[],
  wide: boolean,
  opts: PrintObjectsOptions,
): void {
  const groups: KObject[][] = [];
  for (const obj of objects) {
    const last = groups[groups.length - 1];
    if (last && last[0]!.kind === obj.kind && last[0]!.apiVersion === obj.apiVersion) last.push(obj);
    else groups.push([obj]);
  }
  const withKind = new Set(objects.map((o) => `${o.apiVersion}/${o.kind}`)).size > 1;
  const w = TabWriter.forTables(write);
  groups.forEach((group, i) => {
    const kind = kindOfObject(group[0]!);
    if (i > 0) {
      w.flush();
      w.setRememberedWidths([]);
      if (!opts.noHeaders) write('\n');
    }
    const kindPrefix = withKind
      ? typeof kind === 'string'
        ? kind.toLowerCase()
        : qualifiedKind(kind)
      : undefined;
    new TablePrinter({ ...opts, wide, kindPrefix }).print(buildTable(kind, group, opts.now ?? Date.now()), w);
  });
  w.flush();
}

/**
 * Prints objects in an `-o` format (a parsed OutputFormat or the flag's text) as kubectl's
 * printers do: `create -o yaml` style (each object by itself, YAML documents separated by `---`),
 * or with `asList` as `get` does. Tables are grouped by kind, with kind prefixes when mixed.
 */
export function printObjects(
  out: { write(s: string): unknown },
  objects: KObject[],
  format: OutputFormat | string | undefined,
  opts: PrintObjectsOptions = {},
): void {
  const f = typeof format === 'object' ? format : parseOutputFormat(format);
  const write = (s: string) => {
    out.write(s);
  };
  if (f.type === 'table') {
    printTables(write, objects, f.wide, opts);
    return;
  }
  const printer = new GenericPrinter(f, write, opts);
  if (opts.asList && objects.length !== 1) printer.print(listOf(objects));
  else for (const obj of objects) printer.print(obj);
}
