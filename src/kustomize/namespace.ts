// kustomize's `namespace`: every namespaced object moves to it, a Namespace object is renamed to
// it, and (Cluster)RoleBinding subjects named `default` follow (filters/namespace).
import { applySpecs, type FieldSpec } from './fieldspec.js';
import { gvkOf, isNamespaced, isObject, metadataOf, type Resource } from './resource.js';

const NAMESPACE_SPECS: readonly FieldSpec[] = [
  { path: 'spec/service/namespace', group: 'apiregistration.k8s.io', kind: 'APIService', create: true },
  {
    path: 'spec/conversion/webhook/clientConfig/service/namespace',
    group: 'apiextensions.k8s.io',
    kind: 'CustomResourceDefinition',
  },
];

export function setNamespace(resources: Resource[], namespace: string): void {
  if (!namespace) return;
  for (const res of resources) {
    const gvk = gvkOf(res.obj);
    if (gvk.kind === 'Namespace') {
      metadataOf(res.obj).name = namespace;
      continue;
    }
    if (isNamespaced(gvk)) metadataOf(res.obj).namespace = namespace;
    applySpecs(res.obj, gvk, NAMESPACE_SPECS, (parent, field, create) => {
      if (create || parent[field] !== undefined) parent[field] = namespace;
    });
    if (gvk.kind === 'RoleBinding' || gvk.kind === 'ClusterRoleBinding') {
      const subjects = res.obj.subjects;
      if (!Array.isArray(subjects)) continue;
      for (const s of subjects) if (isObject(s) && s.name === 'default') s.namespace = namespace;
    }
  }
}
