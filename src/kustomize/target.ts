// kustomize's patch target selector: group, version, kind, name and namespace as anchored regular
// expressions (matched against the resource's first id or its current one), label and annotation
// selectors in label-selector syntax (resmap Select).
import { UserError } from '../api/errors.js';
import { matchesLabels, parseLabelSelector } from '../api/selectors.js';
import { gvkOf, isObject, metadataOf, nameOf, namespaceOf, type Resource } from './resource.js';

export interface Target {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  labelSelector?: string;
  annotationSelector?: string;
}

const TARGET_FIELDS = new Set([
  'group',
  'version',
  'kind',
  'name',
  'namespace',
  'labelSelector',
  'annotationSelector',
]);

export function parseTarget(v: unknown): Target {
  if (!isObject(v)) throw new UserError('invalid Kustomization: patch target must be a map');
  for (const key of Object.keys(v)) {
    if (!TARGET_FIELDS.has(key)) throw new UserError(`invalid Kustomization: json: unknown field "${key}"`);
  }
  const t: Target = {};
  for (const key of TARGET_FIELDS)
    if (v[key] !== undefined && v[key] !== null) (t as Record<string, string>)[key] = String(v[key]);
  return t;
}

const anchored = (s: string) => new RegExp(`^(?:${s})$`);

function matchesAny(pattern: string | undefined, ...values: string[]): boolean {
  if (!pattern) return true;
  const re = anchored(pattern);
  return values.some((v) => re.test(v));
}

const stringMapOf = (v: unknown): Record<string, string> =>
  isObject(v) ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, String(x)])) : {};

export function selects(t: Target, res: Resource): boolean {
  const gvk = gvkOf(res.obj);
  if (!matchesAny(t.group, gvk.group)) return false;
  if (!matchesAny(t.version, gvk.version)) return false;
  if (!matchesAny(t.kind, gvk.kind)) return false;
  if (!matchesAny(t.name, res.orgName, nameOf(res.obj))) return false;
  const effective = (ns: string) => ns || 'default';
  if (!matchesAny(t.namespace, effective(res.orgNamespace), effective(namespaceOf(res.obj)))) return false;
  const meta = metadataOf(res.obj);
  if (t.labelSelector && !matchesLabels(parseLabelSelector(t.labelSelector), stringMapOf(meta.labels)))
    return false;
  if (
    t.annotationSelector &&
    !matchesLabels(parseLabelSelector(t.annotationSelector), stringMapOf(meta.annotations))
  )
    return false;
  return true;
}
