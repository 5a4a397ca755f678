// Validation, after defaulting: the schema's required fields, the kind's semantic rules and, for
// an update, the rules against the live object (immutable fields). One 422 with every cause.
import { type FieldError, InvalidError, pathString } from '../api/field-errors.js';
import type { KindInfo } from '../api/kinds.js';
import { checkSchema, hasSchema } from '../api/schema/check.js';
import type { KObject } from '../api/types.js';
import { validateObject } from '../api/validation.js';
import { validateUpdate } from '../api/validation-update.js';

export function validate(info: KindInfo, obj: KObject, live?: KObject): void {
  const required: FieldError[] = hasSchema(info.kind)
    ? checkSchema(obj, info.kind).required.map((path) => ({ type: 'Required', path }))
    : [];
  const seen = new Set<string>();
  const causes: FieldError[] = [];
  for (const e of [
    ...required,
    ...validateObject(obj, info.namespaced),
    ...(live ? validateUpdate(obj, live) : []),
  ]) {
    const key = `${e.type}:${pathString(e.path)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    causes.push(e);
  }
  if (causes.length) throw new InvalidError(info.kind, obj.metadata?.name ?? '', causes);
}
