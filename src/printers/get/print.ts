// How `get` prints what it found (kubectl get.go Run and printGeneric): tables per resource
// type with one header each and a blank line between types, or one json/yaml/name/jsonpath
// document (several objects wrapped in a `kind: List`).
import { type KindInfo, qualifiedKind } from '../../api/kinds.js';
import type { KObject } from '../../api/types.js';
import { GenericPrinter, listOf, type OutputFormat } from '../output.js';
import { sortObjects } from '../sort.js';
import { TablePrinter } from '../table.js';
import { buildTable } from '../tables/index.js';
import { TabWriter } from '../tabwriter.js';

/** What the resource builder found (src/commands/builder.ts): a list per type, or named objects. */
export interface Info {
  kind: KindInfo;
  objects: KObject[];
  isList: boolean;
  /** The list's resourceVersion, where a watch starts. */
  resourceVersion: number;
}

export interface Resolved {
  infos: Info[];
  errors: Error[];
  /** One object named explicitly: printed as itself, not in a List. */
  singleItemImplied: boolean;
  /** Every type requested (even those that found nothing). */
  kinds: KindInfo[];
}

export interface GetPrintOptions {
  format: OutputFormat;
  namespace: string;
  allNamespaces: boolean;
  noHeaders?: boolean;
  /** --show-managed-fields: keep metadata.managedFields (kubectl omits them from every format). */
  showManagedFields?: boolean;
  showLabels?: boolean;
  showKind?: boolean;
  labelColumns?: string[];
  sortBy?: string;
  ignoreNotFound?: boolean;
}

export interface Streams {
  out: (s: string) => void;
  err: (s: string) => void;
}

/** True when the results hold more than one kind (kubectl's multipleGVKsRequested). */
export function multipleKinds(infos: Info[]): boolean {
  return new Set(infos.map((i) => i.kind)).size > 1;
}

/** The human-readable path (no -o, or -o wide). */
export function printTables(resolved: Resolved, opts: GetPrintOptions, streams: Streams, now: number): void {
  let written = 0;
  let separatorReady = false;
  const out = (s: string) => {
    if (s.length === 0) return;
    if (separatorReady) {
      streams.out('\n');
      separatorReady = false;
    }
    written += s.length;
    streams.out(s);
  };
  const w = TabWriter.forTables(out);
  const withKind = opts.showKind || multipleKinds(resolved.infos);
  let printer: TablePrinter | undefined;
  let lastKind: Info['kind'] | undefined;
  let allNamespaced = !opts.allNamespaces;
  for (const info of resolved.infos) {
    allNamespaced = allNamespaced && info.kind.namespaced;
    if (!printer || lastKind !== info.kind) {
      w.flush();
      w.setRememberedWidths([]);
      if (lastKind && !opts.noHeaders && written > 0) separatorReady = true;
      printer = new TablePrinter({
        wide: opts.format.type === 'table' && opts.format.wide,
        noHeaders: opts.noHeaders,
        withNamespace: opts.allNamespaces && info.kind.namespaced,
        kindPrefix: withKind ? qualifiedKind(info.kind) : undefined,
        showLabels: opts.showLabels,
        labelColumns: opts.labelColumns,
      });
      lastKind = info.kind;
    }
    const objects = opts.sortBy ? sortObjects(info.objects, opts.sortBy) : info.objects;
    printer.print(buildTable(info.kind, objects, now), w);
  }
  w.flush();
  if (written === 0 && !opts.ignoreNotFound && resolved.errors.length === 0) {
    streams.err(
      allNamespaced ? `No resources found in ${opts.namespace} namespace.\n` : 'No resources found\n',
    );
  }
}

/** The other formats: one object as itself, anything else as a `kind: List`. */
export function printGeneric(resolved: Resolved, opts: GetPrintOptions, streams: Streams): void {
  const objects: KObject[] = resolved.infos.flatMap((i) => i.objects);
  if (objects.length === 0 && opts.ignoreNotFound) return;
  const format = opts.format as Exclude<OutputFormat, { type: 'table' }>;
  const printer = new GenericPrinter(format, streams.out, {
    noHeaders: opts.noHeaders,
    showManagedFields: opts.showManagedFields,
  });
  if (resolved.singleItemImplied && objects.length === 1) {
    printer.print(objects[0]);
    return;
  }
  printer.print(listOf(opts.sortBy ? sortObjects(objects, opts.sortBy) : objects));
}
