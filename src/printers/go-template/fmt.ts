// Go's fmt package for the values a kubectl template sees (decoded JSON: string, float64, bool,
// nil, []interface{}, map[string]interface{}; template literals add int as a bigint): Sprint,
// Sprintln, Sprintf with the verbs and flags templates use, and strconv.Quote.
import { byteOrder, goFloatG } from '../gofmt.js';
import { NO_VALUE, type Value } from './value.js';

/** The Go type name, as fmt's `%!d(float64=3)` and template errors print it. */
export function goTypeName(v: Value): string {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'float64';
  if (typeof v === 'bigint') return 'int';
  if (typeof v === 'boolean') return 'bool';
  if (Array.isArray(v)) return '[]interface {}';
  if (v === null || v === NO_VALUE) return '<nil>';
  return 'map[string]interface {}';
}

/** strconv.Quote: a double-quoted Go string literal, non-printable runes escaped. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (c >= 0x20 && c < 0x7f) out += ch;
    else if (ESCAPES[ch]) out += ESCAPES[ch];
    else if (c < 0x80) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else if (/[\p{L}\p{M}\p{N}\p{P}\p{S}]/u.test(ch)) out += ch;
    else if (c < 0x10000) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += `\\U${c.toString(16).padStart(8, '0')}`;
  }
  return `${out}"`;
}
const ESCAPES: Record<string, string> = {
  '\x07': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
};

/** fmt.Sprint of one value (%v): maps print as `map[k:v]` with sorted keys, slices as `[a b]`. */
export function sprintValue(v: Value): string {
  return formatVerb(v, { verb: 'v', flags: '', width: undefined, precision: undefined });
}

/** fmt.Sprint: operands joined, with a space between two operands when neither is a string. */
export function sprint(args: Value[]): string {
  let out = '';
  args.forEach((a, i) => {
    if (i > 0 && typeof a !== 'string' && typeof args[i - 1] !== 'string') out += ' ';
    out += sprintValue(a);
  });
  return out;
}

/** fmt.Sprintln: operands always separated by spaces, then a newline. */
export function sprintln(args: Value[]): string {
  return `${args.map(sprintValue).join(' ')}\n`;
}

interface Spec {
  verb: string;
  flags: string;
  width: number | undefined;
  precision: number | undefined;
}

/** fmt.Sprintf. */
export function sprintf(format: string, args: Value[]): string {
  let out = '';
  let argi = 0;
  const re = /%([-+# 0]*)(\d+|\*)?(?:\.(\d*|\*))?(.)?/gsy;
  let last = 0;
  for (let i = format.indexOf('%'); i >= 0; i = format.indexOf('%', last)) {
    out += format.slice(last, i);
    re.lastIndex = i;
    const m = re.exec(format)!;
    last = re.lastIndex;
    const [, flags = '', widthText, precText, verb] = m;
    if (verb === undefined) {
      out += '%!(NOVERB)';
      break;
    }
    if (verb === '%') {
      out += '%';
      continue;
    }
    const star = (text: string | undefined): number | undefined => {
      if (text !== '*') return text === undefined ? undefined : Number(text || 0);
      const a = args[argi++];
      return typeof a === 'bigint' ? Number(a) : undefined;
    };
    const width = star(widthText);
    const precision = star(precText);
    if (argi >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    out += formatVerb(args[argi++]!, { verb, flags, width, precision });
  }
  out += format.slice(last);
  if (argi < args.length)
    out += `%!(EXTRA ${args
      .slice(argi)
      .map((a) => (a === null || a === NO_VALUE ? '<nil>' : `${goTypeName(a)}=${sprintValue(a)}`))
      .join(', ')})`;
  return out;
}

function pad(s: string, spec: Spec, numeric = false): string {
  const width = spec.width ?? 0;
  const len = [...s].length;
  if (len >= width) return s;
  if (spec.flags.includes('-')) return s + ' '.repeat(width - len);
  if (numeric && spec.flags.includes('0')) {
    const sign = /^[-+ ]/.test(s) ? s[0]! : '';
    return sign + '0'.repeat(width - len) + s.slice(sign.length);
  }
  return ' '.repeat(width - len) + s;
}

function badVerb(v: Value, verb: string): string {
  if (v === null || v === NO_VALUE) return `%!${verb}(<nil>)`;
  return `%!${verb}(${goTypeName(v)}=${sprintValue(v)})`;
}

function signed(s: string, negative: boolean, flags: string): string {
  if (negative) return `-${s}`;
  if (flags.includes('+')) return `+${s}`;
  if (flags.includes(' ')) return ` ${s}`;
  return s;
}

/** One operand under one verb; slices and maps apply the verb to each element, as fmt does. */
function formatVerb(v: Value, spec: Spec): string {
  const { verb } = spec;
  if (verb === 'T') return pad(v === null || v === NO_VALUE ? '<nil>' : goTypeName(v), spec);
  if (Array.isArray(v)) return `[${v.map((e) => formatVerb(e, spec)).join(' ')}]`;
  if (v !== null && v !== NO_VALUE && typeof v === 'object') {
    const obj = v as Record<string, Value>;
    const keys = Object.keys(obj).sort(byteOrder);
    return `map[${keys.map((k) => `${formatVerb(k, spec)}:${formatVerb(obj[k]!, spec)}`).join(' ')}]`;
  }
  if (v === null || v === NO_VALUE) return verb === 'v' ? pad('<nil>', spec) : badVerb(v, verb);
  if (typeof v === 'string') return formatString(v, spec);
  if (typeof v === 'boolean') return verb === 't' || verb === 'v' ? pad(String(v), spec) : badVerb(v, verb);
  if (typeof v === 'bigint') return formatInt(v, spec);
  return formatFloat(v as number, spec);
}

function formatString(s: string, spec: Spec): string {
  const cut = spec.precision === undefined ? s : [...s].slice(0, spec.precision).join('');
  switch (spec.verb) {
    case 's':
    case 'v':
      return pad(cut, spec);
    case 'q':
      return pad(goQuote(cut), spec);
    case 'x':
    case 'X': {
      const hex = Buffer.from(cut, 'utf8').toString('hex');
      return pad(spec.verb === 'X' ? hex.toUpperCase() : hex, spec);
    }
  }
  return badVerb(s, spec.verb);
}

function formatInt(n: bigint, spec: Spec): string {
  const negative = n < 0n;
  const abs = negative ? -n : n;
  const digits = (radix: number) => {
    let s = abs.toString(radix);
    if (spec.precision !== undefined) s = s.padStart(spec.precision, '0');
    return pad(signed(s, negative, spec.flags), spec, spec.precision === undefined);
  };
  switch (spec.verb) {
    case 'd':
    case 'v':
      return digits(10);
    case 'b':
      return digits(2);
    case 'o':
      return digits(8);
    case 'x':
      return digits(16);
    case 'X':
      return digits(16).toUpperCase();
    case 'c':
      return pad(String.fromCodePoint(Number(n)), spec);
    case 'q':
      return pad(
        `'${goQuote(String.fromCodePoint(Number(n)))
          .slice(1, -1)
          .replace(/\\"/g, '"')}'`,
        spec,
      );
    case 'U':
      return pad(`U+${abs.toString(16).toUpperCase().padStart(4, '0')}`, spec);
  }
  return badVerb(n, spec.verb);
}

function formatFloat(f: number, spec: Spec): string {
  const negative = f < 0 || Object.is(f, -0);
  const abs = Math.abs(f);
  const out = (s: string) => pad(signed(s, negative, spec.flags), spec, true);
  if (!Number.isFinite(f)) return pad(Number.isNaN(f) ? 'NaN' : signed('Inf', f < 0, spec.flags), spec);
  switch (spec.verb) {
    case 'v':
    case 'g':
    case 'G':
      if (spec.precision === undefined) return out(goFloatG(abs));
      return out(expForm(Number(abs.toPrecision(Math.max(spec.precision, 1))), spec.precision));
    case 'f':
    case 'F':
      return out(toFixedHalfEven(abs, spec.precision ?? 6));
    case 'e':
    case 'E': {
      const s = goExponent(abs.toExponential(spec.precision ?? 6));
      return out(spec.verb === 'E' ? s.toUpperCase() : s);
    }
  }
  return badVerb(f, spec.verb);
}

/**
 * toFixed, except that an exact tie rounds to even as Go's strconv does (0.25 -> "0.2");
 * JavaScript's toFixed rounds ties up. toFixed on more digits is exact for doubles.
 */
function toFixedHalfEven(v: number, digits: number): string {
  const rounded = v.toFixed(digits);
  const exact = v.toFixed(Math.min(100, digits + 30));
  const cut = exact.length - 30;
  if (!/^50*$/.test(exact.slice(cut))) return rounded;
  const truncated = exact.slice(0, cut).replace(/\.$/, '');
  const last = Number(truncated[truncated.length - 1]);
  return last % 2 === 0 ? truncated : rounded;
}

/** %.Ng: %e when the exponent is < -4 or >= the precision, else plain digits. */
function expForm(v: number, precision: number): string {
  const exp = v === 0 ? 0 : Math.floor(Math.log10(v));
  if (exp < -4 || exp >= precision) return goExponent(v.toExponential()).replace(/\.?0+e/, 'e');
  return String(v);
}

/** JavaScript's `1.5e+6` -> Go's `1.5e+06` (at least two exponent digits). */
function goExponent(s: string): string {
  return s.replace(/e([+-])(\d)$/, 'e$10$2');
}
