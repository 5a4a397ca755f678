// The patch kubectl applies itself, for `patch --local` and `--dry-run=client` (patch.go's
// getPatchedJSON): the same three patch algorithms as the API server's, but with the client
// libraries' error texts and no defaulting or validation afterwards. Pure.
import { UserError } from '../api/errors.js';
import type { PatchType } from '../api/patch/index.js';
import { applyJsonPatch, decodeJsonPatch, JsonPatchError } from '../api/patch/json-patch.js';
import { isMap, type Json, type JsonMap } from '../api/patch/json-value.js';
import { jsonMergePatch, MergePatchError } from '../api/patch/merge.js';
import { StrategicPatchError } from '../api/patch/strategic-errors.js';
import { strategicMergePatch } from '../api/patch/strategic-merge.js';
import type { KObject } from '../api/types.js';

/** Go's name of a JSON value's type in an UnmarshalTypeError. */
function goJsonType(v: Json): string {
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'boolean') return 'bool';
  return typeof v;
}

function parse(body: string): Json | undefined {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

function strategic(original: KObject, patch: Json | undefined): Json {
  // strategicpatch: a patch that is not a JSON object is mergepatch.ErrBadJSONDoc.
  if (!isMap(patch)) throw new UserError('invalid JSON document');
  try {
    return strategicMergePatch(original as unknown as JsonMap, patch, original.kind);
  } catch (e) {
    if (e instanceof StrategicPatchError) throw new UserError(e.message);
    throw e;
  }
}

function merge(original: KObject, patch: Json | undefined): Json {
  if (patch === undefined) throw new UserError('Invalid JSON Patch');
  try {
    return jsonMergePatch(original, patch);
  } catch (e) {
    if (e instanceof MergePatchError) throw new UserError(e.message);
    throw e;
  }
}

function json(original: KObject, patch: Json | undefined): Json {
  if (patch === undefined) throw new UserError('invalid character in JSON patch');
  try {
    return applyJsonPatch(original as unknown as JsonMap, decodeJsonPatch(patch));
  } catch (e) {
    if (e instanceof JsonPatchError) throw new UserError(e.message);
    throw e;
  }
}

/** `original` patched by `body` (JSON text) as kubectl patches on the client. Throws UserError. */
export function patchLocally(type: PatchType, original: KObject, body: string): KObject {
  const patch = parse(body);
  const apply = type === 'strategic' ? strategic : type === 'merge' ? merge : json;
  const result = apply(original, patch);
  // The result is decoded back into an object (unstructured's detector).
  if (!isMap(result)) {
    throw new UserError(
      `json: cannot unmarshal ${result === null ? 'null' : goJsonType(result)} into Go value of type unstructured.detector`,
    );
  }
  return result as unknown as KObject;
}
