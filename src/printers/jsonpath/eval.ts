// Evaluation of the Kubernetes JSONPath dialect over JSON data: a port of client-go
// util/jsonpath/jsonpath.go. Results are lists of values; a missing key yields no value
// (allowMissingKeys, kubectl's default), JSON null is a value.
import { goJson, goNumber } from '../gofmt.js';
import type { ListNode, Node } from './nodes.js';
import { Parser } from './parser.js';

export class JsonPathError extends Error {}

/** A float literal from the template (`1.0`), which Go keeps apart from ints when comparing. */
class FloatLiteral {
  constructor(readonly value: number) {}
}

type Value = unknown;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof FloatLiteral);

type Kind = 'bool' | 'int' | 'float' | 'string';

function basicKind(v: Value): Kind {
  if (v instanceof FloatLiteral) return 'float';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  if (typeof v === 'string') return 'string';
  throw new JsonPathError('invalid type for comparison');
}

const plain = (v: Value) => (v instanceof FloatLiteral ? v.value : v) as number | string | boolean;

/** text/template's eq/lt semantics: same basic kind or "incompatible types for comparison". */
function compare(op: string, left: Value, right: Value): boolean {
  const k1 = basicKind(left);
  const k2 = basicKind(right);
  if (k1 !== k2) throw new JsonPathError('incompatible types for comparison');
  const a = plain(left);
  const b = plain(right);
  if (op === '==') return a === b;
  if (op === '!=') return a !== b;
  if (k1 === 'bool') throw new JsonPathError('invalid type for comparison');
  switch (op) {
    case '<':
      return a < b;
    case '>':
      return a > b;
    case '<=':
      return a <= b;
    case '>=':
      return a >= b;
  }
  throw new JsonPathError(`unrecognized filter operator ${op}`);
}

function children(v: Value): Value[] {
  if (Array.isArray(v)) return v;
  // Indexing a Go string yields its bytes (uint8), which have no children themselves.
  if (typeof v === 'string') return [...new TextEncoder().encode(v)];
  if (isObject(v)) return Object.values(v);
  return [];
}

export interface JsonPathOptions {
  allowMissingKeys?: boolean;
}

export class JsonPath {
  private readonly root: ListNode;
  private beginRange = 0;
  private inRange = 0;
  private endRange = 0;
  private lastEndNode: Node | undefined;
  private readonly allowMissingKeys: boolean;

  constructor(template: string, opts: JsonPathOptions = {}) {
    this.root = Parser.parse(template);
    this.allowMissingKeys = opts.allowMissingKeys ?? true;
  }

  /** Every result list of the template, as FindResults returns them. */
  findResults(data: Value): Value[][] {
    this.beginRange = this.inRange = this.endRange = 0;
    return this.find(data, this.root.nodes);
  }

  /** The template's text output, as Execute + PrintResults write it (no trailing newline). */
  execute(data: Value): string {
    return this.findResults(data).map(printResults).join('');
  }

  private find(data: Value, nodes: Node[]): Value[][] {
    const full: Value[][] = [];
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i]!;
      const results = this.walk([data], node);
      if (this.endRange > 0 && this.endRange <= this.inRange) {
        this.endRange--;
        this.lastEndNode = node;
        break;
      }
      if (this.beginRange > 0) {
        this.beginRange--;
        this.inRange++;
        const rest = nodes.slice(i + 1);
        if (results.length > 0) for (const value of results) full.push(...this.find(value, rest));
        else this.find(null, rest);
        this.inRange--;
        // Resume after the `end` that closed this range.
        for (let k = i + 1; k < nodes.length; k++) {
          if (nodes[k] === this.lastEndNode) {
            i = k;
            break;
          }
        }
        continue;
      }
      full.push(results);
    }
    return full;
  }

  private walk(input: Value[], node: Node): Value[] {
    switch (node.type) {
      case 'list':
        return node.nodes.reduce<Value[]>((cur, n) => this.walk(cur, n), input);
      case 'text':
        return [node.text];
      case 'field':
        return this.evalField(input, node.value);
      case 'array':
        return evalArray(input, node.params);
      case 'filter':
        return this.evalFilter(input, node);
      case 'int':
      case 'bool':
        return input.map(() => node.value);
      case 'float':
        return input.map(() => new FloatLiteral(node.value));
      case 'wildcard':
        return input.filter((v) => v !== null && v !== undefined).flatMap(children);
      case 'recursive':
        return evalRecursive(input);
      case 'union':
        return node.nodes.flatMap((list) => this.walk(input, list));
      case 'identifier':
        return this.evalIdentifier(input, node.name);
    }
  }

  private evalIdentifier(input: Value[], name: string): Value[] {
    if (name === 'range') {
      this.beginRange++;
      return input;
    }
    if (name === 'end') {
      if (this.inRange > 0) {
        this.endRange++;
        return [];
      }
      throw new JsonPathError('not in range, nothing to end');
    }
    throw new JsonPathError(`unrecognized identifier ${name}`);
  }

  private evalField(input: Value[], key: string): Value[] {
    if (input.length === 0) return [];
    const results: Value[] = [];
    for (const value of input) {
      if (isObject(value) && Object.hasOwn(value, key)) results.push(value[key]);
    }
    if (results.length === 0 && !this.allowMissingKeys) throw new JsonPathError(`${key} is not found`);
    return results;
  }

  private evalFilter(input: Value[], node: Extract<Node, { type: 'filter' }>): Value[] {
    const results: Value[] = [];
    for (const value of input) {
      if (!Array.isArray(value))
        throw new JsonPathError(`${goJson(value)} is not array or slice and cannot be filtered`);
      for (const item of value) {
        const lefts = this.walk([item], node.left);
        if (node.operator === 'exists') {
          if (lefts.length > 0) results.push(item);
          continue;
        }
        if (lefts.length === 0) continue;
        if (lefts.length > 1) throw new JsonPathError('can only compare one element at a time');
        const rights = this.walk([item], node.right);
        if (rights.length === 0) continue;
        if (rights.length > 1) throw new JsonPathError('can only compare one element at a time');
        if (!['<', '>', '==', '!=', '<=', '>='].includes(node.operator)) {
          throw new JsonPathError(`unrecognized filter operator ${node.operator}`);
        }
        if (compare(node.operator, lefts[0], rights[0])) results.push(item);
      }
    }
    return results;
  }
}

function evalArray(input: Value[], params: Extract<Node, { type: 'array' }>['params']): Value[] {
  const result: Value[] = [];
  for (const value of input) {
    if (value === null || value === undefined) continue;
    if (!Array.isArray(value)) throw new JsonPathError(`${typeName(value)} is not array or slice`);
    const len = value.length;
    let start = params[0].known ? params[0].value : 0;
    if (start < 0) start += len;
    let end = params[1].known ? params[1].value : len;
    if (end < 0 || (end === 0 && params[1].derived)) end += len;
    if (end === start) return result;
    if (start >= len || start < 0)
      throw new JsonPathError(`array index out of bounds: index ${start}, length ${len}`);
    if (end > len || end < 0)
      throw new JsonPathError(`array index out of bounds: index ${end - 1}, length ${len}`);
    if (start > end) throw new JsonPathError(`starting index ${start} is greater than ending index ${end}`);
    let step = 1;
    if (params[2].known) {
      if (params[2].value <= 0) throw new JsonPathError('step must be > 0');
      step = params[2].value;
    }
    const slice = value.slice(start, end);
    for (let i = 0; i < slice.length; i += step) result.push(slice[i]);
  }
  return result;
}

function evalRecursive(input: Value[]): Value[] {
  const result: Value[] = [];
  for (const value of input) {
    if (value === null || value === undefined) continue;
    const kids = children(value);
    if (kids.length !== 0) {
      result.push(value);
      result.push(...evalRecursive(kids));
    }
  }
  return result;
}

function typeName(v: Value): string {
  if (isObject(v)) return 'map[string]interface {}';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int64' : 'float64';
  return 'interface {}';
}

/** One value as text: maps and lists as compact JSON, null as `null`, numbers as Go prints them. */
export function valueText(v: Value): string {
  if (v instanceof FloatLiteral) return goNumber(v.value);
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'object') return goJson(v);
  if (typeof v === 'number') return goNumber(v);
  return String(v);
}

/** PrintResults: the values of one expression joined with single spaces. */
function printResults(results: Value[]): string {
  return results.map(valueText).join(' ');
}

/** `-o jsonpath-as-json`: each result list as an indented JSON array (plus newline). */
export function executeAsJson(jp: JsonPath, data: Value): string {
  return jp
    .findResults(data)
    .map(
      (results) =>
        `${goJson(
          results.map((v) => (v instanceof FloatLiteral ? v.value : v)),
          '    ',
        )}\n`,
    )
    .join('');
}
