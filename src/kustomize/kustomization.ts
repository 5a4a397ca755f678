// Reading a kustomization file: which of the three names it has, kustomize's strict decoding
// (an unknown field is an error), the empty-file check, and its deprecation warnings (types/
// kustomization.go).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../api/errors.js';
import { isObject, type JsonObject } from './resource.js';
import { parseYamlStream, YamlSyntaxError } from './yaml.js';

export const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/** Every field kustomize's Kustomization type has. */
const KNOWN = new Set([
  'apiVersion',
  'kind',
  'metadata',
  'openapi',
  'namePrefix',
  'nameSuffix',
  'namespace',
  'commonLabels',
  'labels',
  'commonAnnotations',
  'patchesStrategicMerge',
  'patchesJson6902',
  'patches',
  'images',
  'imageTags',
  'replacements',
  'replicas',
  'vars',
  'sortOptions',
  'resources',
  'components',
  'crds',
  'bases',
  'configMapGenerator',
  'secretGenerator',
  'helmGlobals',
  'helmCharts',
  'helmChartInflationGenerator',
  'generatorOptions',
  'configurations',
  'generators',
  'transformers',
  'validators',
  'buildMetadata',
]);

/** Fields kustomize has that mkube's build does not implement: refused rather than ignored. */
const UNSUPPORTED = [
  'openapi',
  'vars',
  'crds',
  'helmGlobals',
  'helmCharts',
  'helmChartInflationGenerator',
  'configurations',
  'generators',
  'transformers',
  'validators',
];

/** The fields of kustomize's nested types (GeneratorArgs, Image, Replica, Label, Patch, Selector...). */
const GENERATOR_OPTIONS = ['labels', 'annotations', 'disableNameSuffixHash', 'immutable'];
const GENERATOR = ['name', 'namespace', 'behavior', 'literals', 'files', 'envs', 'env', 'options'];
const TARGET = ['group', 'version', 'kind', 'name', 'namespace', 'labelSelector', 'annotationSelector'];
const PATCH: Nested = {
  fields: ['path', 'patch', 'target', 'options'],
  nested: { target: { fields: TARGET } },
};

interface Nested {
  fields: string[];
  nested?: Record<string, Nested>;
}

const NESTED: Record<string, Nested> = {
  configMapGenerator: { fields: GENERATOR, nested: { options: { fields: GENERATOR_OPTIONS } } },
  secretGenerator: { fields: [...GENERATOR, 'type'], nested: { options: { fields: GENERATOR_OPTIONS } } },
  generatorOptions: { fields: GENERATOR_OPTIONS },
  images: { fields: ['name', 'newName', 'newTag', 'digest', 'tagSuffix'] },
  imageTags: { fields: ['name', 'newName', 'newTag', 'digest', 'tagSuffix'] },
  replicas: { fields: ['name', 'count'] },
  labels: { fields: ['pairs', 'includeSelectors', 'includeTemplates', 'fields'] },
  patches: PATCH,
  patchesJson6902: PATCH,
  sortOptions: { fields: ['order', 'legacySortOptions'] },
};

/** Strict decoding: the first unknown field, in document order, is kustomize's error. */
function checkFields(
  value: JsonObject,
  known: ReadonlySet<string>,
  nested: Record<string, Nested> = {},
): void {
  for (const [key, v] of Object.entries(value)) {
    if (!known.has(key)) throw new UserError(`invalid Kustomization: json: unknown field "${key}"`);
    const inner = nested[key];
    if (!inner) continue;
    for (const item of Array.isArray(v) ? v : [v]) {
      if (isObject(item)) checkFields(item, new Set(inner.fields), inner.nested);
    }
  }
}

const FIX = "Run 'kustomize edit fix' to update your Kustomization automatically.";
const DEPRECATED: ReadonlyArray<[field: string, instead: string]> = [
  ['bases', 'resources'],
  ['commonLabels', 'labels'],
  ['imageTags', 'images'],
  ['patchesJson6902', 'patches'],
  ['patchesStrategicMerge', 'patches'],
];

export interface Kustomization extends JsonObject {}

export interface LoadedKustomization {
  k: Kustomization;
  /** The file it came from. */
  file: string;
  warnings: string[];
}

/** The kustomization file of a directory, kustomize's error when there is none. */
export function kustomizationFile(dir: string): string {
  const found = KUSTOMIZATION_FILES.map((n) => join(dir, n)).filter((p) => existsSync(p));
  if (found.length === 0) {
    throw new UserError(
      `unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory '${dir}'`,
    );
  }
  if (found.length > 1) {
    throw new UserError(`Found multiple kustomization files under: ${dir}\n`);
  }
  return found[0]!;
}

/** Decode and check a kustomization's text (pure). */
export function parseKustomization(text: string, file: string): { k: Kustomization; warnings: string[] } {
  let docs: unknown[];
  try {
    docs = parseYamlStream(text, file);
  } catch (err) {
    if (err instanceof YamlSyntaxError) throw new UserError(`invalid Kustomization: ${err.message}`);
    throw err;
  }
  if (docs.length === 0) throw new UserError('kustomization.yaml is empty');
  const k = docs[0];
  if (!isObject(k))
    throw new UserError(
      `invalid Kustomization: json: cannot unmarshal ${typeof k} into Go value of type types.Kustomization`,
    );
  checkFields(k, KNOWN, NESTED);
  const content = Object.keys(k).filter((key) => key !== 'apiVersion' && key !== 'kind');
  if (content.length === 0) throw new UserError('kustomization.yaml is empty');
  const kind = k.kind ?? '';
  if (kind !== '' && kind !== 'Kustomization' && kind !== 'Component') {
    throw new UserError('kind should be Kustomization or Component');
  }
  for (const field of UNSUPPORTED) {
    if (k[field] !== undefined && k[field] !== null) {
      throw new UserError(`kustomization field '${field}' is not supported by mkube`);
    }
  }
  const warnings = DEPRECATED.filter(([field]) => k[field] !== undefined && k[field] !== null).map(
    ([field, instead]) => `# Warning: '${field}' is deprecated. Please use '${instead}' instead. ${FIX}`,
  );
  return { k, warnings };
}

export function loadKustomization(dir: string): LoadedKustomization {
  const file = kustomizationFile(dir);
  return { ...parseKustomization(readFileSync(file, 'utf8'), file), file };
}

/** A string list field (a missing one is empty). */
export function stringList(k: JsonObject, field: string): string[] {
  const v = k[field];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v))
    throw new UserError(
      `invalid Kustomization: json: cannot unmarshal ${typeof v} into Go struct field Kustomization.${field} of type []string`,
    );
  return v.map(String);
}

/** A string map field (labels, annotations). */
export function stringMap(v: unknown): Record<string, string> {
  if (!isObject(v)) return {};
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(v)) out[key] = value === null ? '' : String(value);
  return out;
}
