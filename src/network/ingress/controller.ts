// The Ingress controller the agent runs: ensures the default IngressClass, listens (127.0.0.1,
// port 80 unless configured; a free port when that one cannot be bound), rebuilds the routing
// table from the informer cache on every relevant event (debounced) and swaps it whole, and keeps
// each served Ingress's status.loadBalancer pointing at localhost and the port.
import type http from 'node:http';
import type { Service } from 'kubernetes-types/core/v1.js';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1.js';
import type { Ingress, IngressClass } from 'kubernetes-types/networking/v1.js';
import { lookupKind } from '../../api/kinds.js';
import type { KObject, WatchEvent } from '../../api/types.js';
import type { Registry } from '../../registry/registry.js';
import { DEFAULT_INGRESS_CLASS, defaultIngressClass } from './class.js';
import { closeProxyServer, createProxyServer } from './proxy.js';
import { buildRoutes, type RouteTable } from './routes.js';
import { computeStatusUpdates } from './status.js';

const INGRESS = lookupKind('ingresses')!;
const INGRESS_CLASS = lookupKind('ingressclasses')!;
const SERVICE = lookupKind('services')!;
const ENDPOINT_SLICE = lookupKind('endpointslices')!;
const WATCHED = new Set(['Ingress', 'IngressClass', 'Service', 'EndpointSlice']);

export const DEFAULT_HTTP_PORT = 80;
export const LISTEN_HOST = '127.0.0.1';

export interface IngressControllerOptions {
  registry: Registry;
  log: (message: string) => void;
  /** The port wanted; another free one is used when it cannot be bound. */
  httpPort?: number;
  host?: string;
  /** How long events are gathered before one rebuild. */
  debounceMs?: number;
}

/** Listen on `port`, or on a free port when it is taken or privileged; says which and why. */
export async function listenWithFallback(
  server: http.Server,
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
  private timer: NodeJS.Timeout | undefined;
  private port = 0;
  private problems = '';
  /** Status writes run one pass at a time; a rebuild during a pass asks for one more. */
  private statusPass: Promise<void> = Promise.resolve();
  private stopped = false;
  /** Who waits for the next rebuild (a rebuild is synchronous: the next one reads the cache as it is). */
  private rebuildWaiters: (() => void)[] = [];

  constructor(private readonly opts: IngressControllerOptions) {
    this.server = createProxyServer({ routes: () => this.table, log: opts.log });
  }

  /** The port the proxy listens on (0 before start). */
  get httpPort(): number {
    return this.port;
  }

  async start(): Promise<void> {
    await this.ensureIngressClass();
    const wanted = this.opts.httpPort ?? DEFAULT_HTTP_PORT;
    const host = this.opts.host ?? LISTEN_HOST;
    const { port, reason } = await listenWithFallback(this.server, host, wanted);
    this.port = port;
    this.opts.log(
      reason
        ? `ingress: ${reason}; serving Ingresses on http://${host}:${port} instead`
        : `ingress: serving Ingresses on http://${host}:${port}`,
    );
    this.rebuild();
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

  private rebuild(): void {
    if (this.stopped) return;
    const { registry } = this.opts;
    const ingresses = registry.list(INGRESS) as Ingress[];
    this.table = buildRoutes({
      ingresses,
      services: registry.list(SERVICE) as Service[],
      endpointSlices: registry.list(ENDPOINT_SLICE) as EndpointSlice[],
      ingressClasses: registry.list(INGRESS_CLASS) as IngressClass[],
    });
    for (const resolve of this.rebuildWaiters.splice(0)) resolve();
    const problems = this.table.problems.join('; ');
    if (problems && problems !== this.problems) this.opts.log(`ingress: ${problems}`);
    this.problems = problems;
    if (this.port === 0) return;
    const updates = computeStatusUpdates(ingresses, new Set(this.table.served), this.port);
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
