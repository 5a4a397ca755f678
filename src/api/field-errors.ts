// Field errors as apimachinery's `field.Error` prints them, and the API error that carries them
// (422 Invalid): `The Pod "x" is invalid: spec.containers[0].image: Required value`.
import { ApiError } from './errors.js';

/** A path segment: a struct field, a list index, or a map key (printed `[key]`). */
export type PathPart = string | number | { key: string };
export type Path = PathPart[];

export type FieldErrorType = 'Required' | 'Invalid' | 'Duplicate' | 'Unsupported' | 'NotFound' | 'Forbidden';

export interface FieldError {
  type: FieldErrorType;
  path: Path;
  value?: unknown;
  detail?: string;
  /** For Unsupported: the allowed values. */
  supported?: string[];
}

/** field.Invalid, field.Required, field.NotSupported: the makers every Validate* function uses. */
export const invalid = (path: Path, value: unknown, detail?: string): FieldError => ({
  type: 'Invalid',
  path,
  value,
  detail,
});
export const required = (path: Path, detail?: string): FieldError => ({ type: 'Required', path, detail });
export const unsupported = (path: Path, value: unknown, supported: string[]): FieldError => ({
  type: 'Unsupported',
  path,
  value,
  supported,
});

export function pathString(path: Path): string {
  let s = '';
  for (const p of path) {
    if (typeof p === 'number') s += `[${p}]`;
    else if (typeof p === 'object') s += `[${p.key}]`;
    else s += s ? `.${p}` : p;
  }
  return s;
}

/** The path as plain keys, for looking up lines in the manifest. */
export function plainPath(path: Path): Array<string | number> {
  return path.map((p) => (typeof p === 'object' ? p.key : p));
}

/** Go's `%#v`-like rendering that the API server uses for values in messages. */
export function formatValue(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v === null || v === undefined) return 'null';
  // Go's %#v of a []string, e.g. spec.clusterIPs: `[]string{"10.0.0.1"}`.
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return goStrings(v);
  if (isLabelSelector(v)) return goLabelSelector(v);
  // Labels, annotations, selectors of Services: Go's map[string]string, keys sorted as fmt does.
  if (isStringMap(v)) return goStringMap(v);
  return JSON.stringify(v);
}

type Dict = Record<string, unknown>;
const isDict = (v: unknown): v is Dict => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStringMap = (v: unknown): v is Record<string, string> =>
  isDict(v) && Object.values(v).every((x) => typeof x === 'string');
const isLabelSelector = (v: unknown): v is Dict =>
  isDict(v) &&
  Object.keys(v).length > 0 &&
  Object.keys(v).every((k) => k === 'matchLabels' || k === 'matchExpressions') &&
  (v.matchLabels === undefined || isStringMap(v.matchLabels)) &&
  (v.matchExpressions === undefined || Array.isArray(v.matchExpressions));

const goStrings = (v: string[]) => `[]string{${v.map((x) => JSON.stringify(x)).join(', ')}}`;

function goStringMap(m: Record<string, string>): string {
  const keys = Object.keys(m).sort();
  return `map[string]string{${keys.map((k) => `${JSON.stringify(k)}:${JSON.stringify(m[k])}`).join(', ')}}`;
}

/** `v1.LabelSelector{MatchLabels:map[string]string{"app":"web"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}` */
function goLabelSelector(s: Dict): string {
  const labels =
    s.matchLabels === undefined
      ? 'map[string]string(nil)'
      : goStringMap(s.matchLabels as Record<string, string>);
  const exprs = s.matchExpressions as Dict[] | undefined;
  const requirement = (r: Dict) =>
    `v1.LabelSelectorRequirement{Key:${JSON.stringify(r.key ?? '')}, Operator:${JSON.stringify(r.operator ?? '')}, Values:${
      Array.isArray(r.values) ? goStrings(r.values as string[]) : '[]string(nil)'
    }}`;
  const expressions =
    exprs === undefined
      ? '[]v1.LabelSelectorRequirement(nil)'
      : `[]v1.LabelSelectorRequirement{${exprs.map(requirement).join(', ')}}`;
  return `v1.LabelSelector{MatchLabels:${labels}, MatchExpressions:${expressions}}`;
}

export function formatFieldError(e: FieldError): string {
  const p = pathString(e.path);
  let msg: string;
  switch (e.type) {
    case 'Required':
      msg = `${p}: Required value${e.detail ? `: ${e.detail}` : ''}`;
      break;
    case 'Invalid':
      msg = `${p}: Invalid value: ${formatValue(e.value)}${e.detail ? `: ${e.detail}` : ''}`;
      break;
    case 'Duplicate':
      msg = `${p}: Duplicate value: ${formatValue(e.value)}`;
      break;
    case 'Unsupported':
      msg = `${p}: Unsupported value: ${formatValue(e.value)}${
        e.supported ? `: supported values: ${e.supported.map((s) => JSON.stringify(s)).join(', ')}` : ''
      }`;
      break;
    case 'NotFound':
      msg = `${p}: Not found: ${formatValue(e.value)}`;
      break;
    case 'Forbidden':
      msg = `${p}: Forbidden${e.detail ? `: ${e.detail}` : ''}`;
      break;
  }
  return msg;
}

/**
 * A 422: printed by kubectl without `Error from server`, one cause on the same line, several as
 * `* cause` lines. `message` is the whole text; the CLI prints it verbatim.
 */
export class InvalidError extends ApiError {
  constructor(
    readonly kind: string,
    readonly objectName: string,
    readonly causes: FieldError[],
  ) {
    super('Invalid', InvalidError.render(kind, objectName, causes));
  }

  static render(kind: string, name: string, causes: FieldError[]): string {
    const prefix = `The ${kind} "${name}" is invalid: `;
    if (causes.length === 1) return prefix + formatFieldError(causes[0]!);
    return `${prefix}\n${causes.map((c) => `* ${formatFieldError(c)}`).join('\n')}`;
  }
}
