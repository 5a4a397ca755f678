// Strategic merge patch (Kubernetes' k8s.io/apimachinery strategicpatch): a JSON merge patch whose
// lists merge item by item where the schema says so, with the directives `$patch`
// (merge | replace | delete), `$retainKeys`, `$setElementOrder/<list>` and
// `$deleteFromPrimitiveList/<list>`. Pure: inputs are cloned, never changed.
import { clone, deepEqual, isMap, type Json, type JsonMap, kindOf } from './json-value.js';
import { type PatchSchema, schemaForKind } from './schema.js';
import {
  errBadArgType,
  errBadPatchType,
  errBadPrimitiveList,
  errBadRetainKeys,
  errBadSetElementOrder,
  errNoMergeKey,
  StrategicPatchError,
} from './strategic-errors.js';
import {
  DIRECTIVE,
  dedupeScalars,
  elementKind,
  findByKey,
  normalizeOrder,
  partitionBy,
} from './strategic-lists.js';

export const RETAIN_KEYS = '$retainKeys';
export const DELETE_FROM_PRIMITIVE_LIST = '$deleteFromPrimitiveList';
export const SET_ELEMENT_ORDER = '$setElementOrder';

export interface MergeOptions {
  /** Apply `$deleteFromPrimitiveList`/`$setElementOrder` (the server) rather than keep them (merging two patches). */
  mergeParallelList: boolean;
  /** Drop nulls that delete nothing (the server) rather than keep them in the result (merging two patches). */
  ignoreUnmatchedNulls: boolean;
}

const SERVER: MergeOptions = { mergeParallelList: true, ignoreUnmatchedNulls: true };

/** Apply a strategic merge patch to an object of `kind` (the API server's PATCH). */
export function strategicMergePatch(original: JsonMap, patch: JsonMap, kind: string): JsonMap {
  return strategicMergeWithSchema(original, patch, schemaForKind(kind));
}

/** Apply a strategic merge patch with an explicit schema. */
export function strategicMergeWithSchema(
  original: JsonMap | null,
  patch: JsonMap | null,
  schema: PatchSchema,
  options: MergeOptions = SERVER,
): JsonMap {
  return mergeMap(clone(original ?? {}), clone(patch ?? {}), schema, options);
}

/** The key a parallel-list directive (`$prefix/key`) names. */
function directiveTarget(key: string, prefix: string): string {
  const slash = key.indexOf('/');
  if (slash < 0 || key.slice(0, slash) !== prefix)
    throw prefix === SET_ELEMENT_ORDER ? errBadSetElementOrder() : errBadPrimitiveList();
  return key.slice(slash + 1);
}

/** Remove `$patch` maps (and list items) from a value that is copied in whole; undefined: drop it. */
export function removeDirectives(v: Json): Json | undefined {
  if (Array.isArray(v)) return v.map(removeDirectives).filter((x) => x !== undefined);
  if (isMap(v)) {
    if (DIRECTIVE in v) return undefined;
    const out: JsonMap = {};
    for (const [k, x] of Object.entries(v)) {
      const kept = removeDirectives(x);
      if (kept !== undefined) out[k] = kept;
    }
    return out;
  }
  return v;
}

function discardNulls(v: Json): Json {
  if (Array.isArray(v)) return v.map(discardNulls);
  if (isMap(v)) {
    const out: JsonMap = {};
    for (const [k, x] of Object.entries(v)) if (x !== null) out[k] = discardNulls(x);
    return out;
  }
  return v;
}

/** Merge `patch` into `original` (both owned by the caller and changed in place). */
export function mergeMap(
  original: JsonMap,
  patch: JsonMap,
  schema: PatchSchema,
  options: MergeOptions,
): JsonMap {
  if (DIRECTIVE in patch) {
    const directive = patch[DIRECTIVE];
    if (directive === 'replace') {
      const { [DIRECTIVE]: _d, ...rest } = patch;
      return rest;
    }
    if (directive === 'delete') return {};
    throw errBadPatchType(directive, patch);
  }
  applyRetainKeys(original, patch, options);
  mergeOrderedLists(original, patch, schema, options);

  for (const patchKey of Object.keys(patch)) {
    const value = patch[patchKey];
    let key = patchKey;
    let isDeleteList = false;
    if (patchKey.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
      if (!options.mergeParallelList) {
        original[patchKey] = value;
        continue;
      }
      key = directiveTarget(patchKey, DELETE_FROM_PRIMITIVE_LIST);
      isDeleteList = true;
    }
    if (value === null) {
      delete original[key];
      if (options.ignoreUnmatchedNulls) continue;
    }
    const takeWhole = () => {
      if (isDeleteList) return;
      const kept = removeDirectives(options.ignoreUnmatchedNulls ? discardNulls(value) : value);
      if (kept === undefined) delete original[key];
      else original[key] = kept;
    };
    if (!(key in original) || kindOf(original[key]) !== kindOf(value)) {
      takeWhole();
      continue;
    }
    const { meta, schema: sub } = schema.lookup(key);
    if (isMap(value)) {
      original[key] =
        meta.strategy === 'replace' ? value : mergeMap(original[key] as JsonMap, value, sub, options);
    } else if (Array.isArray(value)) {
      original[key] =
        meta.strategy === 'merge' || isDeleteList
          ? mergeList(original[key] as Json[], value, sub, meta.mergeKey ?? '', options, isDeleteList)
          : value;
    } else {
      original[key] = value;
    }
  }
  return original;
}

/** `$retainKeys`: clear the keys of `original` the list does not name. */
function applyRetainKeys(original: JsonMap, patch: JsonMap, options: MergeOptions): void {
  if (!(RETAIN_KEYS in patch)) return;
  const retain = patch[RETAIN_KEYS];
  delete patch[RETAIN_KEYS];
  if (!options.mergeParallelList) {
    // Merging two patches: both must agree on the list.
    if (RETAIN_KEYS in original) {
      if (!deepEqual(original[RETAIN_KEYS], retain))
        throw new StrategicPatchError(
          `${JSON.stringify(original[RETAIN_KEYS])} and ${JSON.stringify(retain)} are not deep equal: this may happen when calculating the 3-way diff patch`,
        );
    } else original[RETAIN_KEYS] = retain;
    return;
  }
  if (!Array.isArray(retain)) throw errBadRetainKeys();
  for (const [k, v] of Object.entries(patch)) {
    if (v === null || k.startsWith(DELETE_FROM_PRIMITIVE_LIST) || k.startsWith(SET_ELEMENT_ORDER)) continue;
    if (!retain.includes(k)) throw errBadRetainKeys();
  }
  for (const k of Object.keys(original)) if (!retain.includes(k)) delete original[k];
}

/** The patch's items must appear in the same relative order as in its `$setElementOrder` list. */
function checkOrderList(patchList: Json, order: Json, mergeKey: string): void {
  if (!Array.isArray(order) || !Array.isArray(patchList)) throw errBadSetElementOrder();
  if (order.length === 0 || patchList.length === 0) return;
  const items = mergeKey ? patchList.filter((v) => !(isMap(v) && v[DIRECTIVE] === 'delete')) : patchList;
  if (mergeKey) for (const v of items) if (!isMap(v)) throw errBadArgType('map', v);
  const same = (a: Json, b: Json): boolean => {
    if (!mergeKey) return a === b;
    if (!isMap(a)) throw errBadArgType('map', a);
    if (!isMap(b)) throw errBadArgType('map', b);
    if (!(mergeKey in a)) throw errNoMergeKey(a, mergeKey);
    if (!(mergeKey in b)) throw errNoMergeKey(b, mergeKey);
    return a[mergeKey] === b[mergeKey];
  };
  let p = 0;
  let o = 0;
  while (p < items.length && o < order.length) {
    if (isMap(items[p]) && DIRECTIVE in (items[p] as JsonMap)) {
      p++;
      continue;
    }
    if (same(items[p], order[o])) p++;
    o++;
  }
  if (p < items.length && o >= order.length)
    throw new StrategicPatchError(
      `The order in patch list:\n${JSON.stringify(patchList)}\n doesn't match ${SET_ELEMENT_ORDER} list:\n${JSON.stringify(order)}\n`,
    );
}

/** `$setElementOrder/<list>`: merge that list now and put its items in the given order. */
function mergeOrderedLists(
  original: JsonMap,
  patch: JsonMap,
  schema: PatchSchema,
  options: MergeOptions,
): void {
  for (const directiveKey of Object.keys(patch)) {
    if (!directiveKey.startsWith(SET_ELEMENT_ORDER)) continue;
    const order = patch[directiveKey];
    if (!options.mergeParallelList) {
      if (directiveKey in original) {
        if (!deepEqual(original[directiveKey], order)) throw errBadSetElementOrder();
      } else original[directiveKey] = order;
    }
    delete patch[directiveKey];
    if (!Array.isArray(order)) throw errBadArgType('list', order);
    const key = directiveTarget(directiveKey, SET_ELEMENT_ORDER);
    const inOriginal = key in original;
    const inPatch = key in patch;
    if (inOriginal && !Array.isArray(original[key])) throw errBadArgType('list', original[key]);
    if (inPatch && !Array.isArray(patch[key])) throw errBadArgType('list', patch[key]);
    const originalList = (inOriginal ? original[key] : []) as Json[];
    const patchList = (inPatch ? patch[key] : []) as Json[];
    const { meta, schema: sub } = schema.lookup(key);
    const mergeKey = meta.mergeKey ?? '';
    checkOrderList(patchList, order, mergeKey);
    let merged: Json[];
    const live = new LiveArray(originalList);
    if (inOriginal && !inPatch) merged = originalList;
    else if (!inOriginal && inPatch) merged = removeDirectives(patchList) as Json[];
    else if (inOriginal && inPatch)
      merged =
        meta.strategy === 'merge'
          ? mergeList(originalList, patchList, sub, mergeKey, options, false, live)
          : patchList;
    else continue;
    const kind = elementKind(originalList, patchList);
    const [patchItems, serverOnly] = partitionBy(merged, order, mergeKey, kind);
    original[key] = normalizeOrder(patchItems, serverOnly, order, live.items, mergeKey, kind);
    delete patch[key];
  }
}

/**
 * Kubernetes edits the live list in place while it merges (Go slices share their array), and
 * `$setElementOrder` then orders server-only items by that edited array. `LiveArray` replays
 * those edits: deletions shift items left (the tail keeps stale copies), appends overwrite it.
 */
class LiveArray {
  readonly items: Json[];
  private length: number;
  constructor(original: Json[]) {
    this.items = [...original];
    this.length = original.length;
  }
  remove(at: number): void {
    for (let i = at; i < this.length - 1; i++) this.items[i] = this.items[i + 1];
    this.length--;
  }
  append(item: Json): void {
    if (this.length < this.items.length) this.items[this.length] = item;
    this.length++;
  }
}

/** Merge a `merge`-strategy list (or apply a `$deleteFromPrimitiveList`). */
function mergeList(
  original: Json[],
  patch: Json[],
  schema: PatchSchema,
  mergeKey: string,
  options: MergeOptions,
  isDeleteList: boolean,
  live = new LiveArray(original),
): Json[] {
  if (original.length === 0 && patch.length === 0) return original;
  const kind = elementKind(original, patch);
  let merged: Json[];
  if (kind === 'scalar') {
    if (options.mergeParallelList && isDeleteList) return original.filter((v) => !patch.includes(v));
    merged = dedupeScalars([...original, ...patch]);
  } else {
    if (!mergeKey) throw new StrategicPatchError(`cannot merge lists without merge key for ${schema.name}`);
    const [kept, plain, replaced] = applyItemDirectives(original, patch, mergeKey, live);
    [original, patch] = [kept, plain];
    merged = mergeItems(original, patch, mergeKey, schema, options, replaced ? undefined : live);
  }
  const [patchItems, serverOnly] = partitionBy(merged, patch, mergeKey, kind);
  return normalizeOrder(patchItems, serverOnly, patch, original, mergeKey, kind);
}

/** `$patch: delete` items remove their match; `$patch: replace` makes the patch the list. */
function applyItemDirectives(
  original: Json[],
  patch: Json[],
  mergeKey: string,
  live: LiveArray,
): [Json[], Json[], boolean] {
  const plain: Json[] = [];
  let replace = false;
  const out = [...original];
  for (const item of patch) {
    const m = item as JsonMap;
    if (!(DIRECTIVE in m)) {
      plain.push(item);
      continue;
    }
    const directive = m[DIRECTIVE];
    if (directive === 'delete') {
      if (!(mergeKey in m)) throw errNoMergeKey(m, mergeKey);
      for (
        let at = findByKey(out, mergeKey, m[mergeKey]);
        at >= 0;
        at = findByKey(out, mergeKey, m[mergeKey])
      ) {
        out.splice(at, 1);
        live.remove(at);
      }
    } else if (directive === 'replace') replace = true;
    else if (directive === 'merge')
      throw new StrategicPatchError('merging lists cannot yet be specified in the patch');
    else throw errBadPatchType(directive, m);
  }
  return replace ? [plain, [], true] : [out, plain, false];
}

/** Merge each patch item into the original item with its merge key, or append it. */
function mergeItems(
  original: Json[],
  patch: Json[],
  mergeKey: string,
  schema: PatchSchema,
  options: MergeOptions,
  live?: LiveArray,
): Json[] {
  const out = [...original];
  for (const item of patch) {
    if (!isMap(item)) throw errBadArgType('map', item);
    if (!(mergeKey in item)) throw errNoMergeKey(item, mergeKey);
    const at = findByKey(out, mergeKey, item[mergeKey]);
    if (at >= 0) out[at] = mergeMap(out[at] as JsonMap, item, schema, options);
    else {
      out.push(item);
      live?.append(item);
    }
  }
  return out;
}
