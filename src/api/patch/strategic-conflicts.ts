// Whether two strategic merge patches change the same field differently (Kubernetes'
// MergingMapsHaveConflicts): what `kubectl apply --overwrite=false` checks between its patch and
// the changes others made since the last apply. Pure.
import { deepEqual, goFormat, isMap, type Json, type JsonMap } from './json-value.js';
import { OPAQUE, type PatchSchema } from './schema.js';
import { DIRECTIVE, dedupeScalars, elementKind } from './strategic-lists.js';
import { RETAIN_KEYS } from './strategic-merge.js';

export function mergingMapsHaveConflicts(left: JsonMap, right: JsonMap, schema: PatchSchema): boolean {
  return fieldsConflict(left, right, schema);
}

function fieldsConflict(
  left: Json,
  right: Json,
  schema: PatchSchema,
  strategy?: string,
  mergeKey?: string,
): boolean {
  if (isMap(left)) {
    if (!isMap(right)) return true;
    const l = DIRECTIVE in left;
    const r = DIRECTIVE in right;
    // A directive acts on the whole map: both must carry the same one.
    if ((l || r) && (!l || !r || left[DIRECTIVE] !== right[DIRECTIVE])) return true;
    return mapsConflict(left, right, schema);
  }
  if (Array.isArray(left)) {
    if (!Array.isArray(right)) return true;
    return slicesConflict(left, right, schema, strategy, mergeKey);
  }
  return !deepEqual(left, right);
}

function mapsConflict(left: JsonMap, right: JsonMap, schema: PatchSchema): boolean {
  for (const [key, value] of Object.entries(left)) {
    if (key === DIRECTIVE || key === RETAIN_KEYS || !(key in right)) continue;
    const structured = Array.isArray(value) || isMap(value);
    const { meta, schema: sub } = structured ? schema.lookup(key) : { meta: undefined, schema: OPAQUE };
    if (fieldsConflict(value, right[key], sub, meta?.strategy, meta?.mergeKey)) return true;
  }
  return false;
}

function byMergeKey(list: Json[], mergeKey: string): Map<string, Json> {
  const out = new Map<string, Json>();
  for (const item of list) {
    if (!isMap(item) || !(mergeKey in item)) return new Map([['\0missing', item]]);
    out.set(goFormat(item[mergeKey]), item);
  }
  return out;
}

function slicesConflict(
  left: Json[],
  right: Json[],
  schema: PatchSchema,
  strategy?: string,
  mergeKey?: string,
): boolean {
  const kind = elementKind(left, right);
  if (strategy === 'merge') {
    // Merging lists of scalars never conflict; lists of maps compare item by merge key.
    if (kind !== 'map') return false;
    const l = byMergeKey(left, mergeKey ?? '');
    const r = byMergeKey(right, mergeKey ?? '');
    if (l.has('\0missing') || r.has('\0missing')) return true;
    for (const [key, value] of l) if (r.has(key) && fieldsConflict(value, r.get(key), schema)) return true;
    return false;
  }
  if (left.length !== right.length) return true;
  const sorted = (list: Json[]) =>
    dedupeScalars(list).sort((a, b) => (goFormat(a) < goFormat(b) ? -1 : goFormat(a) > goFormat(b) ? 1 : 0));
  const [a, b] = kind === 'map' ? [left, right] : [sorted(left), sorted(right)];
  if (a.length !== b.length) return true;
  return a.some((item, i) => fieldsConflict(item, b[i], schema));
}
