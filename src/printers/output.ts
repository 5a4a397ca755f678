// `-o` formats: parsing the flag as kubectl's PrintFlags do, and printing objects in the
// non-table formats (json, yaml, name, jsonpath, jsonpath-as-json, custom-columns, go-template).
import { readFileSync } from 'node:fs';
import { UserError } from '../api/errors.js';
import { kindFor, qualifiedKind } from '../api/kinds.js';
import type { KObject } from '../api/types.js';
import {
  type CustomColumn,
  CustomColumnsPrinter,
  parseCustomColumns,
  parseCustomColumnsFile,
} from './custom-columns.js';
import { goJsonTyped } from './go-json-typed.js';
import {
  GoTemplate,
  goQuote,
  sprintValue,
  TemplateExecError,
  TemplateParseError,
} from './go-template/index.js';
import { goJson, goJsonString } from './gofmt.js';
import { executeAsJson, JsonPath, JsonPathError, JsonPathSyntaxError } from './jsonpath/index.js';
import { TabWriter } from './tabwriter.js';
import { toYaml } from './yaml.js';

export type OutputFormat =
  | { type: 'table'; wide: boolean }
  | { type: 'json' }
  | { type: 'yaml' }
  | { type: 'name' }
  | { type: 'jsonpath'; template: string; asJson: boolean; jsonPath: JsonPath }
  | { type: 'custom-columns'; columns: CustomColumn[] }
  | { type: 'go-template'; template: GoTemplate };

const ALLOWED = [
  'custom-columns',
  'custom-columns-file',
  'go-template',
  'go-template-file',
  'json',
  'jsonpath',
  'jsonpath-as-json',
  'jsonpath-file',
  'name',
  'template',
  'templatefile',
  'wide',
  'yaml',
];

/** The kind as `-o name` prints it: `pod`, `deployment.apps`, from the object's apiVersion. */
export function nameKindOf(obj: KObject): string {
  const info = kindFor(obj.apiVersion ?? '', obj.kind ?? '');
  if (info) return qualifiedKind(info);
  const apiVersion = obj.apiVersion ?? '';
  const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
  const kind = String(obj.kind || '<unknown>').toLowerCase();
  return group ? `${kind}.${group}` : kind;
}

function jsonPathFormat(template: string, asJson: boolean, allowMissingKeys = true): OutputFormat {
  if (template === '') throw new UserError('template format specified but no template given');
  try {
    return {
      type: 'jsonpath',
      template,
      asJson,
      jsonPath: new JsonPath(template, { allowMissingKeys }),
    };
  } catch (e) {
    if (e instanceof JsonPathSyntaxError)
      throw new UserError(`error parsing jsonpath ${template}, ${e.message}`);
    throw e;
  }
}

function goTemplateFormat(text: string, allowMissingKeys = true): OutputFormat {
  if (text === '') throw new UserError('template format specified but no template given');
  try {
    return { type: 'go-template', template: new GoTemplate(text, { allowMissingKeys }) };
  } catch (e) {
    if (e instanceof TemplateParseError) throw new UserError(`error parsing template ${text}, ${e.message}`);
    throw e;
  }
}

function readTemplateFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new UserError(`error reading --template ${path}, ${(e as Error).message}`);
  }
}

/**
 * Parses `-o`/`--output` (and `--template`). `allowed` narrows the formats a command supports
 * (e.g. `get` allows `wide`, `create` does not).
 */
export function parseOutputFormat(
  output: string | undefined,
  opts: { template?: string; allowWide?: boolean; allowMissingKeys?: boolean } = {},
): OutputFormat {
  const value = output ?? '';
  const eq = value.indexOf('=');
  const name = eq >= 0 ? value.slice(0, eq) : value;
  const arg = eq >= 0 ? value.slice(eq + 1) : (opts.template ?? '');
  const allowed = opts.allowWide === false ? ALLOWED.filter((f) => f !== 'wide') : ALLOWED;
  switch (name) {
    case '':
      return { type: 'table', wide: false };
    case 'wide':
      if (opts.allowWide === false) break;
      return { type: 'table', wide: true };
    case 'json':
    case 'yaml':
    case 'name':
      if (eq < 0) return { type: name };
      break;
    case 'jsonpath':
    case 'jsonpath-as-json':
      return jsonPathFormat(arg, name === 'jsonpath-as-json', opts.allowMissingKeys);
    case 'jsonpath-file':
      if (arg === '') throw new UserError('template format specified but no template given');
      return jsonPathFormat(readTemplateFile(arg), false, opts.allowMissingKeys);
    case 'custom-columns':
      return { type: 'custom-columns', columns: parseCustomColumns(arg) };
    case 'custom-columns-file':
      if (arg === '') throw new UserError('custom-columns format specified but no custom columns file given');
      return { type: 'custom-columns', columns: parseCustomColumnsFile(readTemplateFile(arg)) };
    case 'go-template':
    case 'template':
      return goTemplateFormat(arg, opts.allowMissingKeys);
    case 'go-template-file':
    case 'templatefile':
      if (arg === '') throw new UserError('template format specified but no template given');
      return goTemplateFormat(readTemplateFile(arg), opts.allowMissingKeys);
  }
  throw new UserError(
    `unable to match a printer suitable for the output format "${value}", allowed formats are: ${allowed.join(',')}`,
  );
}

/** kubectl drops managedFields from json/yaml unless --show-managed-fields. */
function withoutManagedFields(obj: any): any {
  if (obj?.kind === 'List' && Array.isArray(obj.items))
    return { ...obj, items: obj.items.map(withoutManagedFields) };
  if (!obj?.metadata?.managedFields) return obj;
  const { managedFields: _drop, ...metadata } = obj.metadata;
  return { ...obj, metadata };
}

/** The `kind: List` that `get` wraps several objects in (printGeneric). */
export function listOf(objects: KObject[]): Record<string, unknown> {
  return { apiVersion: 'v1', items: objects, kind: 'List', metadata: { resourceVersion: '' } };
}

/** Runs a jsonpath template, with kubectl's wording when it fails on the data. */
function runJsonPath(f: Extract<OutputFormat, { type: 'jsonpath' }>, obj: unknown): string {
  try {
    return f.asJson ? executeAsJson(f.jsonPath, obj) : f.jsonPath.execute(obj);
  } catch (e) {
    if (!(e instanceof JsonPathError)) throw e;
    throw new UserError(
      `error executing jsonpath ${goJsonString(f.template)}: Error executing template: ${e.message}. Printing more information for debugging the template:\n\ttemplate was:\n\t\t${f.template}\n\tobject given to jsonpath engine was:\n\t\t${goJson(obj)}\n\n`,
    );
  }
}

/**
 * Runs a Go template as kubectl's GoTemplatePrinter: on failure the output so far and a debugging
 * dump go to stdout, then the error.
 */
function runGoTemplate(
  template: GoTemplate,
  obj: unknown,
  write: (s: string) => void,
  typed?: boolean,
): void {
  try {
    write(template.execute(obj));
  } catch (e) {
    if (!(e instanceof TemplateExecError)) throw e;
    write(
      `${e.partial}Error executing template: ${e.message}. Printing more information for debugging the template:\n\ttemplate was:\n\t\t${template.text}\n\traw data was:\n\t\t${(typed ? goJsonTyped : goJson)(obj)}\n\tobject given to template engine was:\n\t\t${sprintValue(obj as never)}\n\n`,
    );
    throw new UserError(`error executing template ${goQuote(template.text)}: ${e.message}`);
  }
}

/**
 * A printer for the non-table formats with kubectl's ResourcePrinter semantics: print(obj) may
 * be called several times (yaml separates documents with `---`; custom-columns prints one header).
 */
export class GenericPrinter {
  private count = 0;
  private readonly columns?: CustomColumnsPrinter;
  private readonly tabs?: TabWriter;

  constructor(
    private readonly format: Exclude<OutputFormat, { type: 'table' }>,
    private readonly write: (s: string) => void,
    /** typed: the object is one kubectl builds itself, whose -o json is in Go struct order. */
    private readonly opts: { noHeaders?: boolean; typed?: boolean; showManagedFields?: boolean } = {},
  ) {
    if (format.type === 'custom-columns') {
      this.columns = new CustomColumnsPrinter(format.columns, opts.noHeaders);
      this.tabs = TabWriter.forTables(write);
    }
  }

  /** Prints one object, or a `kind: List` (whose items name and custom-columns print one by one). */
  print(obj: any): void {
    this.count++;
    // kubectl's OmitManagedFieldsPrinter wraps json and yaml unless --show-managed-fields.
    const shown = this.opts.showManagedFields ? obj : withoutManagedFields(obj);
    const f = this.format;
    const isList = obj?.kind === 'List' && Array.isArray(obj.items);
    if (f.type === 'json') {
      const json = this.opts.typed ? goJsonTyped : goJson;
      this.write(`${json(shown, '    ')}\n`);
    } else if (f.type === 'yaml') {
      if (this.count > 1) this.write('---\n');
      this.write(toYaml(shown));
    } else if (f.type === 'name') {
      for (const o of isList ? obj.items : [obj])
        this.write(`${nameKindOf(o)}/${o.metadata?.name || '<unknown>'}\n`);
    } else if (f.type === 'jsonpath') this.write(runJsonPath(f, obj));
    else if (f.type === 'go-template') runGoTemplate(f.template, obj, this.write, this.opts.typed);
    else {
      this.columns!.print(isList ? obj.items : [obj], this.tabs!);
      this.tabs!.flush();
    }
  }
}
