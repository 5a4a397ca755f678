// Client-side apply: the three-way merge kubectl computes from the last-applied configuration
// (original), the manifest (modified) and the live object, with strategic-merge list keys.
// Fields the user removed from the manifest are removed; fields others or defaulting set are kept.
import type { KObject } from './types.js';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

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

export function deepEqual(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isObj(a) && isObj(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => deepEqual(a[k], b[k]));
  }
  return false;
}

/** patchMergeKey of the core and apps list fields (strategic merge patch). */
function mergeKeyFor(field: string, items: Json[]): string | undefined {
  switch (field) {
    case 'containers':
    case 'initContainers':
    case 'ephemeralContainers':
    case 'env':
    case 'volumes':
    case 'imagePullSecrets':
    case 'resourceClaims':
    case 'schedulingGates':
      return 'name';
    case 'volumeMounts':
      return 'mountPath';
    case 'volumeDevices':
      return 'devicePath';
    case 'hostAliases':
      return 'ip';
    case 'ownerReferences':
      return 'uid';
    case 'conditions':
      return 'type';
    case 'topologySpreadConstraints':
      return 'topologyKey';
    case 'ports':
      return items.some((i) => isObj(i) && 'containerPort' in i) ? 'containerPort' : 'port';
    default:
      return undefined;
  }
}

/** Lists of scalars merged as sets (patchStrategy=merge on a primitive list). */
const SET_LISTS = new Set(['finalizers']);

function mergeList(field: string, original: Json, modified: Json[], live: Json): Json[] {
  const orig = Array.isArray(original) ? original : [];
  const cur = Array.isArray(live) ? live : [];
  if (SET_LISTS.has(field)) {
    const kept = cur.filter(
      (x) => !orig.some((o) => deepEqual(o, x)) && !modified.some((m) => deepEqual(m, x)),
    );
    return [...structuredClone(modified), ...kept];
  }
  const key = mergeKeyFor(field, [...modified, ...cur]);
  if (!key || !modified.every(isObj)) return structuredClone(modified);
  const find = (list: Json[], k: Json) => list.find((x) => isObj(x) && deepEqual(x[key], k));
  const out = modified.map((m) =>
    merge3((find(orig, (m as Obj)[key]) ?? undefined) as Json, m, find(cur, (m as Obj)[key])),
  );
  // Items someone else added (not in the manifest now, nor before) stay, after the user's.
  for (const x of cur) {
    const k = isObj(x) ? x[key] : undefined;
    if (!find(modified, k) && !find(orig, k)) out.push(structuredClone(x));
  }
  return out;
}

/** Three-way merge of one value; `field` names the key it sits under (for list merge keys). */
export function merge3(original: Json, modified: Json, live: Json, field = ''): Json {
  if (isObj(modified)) {
    if (!isObj(live)) return stripNulls(modified);
    const out: Obj = structuredClone(live);
    for (const [k, v] of Object.entries(modified)) {
      if (v === null) delete out[k];
      else out[k] = merge3(isObj(original) ? original[k] : undefined, v, live[k], k);
    }
    if (isObj(original)) for (const k of Object.keys(original)) if (!(k in modified)) delete out[k];
    return out;
  }
  if (Array.isArray(modified)) return mergeList(field, original, modified, live);
  return structuredClone(modified);
}

function stripNulls(v: Json): Json {
  if (Array.isArray(v)) return v.map(stripNulls);
  if (isObj(v)) {
    const out: Obj = {};
    for (const [k, x] of Object.entries(v)) if (x !== null) out[k] = stripNulls(x);
    return out;
  }
  return v;
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

/** The object apply would write over `live`. `status` is never touched. */
export function computeApplied(manifest: KObject, live: KObject): KObject {
  const annotation = live.metadata?.annotations?.[LAST_APPLIED];
  let original: Json;
  try {
    original = annotation ? JSON.parse(annotation) : undefined;
  } catch {
    original = undefined;
  }
  const modified = withLastApplied(manifest);
  const { status: _ignored, ...modifiedNoStatus } = modified;
  const merged = merge3(original, modifiedNoStatus, live) as KObject;
  if (live.status !== undefined) merged.status = live.status;
  return merged;
}

/** Whether two stored objects differ in anything but status. */
export function sameIgnoringStatus(a: KObject, b: KObject): boolean {
  const { status: _a, ...ra } = a;
  const { status: _b, ...rb } = b;
  return deepEqual(ra, rb);
}
