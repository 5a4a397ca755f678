// Which resource a REST path names: /api/v1/[namespaces/{ns}/]{resource}[/{name}[/{subresource}]]
// and /apis/{group}/{version}/..., with the legacy /watch/ prefix. Pure: path in, route out.
import { KINDS, type KindInfo } from '../../api/kinds.js';
import { checkSubresource } from '../../registry/scale.js';

export type Subresource = 'status' | 'scale' | 'log' | 'eviction';

export interface Route {
  kind: KindInfo;
  /** Set for a namespaced request; undefined for a cluster-scoped kind or every namespace. */
  namespace?: string;
  name?: string;
  subresource?: Subresource;
  /** Reached through /watch/ (the deprecated watch paths). */
  legacyWatch: boolean;
}

const byResource = new Map<string, KindInfo>(KINDS.map((k) => [`${k.group}/${k.version}/${k.plural}`, k]));

/**
 * A subresource of `kind`, or undefined when it has none by that name: `status` and `scale` as
 * `patch --subresource` serves them, `log` and `eviction` for pods.
 */
function subresourceOf(kind: KindInfo, word: string): Subresource | undefined {
  if (word === 'log' || word === 'eviction') return kind.kind === 'Pod' && !kind.group ? word : undefined;
  if (word !== 'status' && word !== 'scale') return undefined;
  try {
    checkSubresource(kind, word);
    return word;
  } catch {
    return undefined;
  }
}

/** The route of `pathname`, or undefined when it names no resource mkube serves (a 404). */
export function parseRoute(pathname: string): Route | undefined {
  const parts = pathname.split('/').filter((p, i) => i > 0 && p !== '');
  let group: string;
  let version: string;
  let rest: string[];
  if (parts[0] === 'api' && parts.length >= 3) {
    [group, version, rest] = ['', parts[1]!, parts.slice(2)];
  } else if (parts[0] === 'apis' && parts.length >= 4) {
    [group, version, rest] = [parts[1]!, parts[2]!, parts.slice(3)];
  } else return undefined;
  const legacyWatch = rest[0] === 'watch';
  if (legacyWatch) rest = rest.slice(1);
  rest = rest.map((p) => decodeURIComponent(p));
  let namespace: string | undefined;
  // namespaces/{ns}/{resource}...: a namespaced request; namespaces/{name}[/status] is a Namespace.
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    const inner = byResource.get(`${group}/${version}/${rest[2]}`);
    if (inner?.namespaced) {
      namespace = rest[1];
      rest = rest.slice(2);
    }
  }
  const kind = byResource.get(`${group}/${version}/${rest[0]}`);
  if (!kind || rest.length > 3) return undefined;
  if (kind.namespaced !== (namespace !== undefined) && (rest.length > 1 || !kind.namespaced))
    return undefined;
  const route: Route = { kind, namespace, name: rest[1], legacyWatch };
  if (rest.length === 3) {
    const sub = subresourceOf(kind, rest[2]!);
    if (!sub || legacyWatch) return undefined;
    route.subresource = sub;
  }
  return route;
}
