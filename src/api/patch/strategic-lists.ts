// List helpers of the strategic merge: item kinds, lookups by merge key, and the ordering rules
// (patch order first, then the live order for items only the server has).
import { goFormat, isMap, type Json, type JsonMap, kindOf } from './json-value.js';
import { errBadArgType, errNoListOfLists, errNoMergeKey, StrategicPatchError } from './strategic-errors.js';

export const DIRECTIVE = '$patch';

export type ItemKind = 'map' | 'scalar';

/** The one kind the items of all `lists` share; lists of lists and mixed lists are errors. */
export function elementKind(...lists: Json[][]): ItemKind {
  let first: string | undefined;
  for (const list of lists)
    for (const v of list) {
      const k = kindOf(v);
      if (first === undefined) {
        first = k;
        if (k === 'list') throw errNoListOfLists();
      } else if (k !== first) {
        throw new StrategicPatchError(`list element types are not identical: ${goFormat(lists)}`);
      }
    }
  if (first === undefined) throw new StrategicPatchError('no elements in any of the given slices');
  return first === 'map' ? 'map' : 'scalar';
}

/** The value an item is compared by: its merge key for maps, itself for scalars. */
const identity = (item: Json, mergeKey: string, kind: ItemKind): Json =>
  kind === 'map' ? (isMap(item) ? item[mergeKey] : undefined) : item;

export function indexIn(list: Json[], item: Json, mergeKey: string, kind: ItemKind): number {
  const id = identity(item, mergeKey, kind);
  return list.findIndex((x) => identity(x, mergeKey, kind) === id);
}

/** The map in `list` whose `key` is `value`; every item must be a map. */
export function findByKey(list: Json[], key: string, value: Json): number {
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    if (!isMap(item)) throw new StrategicPatchError(`value for key ${i} is not a map`);
    if (key in item && item[key] === value) return i;
  }
  return -1;
}

export function requireMergeKeys(mergeKey: string, ...lists: Json[][]): void {
  for (const list of lists)
    for (const item of list) {
      if (!isMap(item)) throw errBadArgType('map', item);
      if (!(mergeKey in item)) throw errNoMergeKey(item, mergeKey);
    }
}

/** Go's sort.SliceStable on short lists (an insertion sort), with the same loose "less". */
function stableSort(items: Json[], less: (a: Json, b: Json) => boolean): Json[] {
  const out = [...items];
  for (let i = 1; i < out.length; i++)
    for (let j = i; j > 0 && less(out[j], out[j - 1]); j--) [out[j - 1], out[j]] = [out[j]!, out[j - 1]!];
  return out;
}

/** `toSort` in the order of `order`; `$patch: delete` items go last. */
export function sortByOrder(toSort: Json[], order: Json[], mergeKey: string, kind: ItemKind): Json[] {
  let items = toSort;
  const deletions: Json[] = [];
  if (kind === 'map') {
    requireMergeKeys(mergeKey, toSort, order);
    items = [];
    for (const v of toSort) ((v as JsonMap)[DIRECTIVE] === 'delete' ? deletions : items).push(v);
  }
  const sorted = stableSort(items, (a, b) => {
    const ia = indexIn(order, a, mergeKey, kind);
    const ib = indexIn(order, b, mergeKey, kind);
    return ia >= 0 && ib >= 0 ? ia < ib : true;
  });
  return [...sorted, ...deletions];
}

/** Interleave server-only items (`left`) into the patch items (`right`) by the live order. */
function mergeSorted(
  left: Json[],
  right: Json[],
  serverOrder: Json[],
  mergeKey: string,
  kind: ItemKind,
): Json[] {
  const out: Json[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (i >= left.length) out.push(right[j++]);
    else if (j >= right.length) out.push(left[i++]);
    else {
      const li = indexIn(serverOrder, left[i], mergeKey, kind);
      const ri = indexIn(serverOrder, right[j], mergeKey, kind);
      if (li >= 0 && ri >= 0 && li < ri) out.push(left[i++]);
      else out.push(right[j++]);
    }
  }
  return out;
}

/** The merged list's order: patch items by `patchOrder`, server-only items by `serverOrder`. */
export function normalizeOrder(
  patchItems: Json[],
  serverOnly: Json[],
  patchOrder: Json[],
  serverOrder: Json[],
  mergeKey: string,
  kind: ItemKind,
): Json[] {
  const p = sortByOrder(patchItems, patchOrder, mergeKey, kind);
  const s = sortByOrder(serverOnly, serverOrder, mergeKey, kind);
  return mergeSorted(s, p, serverOrder, mergeKey, kind);
}

/** Split `list` into the items present in `by` and the others. */
export function partitionBy(list: Json[], by: Json[], mergeKey: string, kind: ItemKind): [Json[], Json[]] {
  const inside: Json[] = [];
  const outside: Json[] = [];
  for (const v of list) {
    if (kind === 'map') {
      if (!isMap(v)) throw errBadArgType('map', v);
      if (!(mergeKey in v)) throw errNoMergeKey(v, mergeKey);
      (findByKey(by, mergeKey, v[mergeKey]) >= 0 ? inside : outside).push(v);
    } else (by.includes(v) ? inside : outside).push(v);
  }
  return [inside, outside];
}

/** Go's deduplicateScalars: a duplicate is replaced by the last item (order changes, as there). */
export function dedupeScalars(list: Json[]): Json[] {
  const s = [...list];
  let last = s.length - 1;
  for (let i = 0; i < last; i++)
    for (let j = i + 1; j <= last; j++)
      if (s[i] === s[j]) {
        s[j] = s[last];
        s.length = last;
        last--;
        j--;
      }
  return s;
}
