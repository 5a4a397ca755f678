// Client-side apply's bookkeeping: the last-applied-configuration annotation kubectl records, and
// the comparisons apply makes. The three-way merge itself is patch/apply-strategic.ts.
import { deepEqual } from './json-equal.js';
import type { KObject } from './types.js';

export { deepEqual };

import { LAST_APPLIED } from './well-known.js';

export { LAST_APPLIED };

type Json = unknown;
type Obj = Record<string, Json>;

const isObj = (v: Json): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** JSON with object keys sorted, as Go's json.Marshal writes a map. */
export function stableStringify(v: Json): string {
  if (Array.isArray(v)) return `[${v.map(stableStringify).join(',')}]`;
  if (isObj(v)) {
    const keys = Object.keys(v)
      .filter((k) => v[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${stableStringify(v[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

/** The manifest as kubectl records it in the annotation: sorted JSON plus a newline. */
export function lastAppliedOf(manifest: KObject): string {
  const copy = structuredClone(manifest);
  copy.metadata = { ...copy.metadata, annotations: { ...copy.metadata?.annotations } };
  delete copy.metadata.annotations![LAST_APPLIED];
  return `${stableStringify(copy)}\n`;
}

/** The manifest with its last-applied annotation set: what apply sends. */
export function withLastApplied(manifest: KObject): KObject {
  const out = structuredClone(manifest);
  out.metadata = {
    ...out.metadata,
    annotations: { ...out.metadata?.annotations, [LAST_APPLIED]: lastAppliedOf(manifest) },
  };
  return out;
}

/** Whether two stored objects differ in anything but status. */
export function sameIgnoringStatus(a: KObject, b: KObject): boolean {
  const { status: _a, ...ra } = a;
  const { status: _b, ...rb } = b;
  return deepEqual(ra, rb);
}
