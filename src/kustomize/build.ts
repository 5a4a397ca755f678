// `kustomize build`: a kustomization's resources (files, and directories that are kustomizations
// themselves), its generators and components, then its transformers in kustomize's order
// (kusttarget_configplugin.go); at the top only, content hashes go onto generated names, name
// references follow every rename, and the result is put in kustomize's legacy order.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { UserError } from '../api/errors.js';
import { KustomizeFiles, restrictsToRoot } from './files.js';
import { absorb, type GeneratorArgs, generate } from './generators.js';
import { contentHash } from './hash.js';
import { type ImageEntry, setImages } from './images.js';
import { type Kustomization, loadKustomization, stringList, stringMap } from './kustomization.js';
import { addAnnotations, addCommonLabels, addLabels, type LabelEntry } from './labels.js';
import { fixNameReferences } from './name-reference.js';
import { setNamespace } from './namespace.js';
import {
  applyJson6902Patches,
  applyPatches,
  applyStrategicMergePatches,
  parsePatchEntry,
} from './patches.js';
import { addPrefixSuffix } from './prefix-suffix.js';
import { applyReplacements } from './replacements.js';
import { type ReplicaEntry, setReplicas } from './replicas.js';
import {
  idString,
  isObject,
  type JsonObject,
  nameOf,
  newResource,
  type Resource,
  setName,
} from './resource.js';
import { legacySort } from './sort.js';
import { parseResources, YamlSyntaxError } from './yaml.js';

export interface BuildOutput {
  objects: JsonObject[];
  /** kustomize's deprecation warnings, in the order it prints them (stderr). */
  warnings: string[];
}

interface Context {
  warnings: string[];
  /** LoadRestrictionsRootOnly: files only in or below their kustomization's directory. */
  restrict: boolean;
  /** Kustomization directories being built, to refuse a cycle. */
  stack: string[];
  /** sortOptions of the top kustomization (the only one kustomize reads). */
  sortOrder?: unknown;
}

function lstatError(path: string, absolute = path): string {
  return `evalsymlink failure on '${path}' : lstat ${absolute}: no such file or directory`;
}

/** `given` is the directory as the user wrote it, which kustomize quotes. */
function checkDir(dir: string, given = dir): void {
  if (!existsSync(dir))
    throw new UserError(`must build at directory: not a valid directory: ${lstatError(given, dir)}`);
  if (!statSync(dir).isDirectory())
    throw new UserError(`must build at directory: '${given}': file is not directory`);
}

/** Add resources, refusing one whose id is taken (`why` wraps kustomize's message). */
function addUnique(into: Resource[], added: Resource[], why: (message: string) => string = (m) => m): void {
  for (const res of added) {
    const id = idString(res.obj);
    if (into.some((r) => idString(r.obj) === id)) {
      throw new UserError(why(`may not add resource with an already registered id: ${id}`));
    }
    into.push(res);
  }
}

function accumulateResource(dir: string, entry: string, into: Resource[], ctx: Context): void {
  const path = resolve(dir, entry);
  if (!existsSync(path)) {
    throw new UserError(
      `accumulating resources: accumulation err='accumulating resources from '${entry}': ${lstatError(path)}': must build at directory: not a valid directory: ${lstatError(path)}`,
    );
  }
  if (statSync(path).isDirectory()) {
    let built: Resource[];
    try {
      built = accumulate(path, ctx);
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      throw new UserError(
        `accumulating resources: accumulation err='accumulating resources from '${entry}': '${path}' must resolve to a file': recursed accumulation of path '${path}': ${err.message}`,
      );
    }
    addUnique(into, built);
    return;
  }
  if (ctx.restrict) {
    const { error } = new KustomizeFiles(dir, true).check(entry);
    const why = isAbsolute(entry)
      ? `new root '${path}' cannot be absolute`
      : `must build at directory: '${path}': file is not directory`;
    if (error)
      throw new UserError(
        `accumulating resources: accumulation err='accumulating resources from '${entry}': ${error}': ${why}`,
      );
  }
  let objects: Resource[];
  try {
    objects = parseResources(readFileSync(path, 'utf8'), path).map(newResource);
  } catch (err) {
    if (!(err instanceof YamlSyntaxError)) throw err;
    throw new UserError(
      `accumulating resources: accumulating resources from '${entry}': MalformedYAMLError: ${err.message} in File: ${entry}`,
    );
  }
  addUnique(
    into,
    objects,
    (m) =>
      `accumulating resources: accumulation err='merging resources from '${entry}': ${m}': must build at directory: '${path}': file is not directory`,
  );
}

const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);

function runGenerators(files: KustomizeFiles, k: Kustomization, resources: Resource[]): void {
  for (const args of list(k.configMapGenerator))
    absorb(resources, generate(files, 'ConfigMap', args as GeneratorArgs, k.generatorOptions));
  for (const args of list(k.secretGenerator))
    absorb(resources, generate(files, 'Secret', args as GeneratorArgs, k.generatorOptions));
}

function runTransformers(files: KustomizeFiles, k: Kustomization, resources: Resource[]): void {
  applyStrategicMergePatches(files, resources, stringList(k, 'patchesStrategicMerge'));
  applyPatches(files, resources, list(k.patches).map(parsePatchEntry));
  setNamespace(resources, k.namespace ? String(k.namespace) : '');
  addPrefixSuffix(
    resources,
    k.namePrefix ? String(k.namePrefix) : '',
    k.nameSuffix ? String(k.nameSuffix) : '',
  );
  addLabels(
    resources,
    list(k.labels)
      .filter(isObject)
      .map((l) => ({ ...l, pairs: stringMap(l.pairs) }) as LabelEntry),
  );
  addCommonLabels(resources, stringMap(k.commonLabels));
  addAnnotations(resources, stringMap(k.commonAnnotations));
  applyJson6902Patches(files, resources, list(k.patchesJson6902));
  setReplicas(resources, list(k.replicas) as ReplicaEntry[]);
  setImages(resources, [...list(k.images), ...list(k.imageTags)] as ImageEntry[]);
  applyReplacements(files, resources, list(k.replacements));
}

/** One kustomization's resources, transformed (no hashes or reference fix-ups yet). */
function accumulate(dir: string, ctx: Context, into: Resource[] = [], component = false): Resource[] {
  checkDir(dir);
  if (ctx.stack.includes(dir))
    throw new UserError(
      `cycle detected: candidate root '${dir}' contains visited root '${ctx.stack.at(-1)}'`,
    );
  const { k, warnings } = loadKustomization(dir);
  ctx.warnings.push(...warnings);
  if (k.kind === 'Component' && !component) {
    throw new UserError(
      `accumulating resources: accumulation err='accumulating resources from '${dir}': expected kind 'Kustomization' for path '${dir}' but got 'Component'`,
    );
  }
  if (ctx.stack.length === 0 && isObject(k.sortOptions)) ctx.sortOrder = k.sortOptions.order;
  ctx.stack.push(dir);
  const resources = into;
  for (const entry of [...stringList(k, 'resources'), ...stringList(k, 'bases')])
    accumulateResource(dir, entry, resources, ctx);
  const files = new KustomizeFiles(dir, ctx.restrict);
  runGenerators(files, k, resources);
  for (const entry of stringList(k, 'components')) accumulate(resolve(dir, entry), ctx, resources, true);
  runTransformers(files, k, resources);
  ctx.stack.pop();
  return resources;
}

/** Generated names get the content hash, computed over the final object. */
function addHashes(resources: Resource[]): void {
  for (const res of resources) {
    if (!res.needsHash) continue;
    setName(res, `${nameOf(res.obj)}-${contentHash(res.obj)}`);
  }
}

export interface BuildOptions {
  /** --load-restrictor: LoadRestrictionsRootOnly (the default) or LoadRestrictionsNone. */
  loadRestrictor?: string;
}

export function kustomizeBuild(dir: string, opts: BuildOptions = {}): BuildOutput {
  const ctx: Context = { warnings: [], stack: [], restrict: restrictsToRoot(opts.loadRestrictor) };
  checkDir(resolve(dir), dir);
  const resources = accumulate(resolve(dir), ctx);
  addHashes(resources);
  fixNameReferences(resources);
  const sorted = ctx.sortOrder === 'fifo' ? resources : legacySort(resources);
  return { objects: sorted.map((r) => r.obj), warnings: ctx.warnings };
}
