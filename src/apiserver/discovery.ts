// Discovery documents, built from the kinds registry so `kubectl api-resources` and
// `kubectl api-versions` against the endpoint print what `mkube api-resources` and
// `mkube api-versions` print: the legacy documents (/api, /api/v1, /apis, /apis/<g>, /apis/<g>/<v>)
// and the aggregated ones (apidiscovery.k8s.io/v2 APIGroupDiscoveryList) kubectl asks for first.
// Pure: every function takes the kinds it describes.
import type { KindInfo } from '../api/kinds.js';
import { categoriesOf, verbsOf } from '../printers/api-resources.js';
import { subresourcesOf } from './subresources.js';

interface GroupVersion {
  groupVersion: string;
  version: string;
}

/** The groups (core first as ''), each with its versions in preference order, in first-seen order. */
export function groupsOf(kinds: readonly KindInfo[]): Array<{ group: string; versions: string[] }> {
  const groups = new Map<string, string[]>();
  for (const k of kinds) {
    const versions = groups.get(k.group) ?? [];
    if (!versions.includes(k.version)) versions.push(k.version);
    groups.set(k.group, versions);
  }
  return [...groups].map(([group, versions]) => ({ group, versions }));
}

const gvOf = (group: string, version: string): GroupVersion => ({
  groupVersion: group ? `${group}/${version}` : version,
  version,
});

/** GET /api: the core group's versions, and where clients reach the server. */
export function apiVersions(serverAddress: string) {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

function apiGroup(group: string, versions: string[]) {
  const gvs = versions.map((v) => gvOf(group, v));
  return { name: group, versions: gvs, preferredVersion: gvs[0]! };
}

/** GET /apis: every named group. */
export function apiGroupList(kinds: readonly KindInfo[]) {
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: groupsOf(kinds)
      .filter((g) => g.group !== '')
      .map((g) => apiGroup(g.group, g.versions)),
  };
}

/** GET /apis/<group>: one named group, or undefined when mkube serves no such group. */
export function apiGroupDocument(kinds: readonly KindInfo[], group: string) {
  const found = groupsOf(kinds).find((g) => g.group === group && group !== '');
  return found && { kind: 'APIGroup', apiVersion: 'v1', ...apiGroup(found.group, found.versions) };
}

/** The resources of one group/version, each followed by its subresources, in name order. */
function resourcesOf(kinds: readonly KindInfo[], group: string, version: string): KindInfo[] {
  return kinds
    .filter((k) => k.group === group && k.version === version)
    .sort((a, b) => (a.plural < b.plural ? -1 : a.plural > b.plural ? 1 : 0));
}

/** GET /api/v1 and /apis/<group>/<version>, or undefined when mkube serves no such group/version. */
export function apiResourceList(kinds: readonly KindInfo[], group: string, version: string) {
  const selected = resourcesOf(kinds, group, version);
  if (selected.length === 0) return undefined;
  const resources: Record<string, unknown>[] = [];
  for (const k of selected) {
    resources.push({
      name: k.plural,
      singularName: k.singular,
      namespaced: k.namespaced,
      kind: k.kind,
      verbs: verbsOf(k),
      ...(k.shortNames.length ? { shortNames: k.shortNames } : {}),
      ...(categoriesOf(k).length ? { categories: categoriesOf(k) } : {}),
    });
    for (const sub of subresourcesOf(k.group, k.plural)) {
      resources.push({
        name: `${k.plural}/${sub.name}`,
        singularName: '',
        namespaced: k.namespaced,
        // group/version only when they differ from the resource's (Scale; not PodExecOptions).
        ...(sub.responseKind && (sub.responseKind.group !== k.group || sub.responseKind.version !== k.version)
          ? { group: sub.responseKind.group, version: sub.responseKind.version, kind: sub.responseKind.kind }
          : { kind: sub.responseKind?.kind ?? k.kind }),
        verbs: sub.verbs,
      });
    }
  }
  // The core list has no apiVersion, as the API server writes it.
  return {
    kind: 'APIResourceList',
    ...(group ? { apiVersion: 'v1' } : {}),
    groupVersion: gvOf(group, version).groupVersion,
    resources,
  };
}

function resourceDiscovery(k: KindInfo) {
  const subresources = subresourcesOf(k.group, k.plural).map((sub) => ({
    subresource: sub.name,
    responseKind: sub.responseKind ?? { group: k.group, version: k.version, kind: k.kind },
    verbs: sub.verbs,
  }));
  return {
    resource: k.plural,
    responseKind: { group: k.group, version: k.version, kind: k.kind },
    scope: k.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: k.singular,
    verbs: verbsOf(k),
    ...(k.shortNames.length ? { shortNames: k.shortNames } : {}),
    ...(categoriesOf(k).length ? { categories: categoriesOf(k) } : {}),
    ...(subresources.length ? { subresources } : {}),
  };
}

/** The aggregated form of /api (`legacy`: the core group) or /apis (every named group). */
export function apiGroupDiscoveryList(kinds: readonly KindInfo[], legacy: boolean) {
  return {
    kind: 'APIGroupDiscoveryList',
    apiVersion: 'apidiscovery.k8s.io/v2',
    metadata: {},
    items: groupsOf(kinds)
      .filter((g) => (g.group === '') === legacy)
      .map((g) => ({
        metadata: { ...(g.group ? { name: g.group } : {}), creationTimestamp: null },
        versions: g.versions.map((version) => ({
          version,
          resources: resourcesOf(kinds, g.group, version).map(resourceDiscovery),
          freshness: 'Current',
        })),
      })),
  };
}

/** The media type of the aggregated documents, as the response's Content-Type. */
export const AGGREGATED_DISCOVERY_TYPE =
  'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';

/**
 * Whether an Accept header asks for the aggregated v2 document (kubectl 1.32 lists it first).
 * Only the JSON form is served; a client that asks only for protobuf or v2beta1 gets the legacy form
 * and, as client-go does, tells the two apart by the response's Content-Type.
 */
export function wantsAggregated(accept: string | undefined): boolean {
  for (const entry of (accept ?? '').split(',')) {
    const [type, ...params] = entry.split(';').map((s) => s.trim());
    if (type !== 'application/json') continue;
    const p = new Map(params.map((kv) => kv.split('=', 2).map((s) => s.trim()) as [string, string]));
    if (
      p.get('g') === 'apidiscovery.k8s.io' &&
      p.get('v') === 'v2' &&
      p.get('as') === 'APIGroupDiscoveryList'
    )
      return true;
  }
  return false;
}
