// One resource as kustomize carries it through a build: the object (plain JSON), the id it was
// loaded with (selectors and patches match it as well as the current one), every name it had
// (name references are rewritten from any of them), and whether a generator made it.
import { lookupKind } from '../api/kinds.js';

export type JsonObject = { [key: string]: unknown };

export interface Resource {
  obj: JsonObject;
  /** metadata.name / namespace when first loaded (kustomize's OrgId). */
  orgName: string;
  orgNamespace: string;
  /** Names the resource had before its current one, oldest first (kustomize's previousNames). */
  prevNames: string[];
  /** Namespaces paired with prevNames. */
  prevNamespaces: string[];
  /** Prefixes and suffixes added, outermost last: references match only resources built alike. */
  prefixes: string[];
  suffixes: string[];
  /** Made by a generator whose name gets the content hash at the end of the build. */
  needsHash?: boolean;
  /** The generator's behavior (create, merge, replace) for merging into an earlier one. */
  behavior?: string;
}

export interface Gvk {
  group: string;
  version: string;
  kind: string;
}

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function gvkOf(obj: JsonObject): Gvk {
  const apiVersion = typeof obj.apiVersion === 'string' ? obj.apiVersion : '';
  const slash = apiVersion.indexOf('/');
  return {
    group: slash < 0 ? '' : apiVersion.slice(0, slash),
    version: slash < 0 ? apiVersion : apiVersion.slice(slash + 1),
    kind: typeof obj.kind === 'string' ? obj.kind : '',
  };
}

export function metadataOf(obj: JsonObject): JsonObject {
  if (!isObject(obj.metadata)) obj.metadata = {};
  return obj.metadata as JsonObject;
}

const metaField = (obj: JsonObject, field: string): string =>
  isObject(obj.metadata) && obj.metadata[field] !== undefined && obj.metadata[field] !== null
    ? String(obj.metadata[field])
    : '';
export const nameOf = (obj: JsonObject): string => metaField(obj, 'name');
export const namespaceOf = (obj: JsonObject): string => metaField(obj, 'namespace');

export function setName(res: Resource, name: string): void {
  const meta = metadataOf(res.obj);
  res.prevNames.push(String(meta.name ?? ''));
  res.prevNamespaces.push(String(meta.namespace ?? ''));
  meta.name = name;
}

/** Kinds kustomize knows as cluster-scoped; anything else (custom kinds too) is namespaced. */
const CLUSTER_SCOPED = new Set([
  'APIService',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'MutatingWebhookConfiguration',
  'Namespace',
  'PersistentVolume',
  'PodSecurityPolicy',
  'PriorityClass',
  'RuntimeClass',
  'StorageClass',
  'ValidatingWebhookConfiguration',
  'VolumeAttachment',
  'CSIDriver',
  'CSINode',
  'IngressClass',
  'Node',
  'ComponentStatus',
  'CertificateSigningRequest',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
]);

export function isNamespaced(gvk: Gvk): boolean {
  if (CLUSTER_SCOPED.has(gvk.kind)) return false;
  const info = lookupKind(gvk.kind);
  return info ? info.namespaced : true;
}

export function newResource(obj: JsonObject): Resource {
  return {
    obj,
    orgName: nameOf(obj),
    orgNamespace: namespaceOf(obj),
    prevNames: [],
    prevNamespaces: [],
    prefixes: [],
    suffixes: [],
  };
}

/** kustomize's ResId string in messages: `Deployment.v1.apps/web.prod`, with `[noGrp]`, `[noVer]`, `[noNs]`. */
export function resIdString(id: {
  group?: unknown;
  version?: unknown;
  kind?: unknown;
  name?: unknown;
  namespace?: unknown;
}): string {
  const part = (v: unknown, none: string) => (v === undefined || v === null || v === '' ? none : String(v));
  return `${part(id.kind, '[noKind]')}.${part(id.version, '[noVer]')}.${part(id.group, '[noGrp]')}/${part(id.name, '')}.${part(id.namespace, '[noNs]')}`;
}

export function idString(obj: JsonObject): string {
  return resIdString({ ...gvkOf(obj), name: nameOf(obj), namespace: namespaceOf(obj) });
}
