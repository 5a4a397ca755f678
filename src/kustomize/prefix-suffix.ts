// kustomize's namePrefix / nameSuffix: every name but a CRD's, an APIService's and a Namespace's.
import { gvkOf, nameOf, type Resource, setName } from './resource.js';

const SKIPPED = new Set(['CustomResourceDefinition', 'APIService', 'Namespace']);

export function addPrefixSuffix(resources: Resource[], prefix: string, suffix: string): void {
  if (!prefix && !suffix) return;
  for (const res of resources) {
    if (SKIPPED.has(gvkOf(res.obj).kind)) continue;
    setName(res, `${prefix}${nameOf(res.obj)}${suffix}`);
    if (prefix) res.prefixes.push(prefix);
    if (suffix) res.suffixes.push(suffix);
  }
}
