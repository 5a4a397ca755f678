// Manifest loading for -f: files, directories (-R), globs and stdin; multi-document YAML and
// JSON streams; `kind: List`. Every document keeps its file line and the line of each field, so
// errors can say where. All YAML parsing of user input lives here. Heavy (loads `yaml`): import
// it dynamically from commands.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import {
  type Document,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  parseAllDocuments,
  parseDocument,
  type Tags,
  type YAMLError,
} from 'yaml';
import { UserError } from './errors.js';
import { goYamlMessage } from './go-yaml-errors.js';
import { isJsonSyntaxError, looksLikeJson, splitJsonStream } from './json-stream.js';

export type FieldPath = ReadonlyArray<string | number>;

export interface ManifestDoc {
  /** The file as kubectl names it in messages: the path as given (joined for directories), or `STDIN`. */
  source: string;
  /** The parsed document: plain JSON values. Usually an object; validation checks. */
  object: unknown;
  /** 1-based line where the document starts. */
  line: number;
  /** 1-based file line of a field (the deepest part of `path` that exists); undefined if unknown. */
  lineOf(path: FieldPath): number | undefined;
}

export interface ManifestSource {
  source: string;
  text: string;
}

export interface ReadOptions {
  recursive?: boolean;
  /** Read for `-f -`. */
  stdin?: NodeJS.ReadableStream;
}

const MANIFEST_EXT = new Set(['.yaml', '.yml', '.json']);

async function readStream(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(typeof c === 'string' ? Buffer.from(c) : (c as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

function walk(dir: string, recursive: boolean, out: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (recursive) walk(path, recursive, out);
    } else if (MANIFEST_EXT.has(extname(entry.name).toLowerCase())) {
      out.push(path);
    }
  }
}

/** `*.yaml`-style globs in the last path segment, as kubectl (filepath.Glob) expands them. */
function expandGlob(pattern: string): string[] {
  if (!/[*?[]/.test(basename(pattern))) return [];
  const dir = dirname(pattern);
  const re = new RegExp(
    `^${basename(pattern)
      .replace(/[.+^${}()|\\]/g, '\\$&')
      .replace(/\*/g, '[^/]*')
      .replace(/\?/g, '[^/]')}$`,
  );
  try {
    return readdirSync(dir)
      .filter((n) => re.test(n))
      .sort()
      .map((n) => (dir === '.' && !pattern.startsWith('./') ? n : join(dir, n)));
  } catch {
    return [];
  }
}

/** The files behind each -f value, in order. Throws UserError for a path that does not exist. */
export function expandFilenames(filenames: string[], recursive = false): string[] {
  const files: string[] = [];
  for (const f of filenames) {
    if (f === '-') {
      files.push('-');
      continue;
    }
    if (/^https?:\/\//.test(f)) throw new UserError(`reading manifests from URLs is not supported: "${f}"`);
    let st: ReturnType<typeof statSync> | undefined;
    try {
      st = statSync(f);
    } catch {
      const matches = expandGlob(f);
      if (!matches.length) throw new UserError(`the path "${f}" does not exist`);
      files.push(...matches);
      continue;
    }
    if (st.isDirectory()) walk(f, recursive, files);
    else files.push(f);
  }
  return files;
}

/** Read every -f value; stdin (`-`) is read once. */
export async function readManifestSources(
  filenames: string[],
  opts: ReadOptions = {},
): Promise<ManifestSource[]> {
  const out: ManifestSource[] = [];
  for (const file of expandFilenames(filenames, opts.recursive)) {
    if (file === '-') {
      if (!opts.stdin) throw new UserError('reading from stdin is not available');
      out.push({ source: 'STDIN', text: await readStream(opts.stdin) });
    } else {
      out.push({ source: file, text: readFileSync(file, 'utf8') });
    }
  }
  return out;
}

// ---- parsing --------------------------------------------------------------------------------

/**
 * YAML 1.1 as kubectl's go-yaml v2 reads it (`yes`/`on`/`y` are booleans, `0644` is octal), except
 * that timestamps and base-60 numbers stay strings, as they do when go-yaml decodes into JSON.
 */
const customTags = (tags: Tags): Tags =>
  tags.filter((t) => {
    const tag = t as { tag?: string; format?: string };
    return tag.tag !== 'tag:yaml.org,2002:timestamp' && tag.format !== 'TIME';
  });

const YAML_OPTIONS = { version: '1.1', customTags, uniqueKeys: false, merge: true } as const;

function yamlError(source: string, line: number, col: number | undefined, msg: string): UserError {
  const where = col ? `line ${line}, column ${col}` : `line ${line}`;
  return new UserError(`error parsing ${source}: error converting YAML to JSON: yaml: ${where}: ${msg}`);
}

/**
 * A syntax error as kubectl prints it: go-yaml parses each `---` document on its own and counts
 * lines in it, a scanner error from 1 and a parser error from 0, and leaves out a line 0.
 */
function goYamlSyntaxError(source: string, text: string, errors: readonly YAMLError[]) {
  const err = errors[0]!;
  const line = err.linePos?.[0]?.line ?? 1;
  const msg = goYamlMessage(err.code, err.message);
  const lines = text.split('\n');
  let docStart = 1;
  for (let i = 0; i < line - 1 && i < lines.length; i++) {
    if (/^---\s*(#.*)?$/.test(lines[i]!)) docStart = i + 2;
  }
  let inDoc = line - docStart + 1;
  // A key without its ':', or a key whose ':' is on the next line: the yaml library points at the
  // key, go-yaml at the line after it.
  if (msg === "could not find expected ':'" || errors.some((e) => e.code === 'MULTILINE_IMPLICIT_KEY'))
    inDoc++;
  const shown = SCANNER_ERRORS.has(msg) ? inDoc : inDoc - 1;
  const where = inDoc > 1 ? `line ${shown}: ` : '';
  return new UserError(`error parsing ${source}: error converting YAML to JSON: yaml: ${where}${msg}`);
}

function lineIndex(text: string): (offset: number) => { line: number; col: number } {
  const counter = new LineCounter();
  counter.addNewLine(0);
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') counter.addNewLine(i + 1);
  return (offset) => counter.linePos(offset);
}

/** Line lookup inside a parsed YAML document: walk maps by key and sequences by index. */
function lineFinder(doc: Document, lineAt: (offset: number) => { line: number }, base: FieldPath = []) {
  return (path: FieldPath): number | undefined => {
    let node = doc.contents as Node | null;
    let line = node?.range ? lineAt(node.range[0]).line : undefined;
    for (const part of [...base, ...path]) {
      let next: Node | undefined;
      let at: number | undefined;
      if (isMap(node)) {
        const pair = node.items.find(
          (p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(part),
        );
        if (pair) {
          next = pair.value as Node | undefined;
          at = (pair.key as Node).range?.[0];
        }
      } else if (isSeq(node) && typeof part === 'number') {
        next = node.items[part] as Node | undefined;
        at = next?.range?.[0];
      }
      if (at === undefined) break;
      line = lineAt(at).line;
      node = next ?? null;
    }
    return line;
  };
}

/**
 * The documents of a YAML stream up to its first broken one, and the error that stopped it: as
 * kubectl's stream visitor, the documents before a syntax error are still used.
 */
function parseYamlStream(text: string, source: string): { docs: ManifestDoc[]; error?: UserError } {
  const lineAt = lineIndex(text);
  const parsed = parseAllDocuments(text, YAML_OPTIONS);
  const list = Array.isArray(parsed) ? parsed : [parsed];
  const broken = list.findIndex((doc) => doc.errors.length > 0);
  let error: UserError | undefined;
  if (broken >= 0) {
    error = goYamlSyntaxError(source, text, list[broken]!.errors);
  }
  const out: ManifestDoc[] = [];
  for (const doc of broken >= 0 ? list.slice(0, broken) : list) {
    let object: unknown;
    try {
      object = doc.toJS({ maxAliasCount: 100 });
    } catch (e) {
      const anchor = /Unresolved alias[^:]*: (.*)$/.exec((e as Error).message);
      const line = doc.contents?.range ? lineAt(doc.contents.range[0]).line : 1;
      throw yamlError(
        source,
        line,
        undefined,
        anchor ? `unknown anchor '${anchor[1]}' referenced` : (e as Error).message,
      );
    }
    if (object === null || object === undefined) continue;
    const start = doc.contents?.range?.[0] ?? 0;
    out.push({ source, object, line: lineAt(start).line, lineOf: lineFinder(doc, lineAt) });
  }
  return { docs: out, error };
}

function parseJsonStream(text: string, source: string): ManifestDoc[] {
  const lineAt = lineIndex(text);
  let chunks: ReturnType<typeof splitJsonStream>;
  try {
    chunks = splitJsonStream(text);
  } catch (e) {
    if (!isJsonSyntaxError(e)) throw e;
    // encoding/json's SyntaxError as apimachinery's decoder wraps it: the bytes read, bad one
    // included; a truncated stream is io.ErrUnexpectedEOF, unwrapped.
    if (e.message === 'unexpected EOF') throw new UserError(`error parsing ${source}: unexpected EOF`);
    throw new UserError(`error parsing ${source}: json: offset ${e.offset + 1}: ${e.message}`);
  }
  return chunks.map(({ start, end }) => {
    const chunk = text.slice(start, end);
    let finder: ((p: FieldPath) => number | undefined) | undefined;
    return {
      source,
      object: JSON.parse(chunk),
      line: lineAt(start).line,
      // Positions are only needed for error messages: parse the chunk again lazily.
      lineOf(path: FieldPath) {
        finder ??= lineFinder(parseDocument(chunk, { version: '1.2' }), (o) => lineAt(start + o));
        return finder(path);
      },
    };
  });
}

/** Documents of one file: `kind: List` flattened; empty documents skipped. Throws UserError. */
export function parseManifest(text: string, source: string): ManifestDoc[] {
  const { docs, error } = parseManifestUntilError(text, source);
  if (error) throw error;
  return docs;
}

/** The documents of one file before its first syntax error, and that error. */
function parseManifestUntilError(text: string, source: string): { docs: ManifestDoc[]; error?: UserError } {
  if (looksLikeJson(text)) return { docs: parseJsonStream(text, source).flatMap(flattenList) };
  const { docs, error } = parseYamlStream(text, source);
  return { docs: docs.flatMap(flattenList), error };
}

function flattenList(doc: ManifestDoc): ManifestDoc[] {
  const obj = doc.object as { kind?: unknown; items?: unknown };
  if (
    typeof obj !== 'object' ||
    obj === null ||
    typeof obj.kind !== 'string' ||
    !obj.kind.endsWith('List') ||
    !Array.isArray(obj.items)
  ) {
    return [doc];
  }
  return obj.items.flatMap((item, i) =>
    flattenList({
      source: doc.source,
      object: item,
      line: doc.lineOf(['items', i]) ?? doc.line,
      lineOf: (path) => doc.lineOf(['items', i, ...path]),
    }),
  );
}

/** Read and parse every -f value. A syntax error anywhere aborts before anything is returned. */
export async function loadManifests(filenames: string[], opts: ReadOptions = {}): Promise<ManifestDoc[]> {
  const sources = await readManifestSources(filenames, opts);
  return sources.flatMap((s) => parseManifest(s.text, s.source));
}

/**
 * Read and parse every -f value, going on past syntax errors as kubectl's builder does with
 * ContinueOnError: every valid document (those of a broken file before its error too) and one
 * error per broken file (`error parsing FILE: ...`), for the verb to report at the end.
 */
export async function loadManifestsContinuing(
  filenames: string[],
  opts: ReadOptions = {},
): Promise<{ docs: ManifestDoc[]; errors: UserError[] }> {
  const docs: ManifestDoc[] = [];
  const errors: UserError[] = [];
  for (const s of await readManifestSources(filenames, opts)) {
    try {
      const parsed = parseManifestUntilError(s.text, s.source);
      docs.push(...parsed.docs);
      if (parsed.error) errors.push(parsed.error);
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      errors.push(err);
    }
  }
  return { docs, errors };
}

// ---- patches ---------------------------------------------------------------------------------

const SCANNER_ERRORS = new Set([
  'mapping values are not allowed in this context',
  'found character that cannot start any token',
  'found unexpected end of stream',
  "could not find expected ':'",
]);

/**
 * A `-p`/`--patch-file` body as the JSON text kubectl sends (apimachinery yaml.ToJSON): text that
 * starts with `{` goes as it is, anything else is read as YAML (its first document). Throws an
 * Error worded as go-yaml's (`yaml: line 2: mapping values are not allowed in this context`).
 */
export function patchToJson(text: string): string {
  if (looksLikeJson(text)) return text;
  const doc = parseAllDocuments(text, YAML_OPTIONS);
  const first = Array.isArray(doc) ? doc[0] : doc;
  if (!first) return 'null';
  const err = first.errors[0];
  if (err) {
    let message = goYamlMessage(err.code, err.message);
    let line = err.linePos?.[0]?.line ?? 1;
    const atEnd = err.pos[1] >= text.trimEnd().length;
    if (err.code === 'BAD_INDENT' && /^Flow (map|sequence)/.test(err.message) && atEnd)
      message = 'did not find expected node content';
    // The yaml library points at the key; go-yaml at the line that broke it.
    if (err.code === 'BLOCK_AS_IMPLICIT_KEY' || err.code === 'MULTILINE_IMPLICIT_KEY') line++;
    // go-yaml counts scanner errors from 0 and leaves out a line 0.
    const shown = SCANNER_ERRORS.has(message) && line === 1 ? '' : `line ${line}: `;
    throw new Error(`yaml: ${shown}${message}`);
  }
  return JSON.stringify(first.toJS({ maxAliasCount: 100 }) ?? null);
}
