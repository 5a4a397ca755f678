// One entry for the three patch types a PATCH request can carry, answering a bad patch as the
// API server does (k8s.io/apiserver endpoints/handlers/patch.go). Pure.
import { ApiError } from '../errors.js';
import { applyJsonPatch, decodeJsonPatch, JsonPatchError } from './json-patch.js';
import { isMap, type Json, type JsonMap } from './json-value.js';
import { jsonMergePatch, MergePatchError } from './merge.js';
import { StrategicPatchError } from './strategic-errors.js';
import { strategicMergePatch } from './strategic-merge.js';

export type PatchType = 'json' | 'merge' | 'strategic';

export { applyPatchFor, computeApplied } from './apply-strategic.js';
export { applyJsonPatch, decodeJsonPatch, JsonPatchError } from './json-patch.js';
export { jsonMergePatch, MergePatchError } from './merge.js';
export { createThreeWayMergePatch, createTwoWayMergePatch } from './strategic-diff.js';
export { StrategicPatchError } from './strategic-errors.js';
export { strategicMergePatch } from './strategic-merge.js';

/** A 422 without an object name: kubectl prints it as `The request is invalid: <cause>`. */
const invalid = (cause: string) => new ApiError('Invalid', `The request is invalid: ${cause}`);

/** Go's UnmarshalTypeError name of a JSON value. */
function goJsonType(v: Json): string {
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'boolean') return 'bool';
  return typeof v;
}

function parseBody(body: string): Json {
  try {
    return JSON.parse(body);
  } catch {
    throw new ApiError('BadRequest', 'invalid JSON patch');
  }
}

function applyStrategic(original: JsonMap, patch: Json, kind: string): JsonMap {
  if (patch === null) return structuredClone(original);
  if (!isMap(patch))
    throw new ApiError(
      'BadRequest',
      `json: cannot unmarshal ${goJsonType(patch)} into Go value of type map[string]interface {}`,
    );
  try {
    return strategicMergePatch(original, patch, kind);
  } catch (e) {
    if (!(e instanceof StrategicPatchError)) throw e;
    if (e.status === 'Invalid') throw invalid(e.message);
    // The server answers the others with a bare 500 ("Error from server: <message>"), which
    // ApiError cannot express; BadRequest keeps the message and the exit code.
    throw new ApiError('BadRequest', e.message);
  }
}

/**
 * The object `patchBody` (the request body, JSON text) makes of `original`, an object of `kind`.
 * Throws ApiError with the API server's reason and text for a patch it would refuse.
 */
export function applyPatch(type: PatchType, original: JsonMap, patchBody: string, kind: string): JsonMap {
  const patch = parseBody(patchBody);
  let result: Json;
  if (type === 'strategic') return applyStrategic(original, patch, kind);
  if (type === 'json') {
    try {
      result = applyJsonPatch(original, decodeJsonPatch(patch));
    } catch (e) {
      if (!(e instanceof JsonPatchError)) throw e;
      throw e.decode ? new ApiError('BadRequest', e.message) : invalid(e.message);
    }
  } else {
    try {
      result = jsonMergePatch(original, patch);
    } catch (e) {
      if (e instanceof MergePatchError) throw new ApiError('BadRequest', e.message);
      throw e;
    }
  }
  if (!isMap(result)) {
    // Decoding the patched document back into an object fails before anything else looks at it.
    const json = JSON.stringify(result);
    throw invalid(
      `patch: Invalid value: ${JSON.stringify(json)}: couldn't get version/kind; json parse error: json: cannot unmarshal ${goJsonType(result)} into Go value of type struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }`,
    );
  }
  return result;
}
