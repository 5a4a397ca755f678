// encoding/json of a typed Kubernetes object: struct fields in Go struct order (`kind` before
// `apiVersion`, `name` first in metadata, ...), maps (labels, data) with sorted keys. kubectl
// prints this for objects it builds itself (create deployment|service|namespace, run, expose);
// objects it reads back (get, apply, create -f) are unstructured maps, printed sorted by goJson.
import { FIELD_ORDER } from '../api/schema/field-order.gen.js';
import { STRUCTS } from '../api/schema/fields.gen.js';
import { byteOrder, goJson, goJsonString } from './gofmt.js';

/** The schema type of a top-level object: its kind, when mkube knows the struct. */
function rootType(value: unknown): string | undefined {
  const kind = (value as { kind?: unknown })?.kind;
  return typeof kind === 'string' && STRUCTS[kind] ? kind : undefined;
}

/** Object keys in the order Go writes them for this schema type (undefined: a map, sorted). */
function orderedKeys(obj: Record<string, unknown>, type: string | undefined): string[] {
  const keys = Object.keys(obj).filter((k) => obj[k] !== undefined);
  const order = type ? FIELD_ORDER[type] : undefined;
  if (!order) return keys.sort(byteOrder);
  const known = order.filter((k) => obj[k] !== undefined);
  const rest = keys.filter((k) => !order.includes(k)).sort(byteOrder);
  return [...known, ...rest];
}

/** The type code of a struct field (see fields.gen.ts), if the schema has it. */
function fieldType(structName: string | undefined, key: string): string | undefined {
  return structName ? STRUCTS[structName]?.f[key] : undefined;
}

/**
 * json.MarshalIndent(v, '', indent) of a typed object (indent '' for json.Marshal). `type` is a
 * fields.gen.ts type code: a struct name, `[T` (slice of T), `{T` (map of T), or a scalar.
 */
export function goJsonTyped(value: unknown, indent = ''): string {
  return encode(value, indent, rootType(value), 0);
}

function encode(value: unknown, indent: string, type: string | undefined, level: number): string {
  if (value === null || typeof value !== 'object') return goJson(value);
  const nl = indent ? `\n${indent.repeat(level + 1)}` : '';
  const close = indent ? `\n${indent.repeat(level)}` : '';
  const sep = indent ? ': ' : ':';
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const elem = type?.startsWith('[') ? type.slice(1) : undefined;
    return `[${value.map((v) => nl + encode(v, indent, type === LIST_ITEMS ? rootType(v) : elem, level + 1)).join(',')}${close}]`;
  }
  const obj = value as Record<string, unknown>;
  const isMap = type?.startsWith('{') ?? false;
  const struct = type && !isMap && STRUCTS[type] ? type : undefined;
  // A List (kind: List) is TypeMeta, ListMeta and items of their own kinds.
  const listLike = !type && obj.kind === 'List' && Array.isArray(obj.items);
  const keys = listLike ? orderedList(obj) : orderedKeys(obj, struct);
  if (keys.length === 0) return '{}';
  const valueType = (k: string) =>
    isMap
      ? type!.slice(1)
      : listLike
        ? k === 'items'
          ? LIST_ITEMS
          : k === 'metadata'
            ? 'ListMeta'
            : undefined
        : fieldType(struct, k);
  return `{${keys
    .map((k) => `${nl}${goJsonString(k)}${sep}${encode(obj[k], indent, valueType(k), level + 1)}`)
    .join(',')}${close}}`;
}

/** The items of a List: each of its own kind. */
const LIST_ITEMS = '[<items>';

function orderedList(obj: Record<string, unknown>): string[] {
  const order = ['kind', 'apiVersion', 'metadata', 'items'];
  const keys = Object.keys(obj).filter((k) => obj[k] !== undefined);
  return [
    ...order.filter((k) => keys.includes(k)),
    ...keys.filter((k) => !order.includes(k)).sort(byteOrder),
  ];
}
