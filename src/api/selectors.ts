// Label and field selectors, parsed and matched as apimachinery's `labels.Parse` and
// `fields.ParseSelector` do, with the same error wording.
import type { LabelSelector } from 'kubernetes-types/meta/v1.js';
import { UserError } from './errors.js';
import type { KObject } from './types.js';
import { labelKeyErrors, labelValueErrors } from './validation-rules.js';

export type LabelOperator = 'in' | 'notin' | '=' | '==' | '!=' | 'exists' | '!' | 'gt' | 'lt';

export interface LabelRequirement {
  key: string;
  operator: LabelOperator;
  /** Sorted, as a Go string set lists them. */
  values: string[];
}

/** Requirements are ANDed; an empty selector matches everything. */
export type ParsedLabelSelector = LabelRequirement[];

type Tok = 'id' | '!' | '=' | '==' | '!=' | '(' | ')' | ',' | '>' | '<' | 'in' | 'notin' | 'end' | 'err';
interface Token {
  tok: Tok;
  lit: string;
}

const SPECIAL = new Set(['=', '!', '(', ')', ',', '<', '>']);
const OPERATORS: Record<string, Tok> = {
  '=': '=',
  '==': '==',
  '!=': '!=',
  '!': '!',
  '(': '(',
  ')': ')',
  ',': ',',
  '>': '>',
  '<': '<',
};

function lex(s: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (SPECIAL.has(c)) {
      // Longest run of special characters that is still an operator (`!=`, `==`).
      let j = i + 1;
      while (j < s.length && SPECIAL.has(s[j]!) && OPERATORS[s.slice(i, j + 1)]) j++;
      const lit = s.slice(i, j);
      out.push(OPERATORS[lit] ? { tok: OPERATORS[lit]!, lit } : { tok: 'err', lit });
      i = j;
    } else {
      let j = i;
      while (j < s.length && !/\s/.test(s[j]!) && !SPECIAL.has(s[j]!)) j++;
      const lit = s.slice(i, j);
      out.push({ tok: lit === 'in' ? 'in' : lit === 'notin' ? 'notin' : 'id', lit });
      i = j;
    }
  }
  out.push({ tok: 'end', lit: '' });
  return out;
}

/** The label-selector parser; `in`/`notin` are identifiers where a value is expected. */
class Parser {
  private pos = 0;
  constructor(private readonly toks: Token[]) {}

  private peek(values = true): Token {
    const t = this.toks[this.pos]!;
    return values && (t.tok === 'in' || t.tok === 'notin') ? { tok: 'id', lit: t.lit } : t;
  }
  private next(values = true): Token {
    const t = this.peek(values);
    if (t.tok !== 'end') this.pos++;
    return t;
  }

  parse(): ParsedLabelSelector {
    const reqs: LabelRequirement[] = [];
    for (;;) {
      const t = this.peek();
      if (t.tok === 'end') return reqs;
      if (t.tok !== 'id' && t.tok !== '!') {
        throw new Error(`found '${t.lit}', expected: !, identifier, or 'end of string'`);
      }
      try {
        reqs.push(this.requirement());
      } catch (e) {
        throw new Error(`unable to parse requirement: ${(e as Error).message}`);
      }
      const after = this.next();
      if (after.tok === 'end') return reqs;
      if (after.tok !== ',') throw new Error(`found '${after.lit}', expected: ',' or 'end of string'`);
      const t2 = this.peek();
      if (t2.tok !== 'id' && t2.tok !== '!') {
        throw new Error(`found '${t2.lit}', expected: identifier after ','`);
      }
    }
  }

  private requirement(): LabelRequirement {
    let negate = false;
    let t = this.next();
    if (t.tok === '!') {
      negate = true;
      t = this.next();
    }
    if (t.tok !== 'id') throw new Error(`found '${t.lit}', expected: identifier`);
    const key = t.lit;
    const keyErr = labelKeyErrors(key)[0];
    if (keyErr) throw new Error(`key: Invalid value: "${key}": ${keyErr}`);
    const la = this.peek();
    if (negate || la.tok === 'end' || la.tok === ',') {
      return { key, operator: negate ? '!' : 'exists', values: [] };
    }
    const op = this.operator();
    const values = op === 'in' || op === 'notin' ? this.setValues() : this.exactValue();
    return checkValues({ key, operator: op, values: [...new Set(values)].sort() });
  }

  private operator(): LabelOperator {
    const t = this.next(false);
    switch (t.tok) {
      case 'in':
      case 'notin':
      case '=':
      case '==':
      case '!=':
        return t.tok;
      case '>':
        return 'gt';
      case '<':
        return 'lt';
      default:
        throw new Error(`found '${t.lit}', expected: in, notin, =, ==, !=, gt, lt`);
    }
  }

  private setValues(): string[] {
    const open = this.next();
    if (open.tok !== '(') throw new Error(`found '${open.lit}' expected: '('`);
    const la = this.peek();
    if (la.tok === ')') {
      this.next();
      return [''];
    }
    if (la.tok !== 'id' && la.tok !== ',') {
      throw new Error(`found '${la.lit}', expected: ',', ')' or identifier`);
    }
    const values: string[] = [];
    for (;;) {
      const t = this.next();
      if (t.tok === 'id') {
        values.push(t.lit);
        const t2 = this.peek();
        if (t2.tok === ')') break;
        if (t2.tok !== ',') throw new Error(`found '${t2.lit}', expected: ',' or ')'`);
      } else if (t.tok === ',') {
        if (values.length === 0) values.push('');
        const t2 = this.peek();
        if (t2.tok === ')') {
          values.push('');
          break;
        }
        if (t2.tok === ',') {
          this.next();
          values.push('');
        }
      } else {
        throw new Error(`found '${t.lit}', expected: ',', or identifier`);
      }
    }
    this.next(); // ')'
    return values;
  }

  private exactValue(): string[] {
    const la = this.peek();
    if (la.tok === 'end' || la.tok === ',') return [''];
    const t = this.next();
    if (t.tok === 'id') return [t.lit];
    throw new Error(`found '${t.lit}', expected: identifier`);
  }
}

function checkValues(r: LabelRequirement): LabelRequirement {
  if ((r.operator === 'gt' || r.operator === 'lt') && !/^-?\d+$/.test(r.values[0] ?? '')) {
    throw new Error(
      `values[0]: Invalid value: "${r.values[0]}": for 'Gt', 'Lt' operators, the value must be an integer`,
    );
  }
  r.values.forEach((v, i) => {
    const err = labelValueErrors(v)[0];
    if (err && r.operator !== 'gt' && r.operator !== 'lt') {
      throw new Error(`values[${i}][${r.key}]: Invalid value: "${v}": ${err}`);
    }
  });
  return r;
}

/** Parse `-l` text; throws UserError with apimachinery's wording on bad syntax. */
export function parseLabelSelector(s: string): ParsedLabelSelector {
  try {
    const toks = lex(s);
    const bad = toks.find((t) => t.tok === 'err');
    if (bad) throw new Error(`unable to parse requirement: error expected: keyword found '${bad.lit}'`);
    return new Parser(toks).parse();
  } catch (e) {
    throw new UserError((e as Error).message);
  }
}

/** True when `labels` satisfy every requirement. */
export function matchesLabels(
  selector: ParsedLabelSelector,
  labels: Record<string, string> | undefined | null,
): boolean {
  const l = labels ?? {};
  return selector.every((r) => {
    const has = Object.hasOwn(l, r.key);
    const v = l[r.key];
    switch (r.operator) {
      case '=':
      case '==':
      case 'in':
        return has && r.values.includes(v!);
      case '!=':
      case 'notin':
        return !has || !r.values.includes(v!);
      case 'exists':
        return has;
      case '!':
        return !has;
      case 'gt':
      case 'lt': {
        if (!has || !/^-?\d+$/.test(v!)) return false;
        const n = Number(v);
        const ref = Number(r.values[0]);
        return r.operator === 'gt' ? n > ref : n < ref;
      }
    }
    return false;
  });
}

/**
 * A LabelSelector object (matchLabels + matchExpressions) as requirements. Invalid operators throw.
 * As on the API server, an empty object selects everything; callers that need "nothing" for
 * a missing selector must check for undefined themselves.
 */
export function labelSelectorFromObject(sel: LabelSelector | undefined | null): ParsedLabelSelector {
  const reqs: LabelRequirement[] = [];
  for (const [key, value] of Object.entries(sel?.matchLabels ?? {})) {
    reqs.push({ key, operator: '=', values: [value] });
  }
  for (const e of sel?.matchExpressions ?? []) {
    const op = { In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!' }[e.operator] as
      | LabelOperator
      | undefined;
    if (!op) throw new UserError(`"${e.operator}" is not a valid label selector operator`);
    reqs.push({ key: e.key, operator: op, values: [...new Set(e.values ?? [])].sort() });
  }
  return reqs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

function requirementToString(r: LabelRequirement): string {
  switch (r.operator) {
    case 'exists':
      return r.key;
    case '!':
      return `!${r.key}`;
    case 'in':
    case 'notin':
      return `${r.key} ${r.operator} (${r.values.join(',')})`;
    case 'gt':
      return `${r.key}>${r.values[0]}`;
    case 'lt':
      return `${r.key}<${r.values[0]}`;
    default:
      return `${r.key}${r.operator}${r.values[0]}`;
  }
}

/**
 * kubectl's string form of a LabelSelector object (the `-o wide` SELECTOR column):
 * `app=web,tier in (a,b)`; `<none>` for a missing selector, `` for an empty one.
 */
export function selectorToString(sel: LabelSelector | undefined | null): string {
  if (sel === undefined || sel === null) return '<none>';
  return labelSelectorFromObject(sel).map(requirementToString).join(',');
}

/** `k=v,...` sorted by key, as a Service's or ReplicationController's map selector prints. */
export function mapSelectorToString(sel: Record<string, string> | undefined | null): string {
  const keys = Object.keys(sel ?? {}).sort();
  return keys.length ? keys.map((k) => `${k}=${sel![k]}`).join(',') : '<none>';
}

// ---- field selectors ------------------------------------------------------------------------

export interface FieldRequirement {
  field: string;
  operator: '=' | '==' | '!=';
  value: string;
}
export type ParsedFieldSelector = FieldRequirement[];

/** Split on an unescaped separator; `\,` `\=` `\\` are escapes, as in fields.ParseSelector. */
function splitTerms(s: string, sep: string): string[] {
  const terms: string[] = [];
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\' && i + 1 < s.length) {
      cur += s[i]! + s[i + 1]!;
      i++;
    } else if (s[i] === sep) {
      terms.push(cur);
      cur = '';
    } else cur += s[i];
  }
  terms.push(cur);
  return terms;
}

function unescapeTerm(s: string): string {
  return s.replace(/\\(.)/g, '$1');
}

/** Parse `--field-selector` text: `a=b,c!=d`. */
export function parseFieldSelector(s: string): ParsedFieldSelector {
  const out: FieldRequirement[] = [];
  for (const term of splitTerms(s, ',')) {
    if (term === '') continue;
    const m = /^((?:[^\\=!]|\\.)*?)(!=|==|=)(.*)$/s.exec(term);
    if (!m) throw new UserError(`invalid selector: '${s}'; can't understand '${term}'`);
    out.push({
      field: unescapeTerm(m[1]!),
      operator: m[2] as FieldRequirement['operator'],
      value: unescapeTerm(m[3]!),
    });
  }
  return out;
}

/** The value of a dotted field path as the API server compares it (a string; '' when absent). */
export function fieldValue(obj: KObject, path: string): string {
  let cur: unknown = obj;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return '';
    cur = (cur as Record<string, unknown>)[part];
  }
  if (cur === undefined || cur === null) return '';
  return typeof cur === 'object' ? JSON.stringify(cur) : String(cur);
}

export function matchesFields(selector: ParsedFieldSelector, obj: KObject): boolean {
  return selector.every((r) => {
    const v = fieldValue(obj, r.field);
    return r.operator === '!=' ? v !== r.value : v === r.value;
  });
}

/** Field selectors each kind supports on a real API server (plus metadata.name/namespace for all). */
const SUPPORTED_FIELDS: Record<string, string[]> = {
  Pod: [
    'spec.nodeName',
    'spec.restartPolicy',
    'spec.schedulerName',
    'spec.serviceAccountName',
    'spec.hostNetwork',
    'status.phase',
    'status.podIP',
    'status.podIPs',
    'status.nominatedNodeName',
  ],
  Event: [
    'involvedObject.kind',
    'involvedObject.namespace',
    'involvedObject.name',
    'involvedObject.uid',
    'involvedObject.apiVersion',
    'involvedObject.resourceVersion',
    'involvedObject.fieldPath',
    'reason',
    'reportingComponent',
    'source',
    'type',
  ],
  Secret: ['type'],
  Namespace: ['status.phase'],
  Node: ['spec.unschedulable'],
  ReplicaSet: ['status.replicas'],
  ReplicationController: ['status.replicas'],
  Job: ['status.successful'],
};

/**
 * An error message when `selector` uses a field the kind does not support, as the API server
 * words it (`"foo" is not a known field selector: only "metadata.name", "metadata.namespace"`).
 */
export function unsupportedField(selector: ParsedFieldSelector, kind: string): string | undefined {
  const extra = SUPPORTED_FIELDS[kind] ?? [];
  for (const r of selector) {
    if (r.field === 'metadata.name' || r.field === 'metadata.namespace' || extra.includes(r.field)) continue;
    if (extra.length) return `field label not supported: ${r.field}`;
    return `"${r.field}" is not a known field selector: only "metadata.name", "metadata.namespace"`;
  }
  return undefined;
}
