// The path a manifest document takes before it is written, in the API server's order: map the
// kind (client side), decode strictly (400 BadRequest), default, validate (422 Invalid). Each step
// throws the error kubectl would print, with the file and line where the problem is written.
import { ApiError, UserError } from './errors.js';
import { type FieldError, InvalidError, type Path, pathString, plainPath } from './field-errors.js';
import { type KindInfo, kindFor } from './kinds.js';
import type { ManifestDoc } from './manifest.js';
import { checkSchema, hasSchema } from './schema/check.js';
import type { KObject } from './types.js';
import { validateObject } from './validation.js';
import { validateUpdate } from './validation-update.js';

export interface ResolvedDoc {
  doc: ManifestDoc;
  info: KindInfo;
  /** The manifest with its namespace settled (set for namespaced kinds, removed otherwise). */
  obj: KObject;
}

export interface NamespaceChoice {
  namespace: string;
  /** -n was given: a different namespace in the manifest is an error. */
  explicit: boolean;
}

const VALIDATE_HINT = '; if you choose to ignore these errors, turn validation off with --validate=false';

/** Client-side checks and kind mapping (kubectl's builder). Throws UserError. */
export function resolveDoc(doc: ManifestDoc, ns: NamespaceChoice): ResolvedDoc {
  const raw = doc.object;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new UserError(
      `error validating "${doc.source}": error validating data: invalid object to validate${VALIDATE_HINT}`,
    );
  }
  const o = raw as Record<string, unknown>;
  const missing = [!o.apiVersion && 'apiVersion not set', !o.kind && 'kind not set'].filter(Boolean);
  if (missing.length) {
    const list = missing.length > 1 ? `[${missing.join(', ')}]` : missing[0];
    throw new UserError(`error validating "${doc.source}": error validating data: ${list}${VALIDATE_HINT}`);
  }
  const meta = (typeof o.metadata === 'object' && o.metadata !== null ? o.metadata : {}) as Record<
    string,
    unknown
  >;
  const info =
    typeof o.apiVersion === 'string' && typeof o.kind === 'string'
      ? kindFor(o.apiVersion, o.kind)
      : undefined;
  if (!info) {
    throw new UserError(
      `resource mapping not found for name: "${meta.name ?? ''}" namespace: "${meta.namespace ?? ''}" from "${doc.source}": no matches for kind "${o.kind}" in version "${o.apiVersion}"\nensure CRDs are installed first`,
    );
  }
  const obj = structuredClone(raw) as KObject;
  if (typeof obj.metadata !== 'object' || obj.metadata === null) obj.metadata = {};
  if (info.namespaced) {
    const own = obj.metadata.namespace;
    if (own && ns.explicit && own !== ns.namespace) {
      throw new UserError(
        `the namespace from the provided object "${own}" does not match the namespace "${ns.namespace}". You must pass '--namespace=${own}' to perform this operation.`,
      );
    }
    obj.metadata.namespace = own || ns.namespace;
  } else {
    delete obj.metadata.namespace;
  }
  return { doc, info, obj };
}

/** `file:line` of a field, for messages. */
export function whereOf(doc: ManifestDoc, path: Path): string | undefined {
  const line = doc.lineOf(plainPath(path));
  return line ? `${doc.source}:${line}` : undefined;
}

/** The body of a decode error, before kubectl adds `error when creating "f.yaml": `. */
export class DecodeError extends ApiError {
  constructor(readonly body: string) {
    super('BadRequest', body);
  }
}

/** kubectl --validate: strict fails on unknown fields, warn reports and drops them, ignore drops them. */
export type ValidateMode = 'strict' | 'warn' | 'ignore';

/**
 * Decoding against the schema: a wrong type always fails; unknown fields fail in strict mode and
 * are otherwise dropped from `r.obj`. Returns the warnings to print (warn mode).
 */
export function decodeCheck(r: ResolvedDoc, mode: ValidateMode = 'strict'): string[] {
  const { info, doc } = r;
  if (!hasSchema(info.kind)) return [];
  const problems = checkSchema(doc.object, info.kind);
  const prefix = `${info.kind} in version "${info.version}" cannot be handled as a ${info.kind}: `;
  const lineNote = (path: Path) => {
    const line = doc.lineOf(plainPath(path));
    return line ? ` (line ${line})` : '';
  };
  if (problems.typeError) {
    throw new DecodeError(prefix + problems.typeError.message + lineNote(problems.typeError.path));
  }
  const secretErr = r.obj.kind === 'Secret' ? badBase64(r.obj) : undefined;
  if (secretErr) throw new DecodeError(prefix + secretErr.message + lineNote(secretErr.path));
  if (!problems.unknown.length) return [];
  if (mode === 'strict') {
    const list = problems.unknown.map((p) => `unknown field "${pathString(p)}"${lineNote(p)}`).join(', ');
    throw new DecodeError(`${prefix}strict decoding error: ${list}`);
  }
  for (const p of problems.unknown) deletePath(r.obj, plainPath(p));
  return mode === 'warn' ? problems.unknown.map((p) => `Warning: unknown field "${pathString(p)}"`) : [];
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

/**
 * Validate the defaulted object (and, for an update, against the live one): required fields of the
 * schema, then the semantic rules. Throws InvalidError (422) naming file:line of each cause.
 */
export function validateForWrite(r: ResolvedDoc, defaulted: KObject, live?: KObject): void {
  const required: FieldError[] = hasSchema(r.info.kind)
    ? checkSchema(defaulted, r.info.kind).required.map((path) => ({ type: 'Required', path }))
    : [];
  const seen = new Set<string>();
  const causes: FieldError[] = [];
  const all = [
    ...required,
    ...validateObject(defaulted, r.info.namespaced),
    ...(live ? validateUpdate(defaulted, live) : []),
  ];
  for (const e of all) {
    const key = `${e.type}:${pathString(e.path)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    causes.push({ ...e, where: whereOf(r.doc, e.path) });
  }
  if (causes.length) throw new InvalidError(r.info.kind, defaulted.metadata?.name ?? '', causes);
}

/** kubectl's AddSourceToErr: `error when creating "f.yaml": <message>`, keeping the API reason. */
export function withSource(err: unknown, verb: string, source: string): unknown {
  if (err instanceof InvalidError) return err;
  if (err instanceof ApiError)
    return new ApiError(err.reason, `error when ${verb} "${source}": ${err.message}`);
  return err;
}
