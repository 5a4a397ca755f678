// `-o custom-columns=HEADER:path,...` (kubectl get/customcolumn.go): headers as given, one
// row per object, `<none>` when a path finds nothing, several matches joined with `,`.
import { UserError } from '../api/errors.js';
import type { KObject } from '../api/types.js';
import { goSprint } from './gofmt.js';
import { JsonPath } from './jsonpath/index.js';
import { escapeTerminal } from './table.js';
import type { TabWriter } from './tabwriter.js';

export interface CustomColumn {
  header: string;
  /** A full JSONPath template, e.g. `{.metadata.name}`. */
  path: string;
}

const relaxedRex = /^\{\.?([^{}]+)\}$|^\.?([^{}]+)$/;

/** `metadata.name`, `.metadata.name`, `{metadata.name}` -> `{.metadata.name}`. */
export function relaxedJsonPath(expr: string): string {
  if (expr === '') return expr;
  const m = relaxedRex.exec(expr);
  if (!m) {
    throw new UserError(
      "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'",
    );
  }
  return `{.${m[1] || m[2]}}`;
}

export function parseCustomColumns(spec: string): CustomColumn[] {
  if (spec === '') throw new UserError('custom-columns format specified but no custom columns given');
  return spec.split(',').map((part) => {
    const i = part.indexOf(':');
    if (i < 0)
      throw new UserError(`unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>`);
    return { header: part.slice(0, i), path: relaxedJsonPath(part.slice(i + 1)) };
  });
}

/** A file of two whitespace-separated lines: headers, then paths. */
export function parseCustomColumnsFile(text: string): CustomColumn[] {
  const lines = text.split('\n');
  const words = (l: string | undefined) => (l ?? '').split(/\s+/).filter(Boolean);
  if (lines.length < 1 || !lines[0]) {
    throw new UserError(
      'invalid template, missing header line. Expected format is one line of space separated headers, one line of space separated column specs.',
    );
  }
  if (lines.length < 2) {
    throw new UserError(
      'invalid template, missing spec line. Expected format is one line of space separated headers, one line of space separated column specs.',
    );
  }
  const headers = words(lines[0]);
  const specs = words(lines[1]);
  if (headers.length !== specs.length) {
    throw new UserError(
      `number of headers (${headers.length}) and field specifications (${specs.length}) don't match`,
    );
  }
  return headers.map((header, i) => ({ header, path: relaxedJsonPath(specs[i]!) }));
}

/** Prints custom columns for `objects`; the header once per printer unless noHeaders. */
export class CustomColumnsPrinter {
  private printedHeader = false;
  private readonly parsers: JsonPath[];

  constructor(
    private readonly columns: CustomColumn[],
    private readonly noHeaders = false,
  ) {
    this.parsers = columns.map((c) => new JsonPath(c.path, { allowMissingKeys: true }));
  }

  print(objects: KObject[], w: TabWriter): void {
    if (!this.noHeaders && !this.printedHeader) {
      w.write(`${this.columns.map((c) => c.header).join('\t')}\n`);
      this.printedHeader = true;
    }
    for (const obj of objects) w.write(`${this.row(obj).join('\t')}\n`);
  }

  row(obj: unknown): string[] {
    return this.parsers.map((parser) => {
      const results = parser.findResults(obj);
      const values: string[] = [];
      if (results.length === 0 || results[0]!.length === 0) values.push('<none>');
      for (const list of results) for (const v of list) values.push(escapeTerminal(goSprint(v)));
      return values.join(',');
    });
  }
}
