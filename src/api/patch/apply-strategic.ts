// Client-side apply as kubectl does it: a three-way strategic merge patch from the last-applied
// configuration (the annotation), the manifest and the live object, applied to the live object.
// A drop-in for computeApplied in ../apply-merge.ts, with Kubernetes' list semantics.
import { LAST_APPLIED, withLastApplied } from '../apply-merge.js';
import type { KObject } from '../types.js';
import { isMap, type Json, type JsonMap } from './json-value.js';
import { type PatchSchema, schemaForKind } from './schema.js';
import { mergingMapsHaveConflicts } from './strategic-conflicts.js';
import { changesWithSchema, createThreeWayMergePatch } from './strategic-diff.js';
import { strategicMergePatch } from './strategic-merge.js';

/** The last-applied configuration recorded on `live`; none (no deletions) when absent or unreadable. */
export function lastAppliedOf(live: KObject): JsonMap | null {
  const annotation = live.metadata?.annotations?.[LAST_APPLIED];
  if (!annotation) return null;
  try {
    const parsed = JSON.parse(annotation);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

/**
 * The patch `kubectl apply` sends for `manifest` over `live`. `kubectl diff` computes it without
 * recording the manifest in the annotation (`annotate` false), so its merged object keeps the old one.
 */
export function applyPatchFor(manifest: KObject, live: KObject, annotate = true): JsonMap {
  const modified = (annotate
    ? withLastApplied(manifest)
    : withoutLastApplied(manifest)) as unknown as JsonMap;
  return createThreeWayMergePatch(lastAppliedOf(live), modified, live as unknown as JsonMap, live.kind);
}

/** Nulls the patch carried into new items: the API server's typed decoding drops them. */
function dropNulls(v: Json): Json {
  if (Array.isArray(v)) return v.map(dropNulls);
  if (isMap(v)) {
    const out: JsonMap = {};
    for (const [k, x] of Object.entries(v)) if (x !== null) out[k] = dropNulls(x);
    return out;
  }
  return v;
}

/**
 * The manifest as `kubectl diff` sends it (GetModifiedConfiguration without annotating): any
 * last-applied annotation left out, and `annotations` always present, if only as `{}`.
 */
function withoutLastApplied(manifest: KObject): KObject {
  const { [LAST_APPLIED]: _dropped, ...annotations } = manifest.metadata?.annotations ?? {};
  return { ...manifest, metadata: { ...manifest.metadata, annotations } };
}

/** The object apply would write over `live`. `status` is never touched (the API server keeps it). */
export function computeApplied(manifest: KObject, live: KObject, annotate = true): KObject {
  const patch = applyPatchFor(manifest, live, annotate);
  const merged = strategicMergePatch(live as unknown as JsonMap, patch, live.kind);
  const out = dropNulls(merged) as unknown as KObject;
  if (live.status !== undefined) out.status = live.status;
  else delete out.status;
  // The `annotations: {}` diff sends decodes to an empty map, which the server never shows.
  const annotations = out.metadata?.annotations;
  if (annotations && Object.keys(annotations).length === 0) delete out.metadata.annotations;
  return out;
}

/** What `apply --overwrite=false` refuses: its patch changes a field others changed since the last apply. */
export interface ApplyConflict {
  patch: JsonMap;
  /** The changes from the last-applied configuration to the live object. */
  changed: JsonMap;
}

export function applyConflict(manifest: KObject, live: KObject): ApplyConflict | undefined {
  const patch = applyPatchFor(manifest, live);
  const schema: PatchSchema = schemaForKind(live.kind);
  const changed = changesWithSchema(lastAppliedOf(live), live as unknown as JsonMap, schema);
  return mergingMapsHaveConflicts(patch, changed, schema) ? { patch, changed } : undefined;
}
