// `kubectl kustomize` output: each object as sigs.k8s.io/yaml prints it (keys sorted, go-yaml v2
// style: the same as `-o yaml`), documents separated by `---`.
import { toYaml } from '../printers/yaml.js';
import type { JsonObject } from './resource.js';

export function renderKustomize(objects: JsonObject[]): string {
  return objects.map((o) => toYaml(o)).join('---\n');
}
