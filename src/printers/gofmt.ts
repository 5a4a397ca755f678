// How Go prints values, for output that must match kubectl byte for byte: encoding/json
// (sorted keys, HTML-safe escapes), fmt's %v, and strconv's shortest 'g' float format.

/** strconv.FormatFloat(v, 'g', -1, 64), which fmt's %v and go-yaml use for float64. */
export function goFloatG(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '+Inf' : '-Inf';
  if (v === 0) return Object.is(v, -0) ? '-0' : '0';
  const [mantissa, expText] = v.toExponential().split('e') as [string, string];
  const exp = Number(expText);
  // With the shortest precision, %e is used when the exponent is < -4 or >= 6.
  if (exp < -4 || exp >= 6)
    return `${mantissa}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  return String(v);
}

/** A number as Go prints a value decoded from JSON: integers as int64, others as float64 %v. */
export function goNumber(v: number): string {
  return Number.isInteger(v) ? String(v) : goFloatG(v);
}

const HTML_SAFE: Record<string, string> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
};

/** A JSON string literal as Go's encoding/json writes it (HTML characters escaped). */
export function goJsonString(s: string): string {
  return `"${s.replace(/[<>&\u2028\u2029"\\\u0000-\u001f]/g, (c) => HTML_SAFE[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}"`;
}

/**
 * json.Marshal (indent '') or json.MarshalIndent(v, '', indent) of a value decoded from JSON:
 * object keys sorted, as Go sorts map keys.
 */
export function goJson(value: unknown, indent = '', level = 0): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return goJsonString(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  if (typeof value === 'boolean') return String(value);
  const nl = indent ? `\n${indent.repeat(level + 1)}` : '';
  const close = indent ? `\n${indent.repeat(level)}` : '';
  const sep = indent ? ': ' : ':';
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[${value.map((v) => nl + goJson(v, indent, level + 1)).join(',')}${close}]`;
  }
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort(byteOrder);
  if (keys.length === 0) return '{}';
  return `{${keys.map((k) => `${nl}${goJsonString(k)}${sep}${goJson(obj[k], indent, level + 1)}`).join(',')}${close}}`;
}

/** Go compares strings by bytes (UTF-8); for the BMP this equals code point order. */
export function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** fmt.Sprint(v) of a value decoded from JSON: `map[a:1 b:[x y]]`, `<nil>`, `true`. */
export function goSprint(value: unknown): string {
  if (value === null || value === undefined) return '<nil>';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return goNumber(value);
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(goSprint).join(' ')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).sort(byteOrder);
  return `map[${keys.map((k) => `${k}:${goSprint(obj[k])}`).join(' ')}]`;
}
