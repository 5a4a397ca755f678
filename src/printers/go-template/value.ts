// The values a kubectl template works on. kubectl decodes the object's JSON into
// map[string]interface{}, so every number in the data is a float64 (a JS number here); integer
// literals in the template and len's result are Go ints (a bigint here, so the two never mix up
// in printf or eq). NO_VALUE is Go's invalid reflect.Value: a missing map key, printed
// `<no value>`; null is a JSON null (a nil interface).

/** A missing map key (Go's invalid reflect.Value). */
export const NO_VALUE: unique symbol = Symbol('no value');

export type Value =
  | string
  | number
  | bigint
  | boolean
  | null
  | typeof NO_VALUE
  | Value[]
  | { [key: string]: Value };

/** A map (JSON object), as opposed to a slice or a scalar. */
export function isMap(v: Value): v is { [key: string]: Value } {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Go template truth: false, 0, nil, an empty string/slice/map, and no value are false. */
export function isTrue(v: Value): boolean {
  if (v === NO_VALUE || v === null) return false;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') return v.length > 0;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'bigint') return v !== 0n;
  if (Array.isArray(v)) return v.length > 0;
  return Object.keys(v).length > 0;
}
