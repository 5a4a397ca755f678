// `wait --for=...`: parsing and the pure checks of kubectl's cmd/wait (condition.go, json.go).
import { UserError } from '../../api/errors.js';
import type { KObject } from '../../api/types.js';

/** What json.go needs of client-go's JSONPath (src/printers/jsonpath's JsonPath). */
export interface ResultFinder {
  findResults(data: any): unknown[][];
}

export type WaitFor =
  | { type: 'delete' }
  | { type: 'create' }
  | { type: 'condition'; name: string; value: string }
  | { type: 'jsonpath'; expression: string; value?: string };

const JSONPATH_FORMAT =
  "jsonpath wait format must be --for=jsonpath='{.status.readyReplicas}'=3 or --for=jsonpath='{.status.readyReplicas}'";

/** kubectl get's RelaxedJSONPathExpression: `a.b`, `.a.b`, `{a.b}` all become `{.a.b}`. */
export function relaxedJSONPath(expr: string): string {
  if (expr === '') return expr;
  const m = /^\{\.?([^{}]+)\}$|^\.?([^{}]+)$/.exec(expr);
  if (!m) {
    throw new UserError(
      "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'",
    );
  }
  return `{.${m[1] ?? m[2]}}`;
}

// `==` inside the expression (a filter) is not a separator.
function splitJSONPathInput(input: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < input.length; i++) {
    if (input[i] === '=') {
      if (input[i + 1] === '=') {
        cur += '==';
        i++;
        continue;
      }
      out.push(cur);
      cur = '';
      continue;
    }
    cur += input[i];
  }
  out.push(cur);
  return out;
}

/** Parse --for as kubectl's conditionFuncFor does. */
export function parseWaitFor(condition: string): WaitFor {
  const lower = condition.toLowerCase();
  if (lower === 'delete') return { type: 'delete' };
  if (lower === 'create') return { type: 'create' };
  if (condition.startsWith('condition=')) {
    const rest = condition.slice('condition='.length);
    const eq = rest.indexOf('=');
    return eq < 0
      ? { type: 'condition', name: rest, value: 'true' }
      : { type: 'condition', name: rest.slice(0, eq), value: rest.slice(eq + 1) };
  }
  if (condition.startsWith('jsonpath=')) {
    const parts = splitJSONPathInput(condition.slice('jsonpath='.length));
    if (parts.length < 1 || parts.length > 2) throw new UserError(JSONPATH_FORMAT);
    const expression = relaxedJSONPath(parts[0]!);
    if (expression === '') throw new UserError('jsonpath expression cannot be empty');
    if (parts.length === 1) return { type: 'jsonpath', expression };
    const value = parts[1]!.replace(/^['"]+|['"]+$/g, '');
    if (value === '') {
      throw new UserError(
        "jsonpath wait has to have a value after equal sign, like --for=jsonpath='{.status.readyReplicas}'=3",
      );
    }
    return { type: 'jsonpath', expression, value };
  }
  throw new UserError(`unrecognized condition: "${condition}"`);
}

/** condition.go checkCondition: type and status compare case-insensitively; stale conditions wait. */
export function conditionMet(obj: KObject, name: string, value: string): boolean {
  const conditions = obj.status?.conditions;
  if (!Array.isArray(conditions)) return false;
  for (const c of conditions) {
    if (typeof c?.type !== 'string' || c.type.toLowerCase() !== name.toLowerCase()) continue;
    if (typeof c.status !== 'string') continue;
    const generation = obj.metadata.generation;
    if (typeof generation === 'number') {
      const observed =
        typeof c.observedGeneration === 'number' ? c.observedGeneration : obj.status?.observedGeneration;
      if (typeof observed === 'number' && observed < generation) return false;
    }
    return c.status.toLowerCase() === value.toLowerCase();
  }
  return false;
}

// Go's fmt %v of a JSON scalar.
function goSprint(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  return String(v);
}

/** json.go checkCondition: one value, compared as text after trimming; throws kubectl's errors. */
export function jsonPathMet(obj: KObject, finder: ResultFinder, value: string | undefined): boolean {
  const results = finder.findResults(obj);
  if (results.length === 0 || results[0]!.length === 0) return false;
  if (results.length > 1) throw new UserError('given jsonpath expression matches more than one list');
  if (results[0]!.length > 1) throw new UserError('given jsonpath expression matches more than one value');
  if (value === undefined) return true;
  const got = results[0]![0];
  if (got !== null && typeof got === 'object') {
    throw new UserError('jsonpath leads to a nested object or list which is not supported');
  }
  return goSprint(got).trim() === value.trim();
}
