// The functions a kubectl template can call: Go's text/template builtins (funcs.go) and kubectl's
// two extras (`exists`, `base64decode`). Each declares how its arguments are passed, as Go's
// reflection does: `value` params see the raw value (a missing key stays NO_VALUE), `any`
// params see a missing key as nil, `string` params must be strings.
import { goTypeName, sprint, sprintf, sprintln } from './fmt.js';
import { isMap, isTrue, NO_VALUE, type Value } from './value.js';

export type ParamKind = 'value' | 'any' | 'string';

export interface TemplateFunc {
  /** Fixed parameters, then (when variadic) the kind of the rest. */
  params: ParamKind[];
  variadic?: ParamKind;
  /** Throws an Error whose message Go prints after `error calling <name>: `. */
  call(args: Value[]): Value;
}

export class FuncError extends Error {}

type Kind = 'invalid' | 'bool' | 'int' | 'float' | 'string';

function basicKind(v: Value): Kind {
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'bigint') return 'int';
  if (typeof v === 'number') return 'float';
  if (typeof v === 'string') return 'string';
  return 'invalid';
}

const isNil = (v: Value) => v === NO_VALUE || v === null;

function eq(args: Value[]): boolean {
  const [a, ...rest] = args;
  if (rest.length === 0) throw new FuncError('missing argument for comparison');
  const k1 = basicKind(a!);
  for (const b of rest) {
    const k2 = basicKind(b);
    if (k1 !== k2) {
      if (!isNil(a!) && !isNil(b)) throw new FuncError('incompatible types for comparison');
      if (isNil(a!) && isNil(b)) return true;
      continue;
    }
    if (k1 === 'invalid') {
      if (!isNil(a!) && !isNil(b)) {
        if (typeof a !== typeof b || Array.isArray(a) !== Array.isArray(b))
          throw new FuncError('incompatible types for comparison');
        throw new FuncError(
          `non-comparable type ${sprint([b])}: ${Array.isArray(b) ? '[]interface {}' : 'map[string]interface {}'}`,
        );
      }
      if (isNil(a!) === isNil(b)) return true;
      continue;
    }
    if (a === b) return true;
  }
  return false;
}

function lt(a: Value, b: Value): boolean {
  const k1 = basicKind(a);
  const k2 = basicKind(b);
  if (k1 === 'invalid' || k2 === 'invalid') throw new FuncError('invalid type for comparison');
  if (k1 !== k2) throw new FuncError('incompatible types for comparison');
  if (k1 === 'bool') throw new FuncError('invalid type for comparison');
  return (a as string | number | bigint) < (b as string | number | bigint);
}

function index(args: Value[]): Value {
  let [item, ...indexes] = args;
  if (item === NO_VALUE || item === null) throw new FuncError('index of untyped nil');
  for (const i of indexes) {
    if (item === null) throw new FuncError('index of nil pointer');
    if (Array.isArray(item) || typeof item === 'string') {
      if (typeof i !== 'bigint')
        throw new FuncError(
          isNil(i)
            ? 'cannot index slice/array with nil'
            : `cannot index slice/array with type ${goTypeName(i)}`,
        );
      const len = typeof item === 'string' ? Buffer.byteLength(item) : item.length;
      if (i < 0n || i > BigInt(len)) throw new FuncError(`index out of range: ${i}`);
      if (i === BigInt(len))
        throw new FuncError(`reflect: ${typeof item === 'string' ? 'string' : 'slice'} index out of range`);
      item = typeof item === 'string' ? BigInt(Buffer.from(item)[Number(i)]!) : item[Number(i)]!;
    } else if (isMap(item!)) {
      if (isNil(i)) throw new FuncError('value is nil; should be of type string');
      if (typeof i !== 'string') throw new FuncError(`value has type ${goTypeName(i)}; should be string`);
      item = Object.hasOwn(item, i) ? item[i]! : null;
    } else throw new FuncError(`can't index item of type ${goTypeName(item!)}`);
  }
  return item!;
}

/** Go's indexArg: an int within [0, cap]. */
function indexArg(i: Value, cap: number): number {
  if (isNil(i)) throw new FuncError('cannot index slice/array with nil');
  if (typeof i !== 'bigint') throw new FuncError(`cannot index slice/array with type ${goTypeName(i)}`);
  if (i < 0n || i > BigInt(cap)) throw new FuncError(`index out of range: ${i}`);
  return Number(i);
}

/** slice x 1 2 is x[1:2]; strings slice by bytes, as Go's. */
function slice(args: Value[]): Value {
  const [item, ...indexes] = args;
  if (item === NO_VALUE) throw new FuncError('slice of untyped nil');
  if (item === null) throw new FuncError('slice of nil pointer');
  if (indexes.length > 3) throw new FuncError(`too many slice indexes: ${indexes.length}`);
  let len: number;
  if (typeof item === 'string') {
    if (indexes.length === 3) throw new FuncError('cannot 3-index slice a string');
    len = Buffer.byteLength(item);
  } else if (Array.isArray(item)) len = item.length;
  else throw new FuncError(`can't slice item of type ${goTypeName(item!)}`);
  const idx = [0, len, len];
  indexes.forEach((i, n) => {
    idx[n] = indexArg(i, len);
  });
  if (idx[0]! > idx[1]!) throw new FuncError(`invalid slice index: ${idx[0]} > ${idx[1]}`);
  if (indexes.length === 3 && idx[1]! > idx[2]!)
    throw new FuncError(`invalid slice index: ${idx[1]} > ${idx[2]}`);
  if (typeof item === 'string') return Buffer.from(item).subarray(idx[0], idx[1]).toString('utf8');
  return item.slice(idx[0], idx[1]);
}

function length(v: Value): bigint {
  if (v === NO_VALUE) throw new FuncError('len of untyped nil');
  if (v === null) throw new FuncError('len of nil pointer');
  if (typeof v === 'string') return BigInt(Buffer.byteLength(v));
  if (Array.isArray(v)) return BigInt(v.length);
  if (isMap(v)) return BigInt(Object.keys(v).length);
  throw new FuncError(`len of type ${goTypeName(v)}`);
}

/** kubectl's exists: whether `index` would find something at these indices. */
function exists(args: Value[]): boolean {
  let [item, ...indexes] = args;
  for (const i of indexes) {
    if (isNil(item!)) return false;
    if (Array.isArray(item) || typeof item === 'string') {
      if (typeof i !== 'bigint' || i < 0n || i >= BigInt(item.length)) return false;
      item = typeof item === 'string' ? BigInt(item.charCodeAt(Number(i))) : item[Number(i)]!;
    } else if (isMap(item!)) {
      if (typeof i !== 'string') return false;
      item = Object.hasOwn(item, i) ? item[i]! : null;
    } else return false;
  }
  return true;
}

const HTML: Record<string, string> = {
  '\0': '\uFFFD',
  '"': '&#34;',
  "'": '&#39;',
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
};
const JS: Record<string, string> = {
  '\\': '\\\\',
  "'": "\\'",
  '"': '\\"',
  '<': '\\u003C',
  '>': '\\u003E',
  '&': '\\u0026',
  '=': '\\u003D',
};

/** text/template's evalArgs: a lone string as it is, else fmt.Sprint. */
function evalArgs(args: Value[]): string {
  if (args.length === 1 && typeof args[0] === 'string') return args[0];
  return sprint(args.map((a) => (a === null || a === NO_VALUE ? '<no value>' : a)));
}

function jsEscape(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (JS[ch]) out += JS[ch];
    else if (c < 0x20) out += `\\u00${c.toString(16).toUpperCase().padStart(2, '0')}`;
    else if (c < 0x80 || /[\p{L}\p{M}\p{N}\p{P}\p{S} ]/u.test(ch)) out += ch;
    else out += `\\u${c.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return out;
}

/** url.QueryEscape: unreserved bytes kept, space as `+`, the rest %XX. */
function queryEscape(s: string): string {
  return [...Buffer.from(s, 'utf8')]
    .map((b) => {
      const c = String.fromCharCode(b);
      if (/[A-Za-z0-9\-_.~]/.test(c)) return c;
      if (c === ' ') return '+';
      return `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
    })
    .join('');
}

function base64decode(v: string): string {
  const clean = v.replace(/[\r\n]/g, '');
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(clean)) {
    const bad = [...clean].findIndex(
      (c, i) => !/[A-Za-z0-9+/=]/.test(c) || (c === '=' && i < clean.length - 2),
    );
    const at = bad >= 0 ? bad : clean.length - (clean.length % 4);
    throw new FuncError(`base64 decode failed: illegal base64 data at input byte ${at}`);
  }
  return Buffer.from(clean, 'base64').toString('utf8');
}

const ANY_VARIADIC = { params: [] as ParamKind[], variadic: 'any' as ParamKind };

export const FUNCS: Record<string, TemplateFunc> = {
  // and/or short-circuit in the executor; these entries give their arity.
  and: { params: ['value'], variadic: 'value', call: () => NO_VALUE },
  or: { params: ['value'], variadic: 'value', call: () => NO_VALUE },
  not: { params: ['value'], call: ([v]) => !isTrue(v!) },
  len: { params: ['value'], call: ([v]) => length(v!) },
  index: { params: ['value'], variadic: 'value', call: index },
  slice: { params: ['value'], variadic: 'value', call: slice },
  // Data decoded from JSON holds no functions, so call always fails (the executor names the callee).
  call: { params: ['value'], variadic: 'value', call: () => NO_VALUE },
  print: { ...ANY_VARIADIC, call: sprint },
  println: { ...ANY_VARIADIC, call: sprintln },
  printf: { params: ['string'], variadic: 'any', call: ([f, ...args]) => sprintf(f as string, args) },
  html: { ...ANY_VARIADIC, call: (args) => evalArgs(args).replace(/[\0"'&<>]/g, (c) => HTML[c]!) },
  js: { ...ANY_VARIADIC, call: (args) => jsEscape(evalArgs(args)) },
  urlquery: { ...ANY_VARIADIC, call: (args) => queryEscape(evalArgs(args)) },
  eq: { params: ['value'], variadic: 'value', call: eq },
  ne: { params: ['value', 'value'], call: (args) => !eq(args) },
  lt: { params: ['value', 'value'], call: ([a, b]) => lt(a!, b!) },
  le: { params: ['value', 'value'], call: ([a, b]) => lt(a!, b!) || eq([a!, b!]) },
  gt: { params: ['value', 'value'], call: ([a, b]) => !(lt(a!, b!) || eq([a!, b!])) },
  ge: { params: ['value', 'value'], call: ([a, b]) => !lt(a!, b!) },
  exists: { params: ['any'], variadic: 'any', call: exists },
  base64decode: { params: ['string'], call: ([v]) => base64decode(v as string) },
};
