// kustomize's patches: `patches` (a strategic merge patch or a JSON 6902 patch, from a file or
// inline, applied to its target's resources or, without a target, to the resource the patch
// names), `patchesStrategicMerge` and `patchesJson6902`. The merge is mkube's strategic merge
// patch (src/api/patch), the one the API server uses.
import { UserError } from '../api/errors.js';
import {
  applyJsonPatch,
  decodeJsonPatch,
  JsonPatchError,
  StrategicPatchError,
  strategicMergePatch,
} from '../api/patch/index.js';
import type { JsonMap } from '../api/patch/json-value.js';
import type { KustomizeFiles } from './files.js';
import {
  gvkOf,
  idString,
  isObject,
  type JsonObject,
  metadataOf,
  nameOf,
  namespaceOf,
  type Resource,
} from './resource.js';
import { parseTarget, selects, type Target } from './target.js';
import { parseYamlStream } from './yaml.js';

export interface PatchEntry {
  path?: string;
  patch?: string;
  target?: Target;
}

const PATCH_FIELDS = new Set(['path', 'patch', 'target', 'options']);

export function parsePatchEntry(v: unknown): PatchEntry {
  if (!isObject(v)) throw new UserError('invalid Kustomization: a patch must be a map');
  for (const key of Object.keys(v)) {
    if (!PATCH_FIELDS.has(key)) throw new UserError(`invalid Kustomization: json: unknown field "${key}"`);
  }
  return {
    path: v.path === undefined ? undefined : String(v.path),
    patch: v.patch === undefined ? undefined : String(v.patch),
    target: v.target === undefined || v.target === null ? undefined : parseTarget(v.target),
  };
}

function contentOf(files: KustomizeFiles, entry: PatchEntry): string {
  if (entry.patch !== undefined && entry.path !== undefined)
    throw new UserError("patch and path can't be set at the same time");
  if (entry.patch !== undefined) return entry.patch;
  if (entry.path === undefined) throw new UserError('must specify one of patch and path in\n');
  const path = entry.path;
  return files
    .read(
      path,
      (m) =>
        `<\n\ttrouble configuring builtin PatchTransformer with config: \`\n\tpath: ${path}\n\t\`: failed to get the patch file from path(${path}): ${m.startsWith('evalsymlink') ? `open ${files.root}/${path}: no such file or directory` : m}\n >`,
    )
    .toString('utf8');
}

function strategicMerge(res: Resource, patch: JsonObject): JsonObject {
  try {
    return strategicMergePatch(res.obj as JsonMap, patch as JsonMap, gvkOf(res.obj).kind) as JsonObject;
  } catch (err) {
    if (err instanceof StrategicPatchError) throw new UserError(err.message);
    throw err;
  }
}

/** Apply one strategic merge patch document to a resource, or drop it on `$patch: delete`. */
function applyStrategic(resources: Resource[], res: Resource, patch: JsonObject): void {
  if (patch.$patch === 'delete') {
    resources.splice(resources.indexOf(res), 1);
    return;
  }
  // The patch names its target by any of its names; the resource keeps its current one.
  const pinned = structuredClone(patch);
  const meta = metadataOf(pinned);
  meta.name = nameOf(res.obj);
  if (namespaceOf(res.obj)) meta.namespace = namespaceOf(res.obj);
  else delete meta.namespace;
  pinned.kind = res.obj.kind;
  pinned.apiVersion = res.obj.apiVersion;
  res.obj = strategicMerge(res, pinned);
}

/** A patch document naming its own target: the resource with that kind and any of its names. */
function ownTarget(resources: Resource[], patch: JsonObject): Resource {
  const gvk = gvkOf(patch);
  const name = nameOf(patch);
  const ns = namespaceOf(patch);
  const found = resources.filter((r) => {
    const g = gvkOf(r.obj);
    if (g.kind !== gvk.kind || (gvk.group && g.group !== gvk.group)) return false;
    if (r.orgName !== name && nameOf(r.obj) !== name && !r.prevNames.includes(name)) return false;
    return !ns || r.orgNamespace === ns || namespaceOf(r.obj) === ns;
  });
  if (found.length !== 1) {
    const id = idString(patch);
    const why = found.length === 0 ? `no matches for Id ${id}` : `multiple matches for Id ${id}`;
    throw new UserError(
      `no resource matches strategic merge patch "${id}": ${why}; failed to find unique target for patch ${id}`,
    );
  }
  return found[0]!;
}

function applyJson6902(res: Resource, ops: unknown[]): void {
  try {
    const result = applyJsonPatch(res.obj as JsonMap, decodeJsonPatch(ops as never));
    if (!isObject(result)) throw new UserError('a JSON patch must leave an object');
    res.obj = result;
  } catch (err) {
    if (err instanceof JsonPatchError) throw new UserError(err.message);
    throw err;
  }
}

/** Strategic merge documents with a target: each applies to every resource the target selects. */
function applyTargeted(resources: Resource[], docs: JsonObject[], target: Target): void {
  for (const res of resources.filter((r) => selects(target, r))) {
    for (const doc of docs) {
      applyStrategic(resources, res, doc);
    }
  }
}

/** `patches`: JSON 6902 when the document is a list of operations, strategic merge otherwise. */
export function applyPatches(files: KustomizeFiles, resources: Resource[], entries: PatchEntry[]): void {
  for (const entry of entries) {
    const docs = parseYamlStream(contentOf(files, entry), entry.path ?? 'patch');
    if (docs.length === 1 && Array.isArray(docs[0])) {
      if (!entry.target) throw new UserError('must specify a target for JSON patch');
      for (const res of resources.filter((r) => selects(entry.target!, r)))
        applyJson6902(res, docs[0] as unknown[]);
      continue;
    }
    const objects = docs.filter(isObject);
    if (entry.target) applyTargeted(resources, objects, entry.target);
    else for (const doc of objects) applyStrategic(resources, ownTarget(resources, doc), doc);
  }
}

/** `patchesStrategicMerge`: file paths, or the patches themselves inline. */
export function applyStrategicMergePatches(
  files: KustomizeFiles,
  resources: Resource[],
  entries: string[],
): void {
  for (const entry of entries) {
    const isFile = !entry.includes('\n') && !files.check(entry).error;
    const text = isFile ? files.read(entry).toString('utf8') : entry;
    for (const doc of parseYamlStream(text, entry).filter(isObject)) {
      applyStrategic(resources, ownTarget(resources, doc), doc);
    }
  }
}

/** `patchesJson6902`: a target and its operations (YAML or JSON, inline or in a file). */
export function applyJson6902Patches(files: KustomizeFiles, resources: Resource[], entries: unknown[]): void {
  for (const raw of entries) {
    const entry = parsePatchEntry(raw);
    if (!entry.target) throw new UserError('must specify a target for JSON patch');
    const docs = parseYamlStream(contentOf(files, entry), entry.path ?? 'patch');
    const ops = docs[0];
    if (!Array.isArray(ops)) throw new UserError('json patch must be a list of operations');
    for (const res of resources.filter((r) => selects(entry.target!, r))) applyJson6902(res, ops);
  }
}
