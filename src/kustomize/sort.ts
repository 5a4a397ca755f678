// kustomize's default `legacy` output order (SortOrderTransformer): kinds in its fixed first and
// last lists, then by group_version_kind, then by kind.version.group|namespace|name.
import { type Gvk, gvkOf, nameOf, namespaceOf, type Resource } from './resource.js';

const ORDER_FIRST = [
  'Namespace',
  'ResourceQuota',
  'StorageClass',
  'CustomResourceDefinition',
  'ServiceAccount',
  'PodSecurityPolicy',
  'Role',
  'ClusterRole',
  'RoleBinding',
  'ClusterRoleBinding',
  'ConfigMap',
  'Secret',
  'Endpoints',
  'Service',
  'LimitRange',
  'PriorityClass',
  'PersistentVolume',
  'PersistentVolumeClaim',
  'Deployment',
  'StatefulSet',
  'CronJob',
  'PodDisruptionBudget',
];
const ORDER_LAST = ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'];

const rank = (kind: string): number => {
  const first = ORDER_FIRST.indexOf(kind);
  if (first >= 0) return first - ORDER_FIRST.length;
  const last = ORDER_LAST.indexOf(kind);
  return last >= 0 ? 1 + last : 0;
};

const gvkSortString = (g: Gvk) => [g.group || '~G', g.version || '~V', g.kind || '~K'].join('_');
const gvkString = (g: Gvk) => [g.kind || '~K', g.version || '~V', g.group || '~G'].join('.');
const idSortString = (r: Resource) =>
  [gvkString(gvkOf(r.obj)), namespaceOf(r.obj) || '~X', nameOf(r.obj) || '~N'].join('|');

/** Go's string comparison: bytewise over UTF-8. */
const less = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b)) < 0;

function compare(a: Resource, b: Resource): number {
  const ga = gvkOf(a.obj);
  const gb = gvkOf(b.obj);
  const same = ga.group === gb.group && ga.version === gb.version && ga.kind === gb.kind;
  if (!same) {
    const ra = rank(ga.kind);
    const rb = rank(gb.kind);
    if (ra !== rb) return ra - rb;
    const sa = gvkSortString(ga);
    const sb = gvkSortString(gb);
    if (ga.kind === 'Namespace' && gb.kind === 'Namespace' && (ga.group === '' || gb.group === '')) {
      return less(sb, sa) ? -1 : less(sa, sb) ? 1 : 0;
    }
    return less(sa, sb) ? -1 : less(sb, sa) ? 1 : 0;
  }
  const ia = idSortString(a);
  const ib = idSortString(b);
  return less(ia, ib) ? -1 : less(ib, ia) ? 1 : 0;
}

/** Stable, as Go's sort.Stable is. */
export function legacySort(resources: Resource[]): Resource[] {
  return [...resources].sort(compare);
}
