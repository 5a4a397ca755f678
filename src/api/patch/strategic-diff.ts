// Creating strategic merge patches (Kubernetes' CreateTwoWayMergePatch and
// CreateThreeWayMergePatch): what kubectl sends for `apply` and compares for `diff`.
// Pure: inputs are never changed.
import {
  byGoString,
  clone,
  deepEqual,
  goFormat,
  isMap,
  type Json,
  type JsonMap,
  kindOf,
} from './json-value.js';
import { type PatchSchema, schemaForKind } from './schema.js';
import { errBadArgType, errNoMergeKey, StrategicPatchError } from './strategic-errors.js';
import { DIRECTIVE, dedupeScalars, elementKind, sortByOrder } from './strategic-lists.js';
import { DELETE_FROM_PRIMITIVE_LIST, mergeMap, RETAIN_KEYS, SET_ELEMENT_ORDER } from './strategic-merge.js';

interface DiffOptions {
  setElementOrder: boolean;
  ignoreChangesAndAdditions: boolean;
  ignoreDeletions: boolean;
  buildRetainKeys: boolean;
}

const DIFF: DiffOptions = {
  setElementOrder: true,
  ignoreChangesAndAdditions: false,
  ignoreDeletions: false,
  buildRetainKeys: false,
};

/** The patch that turns `original` into `modified` for an object of `kind`. */
export function createTwoWayMergePatch(
  original: JsonMap | null,
  modified: JsonMap | null,
  kind: string,
): JsonMap {
  return twoWayWithSchema(original, modified, schemaForKind(kind));
}

export function twoWayWithSchema(
  original: JsonMap | null,
  modified: JsonMap | null,
  schema: PatchSchema,
): JsonMap {
  return diffMaps(original ?? {}, modified ?? {}, schema, DIFF);
}

/** Every change from `original` to `current`, no element-order directives (DiffOptions{}). */
export function changesWithSchema(
  original: JsonMap | null,
  current: JsonMap | null,
  schema: PatchSchema,
): JsonMap {
  return diffMaps(original ?? {}, current ?? {}, schema, { ...DIFF, setElementOrder: false });
}

/**
 * kubectl apply's patch: changes and additions from `current` (live) to `modified` (manifest),
 * and deletions of what `lastApplied` had and `modified` dropped. Fields others set stay.
 * (kubectl's --overwrite, its default: no conflict check against changes made by others.)
 */
export function createThreeWayMergePatch(
  lastApplied: JsonMap | null,
  modified: JsonMap | null,
  current: JsonMap | null,
  kind: string,
): JsonMap {
  return threeWayWithSchema(lastApplied, modified, current, schemaForKind(kind));
}

export function threeWayWithSchema(
  lastApplied: JsonMap | null,
  modified: JsonMap | null,
  current: JsonMap | null,
  schema: PatchSchema,
): JsonMap {
  const delta = diffMaps(current ?? {}, modified ?? {}, schema, { ...DIFF, ignoreDeletions: true });
  const deletions = diffMaps(lastApplied ?? {}, modified ?? {}, schema, {
    ...DIFF,
    ignoreChangesAndAdditions: true,
  });
  return mergeMap(deletions, delta, schema, { mergeParallelList: false, ignoreUnmatchedNulls: false });
}

function diffMaps(original: JsonMap, modified: JsonMap, schema: PatchSchema, opts: DiffOptions): JsonMap {
  const patch: JsonMap = {};
  const retainKeys: string[] = [];
  for (const [key, mod] of Object.entries(modified)) {
    if (opts.buildRetainKeys && mod !== null) retainKeys.push(key);
    if (!(key in original)) {
      if (!opts.ignoreChangesAndAdditions) patch[key] = clone(mod);
      continue;
    }
    const orig = original[key];
    if (key === DIRECTIVE) {
      if (typeof orig !== 'string' || typeof mod !== 'string')
        throw new StrategicPatchError(`invalid value for special key: ${DIRECTIVE}`);
      if (orig !== mod) patch[key] = mod;
      continue;
    }
    if (kindOf(orig) !== kindOf(mod)) {
      if (!opts.ignoreChangesAndAdditions) patch[key] = clone(mod);
      continue;
    }
    if (isMap(orig)) diffMapField(key, orig, mod as JsonMap, patch, schema, opts);
    else if (Array.isArray(orig)) diffListField(key, orig, mod as Json[], patch, schema, opts);
    else if (!opts.ignoreChangesAndAdditions && !deepEqual(orig, mod)) patch[key] = mod;
  }
  if (!opts.ignoreDeletions)
    for (const key of Object.keys(original)) if (!(key in modified)) patch[key] = null;
  const originalHasMore = Object.entries(original).some(([k, v]) => v !== null && !(k in modified));
  if (retainKeys.length > 0 && (Object.keys(patch).length > 0 || originalHasMore))
    patch[RETAIN_KEYS] = retainKeys.sort(byGoString);
  return patch;
}

function diffMapField(
  key: string,
  orig: JsonMap,
  mod: JsonMap,
  patch: JsonMap,
  schema: PatchSchema,
  opts: DiffOptions,
) {
  const { meta, schema: sub } = schema.lookup(key);
  if (meta.strategy === 'replace') {
    if (!opts.ignoreChangesAndAdditions) patch[key] = clone(mod);
    return;
  }
  const value = diffMaps(orig, mod, sub, { ...opts, buildRetainKeys: meta.retainKeys });
  if (Object.keys(value).length > 0) patch[key] = value;
}

function diffListField(
  key: string,
  orig: Json[],
  mod: Json[],
  patch: JsonMap,
  schema: PatchSchema,
  opts: DiffOptions,
) {
  const { meta, schema: sub } = schema.lookup(key);
  if (meta.strategy !== 'merge') {
    if (!opts.ignoreChangesAndAdditions && !deepEqual(orig, mod)) patch[key] = clone(mod);
    return;
  }
  const { add, remove, order } = diffLists(orig, mod, sub, meta.mergeKey ?? '', {
    ...opts,
    buildRetainKeys: meta.retainKeys,
  });
  if (add.length > 0) patch[key] = add;
  if (remove.length > 0) patch[`${DELETE_FROM_PRIMITIVE_LIST}/${key}`] = remove;
  if (order.length > 0) patch[`${SET_ELEMENT_ORDER}/${key}`] = order;
}

interface ListDiff {
  add: Json[];
  remove: Json[];
  order: Json[];
}

function diffLists(
  original: Json[],
  modified: Json[],
  schema: PatchSchema,
  mergeKey: string,
  opts: DiffOptions,
): ListDiff {
  if (original.length === 0) {
    if (modified.length === 0 || opts.ignoreChangesAndAdditions) return { add: [], remove: [], order: [] };
    return { add: clone(modified), remove: [], order: [] };
  }
  const kind = elementKind(original, modified);
  if (kind === 'map') {
    const { changes, deletions } = diffListsOfMaps(original, modified, schema, mergeKey, opts);
    const add = [...sortByOrder(changes, modified, mergeKey, 'map'), ...deletions];
    const sameOrder = isOrderSame(original, modified, mergeKey);
    const wantOrder =
      opts.setElementOrder &&
      ((!opts.ignoreChangesAndAdditions && (add.length > 0 || !sameOrder)) ||
        (!opts.ignoreDeletions && add.length > 0));
    const order = wantOrder ? modified.map((v) => ({ [mergeKey]: (v as JsonMap)[mergeKey] })) : [];
    return { add, remove: [], order };
  }
  const { add, remove } = diffListsOfScalars(original, modified, opts);
  // Kubernetes compares the list sorted (its sort works in place) with the new one.
  const changed = !deepEqual([...original].sort(byGoString), modified);
  const wantOrder =
    opts.setElementOrder &&
    ((!opts.ignoreDeletions && remove.length > 0) || (!opts.ignoreChangesAndAdditions && changed));
  return {
    add: sortByOrder(add, modified, mergeKey, 'scalar'),
    remove,
    order: wantOrder ? clone(modified) : [],
  };
}

function isOrderSame(original: Json[], modified: Json[], mergeKey: string): boolean {
  if (original.length !== modified.length) return false;
  return modified.every((m, i) => keyOf(original[i], mergeKey) === keyOf(m, mergeKey));
}

function keyOf(item: Json, mergeKey: string): Json {
  if (!isMap(item)) throw errBadArgType('map', item);
  if (!(mergeKey in item)) throw errNoMergeKey(item, mergeKey);
  return item[mergeKey];
}

/** Walk both lists sorted by their `%v` forms, as Kubernetes does. */
function diffListsOfScalars(
  original: Json[],
  modified: Json[],
  opts: DiffOptions,
): { add: Json[]; remove: Json[] } {
  const o = [...original].sort(byGoString);
  const m = [...modified].sort(byGoString);
  const add: Json[] = [];
  const remove: Json[] = [];
  let i = 0;
  let j = 0;
  while (i < o.length || j < m.length) {
    const os = i < o.length ? goFormat(o[i]) : undefined;
    const ms = j < m.length ? goFormat(m[j]) : undefined;
    if (os !== undefined && ms !== undefined && os === ms) {
      i++;
      j++;
    } else if (os === undefined || (ms !== undefined && os > ms)) {
      if (!opts.ignoreChangesAndAdditions) add.push(m[j]);
      j++;
    } else {
      if (!opts.ignoreDeletions) remove.push(o[i]);
      i++;
    }
  }
  return { add, remove: dedupeScalars(remove) };
}

function sortedByKey(list: Json[], mergeKey: string): JsonMap[] {
  const maps = list.map((v) => {
    if (!isMap(v)) throw errBadArgType('map', v);
    return v;
  });
  return maps.sort((a, b) => byGoString(a[mergeKey], b[mergeKey]));
}

function diffListsOfMaps(
  original: Json[],
  modified: Json[],
  schema: PatchSchema,
  mergeKey: string,
  opts: DiffOptions,
): { changes: Json[]; deletions: Json[] } {
  const o = sortedByKey(original, mergeKey);
  const m = sortedByKey(modified, mergeKey);
  const changes: Json[] = [];
  const deletions: Json[] = [];
  let i = 0;
  let j = 0;
  while (i < o.length || j < m.length) {
    const os = i < o.length ? goFormat(keyOf(o[i], mergeKey)) : undefined;
    const ms = j < m.length ? goFormat(keyOf(m[j], mergeKey)) : undefined;
    if (os !== undefined && ms !== undefined && os === ms) {
      const value = diffMaps(o[i]!, m[j]!, schema, opts);
      if (Object.keys(value).length > 0) {
        value[mergeKey] = m[j]![mergeKey];
        changes.push(value);
      }
      i++;
      j++;
    } else if (os === undefined || (ms !== undefined && os > ms)) {
      if (!opts.ignoreChangesAndAdditions) changes.push(clone(m[j]));
      j++;
    } else {
      if (!opts.ignoreDeletions) deletions.push({ [mergeKey]: o[i]![mergeKey], [DIRECTIVE]: 'delete' });
      i++;
    }
  }
  return { changes, deletions };
}
