// kustomize's field specs: which field of which kinds a transformer touches (`path` with `/`
// between fields, `\/` inside a field name, `[]` or a list met on the way meaning every item),
// and whether missing maps on the way are created.
import { type Gvk, isObject, type JsonObject } from './resource.js';

export interface FieldSpec {
  path: string;
  group?: string;
  version?: string;
  kind?: string;
  create?: boolean;
}

/** A spec applies to a resource when every part of its gvk it names matches. */
export function specMatches(spec: Omit<FieldSpec, 'path'>, gvk: Gvk): boolean {
  if (spec.kind && spec.kind !== gvk.kind) return false;
  if (spec.group && spec.group !== gvk.group) return false;
  if (spec.version && spec.version !== gvk.version) return false;
  return true;
}

export function splitPath(path: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < path.length; i++) {
    if (path[i] === '\\' && path[i + 1] === '/') {
      cur += '/';
      i++;
    } else if (path[i] === '/') {
      out.push(cur);
      cur = '';
    } else cur += path[i];
  }
  out.push(cur);
  return out;
}

/** The map holding the last field, and that field's name, for every place the path reaches. */
export type Leaf = (parent: JsonObject, field: string, create: boolean) => void;

export function visitPath(node: unknown, segments: string[], create: boolean, leaf: Leaf): void {
  if (Array.isArray(node)) {
    for (const item of node) visitPath(item, segments, create, leaf);
    return;
  }
  if (!isObject(node) || segments.length === 0) return;
  const [first, ...rest] = segments as [string, ...string[]];
  const field = first.endsWith('[]') ? first.slice(0, -2) : first;
  if (rest.length === 0) {
    leaf(node, field, create);
    return;
  }
  if (node[field] === undefined || node[field] === null) {
    if (!create || first.endsWith('[]')) return;
    node[field] = {};
  }
  visitPath(node[field], rest, create, leaf);
}

/** Visit a spec's field in an object when the spec applies to its kind. */
export function applySpecs(obj: JsonObject, gvk: Gvk, specs: readonly FieldSpec[], leaf: Leaf): void {
  for (const spec of specs) {
    if (!specMatches(spec, gvk)) continue;
    visitPath(obj, splitPath(spec.path), !!spec.create, leaf);
  }
}

/** Set every pair into the map at the leaf (created when the spec creates). */
export function mergeInto(pairs: Record<string, string>): Leaf {
  return (parent, field, create) => {
    if (!isObject(parent[field])) {
      if (!create) return;
      parent[field] = {};
    }
    Object.assign(parent[field] as JsonObject, pairs);
  };
}
