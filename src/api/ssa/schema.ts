// The schema server-side apply merges and tracks ownership with: for every value, whether it is
// a scalar, a struct (declared fields), a map (free keys), or a list that is atomic, a set, or an
// associative list keyed by some of its items' fields. Built from the generated field schema and
// the Go struct tags of patch/strategies.ts: Kubernetes turns `patchStrategy:"merge"` with a
// `patchMergeKey` into `x-kubernetes-list-type: map` keyed by it (a few lists name more keys with
// +listMapKey, listed below), without a merge key into a set, and leaves every other list atomic.
// Values outside the schema are deduced as structured-merge-diff does: maps with free keys,
// atomic lists.

import { PATCH_STRATEGIES } from '../patch/strategies.js';
import { STRUCTS } from '../schema/fields.gen.js';

export type SsaType =
  | { t: 'scalar' }
  | { t: 'struct'; name: string; atomic: boolean }
  | { t: 'map'; values: SsaType; atomic?: boolean }
  | { t: 'list'; items: SsaType; listType: 'atomic' | 'set' | 'map'; keys: string[] }
  /** Anything the schema does not describe: typed by its value (see `resolve`). */
  | { t: 'deduced' };

const SCALAR: SsaType = { t: 'scalar' };
export const DEDUCED: SsaType = { t: 'deduced' };
const ATOMIC_LIST: SsaType = { t: 'list', items: DEDUCED, listType: 'atomic', keys: [] };
const DEDUCED_MAP: SsaType = { t: 'map', values: DEDUCED };

/** A deduced type made concrete by the value: objects are maps, lists are atomic. */
export function resolve(t: SsaType, value: unknown): SsaType {
  if (t.t !== 'deduced') return t;
  if (Array.isArray(value)) return ATOMIC_LIST;
  if (value !== null && typeof value === 'object') return DEDUCED_MAP;
  return SCALAR;
}

/** +listMapKey beyond the patch merge key (k8s.io/api types.go). */
const EXTRA_KEYS: Record<string, Record<string, string[]>> = {
  Container: { ports: ['containerPort', 'protocol'] },
  EphemeralContainer: { ports: ['containerPort', 'protocol'] },
  ServiceSpec: { ports: ['port', 'protocol'] },
  PodSpec: { topologySpreadConstraints: ['topologyKey', 'whenUnsatisfiable'] },
};

/** Structs marked +structType=atomic: owned and replaced as one value. */
const ATOMIC_STRUCTS = new Set([
  'LabelSelector',
  'LocalObjectReference',
  'NodeSelector',
  'NodeSelectorTerm',
  'ConfigMapKeySelector',
  'SecretKeySelector',
  'ObjectFieldSelector',
  'ResourceFieldSelector',
  'TypedLocalObjectReference',
]);

/** Maps marked +mapType=atomic (selectors): owned and replaced as one value. */
const ATOMIC_MAPS: Record<string, string[]> = {
  ServiceSpec: ['selector'],
  ReplicationControllerSpec: ['selector'],
  PodSpec: ['nodeSelector'],
};

/** The default of a key field an item may omit (the API server fills it in before it keys the item). */
export const KEY_DEFAULTS: Record<string, unknown> = { protocol: 'TCP' };

function typeOf(code: string, struct: string, field: string): SsaType {
  if (code.startsWith('[')) {
    const items = typeOf(code.slice(1), '', '');
    const tag = PATCH_STRATEGIES[struct]?.[field];
    const merges = tag?.strategy.split(',').includes('merge');
    if (!merges) return { t: 'list', items, listType: 'atomic', keys: [] };
    const keys = EXTRA_KEYS[struct]?.[field] ?? (tag?.mergeKey ? [tag.mergeKey] : []);
    return { t: 'list', items, listType: keys.length ? 'map' : 'set', keys };
  }
  if (code.startsWith('{')) {
    const atomic = ATOMIC_MAPS[struct]?.includes(field);
    return { t: 'map', values: typeOf(code.slice(1), '', ''), ...(atomic ? { atomic } : {}) };
  }
  if (STRUCTS[code]) return { t: 'struct', name: code, atomic: ATOMIC_STRUCTS.has(code) };
  return code === 'x' ? DEDUCED : SCALAR;
}

/** The type of `field` of a value of type `t`, and whether it is a declared struct field. */
export function fieldType(t: SsaType, field: string): { type: SsaType; declared: boolean } {
  if (t.t === 'struct') {
    const code = STRUCTS[t.name]?.f[field];
    // Declared by every object though absent from the generated structs.
    if (code === undefined) return { type: DEDUCED, declared: false };
    return { type: typeOf(code, t.name, field), declared: true };
  }
  if (t.t === 'map') return { type: t.values, declared: false };
  return { type: DEDUCED, declared: false };
}

/** The type of an object of `kind`: its struct, or deduced for kinds mkube has no schema of. */
export function typeOfKind(kind: string): SsaType {
  return STRUCTS[kind] ? { t: 'struct', name: kind, atomic: false } : DEDUCED;
}
