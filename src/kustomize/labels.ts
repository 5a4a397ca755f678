// kustomize's commonLabels, labels and commonAnnotations: the pairs go into every field spec
// that applies (selectors only for commonLabels and labels with includeSelectors).
import {
  COMMON_ANNOTATIONS,
  COMMON_LABELS,
  METADATA_LABELS,
  VOLUME_CLAIM_TEMPLATE_LABELS,
} from './builtin-specs.js';
import { applySpecs, type FieldSpec, mergeInto } from './fieldspec.js';
import { gvkOf, type Resource } from './resource.js';

export interface LabelEntry {
  pairs?: Record<string, string>;
  includeSelectors?: boolean;
  includeTemplates?: boolean;
  fields?: FieldSpec[];
}

function addPairs(resources: Resource[], pairs: Record<string, string>, specs: readonly FieldSpec[]): void {
  if (Object.keys(pairs).length === 0) return;
  for (const res of resources) applySpecs(res.obj, gvkOf(res.obj), specs, mergeInto(pairs));
}

/** Which specs a `labels` entry writes to (kustomize's LabelTransformer configuration). */
export function labelSpecs(entry: LabelEntry): readonly FieldSpec[] {
  const base: readonly FieldSpec[] = entry.includeSelectors
    ? COMMON_LABELS
    : entry.includeTemplates
      ? [...METADATA_LABELS, ...VOLUME_CLAIM_TEMPLATE_LABELS]
      : [{ path: 'metadata/labels', create: true }];
  return [...base, ...(entry.fields ?? [])];
}

export function addCommonLabels(resources: Resource[], labels: Record<string, string>): void {
  addPairs(resources, labels, COMMON_LABELS);
}

export function addLabels(resources: Resource[], entries: LabelEntry[]): void {
  for (const entry of entries) addPairs(resources, entry.pairs ?? {}, labelSpecs(entry));
}

export function addAnnotations(resources: Resource[], annotations: Record<string, string>): void {
  addPairs(resources, annotations, COMMON_ANNOTATIONS);
}
