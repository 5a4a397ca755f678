// Stable hashes of specs: a changed container spec means "recreate", as the kubelet's hash label.

/** FNV-1a 32-bit, the hash Kubernetes uses for container and pod-template hashes. */
export function fnv32a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/**
 * Objects from the agent's informer cache are deeply frozen and shared across syncs: their
 * canonical form and hash never change, so each is computed once per object, not per resync.
 */
const frozenJson = new WeakMap<object, string>();
const frozenHash = new WeakMap<object, string>();

const isFrozenObject = (value: unknown): value is object =>
  value !== null && typeof value === 'object' && Object.isFrozen(value);

/** JSON with object keys sorted, so equal values hash equally whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (!isFrozenObject(value)) return toCanonicalJson(value);
  let json = frozenJson.get(value);
  if (json === undefined) {
    json = toCanonicalJson(value);
    frozenJson.set(value, json);
  }
  return json;
}

function toCanonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(toCanonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${toCanonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export function hashOf(value: unknown): string {
  if (!isFrozenObject(value)) return fnv32a(toCanonicalJson(value)).toString(16);
  let hash = frozenHash.get(value);
  if (hash === undefined) {
    hash = fnv32a(toCanonicalJson(value)).toString(16);
    frozenHash.set(value, hash);
  }
  return hash;
}
