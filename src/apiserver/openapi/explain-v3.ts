// `kubectl explain`'s plaintext output from an OpenAPI 3 group-version document: the logic of
// kubectl v1.32's pkg/explain/v2/templates/plaintext.tmpl, step for step (which schema a path
// leads to, how refs, allOf, items and maps are followed, type names, `-required-`, the
// 76/78-column wrapping and indents), so `mkube explain` prints what kubectl prints from the
// same document. Like the template, it writes as it goes: an error after the header leaves the
// header printed.
import { indent, wrapString } from './word-wrap.js';

type Schema = Record<string, any>;

export interface Gvr {
  group: string;
  version: string;
  resource: string;
}

export interface ExplainResult {
  out: string;
  /** The error kubectl reports after printing `out` (already starting with `error:` when the template's). */
  error?: string;
}

/** Go's `%v` of a GroupVersionResource. */
export function gvrString(gvr: Gvr): string {
  return `${gvr.group}/${gvr.version}, Resource=${gvr.resource}`;
}

/** Go template truthiness of a decoded JSON value. */
function truthy(v: unknown): boolean {
  if (v === undefined || v === null || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v).length > 0;
  return true;
}

/** Go's sorted map iteration. */
function sortedEntries(m: Schema): Array<[string, Schema]> {
  return Object.keys(m)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((k) => [k, m[k]]);
}

function resolveRef(ref: unknown, doc: Schema): Schema | undefined {
  if (typeof ref !== 'string' || !ref.startsWith('#') || ref.length < 2) return undefined;
  let cur: unknown = doc;
  for (const k of ref.slice(1).split('/')) {
    if (k === '') continue;
    if (!cur || typeof cur !== 'object' || Array.isArray(cur)) return undefined;
    cur = (cur as Schema)[decodeURIComponent(k)];
  }
  return cur && typeof cur === 'object' && !Array.isArray(cur) ? (cur as Schema) : undefined;
}

const isMapSchema = (ap: unknown) => truthy(ap) && typeof ap !== 'boolean';

function typeGuess(schema: Schema | undefined, doc: Schema): string {
  if (!truthy(schema)) throw new Error("expected schema argument to subtemplate 'typeguess'");
  const s = schema as Schema;
  if (truthy(s.items)) return `[]${typeGuess(s.items, doc)}`;
  if (isMapSchema(s.additionalProperties)) return `map[string]${typeGuess(s.additionalProperties, doc)}`;
  if (truthy(s.allOf) && !truthy(s.properties) && s.allOf.length === 1) return typeGuess(s.allOf[0], doc);
  if (truthy(s.$ref)) {
    const target = resolveRef(s.$ref, doc);
    if (!target || !truthy(target.type) || target.type === 'object') {
      const name = String(s.$ref).split('/').at(-1) ?? '';
      return name.split('.').at(-1) || 'Object';
    }
    return String(target.type);
  }
  if (s.type === 'object') return 'Object';
  return truthy(s.type) ? String(s.type) : 'Object';
}

function enumText(schema: Schema, longView: boolean, limit: number, indentAmount: number): string {
  const values: unknown[] = Array.isArray(schema.enum) ? schema.enum : [];
  if (!values.length) return '';
  let out = longView ? 'ENUM:' : `\n${' '.repeat(indentAmount)}enum: `;
  for (const [i, v] of values.entries()) {
    if (limit > -1 && i >= limit) {
      out += ', ....';
      break;
    }
    if (i > 0 && !longView) out += ', ';
    else if (longView) out += `\n${' '.repeat(4)}`;
    out += v === '' ? '""' : String(v);
  }
  return out;
}

function description(schema: Schema, doc: Schema): string {
  const s = resolveRef(schema.$ref, doc) ?? schema;
  if (!truthy(s)) return '';
  let out = truthy(s.description) ? `${s.description}\n` : '';
  for (const sub of s.allOf ?? []) out += description(sub, doc);
  if (truthy(s.items)) out += description(s.items, doc);
  if (isMapSchema(s.additionalProperties)) out += description(s.additionalProperties, doc);
  return out;
}

interface Ctx {
  doc: Schema;
  recursive: boolean;
}

function fieldDetail(name: string, parent: Schema, short: boolean, level: number, doc: Schema): string {
  const indentAmount = level * 2;
  const field = parent.properties[name] as Schema;
  const required = Array.isArray(parent.required) && parent.required.includes(name) ? ' -required-' : '';
  let out = `${indent(indentAmount, name)}\t<${typeGuess(field, doc)}>${required}`;
  out += `${enumText(field, false, 4, indentAmount)}\n`;
  if (!short) {
    const text = truthy(field.description) ? String(field.description) : '<no description>';
    out += `${indent(indentAmount + 2, wrapString(text, 78 - indentAmount))}\n\n`;
  }
  return out;
}

function fieldList(schema: Schema, level: number, history: Set<string>, ctx: Ctx): string {
  const ref = truthy(schema.$ref) ? String(schema.$ref) : '';
  if (ref && history.has(ref)) return '';
  const next = new Set(history).add(ref);
  const resolved = resolveRef(ref, ctx.doc) ?? schema;
  let out = '';
  for (const [name, sub] of sortedEntries(truthy(resolved.properties) ? resolved.properties : {})) {
    out += fieldDetail(name, resolved, ctx.recursive, level, ctx.doc);
    if (ctx.recursive) out += fieldList(sub, level + 1, next, ctx);
  }
  for (const sub of resolved.allOf ?? []) out += fieldList(sub, level, next, ctx);
  if (truthy(resolved.items)) out += fieldList(resolved.items, level, next, ctx);
  if (isMapSchema(resolved.additionalProperties))
    out += fieldList(resolved.additionalProperties, level, next, ctx);
  return out;
}

/** The template's "output": follows the field path, then prints the description and fields. */
function output(schema: Schema, path: string[], history: Set<string>, ctx: Ctx): string {
  const ref = truthy(schema.$ref) ? String(schema.$ref) : '';
  const next = new Set(history).add(ref);
  const resolved = resolveRef(ref, ctx.doc) ?? schema;
  if (path.length === 0) {
    const text = description(resolved, ctx.doc) || '<empty>';
    let out = `DESCRIPTION:\n${indent(4, wrapString(text, 76))}\n`;
    const fields = fieldList(resolved, 1, new Set(), ctx);
    if (fields) out += `FIELDS:\n${fields}`;
    return out;
  }
  if (ref && history.has(ref)) return '';
  const sub = truthy(resolved.properties) ? resolved.properties[path[0]] : undefined;
  if (truthy(sub)) {
    let out = '';
    if (path.length === 1)
      out += `FIELD: ${path[0]} <${typeGuess(sub, ctx.doc)}>\n${enumText(sub, true, -1, 0)}\n\n`;
    return out + output(sub, path.slice(1), new Set(), ctx);
  }
  if (truthy(resolved.items)) return output(resolved.items, path, next, ctx);
  if (isMapSchema(resolved.additionalProperties))
    return output(resolved.additionalProperties, path, next, ctx);
  for (const alternative of resolved.allOf ?? []) {
    const out = output(alternative, path, next, ctx);
    if (out) return out;
  }
  return '';
}

/** The kind a resource's paths name, as the template finds it (the last path that exists wins). */
function kindOfResource(doc: Schema, gvr: Gvr): Schema | undefined {
  const prefix = gvr.group ? `/apis/${gvr.group}` : '/api';
  const candidates = [
    `${prefix}/${gvr.version}/${gvr.resource}`,
    `${prefix}/${gvr.version}/${gvr.resource}/{name}`,
    `${prefix}/${gvr.version}/namespaces/{namespace}/${gvr.resource}`,
    `${prefix}/${gvr.version}/namespaces/{namespace}/${gvr.resource}/{name}`,
  ];
  let gvk: Schema | undefined;
  for (const path of candidates) {
    const item = doc.paths?.[path];
    if (!truthy(item)) continue;
    for (const method of ['get', 'post', 'put', 'patch', 'delete']) {
      const op = item[method];
      if (!truthy(op)) continue;
      gvk = op['x-kubernetes-group-version-kind'];
      if (truthy(gvk)) break;
    }
  }
  return truthy(gvk) ? gvk : undefined;
}

const sameGvk = (a: Schema, b: Schema) =>
  Object.keys(a).length === Object.keys(b).length && Object.keys(a).every((k) => a[k] === b[k]);

/** Go's `%v` of the GVK map: `map[group:apps kind:Deployment version:v1]`. */
function gvkString(gvk: Schema): string {
  return `map[${sortedEntries(gvk)
    .map(([k, v]) => `${k}:${v}`)
    .join(' ')}]`;
}

export function explainV3(doc: Schema, gvr: Gvr, fieldPath: string[], recursive: boolean): ExplainResult {
  const gvk = kindOfResource(doc, gvr);
  if (!gvk) return { out: '', error: `error: GVR (${gvrString(gvr)}) not found in OpenAPI schema` };
  let out = '';
  if (truthy(gvk.group)) out += `GROUP:      ${gvk.group}\n`;
  out += `KIND:       ${gvk.kind}\nVERSION:    ${gvk.version}\n\n`;
  const ctx: Ctx = { doc, recursive };
  for (const [, schema] of sortedEntries(doc.components?.schemas ?? {})) {
    const kinds = schema['x-kubernetes-group-version-kind'];
    if (!Array.isArray(kinds) || !kinds.some((k: Schema) => sameGvk(k, gvk))) continue;
    const body = output(schema, fieldPath, new Set(), ctx);
    if (!body) return { out, error: `error: field "${fieldPath.at(-1)}" does not exist` };
    return { out: `${out}${body}\n` };
  }
  return { out, error: `error: GVK ${gvkString(gvk)} not found in OpenAPI schema` };
}
