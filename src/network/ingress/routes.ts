// The routing table: built from Ingresses + Services + EndpointSlices + IngressClasses in one pure
// pass, swapped whole by the controller, and queried per request by (host, path). Shaped after
// ingress-nginx's servers and locations: one server per host (exact or `*.` wildcard) plus a
// catch-all for rules without a host; a request picks ONE server (exact, then wildcard, then the
// catch-all) and then the best path inside it, else that server's default backend, else 404.
import type { Service } from 'kubernetes-types/core/v1.js';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1.js';
import type { Ingress, IngressBackend, IngressClass } from 'kubernetes-types/networking/v1.js';
import { indexBackends, type ResolvedBackend, resolveBackend, type Target } from './backends.js';
import { servedBy } from './class.js';
import { comparePaths, compilePath, matchPath, type PathMatcher, rewritePath } from './paths.js';
import { buildTlsTable, defaultCertificateNames, type TlsTable } from './tls.js';

export const REWRITE_TARGET = 'nginx.ingress.kubernetes.io/rewrite-target';
export const USE_REGEX = 'nginx.ingress.kubernetes.io/use-regex';

export interface RoutesInput {
  ingresses: readonly Ingress[];
  services: readonly Service[];
  endpointSlices: readonly EndpointSlice[];
  ingressClasses: readonly IngressClass[];
}

interface Served {
  /** `namespace/name` of the Ingress the route came from. */
  ingress: string;
  backend: ResolvedBackend;
}

interface PathRoute extends Served {
  matcher: PathMatcher;
  rewriteTarget?: string;
}

interface Server {
  paths: PathRoute[];
  defaultBackend?: Served;
}

export interface RouteTable {
  /** Servers by host: `foo.example.com` or `*.example.com`. */
  hosts: Map<string, Server>;
  /** Rules without a host, and the first Ingress's defaultBackend. */
  catchAll: Server;
  /** `namespace/name` of every Ingress served, in precedence order. */
  served: string[];
  /** Paths that were skipped, with why (an invalid regex). */
  problems: string[];
  /** The TLS hosts of the served Ingresses and their Secrets. */
  tls: TlsTable;
  /** The names the default certificate should cover. */
  certificateNames: string[];
}

export type RouteResult =
  | { status: 'proxy'; ingress: string; backend: string; targets: Target[]; path: string }
  | { status: 'no-endpoints'; ingress: string; backend: string }
  | { status: 'not-found' };

const keyOf = (ing: Ingress) => `${ing.metadata?.namespace ?? 'default'}/${ing.metadata?.name}`;

/** Oldest first, as ingress-nginx orders them: on a conflict the older Ingress wins. */
function byAge(a: Ingress, b: Ingress): number {
  const ta = a.metadata?.creationTimestamp ?? '';
  const tb = b.metadata?.creationTimestamp ?? '';
  return ta < tb ? -1 : ta > tb ? 1 : keyOf(a).localeCompare(keyOf(b));
}

export function buildRoutes(input: RoutesInput): RouteTable {
  const index = indexBackends(input.services, input.endpointSlices);
  const ingresses = input.ingresses.filter(servedBy(input.ingressClasses)).sort(byAge);
  const table: RouteTable = {
    hosts: new Map(),
    catchAll: { paths: [] },
    served: [],
    problems: [],
    tls: buildTlsTable(ingresses),
    certificateNames: defaultCertificateNames(ingresses),
  };
  const seen = new Set<string>();
  for (const ing of ingresses) {
    const ingress = keyOf(ing);
    const namespace = ing.metadata?.namespace ?? 'default';
    const served = (b: IngressBackend): Served => ({ ingress, backend: resolveBackend(index, namespace, b) });
    const annotations = ing.metadata?.annotations ?? {};
    const rewriteTarget = annotations[REWRITE_TARGET] || undefined;
    const useRegex = annotations[USE_REGEX] === 'true' || rewriteTarget !== undefined;
    const defaultBackend = ing.spec?.defaultBackend ? served(ing.spec.defaultBackend) : undefined;
    table.served.push(ingress);
    if (defaultBackend) table.catchAll.defaultBackend ??= defaultBackend;
    for (const rule of ing.spec?.rules ?? []) {
      const host = rule.host?.toLowerCase();
      let server = host ? table.hosts.get(host) : table.catchAll;
      if (!server) {
        server = { paths: [] };
        table.hosts.set(host!, server);
      }
      if (host && defaultBackend) server.defaultBackend ??= defaultBackend;
      for (const p of rule.http?.paths ?? []) {
        const matcher = compilePath(p.path ?? '/', p.pathType, useRegex);
        if (typeof matcher === 'string') {
          table.problems.push(`${ingress}: ${matcher}`);
          continue;
        }
        const id = `${host ?? ''}|${matcher.exact}|${matcher.path}`;
        if (seen.has(id)) continue;
        seen.add(id);
        server.paths.push({ matcher, rewriteTarget, ...served(p.backend) });
      }
    }
  }
  // A stable sort keeps Ingress age order among equally long paths.
  for (const server of [table.catchAll, ...table.hosts.values()])
    server.paths.sort((a, b) => comparePaths(a.matcher, b.matcher));
  return table;
}

/** The host of a Host header: lower case, without the port (IPv6 literals keep their brackets). */
export function hostOf(header: string | undefined): string {
  const h = (header ?? '').toLowerCase();
  if (h.startsWith('[')) return h.slice(0, h.indexOf(']') + 1);
  const colon = h.indexOf(':');
  return colon < 0 ? h : h.slice(0, colon);
}

/** The server for a host: exact, then a `*.` wildcard covering exactly one label, then catch-all. */
function serverFor(table: RouteTable, host: string): Server {
  const exact = table.hosts.get(host);
  if (exact) return exact;
  const dot = host.indexOf('.');
  return (dot > 0 && table.hosts.get(`*${host.slice(dot)}`)) || table.catchAll;
}

function answer(s: Served, path: string): RouteResult {
  return s.backend.targets.length === 0
    ? { status: 'no-endpoints', ingress: s.ingress, backend: s.backend.name }
    : { status: 'proxy', ingress: s.ingress, backend: s.backend.name, targets: s.backend.targets, path };
}

/** Where a request for `host` (a Host header) and `path` (no query) goes. */
export function route(table: RouteTable, host: string | undefined, path: string): RouteResult {
  const server = serverFor(table, hostOf(host));
  for (const p of server.paths) {
    const match = matchPath(p.matcher, path);
    if (!match) continue;
    return answer(p, p.rewriteTarget === undefined ? path : rewritePath(p.rewriteTarget, match));
  }
  return server.defaultBackend ? answer(server.defaultBackend, path) : { status: 'not-found' };
}
