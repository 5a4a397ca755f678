// The two halves of `kubectl get` tables: a Table (columns + one row of cells per object, what
// the API server computes) and the client-side printer that decorates it (NAMESPACE, kind
// prefix, -L, --show-labels, EVENT) and lays it out through the tabwriter. Port of cli-runtime
// tableprinter.go (HumanReadablePrinter.PrintObj, decorateTable, printTable).
import type { KObject } from '../api/types.js';
import type { TabWriter } from './tabwriter.js';

export type CellValue = string | number | boolean | null | undefined;

export interface Column {
  name: string;
  /** 0 = always shown; 1 = only with `-o wide`. */
  priority?: number;
  /** The column holding the object name (gets the `kind/` prefix). */
  isName?: boolean;
}

export interface Row {
  cells: CellValue[];
  object?: KObject;
}

export interface Table {
  columns: Column[];
  rows: Row[];
}

export interface TableOptions {
  wide?: boolean;
  noHeaders?: boolean;
  withNamespace?: boolean;
  /** Kind prefix for the NAME column, e.g. `deployment.apps` (`--show-kind`, several types). */
  kindPrefix?: string;
  showLabels?: boolean;
  labelColumns?: string[];
}

/** `labels.FormatLabels`: `k=v` sorted by key, joined with `,`; `<none>` when empty. */
export function formatLabels(labels: Record<string, string> | undefined | null): string {
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) return '<none>';
  return keys.map((k) => `${k}=${labels![k]}`).join(',');
}

/** `-L app.kubernetes.io/name` gives the header `NAME`. */
export function labelHeader(key: string): string {
  const parts = key.split('/');
  return parts[parts.length - 1]!.toUpperCase();
}

const EVENT_TYPES: Record<string, string> = {
  ADDED: 'ADDED   ',
  MODIFIED: 'MODIFIED',
  DELETED: 'DELETED ',
  ERROR: 'ERROR   ',
};

/** Terminal escapes are made harmless, as cli-runtime's WriteEscaped does. */
export const escapeTerminal = (s: string): string => s.replaceAll('\x1b', '^[').replaceAll('\r', '\\r');

function cellText(cell: CellValue): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell !== 'string') return escapeTerminal(String(cell));
  const cut = cell.search(/[\f\n\r]/);
  return cut >= 0 ? `${escapeTerminal(cell.slice(0, cut))}...` : escapeTerminal(cell);
}

const sameColumns = (a: Column[] | undefined, b: Column[]): boolean =>
  !!a && a.length === b.length && a.every((c, i) => c.name === b[i]!.name && c.priority === b[i]!.priority);

function decorate(table: Table, opts: TableOptions): Table {
  const columns: Column[] = [];
  if (opts.withNamespace) columns.push({ name: 'Namespace' });
  columns.push(...table.columns);
  for (const key of opts.labelColumns ?? []) columns.push({ name: labelHeader(key) });
  if (opts.showLabels) columns.push({ name: 'Labels' });
  const nameColumn = opts.kindPrefix ? table.columns.findIndex((c) => c.isName) : -1;
  const rows = table.rows.map((row) => {
    const cells = [...row.cells];
    if (nameColumn >= 0) cells[nameColumn] = `${opts.kindPrefix}/${cells[nameColumn]}`;
    const meta = row.object?.metadata;
    if (opts.withNamespace) cells.unshift(meta?.namespace ?? '');
    while (cells.length < table.columns.length + (opts.withNamespace ? 1 : 0)) cells.push(null);
    for (const key of opts.labelColumns ?? []) cells.push(meta?.labels?.[key] ?? '');
    if (opts.showLabels) cells.push(formatLabels(meta?.labels));
    return { ...row, cells };
  });
  return { columns, rows };
}

/**
 * Prints tables one after another into a tabwriter, printing the header again only when the
 * columns change (so `get a b` and `get -w` show one header). One printer per resource type.
 */
export class TablePrinter {
  private lastColumns: Column[] | undefined;
  private printedHeaders = false;

  constructor(private readonly opts: TableOptions) {}

  print(table: Table, w: TabWriter, eventType?: string): void {
    let noHeaders = !!this.opts.noHeaders;
    if (this.printedHeaders && sameColumns(this.lastColumns, table.columns)) noHeaders = true;
    if (!sameColumns(this.lastColumns, table.columns)) {
      this.lastColumns = table.columns;
      this.printedHeaders = false;
    }
    if (table.rows.length > 0) this.printedHeaders = true;
    let decorated = decorate(table, this.opts);
    if (eventType) {
      decorated = {
        columns: [{ name: 'Event' }, ...decorated.columns],
        rows: decorated.rows.map((r) => ({ ...r, cells: [EVENT_TYPES[eventType] ?? eventType, ...r.cells] })),
      };
    }
    printTable(decorated, w, { wide: this.opts.wide, noHeaders });
  }
}

/** Writes header and rows, tab-separated; nothing at all for a table without rows. */
export function printTable(table: Table, w: TabWriter, opts: { wide?: boolean; noHeaders?: boolean }): void {
  const shown = (c: Column) => opts.wide || !c.priority;
  if (!opts.noHeaders) {
    if (table.rows.length === 0) return;
    w.write(
      `${table.columns
        .filter(shown)
        .map((c) => c.name.toUpperCase())
        .join('\t')}\n`,
    );
  }
  for (const row of table.rows) {
    const cells: string[] = [];
    row.cells.forEach((cell, i) => {
      const column = table.columns[i];
      if (column && shown(column)) cells.push(cellText(cell));
    });
    w.write(`${cells.join('\t')}\n`);
  }
}
