// kustomize's `replicas`: a count for the workloads of that name (its first or its current one).
import { REPLICAS } from './builtin-specs.js';
import { applySpecs } from './fieldspec.js';
import { gvkOf, nameOf, type Resource } from './resource.js';

export interface ReplicaEntry {
  name: string;
  count: number;
}

export function setReplicas(resources: Resource[], entries: ReplicaEntry[]): void {
  for (const entry of entries) {
    for (const res of resources) {
      if (res.orgName !== entry.name && nameOf(res.obj) !== entry.name) continue;
      applySpecs(res.obj, gvkOf(res.obj), REPLICAS, (parent, field) => {
        parent[field] = entry.count;
      });
    }
  }
}
