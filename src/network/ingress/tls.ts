// TLS for the Ingress controller, the pure part: which certificate a TLS client gets for its SNI
// name (the Secret an Ingress names in spec.tls for that host, else the default certificate),
// whether a plain HTTP request is redirected to https (ingress-nginx's ssl-redirect, on by
// default for hosts with TLS), and which names the default self-signed certificate covers.
import type { Ingress } from 'kubernetes-types/networking/v1.js';

export const SSL_REDIRECT = 'nginx.ingress.kubernetes.io/ssl-redirect';

export interface TlsHost {
  /** `namespace/name` of the Secret holding tls.crt and tls.key. */
  secret: string;
  /** `namespace/name` of the Ingress that asked for it. */
  ingress: string;
}

export interface TlsTable {
  /** By host as written in spec.tls[].hosts: `foo.example.com` or `*.example.com`. */
  hosts: Map<string, TlsHost>;
  /** Ingresses (`namespace/name`) annotated ssl-redirect "false". */
  noRedirect: Set<string>;
}

const keyOf = (ing: Ingress) => `${ing.metadata?.namespace ?? 'default'}/${ing.metadata?.name}`;

/** From the served Ingresses in precedence order: the first Ingress to claim a TLS host keeps it. */
export function buildTlsTable(served: readonly Ingress[]): TlsTable {
  const table: TlsTable = { hosts: new Map(), noRedirect: new Set() };
  for (const ing of served) {
    const ingress = keyOf(ing);
    if (ing.metadata?.annotations?.[SSL_REDIRECT] === 'false') table.noRedirect.add(ingress);
    const namespace = ing.metadata?.namespace ?? 'default';
    for (const tls of ing.spec?.tls ?? []) {
      if (!tls.secretName) continue;
      for (const h of tls.hosts ?? []) {
        const host = h.toLowerCase();
        if (!table.hosts.has(host))
          table.hosts.set(host, { secret: `${namespace}/${tls.secretName}`, ingress });
      }
    }
  }
  return table;
}

/** The TLS entry for a host name: exact, then a `*.` wildcard covering exactly one label. */
export function tlsHostFor(table: TlsTable, name: string | undefined): TlsHost | undefined {
  const host = (name ?? '').toLowerCase().replace(/\.$/, '');
  if (!host) return undefined;
  const exact = table.hosts.get(host);
  if (exact) return exact;
  const dot = host.indexOf('.');
  return dot > 0 ? table.hosts.get(`*${host.slice(dot)}`) : undefined;
}

/** The Secret (`namespace/name`) whose certificate answers an SNI name; undefined: the default one. */
export function certificateFor(table: TlsTable, serverName: string | undefined): string | undefined {
  return tlsHostFor(table, serverName)?.secret;
}

/**
 * Where a plain HTTP request for `host` (lower case, no port) is redirected (308), or undefined to
 * serve it: only for hosts with TLS, unless the Ingress of the matched path (or, when no path
 * matched, the one that asked for the host's TLS) says ssl-redirect "false". The https port is
 * left out when it is 443.
 */
export function sslRedirectLocation(
  table: TlsTable,
  host: string,
  requestTarget: string,
  matchedIngress: string | undefined,
  httpsPort: number | undefined,
): string | undefined {
  if (!httpsPort) return undefined;
  const tls = tlsHostFor(table, host);
  if (!tls) return undefined;
  if (table.noRedirect.has(matchedIngress ?? tls.ingress)) return undefined;
  return `https://${host}${httpsPort === 443 ? '' : `:${httpsPort}`}${requestTarget}`;
}

/**
 * The names of the default certificate: localhost and every host of the served Ingresses (rules
 * and tls), sorted. Wildcards need two labels after the `*` (OpenSSL refuses `*.localhost`).
 */
export function defaultCertificateNames(served: readonly Ingress[]): string[] {
  const names = new Set(['localhost']);
  for (const ing of served) {
    const hosts = [
      ...(ing.spec?.rules ?? []).map((r) => r.host),
      ...(ing.spec?.tls ?? []).flatMap((t) => t.hosts ?? []),
    ];
    for (const h of hosts) {
      if (!h) continue;
      const host = h.toLowerCase();
      if (host.startsWith('*.') && host.split('.').length < 3) continue;
      names.add(host);
    }
  }
  return [...names].sort();
}
