// Decoding, the first step of every write: map apiVersion/kind to a kind the registry serves,
// then check the object against the schema as the API server's strict decoder does (a wrong
// JSON type always fails; unknown fields fail, warn or are dropped by fieldValidation).

import {
  convertToStorageVersion,
  isDeprecatedVersion,
  legacyDecodeSchema,
  storageKindFor,
} from '../api/conversion/index.js';
import { ApiError } from '../api/errors.js';
import { type Path, pathString, plainPath } from '../api/field-errors.js';
import { type KindInfo, kindFor } from '../api/kinds.js';
import { checkSchema, hasSchema, type Structs } from '../api/schema/check.js';
import type { KObject } from '../api/types.js';
import type { FieldValidation } from './types.js';

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
  as?: { version: string; structs: Structs },
): string[] {
  if (!hasSchema(info.kind)) return [];
  const problems = checkSchema(obj, info.kind, as?.structs);
  const version = as?.version ?? info.version;
  const prefix = `${info.kind} in version "${version}" cannot be handled as a ${info.kind}: `;
  // The API server's words only: it never knows the file or line an object came from.
  if (problems.typeError) throw new DecodeError(prefix + problems.typeError.message);
  const secretErr = obj.kind === 'Secret' ? badBase64(obj) : undefined;
  if (secretErr) throw new DecodeError(prefix + secretErr.message);
  if (!problems.unknown.length) return [];
  if (mode === 'Strict') {
    const list = problems.unknown.map((p) => `unknown field "${pathString(p)}"`).join(', ');
    throw new DecodeError(`${prefix}strict decoding error: ${list}`);
  }
  for (const p of problems.unknown) deletePath(obj, plainPath(p));
  return mode === 'Warn' ? problems.unknown.map((p) => `unknown field "${pathString(p)}"`) : [];
}

export interface Decoded {
  /** The kind the object is stored as. */
  info: KindInfo;
  /** A copy, in the stored version (converted from an old one), unknown fields dropped unless Strict. */
  obj: KObject;
  warnings: string[];
  /** The object as sent, unknown fields dropped, before any conversion. */
  asSent: KObject;
}

/**
 * Decode an object as sent: an old apiVersion (extensions/v1beta1 Deployment, ...) is checked
 * against its own schema, so errors name fields as the user wrote them, then converted to the
 * stored version with the old version's defaults and the API server's deprecation warning.
 */
export function decodeInput(input: KObject, mode: FieldValidation = 'Strict'): Decoded {
  const { apiVersion, kind } = input ?? {};
  const obj = structuredClone(input);
  if (typeof apiVersion !== 'string' || typeof kind !== 'string' || !isDeprecatedVersion(apiVersion, kind)) {
    const info = kindOf(input);
    return { info, obj, warnings: decode(obj, info, mode), asSent: obj };
  }
  const info = storageKindFor(apiVersion, kind)!;
  const structs = legacyDecodeSchema(apiVersion, kind);
  const version = apiVersion.split('/').pop()!;
  const unknown = structs ? decode(obj, info, mode, { version, structs }) : [];
  const converted = convertToStorageVersion(obj)!;
  return { info, obj: converted.obj, warnings: [...converted.warnings, ...unknown], asSent: obj };
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
