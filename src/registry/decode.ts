// Decoding, the first step of every write: map apiVersion/kind to a kind the registry serves,
// then check the object against the schema as the API server's strict decoder does (a wrong
// JSON type always fails; unknown fields fail, warn or are dropped by fieldValidation).
import { ApiError } from '../api/errors.js';
import { type Path, pathString, plainPath } from '../api/field-errors.js';
import { type KindInfo, kindFor } from '../api/kinds.js';
import { checkSchema, hasSchema } from '../api/schema/check.js';
import type { KObject } from '../api/types.js';
import type { FieldValidation, Origin } from './types.js';

/** The body of a decode error (400), before kubectl adds `error when creating "f.yaml": `. */
export class DecodeError extends ApiError {
  constructor(readonly body: string) {
    super('BadRequest', body);
  }
}

/** The kind an object's apiVersion + kind name, or the API server's "no matches" error. */
export function kindOf(obj: KObject): KindInfo {
  const info = kindFor(obj?.apiVersion ?? '', obj?.kind ?? '');
  if (!info) {
    throw new ApiError('BadRequest', `no matches for kind "${obj?.kind}" in version "${obj?.apiVersion}"`);
  }
  return info;
}

/**
 * Strict decoding of `obj` (in place: unknown fields are dropped unless Strict fails on them).
 * Returns the warnings to send back (Warn mode).
 */
export function decode(
  obj: KObject,
  info: KindInfo,
  mode: FieldValidation = 'Strict',
  origin?: Origin,
): string[] {
  if (!hasSchema(info.kind)) return [];
  const problems = checkSchema(obj, info.kind);
  const prefix = `${info.kind} in version "${info.version}" cannot be handled as a ${info.kind}: `;
  const lineNote = (path: Path) => {
    const line = origin?.lineOf(plainPath(path));
    return line ? ` (line ${line})` : '';
  };
  if (problems.typeError) {
    throw new DecodeError(prefix + problems.typeError.message + lineNote(problems.typeError.path));
  }
  const secretErr = obj.kind === 'Secret' ? badBase64(obj) : undefined;
  if (secretErr) throw new DecodeError(prefix + secretErr.message + lineNote(secretErr.path));
  if (!problems.unknown.length) return [];
  if (mode === 'Strict') {
    const list = problems.unknown.map((p) => `unknown field "${pathString(p)}"${lineNote(p)}`).join(', ');
    throw new DecodeError(`${prefix}strict decoding error: ${list}`);
  }
  for (const p of problems.unknown) deletePath(obj, plainPath(p));
  return mode === 'Warn' ? problems.unknown.map((p) => `unknown field "${pathString(p)}"`) : [];
}

function deletePath(obj: unknown, path: Array<string | number>): void {
  let cur = obj as Record<string | number, unknown> | undefined;
  for (const part of path.slice(0, -1)) cur = cur?.[part] as Record<string | number, unknown> | undefined;
  if (cur && typeof cur === 'object') delete cur[path[path.length - 1]!];
}

function badBase64(secret: KObject): { message: string; path: Path } | undefined {
  for (const [key, v] of Object.entries(secret.data ?? {})) {
    if (typeof v !== 'string') continue;
    const s = v.replace(/\s/g, '');
    const bad = s.search(/[^A-Za-z0-9+/=]/);
    const at =
      bad >= 0 ? bad : s.length % 4 !== 0 ? s.length - (s.length % 4) : /=[^=]/.test(s) ? s.indexOf('=') : -1;
    if (at >= 0) return { message: `illegal base64 data at input byte ${at}`, path: ['data', { key }] };
  }
  return undefined;
}
