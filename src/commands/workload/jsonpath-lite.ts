// A small JSONPath evaluator for `wait --for=jsonpath=...`: fields (`.a.b`, `['a.b']`), indexes
// (`[0]`, `[-1]`), `[*]`, `..name` and filters `[?(@.type=="Ready")]` (==, !=, <, >, <=, >=,
// or a bare existence test). Enough for the expressions wait is used with; the full
// client-go syntax is src/printers' business.

type Step =
  | { op: 'field'; name: string }
  | { op: 'index'; index: number }
  | { op: 'all' }
  | { op: 'recurse'; name: string }
  | { op: 'filter'; path: Step[]; cmp?: string; value?: unknown };

function parsePath(s: string): Step[] {
  const steps: Step[] = [];
  let i = 0;
  const ident = () => {
    const m = /^[^.[\]]+/.exec(s.slice(i));
    if (!m) throw new Error(`invalid jsonpath ${s}`);
    i += m[0].length;
    return m[0];
  };
  while (i < s.length) {
    if (s.startsWith('..', i)) {
      i += 2;
      steps.push({ op: 'recurse', name: ident() });
    } else if (s[i] === '.') {
      i++;
      if (s[i] === '*') {
        i++;
        steps.push({ op: 'all' });
      } else if (i < s.length && s[i] !== '[') steps.push({ op: 'field', name: ident() });
    } else if (s[i] === '[') {
      const close = matchBracket(s, i);
      steps.push(parseBracket(s.slice(i + 1, close).trim()));
      i = close + 1;
    } else if (s[i] === '@' || s[i] === '$') {
      i++;
    } else {
      steps.push({ op: 'field', name: ident() });
    }
  }
  return steps;
}

function matchBracket(s: string, open: number): number {
  let depth = 0;
  let quote = '';
  for (let j = open; j < s.length; j++) {
    const c = s[j]!;
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[') depth++;
    else if (c === ']' && --depth === 0) return j;
  }
  throw new Error(`unclosed array expect ]`);
}

function literal(v: string): unknown {
  const t = v.trim();
  if (/^(['"]).*\1$/s.test(t)) return t.slice(1, -1);
  if (t === 'true' || t === 'false') return t === 'true';
  if (t !== '' && !Number.isNaN(Number(t))) return Number(t);
  return t;
}

function parseBracket(inner: string): Step {
  if (inner === '*') return { op: 'all' };
  if (/^-?\d+$/.test(inner)) return { op: 'index', index: Number(inner) };
  if (/^(['"]).*\1$/s.test(inner)) return { op: 'field', name: inner.slice(1, -1) };
  const f = /^\?\((.*)\)$/s.exec(inner);
  if (!f) throw new Error(`unsupported jsonpath [${inner}]`);
  const m = /^(@[^=!<>]*?)\s*(==|!=|<=|>=|<|>)\s*(.+)$/s.exec(f[1]!.trim());
  if (!m) return { op: 'filter', path: parsePath(f[1]!.trim()) };
  return { op: 'filter', path: parsePath(m[1]!), cmp: m[2], value: literal(m[3]!) };
}

function compare(a: unknown, cmp: string, b: unknown): boolean {
  switch (cmp) {
    case '==':
      return a === b;
    case '!=':
      return a !== b;
    case '<':
      return (a as number) < (b as number);
    case '>':
      return (a as number) > (b as number);
    case '<=':
      return (a as number) <= (b as number);
    default:
      return (a as number) >= (b as number);
  }
}

function children(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  if (v && typeof v === 'object') return Object.values(v);
  return [];
}

function recurse(v: unknown, name: string, out: unknown[]): void {
  if (v && typeof v === 'object' && !Array.isArray(v) && name in (v as object)) {
    out.push((v as Record<string, unknown>)[name]);
  }
  for (const c of children(v)) recurse(c, name, out);
}

function apply(values: unknown[], step: Step): unknown[] {
  const out: unknown[] = [];
  for (const v of values) {
    if (step.op === 'field') {
      if (v && typeof v === 'object' && !Array.isArray(v) && step.name in (v as object)) {
        out.push((v as Record<string, unknown>)[step.name]);
      }
    } else if (step.op === 'index') {
      if (Array.isArray(v)) {
        const i = step.index < 0 ? v.length + step.index : step.index;
        if (i >= 0 && i < v.length) out.push(v[i]);
      }
    } else if (step.op === 'all') {
      out.push(...children(v));
    } else if (step.op === 'recurse') {
      recurse(v, step.name, out);
    } else {
      for (const item of children(v)) {
        const got = evaluate(item, step.path);
        if (step.cmp ? got.some((g) => compare(g, step.cmp!, step.value)) : got.length > 0) out.push(item);
      }
    }
  }
  return out;
}

function evaluate(root: unknown, steps: Step[]): unknown[] {
  return steps.reduce<unknown[]>((vals, step) => apply(vals, step), [root]);
}

/** Results of a `{...}` template: one list per `{}` node, missing keys give empty lists. */
export function findResults(template: string, root: unknown): unknown[][] {
  const nodes = [...template.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1]!.trim());
  if (nodes.length === 0) throw new Error(`unrecognized jsonpath ${template}`);
  return nodes.map((expr) => evaluate(root, parsePath(expr)));
}
