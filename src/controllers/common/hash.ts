// The hashing helpers Kubernetes' controllers share: FNV-1/FNV-1a 32-bit, the vowel-free
// encoding of apimachinery's `rand.SafeEncodeString`, and a canonical JSON form so equal objects
// hash equally whatever their key order.

/** apimachinery `util/rand`: no vowels (no words) and no confusable characters. */
export const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

/** `rand.SafeEncodeString`: each byte mapped into ALPHANUMS. */
export function safeEncodeString(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += ALPHANUMS[s.charCodeAt(i) % ALPHANUMS.length];
  return out;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a, 32-bit (Go's `hash/fnv.New32a`), over bytes. */
export function fnv32a(bytes: Uint8Array, seed = FNV_OFFSET): number {
  let h = seed >>> 0;
  for (const b of bytes) {
    h ^= b;
    h = Math.imul(h, FNV_PRIME) >>> 0;
  }
  return h >>> 0;
}

/** FNV-1, 32-bit (Go's `hash/fnv.New32`), over bytes. */
export function fnv32(bytes: Uint8Array, seed = FNV_OFFSET): number {
  let h = seed >>> 0;
  for (const b of bytes) {
    h = Math.imul(h, FNV_PRIME) >>> 0;
    h ^= b;
  }
  return h >>> 0;
}

/**
 * The value with object keys sorted and "unset" values dropped (undefined, null, empty objects
 * and arrays), as Go's encoder would omit them: two templates that mean the same thing give the
 * same text.
 */
export function normalize(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(normalize).filter((v) => v !== undefined);
    return items.length ? items : undefined;
  }
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = normalize((value as Record<string, unknown>)[key]);
      if (v !== undefined) out[key] = v;
    }
    return Object.keys(out).length ? out : undefined;
  }
  return value === null ? undefined : value;
}

/** JSON text of `normalize(value)` (`{}` for an entirely empty value). */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(normalize(value) ?? {});
}
