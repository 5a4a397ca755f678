// JSON merge patch (RFC 7386) as the API server applies it (gopkg.in/evanphx/json-patch.v4
// v4.12.0 MergePatch): maps merge, null deletes, anything else replaces; nulls inside a value
// that is set whole are dropped from its maps. Pure: inputs are never changed.
// (src/commands/workload/merge-patch.ts has the same merge for edit/run, plus createMergePatch.)
import { clone, isMap, type Json, type JsonMap } from './json-value.js';

/** The library's two errors; the server answers both with 400 BadRequest. */
export class MergePatchError extends Error {
  constructor(message: 'Invalid JSON Document' | 'Invalid JSON Patch') {
    super(message);
    this.name = 'MergePatchError';
  }
}

/** Drop null map entries at every depth (null list items stay). */
function pruneNulls(v: Json): Json {
  if (Array.isArray(v)) return v.map((x) => (x === null ? x : pruneNulls(x)));
  if (isMap(v)) {
    const out: JsonMap = {};
    for (const [k, x] of Object.entries(v)) if (x !== null) out[k] = pruneNulls(x);
    return out;
  }
  return v;
}

function mergeInto(doc: JsonMap, patch: JsonMap): void {
  for (const [k, v] of Object.entries(patch)) {
    const cur = doc[k];
    if (v === null) delete doc[k];
    else if (cur === undefined || cur === null || !isMap(cur)) doc[k] = pruneNulls(v);
    else if (!isMap(v)) doc[k] = v;
    else mergeInto(cur, v);
  }
}

/** Apply `patch` to `original` (a decoded JSON document). */
export function jsonMergePatch(original: Json, patch: Json): Json {
  if (original === null) throw new MergePatchError('Invalid JSON Document');
  if (patch === null || (!isMap(patch) && !Array.isArray(patch)))
    throw new MergePatchError('Invalid JSON Patch');
  if (Array.isArray(patch)) return pruneNulls(clone(patch));
  if (!isMap(original)) return pruneNulls(clone(patch));
  const doc = clone(original);
  mergeInto(doc, clone(patch));
  return doc;
}
