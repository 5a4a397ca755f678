// RFC 7386 JSON merge patches: what `edit` sends for a change and what `run --overrides` applies
// (evanphx/json-patch CreateMergePatch / MergePatch). Pure.
import { canonicalJSON } from './semantic.js';

const isMap = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** Apply `patch` to `target`: maps merge, null deletes, anything else replaces. */
export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (!isMap(patch)) return patch;
  const out: Record<string, unknown> = isMap(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = applyMergePatch(out[k], v);
  }
  return out;
}

/** The merge patch that turns `before` into `after` (`{}` when they are equal). */
export function createMergePatch(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const k of Object.keys(before)) if (!(k in after)) patch[k] = null;
  for (const [k, v] of Object.entries(after)) {
    const old = before[k];
    if (isMap(old) && isMap(v)) {
      const sub = createMergePatch(old, v);
      if (Object.keys(sub).length) patch[k] = sub;
    } else if (!(k in before) || canonicalJSON(old) !== canonicalJSON(v)) {
      patch[k] = v;
    }
  }
  return patch;
}
