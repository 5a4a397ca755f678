// The Ingress controller the agent runs: ensures the default IngressClass, listens (127.0.0.1,
// ports 80 and 443 unless configured; a free port when one cannot be bound), rebuilds the routing
// table from the informer cache on every relevant event (debounced) and swaps it whole, and keeps
// each served Ingress's status.loadBalancer pointing at localhost and the ports. TLS: the
// certificate of the Secret an Ingress names for the SNI host, else the home's default one.
import type http from 'node:http';
import type https from 'node:https';
import type { Secret, Service } from 'kubernetes-types/core/v1.js';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1.js';
import type { Ingress, IngressClass } from 'kubernetes-types/networking/v1.js';
import { lookupKind } from '../../api/kinds.js';
import type { KObject, WatchEvent } from '../../api/types.js';
import type { Registry } from '../../registry/registry.js';
import { DEFAULT_INGRESS_CLASS, defaultIngressClass } from './class.js';
import { ensureDefaultCertificate } from './default-cert.js';
import { closeProxyServer, createProxyServer, createTlsProxyServer } from './proxy.js';
import { buildRoutes, type RouteTable } from './routes.js';
import { SecretContexts } from './secret-contexts.js';
import { computeStatusUpdates } from './status.js';
import { certificateFor } from './tls.js';

const INGRESS = lookupKind('ingresses')!;
const INGRESS_CLASS = lookupKind('ingressclasses')!;
const SERVICE = lookupKind('services')!;
const ENDPOINT_SLICE = lookupKind('endpointslices')!;
const SECRET = lookupKind('secrets')!;
const WATCHED = new Set(['Ingress', 'IngressClass', 'Service', 'EndpointSlice', 'Secret']);

export const DEFAULT_HTTP_PORT = 80;
export const DEFAULT_HTTPS_PORT = 443;
export const LISTEN_HOST = '127.0.0.1';

export interface IngressControllerOptions {
  registry: Registry;
  log: (message: string) => void;
  /** The port wanted; another free one is used when it cannot be bound. */
  httpPort?: number;
  /** The TLS port wanted, with the same fallback. */
  httpsPort?: number;
  host?: string;
  /** How long events are gathered before one rebuild. */
  debounceMs?: number;
}

/** Listen on `port`, or on a free port when it is taken or privileged; says which and why. */
export async function listenWithFallback(
  server: http.Server | https.Server,
  host: string,
  port: number,
): Promise<{ port: number; reason?: string }> {
  const listen = (p: number) =>
    new Promise<number>((resolve, reject) => {
      const onError = (e: Error) => reject(e);
      server.once('error', onError);
      server.listen(p, host, () => {
        server.off('error', onError);
        resolve((server.address() as { port: number }).port);
      });
    });
  try {
    return { port: await listen(port) };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'EADDRINUSE' && code !== 'EACCES') throw e;
    const why =
      code === 'EADDRINUSE' ? `${host}:${port} is in use` : `binding ${host}:${port} needs privileges`;
    return { port: await listen(0), reason: why };
  }
}

export class IngressController {
  private table: RouteTable = buildRoutes({
    ingresses: [],
    services: [],
    endpointSlices: [],
    ingressClasses: [],
  });
  private readonly server: http.Server;
  private tlsServer: https.Server | undefined;
  private readonly secrets: SecretContexts;
  private timer: NodeJS.Timeout | undefined;
  private port = 0;
  private tlsPort = 0;
  private problems = '';
  /** Status writes run one pass at a time; a rebuild during a pass asks for one more. */
  private statusPass: Promise<void> = Promise.resolve();
  private stopped = false;
  /** Who waits for the next rebuild (a rebuild is synchronous: the next one reads the cache as it is). */
  private rebuildWaiters: (() => void)[] = [];
  /** The host names the default certificate was last checked against. */
  private certifiedNames: string | undefined;

  constructor(private readonly opts: IngressControllerOptions) {
    this.server = createProxyServer(this.proxyOptions());
    this.secrets = new SecretContexts(opts.log);
  }

  private proxyOptions() {
    return {
      routes: () => this.table,
      log: this.opts.log,
      httpsPort: () => this.tlsPort || undefined,
    };
  }

  /** The port the proxy listens on (0 before start). */
  get httpPort(): number {
    return this.port;
  }

  /** The port the TLS proxy listens on (0 before start, or when it could not start). */
  get httpsPort(): number {
    return this.tlsPort;
  }

  async start(): Promise<void> {
    await this.ensureIngressClass();
    this.port = await this.listen(this.server, 'http', this.opts.httpPort ?? DEFAULT_HTTP_PORT);
    // TLS is an addition: a failure to serve it leaves plain HTTP working.
    try {
      this.table = this.routesNow();
      const certificate = ensureDefaultCertificate(this.opts.registry.home, this.table.certificateNames);
      this.secrets.setDefault(certificate);
      this.tlsServer = createTlsProxyServer(this.proxyOptions(), {
        ...certificate,
        contextFor: (name) => this.secrets.contextFor(certificateFor(this.table.tls, name), this.secretOf),
      });
      this.tlsPort = await this.listen(this.tlsServer, 'https', this.opts.httpsPort ?? DEFAULT_HTTPS_PORT);
    } catch (e) {
      this.opts.log(`ingress: not serving TLS: ${(e as Error).message}`);
    }
    this.rebuild();
  }

  private readonly secretOf = (key: string): Secret | undefined => {
    const [namespace, name] = key.split('/');
    return this.opts.registry.get(SECRET, namespace, name!) as Secret | undefined;
  };

  private async listen(server: http.Server | https.Server, scheme: string, wanted: number): Promise<number> {
    const host = this.opts.host ?? LISTEN_HOST;
    const { port, reason } = await listenWithFallback(server, host, wanted);
    this.opts.log(
      reason
        ? `ingress: ${reason}; serving Ingresses on ${scheme}://${host}:${port} instead`
        : `ingress: serving Ingresses on ${scheme}://${host}:${port}`,
    );
    return port;
  }

  onEvent(ev: WatchEvent): void {
    if (WATCHED.has(ev.object.kind)) this.schedule();
  }

  /** Level-triggered safety net, called on the agent's resync. */
  resync(): void {
    this.schedule();
  }

  /**
   * Resolves once the routing table was rebuilt from the cache as it is now (a rebuild that starts
   * after this call); at once when the proxy does not serve (not started, or stopped).
   */
  waitForSyncAfter(): Promise<void> {
    if (this.port === 0 || this.stopped) return Promise.resolve();
    const waited = new Promise<void>((resolve) => this.rebuildWaiters.push(resolve));
    this.schedule();
    return waited;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const resolve of this.rebuildWaiters.splice(0)) resolve();
    clearTimeout(this.timer);
    await closeProxyServer(this.server);
    if (this.tlsServer) await closeProxyServer(this.tlsServer);
    await this.statusPass;
  }

  private schedule(): void {
    if (this.timer || this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.rebuild();
    }, this.opts.debounceMs ?? 20);
  }

  private async ensureIngressClass(): Promise<void> {
    if (this.opts.registry.get(INGRESS_CLASS, undefined, DEFAULT_INGRESS_CLASS)) return;
    try {
      await this.opts.registry.create(defaultIngressClass() as KObject);
      this.opts.log(`ingress: created IngressClass ${DEFAULT_INGRESS_CLASS}`);
    } catch (e) {
      if ((e as { reason?: string }).reason !== 'AlreadyExists') throw e;
    }
  }

  private routesNow(): RouteTable {
    const { registry } = this.opts;
    return buildRoutes({
      ingresses: registry.list(INGRESS) as Ingress[],
      services: registry.list(SERVICE) as Service[],
      endpointSlices: registry.list(ENDPOINT_SLICE) as EndpointSlice[],
      ingressClasses: registry.list(INGRESS_CLASS) as IngressClass[],
    });
  }

  /** A new name among the Ingress hosts: issue the default certificate again (same key). */
  private refreshDefaultCertificate(): void {
    if (!this.tlsServer) return;
    // Reading and parsing the certificate on every rebuild (each resync) cost an idle agent CPU.
    const names = this.table.certificateNames.join(',');
    if (names === this.certifiedNames) return;
    try {
      const certificate = ensureDefaultCertificate(this.opts.registry.home, this.table.certificateNames);
      this.certifiedNames = names;
      if (!certificate.issued) return;
      this.secrets.setDefault(certificate);
      this.tlsServer.setSecureContext({ key: certificate.keyPem, cert: certificate.certPem });
      this.opts.log(`ingress: default certificate now for ${this.table.certificateNames.join(', ')}`);
    } catch (e) {
      this.opts.log(`ingress: default certificate: ${(e as Error).message}`);
    }
  }

  private rebuild(): void {
    if (this.stopped) return;
    const { registry } = this.opts;
    const ingresses = registry.list(INGRESS) as Ingress[];
    this.table = this.routesNow();
    for (const resolve of this.rebuildWaiters.splice(0)) resolve();
    this.refreshDefaultCertificate();
    // Load (and report once) the Secrets named now, rather than at a client's first handshake.
    const named = new Set([...this.table.tls.hosts.values()].map((t) => t.secret));
    this.secrets.retain(named);
    for (const key of named) this.secrets.contextFor(key, this.secretOf);
    const problems = this.table.problems.join('; ');
    if (problems && problems !== this.problems) this.opts.log(`ingress: ${problems}`);
    this.problems = problems;
    if (this.port === 0) return;
    const ports = this.tlsPort ? [this.port, this.tlsPort] : [this.port];
    const updates = computeStatusUpdates(ingresses, new Set(this.table.served), ports);
    if (updates.length === 0) return;
    this.statusPass = this.statusPass.then(async () => {
      for (const u of updates) {
        await registry
          .mutate(
            INGRESS,
            u.namespace,
            u.name,
            (cur) => ({ ...cur, status: { ...cur.status, loadBalancer: u.loadBalancer } }),
            {
              subresource: 'status',
            },
          )
          .catch((e) => this.opts.log(`ingress: status of ${u.namespace}/${u.name}: ${e}`));
      }
    });
  }
}
