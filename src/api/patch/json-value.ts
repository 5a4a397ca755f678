// JSON values as the patch code sees them, and Go's `%v` / type names for the error texts the
// API server returns (those come from Go's fmt and reflect).

export type Json = unknown;
export type JsonMap = Record<string, Json>;

export const isMap = (v: Json): v is JsonMap => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The Go kind a decoded JSON value has: two values of different kinds never merge. */
export function kindOf(v: Json): 'map' | 'list' | 'null' | 'string' | 'number' | 'bool' {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'list';
  if (typeof v === 'object') return 'map';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  return 'number';
}

export { deepEqual } from '../json-equal.js';

export const clone = <T>(v: T): T => (v === undefined ? v : structuredClone(v));

/** Go's `%v` of a float64 (`strconv.FormatFloat(f, 'g', -1, 64)` with Go's exponent form). */
function goFloat(n: number): string {
  const abs = Math.abs(n);
  if (n === 0 || (abs >= 1e-4 && abs < 1e21)) return String(n);
  return n.toExponential().replace(/e([+-])(\d)$/, 'e$10$2');
}

/** Go's `%v` of a decoded JSON value: `map[a:1 b:[x y]]`, `<nil>`. */
export function goFormat(v: Json): string {
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return `[${v.map(goFormat).join(' ')}]`;
  if (isMap(v))
    return `map[${Object.keys(v)
      .sort()
      .map((k) => `${k}:${goFormat(v[k])}`)
      .join(' ')}]`;
  if (typeof v === 'number') return goFloat(v);
  return String(v);
}

/** Go's reflect type name of a decoded JSON value (`%s` of reflect.TypeOf). */
export function goTypeName(v: Json): string {
  switch (kindOf(v)) {
    case 'map':
      return 'map[string]interface {}';
    case 'list':
      return '[]interface {}';
    case 'string':
      return 'string';
    case 'bool':
      return 'bool';
    case 'number':
      return 'float64';
    default:
      return '%!s(<nil>)';
  }
}

/** Go's `sort.Strings` order of the `%v` forms, used for scalars and merge-key values. */
export const byGoString = (a: Json, b: Json): number => {
  const x = goFormat(a);
  const y = goFormat(b);
  return x < y ? -1 : x > y ? 1 : 0;
};
