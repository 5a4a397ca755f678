// The two walks over an object that field ownership rests on (structured-merge-diff's
// typed.ToFieldSet and typed.Compare): the set of fields a value sets, and what changed between
// two values. Pure.
import { deepEqual as jsonEqual } from '../json-equal.js';
import { emptySet, type FieldSet, insert } from './field-set.js';
import { fieldType, KEY_DEFAULTS, resolve, type SsaType } from './schema.js';

type Obj = Record<string, unknown>;

export const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A node whose parts are owned one by one (not a scalar or an atomic value). */
function isGranular(t: SsaType): boolean {
  if (t.t === 'struct') return !t.atomic;
  if (t.t === 'list') return t.listType !== 'atomic';
  return t.t === 'map' && !t.atomic;
}

/** The path element of an item of a set or associative list: `v:<json>` or `k:{"key":...}`. */
export function itemElement(t: Extract<SsaType, { t: 'list' }>, item: unknown): string {
  if (t.listType === 'set') return `v:${JSON.stringify(item)}`;
  const key: Obj = {};
  for (const k of [...t.keys].sort()) {
    const v = isObj(item) ? (item[k] ?? KEY_DEFAULTS[k]) : undefined;
    if (v !== undefined) key[k] = v;
  }
  return `k:${JSON.stringify(key)}`;
}

/** The fields `value` (of type `t`) sets. */
export function toFieldSet(value: unknown, t: SsaType): FieldSet {
  const set = emptySet();
  walkFields(value, t, [], set);
  return set;
}

function walkFields(v: unknown, type: SsaType, path: string[], set: FieldSet): void {
  const t = resolve(type, v);
  if (v === null || v === undefined) return;
  const granular = isGranular(t) && (t.t === 'list' ? Array.isArray(v) : isObj(v));
  if (!granular) {
    insert(set, path);
    return;
  }
  if (t.t === 'list') {
    for (const item of v as unknown[]) {
      const p = [...path, itemElement(t, item)];
      walkFields(item, t.items, p, set);
      insert(set, p);
    }
    return;
  }
  for (const [key, val] of Object.entries(v as Record<string, unknown>)) {
    if (val === undefined) continue;
    const { type: ft, declared } = fieldType(t, key);
    const p = [...path, `f:${key}`];
    walkFields(val, ft, p, set);
    // A struct field is owned through its parts; a map key, an empty map or a null itself.
    if (val === null || (isObj(val) && !Object.keys(val).length) || !declared) insert(set, p);
  }
}

export interface Comparison {
  added: FieldSet;
  modified: FieldSet;
  removed: FieldSet;
}

/** What changed from `lhs` to `rhs` (both of type `t`). */
export function compare(lhs: unknown, rhs: unknown, t: SsaType): Comparison {
  const c: Comparison = { added: emptySet(), modified: emptySet(), removed: emptySet() };
  compareNode(lhs, rhs, t, [], c);
  return c;
}

const isEmptyValue = (v: unknown) =>
  v === undefined || v === null || (Array.isArray(v) ? !v.length : isObj(v) && !Object.keys(v).length);

function compareNode(l: unknown, r: unknown, type: SsaType, path: string[], c: Comparison): void {
  if (l === undefined && r === undefined) return;
  const t = resolve(type, r === undefined ? l : r);
  // A null list or map is an empty one that is there (Go's nil slice of a required field).
  const container = (v: unknown) =>
    v === undefined || v === null || (t.t === 'list' ? Array.isArray(v) : isObj(v));
  const leaf = !isGranular(t) || !container(l) || !container(r) || (isEmptyValue(l) && isEmptyValue(r));
  if (leaf) {
    if (l === undefined) insert(c.added, path);
    else if (r === undefined) insert(c.removed, path);
    else if (!jsonEqual(l, r)) insert(c.modified, path);
    return;
  }
  if (t.t === 'list') {
    const items = new Map<string, [unknown, unknown]>();
    for (const item of (l as unknown[] | undefined) ?? []) items.set(itemElement(t, item), [item, undefined]);
    for (const item of (r as unknown[] | undefined) ?? []) {
      const pe = itemElement(t, item);
      items.set(pe, [items.get(pe)?.[0], item]);
    }
    for (const [pe, [li, ri]] of items) compareNode(li, ri, t.items, [...path, pe], c);
  } else {
    const lo = (l as Obj | undefined) ?? {};
    const ro = (r as Obj | undefined) ?? {};
    for (const key of new Set([...Object.keys(lo), ...Object.keys(ro)])) {
      compareNode(lo[key], ro[key], fieldType(t, key).type, [...path, `f:${key}`], c);
    }
  }
  if (path.length && l === undefined) insert(c.added, path);
  else if (path.length && r === undefined) insert(c.removed, path);
}
