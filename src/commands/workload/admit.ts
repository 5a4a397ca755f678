// What the API server does to an object the workload verbs write: default it, validate it
// (and an update against the live object), and refuse with a 422 as kubectl prints it.
// Then write through the store, retrying on Conflict.
import { applyDefaults } from '../../api/defaults.js';
import { type FieldError, InvalidError, pathString } from '../../api/field-errors.js';
import type { KindInfo } from '../../api/kinds.js';
import type { KObject } from '../../api/types.js';
import { validateObject } from '../../api/validation.js';
import { validateUpdate } from '../../api/validation-update.js';
import type { Store } from '../../state/types.js';

function dedupe(errs: FieldError[]): FieldError[] {
  const seen = new Set<string>();
  return errs.filter((e) => {
    const key = `${e.type}:${pathString(e.path)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Defaulted and validated, ready to create. Throws InvalidError. */
export function admitCreate(kind: KindInfo, obj: KObject): KObject {
  const defaulted = applyDefaults(obj);
  const errs = dedupe(validateObject(defaulted, kind.namespaced));
  if (errs.length) throw new InvalidError(kind.kind, defaulted.metadata.name ?? '', errs);
  return defaulted;
}

/** Defaulted and validated against the live object, ready to update. Throws InvalidError. */
export function admitUpdate(kind: KindInfo, next: KObject, live: KObject): KObject {
  const defaulted = applyDefaults(next);
  // The live object may predate defaulting (written by a controller or an older mkube).
  const errs = dedupe([
    ...validateObject(defaulted, kind.namespaced),
    ...validateUpdate(defaulted, applyDefaults(live)),
  ]);
  if (errs.length) throw new InvalidError(kind.kind, defaulted.metadata.name ?? '', errs);
  return defaulted;
}

/**
 * Read-modify-write of the main part of one object, admitted as an update; retries on Conflict.
 * `mutate` gets a fresh copy and returns the new object, or undefined for "no change".
 * Resolves to the stored object (unchanged when nothing was written).
 */
export async function updateObject(
  store: Store,
  kind: KindInfo,
  obj: KObject,
  mutate: (fresh: KObject) => KObject | undefined,
): Promise<{ obj: KObject; changed: boolean }> {
  let changed = false;
  const result = await store.patch(kind, obj.metadata.namespace, obj.metadata.name!, (fresh) => {
    const live = structuredClone(fresh);
    const next = mutate(fresh);
    changed = next !== undefined;
    return next === undefined ? undefined : admitUpdate(kind, next, live);
  });
  return { obj: result ?? obj, changed };
}
