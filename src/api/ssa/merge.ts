// Merging an applied configuration into the live object (structured-merge-diff's typed.Merge)
// and taking out the fields an applier no longer applies (its prune). Pure; inputs are not changed.
import { child, type FieldSet, isEmpty } from './field-set.js';
import { fieldType, resolve, type SsaType } from './schema.js';
import { isObj, itemElement } from './walk.js';

type Obj = Record<string, unknown>;

/**
 * `applied` over `live`: structs and maps merge field by field, associative lists and sets item
 * by item (live items keep their place, new ones follow in the applied order), and scalars,
 * atomic lists and atomic structs are replaced whole.
 */
export function merge(live: unknown, applied: unknown, type: SsaType): unknown {
  if (applied === undefined) return live;
  if (live === undefined || live === null || applied === null) return structuredClone(applied);
  const t = resolve(type, applied);
  if ((t.t === 'struct' || t.t === 'map') && !t.atomic) {
    if (!isObj(live) || !isObj(applied)) return structuredClone(applied);
    const out: Obj = { ...live };
    for (const [key, val] of Object.entries(applied)) {
      if (val !== undefined) out[key] = merge(live[key], val, fieldType(t, key).type);
    }
    return out;
  }
  if (t.t === 'list' && t.listType !== 'atomic' && Array.isArray(live) && Array.isArray(applied)) {
    const byElement = new Map(applied.map((item) => [itemElement(t, item), item]));
    const out = live.map((item) => {
      const pe = itemElement(t, item);
      const update = byElement.get(pe);
      if (update === undefined) return item;
      byElement.delete(pe);
      return merge(item, update, t.items);
    });
    for (const item of applied) {
      if (byElement.has(itemElement(t, item))) out.push(structuredClone(item));
    }
    return out;
  }
  return structuredClone(applied);
}

/**
 * `value` without the members of `remove`, except where `keep` still owns something under a
 * member (then only the unowned parts go), as structured-merge-diff's prune adds owned items back.
 */
export function removeFields(value: unknown, remove: FieldSet, keep: FieldSet, type: SsaType): unknown {
  const t = resolve(type, value);
  if (isObj(value) && (t.t === 'struct' || t.t === 'map')) {
    const out: Obj = { ...value };
    for (const [pe, node] of remove.children) {
      if (!pe.startsWith('f:')) continue;
      const key = pe.slice(2);
      if (!(key in out)) continue;
      const kept = child(keep, [pe]);
      if (node.member && (!kept || isEmpty(kept))) delete out[key];
      else out[key] = removeFields(out[key], node, kept ?? emptyKeep, fieldType(t, key).type);
    }
    return out;
  }
  if (Array.isArray(value) && t.t === 'list' && t.listType !== 'atomic') {
    const out: unknown[] = [];
    for (const item of value) {
      const pe = itemElement(t, item);
      const node = remove.children.get(pe);
      const kept = child(keep, [pe]);
      if (!node) out.push(item);
      else if (!node.member || (kept && !isEmpty(kept)))
        out.push(removeFields(item, node, kept ?? emptyKeep, t.items));
    }
    return out;
  }
  return value;
}

const emptyKeep: FieldSet = { member: false, children: new Map() };
