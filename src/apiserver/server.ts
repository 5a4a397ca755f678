// The local Kubernetes API endpoint, hosted by the agent: HTTPS on 127.0.0.1 for the host's
// clients and, for pods, on the home's Docker gateway address (what the `kubernetes` Service's
// endpoints name, as an API server's advertise address); a client certificate, the bearer token or
// a service-account token to get in (401 Status otherwise), then the endpoint's own paths
// (version, health, discovery), the OpenAPI documents and the resources, in that order; 404 Status
// when none answers. At start it makes (or reuses) the home's PKI and points mkube's kubeconfig
// at itself, so `kubectl --kubeconfig $MKUBE_HOME/kubeconfig` works at once.
import type { IncomingMessage } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { Duplex } from 'node:stream';
import { DEFAULT_CIPHERS, type TLSSocket } from 'node:tls';
import { KINDS, type KindInfo, lookupKind } from '../api/kinds.js';
import { METRICS_KINDS } from '../api/metrics.js';
import type { Registry } from '../registry/registry.js';
import type { Runtime } from '../runtime/types.js';
import { type AuthnConfig, authenticate, type TokenAuthenticator } from './authn.js';
import { writeEndpointKubeconfig } from './kubeconfig-writer.js';
import { nonResourceHandler } from './non-resource.js';
import { handleOpenApi } from './openapi/index.js';
import { ensurePki } from './pki.js';
import { handleAccessReview } from './rest/access-review.js';
import { handleResource } from './rest/index.js';
import { handleMetrics } from './rest/metrics.js';
import { handleSelfSubjectReview } from './rest/self-subject-review.js';
import { handleTokenRequest } from './rest/token-request.js';
import { notFound, sendStatus, unauthorized } from './status.js';
import { handleStreamUpgrade } from './streams/exec-ws.js';
import { handlePortForwardUpgrade } from './streams/port-forward-ws.js';
import { refuseUpgrade } from './streams/refuse-upgrade.js';
import type { ApiContext, ApiHandler, ApiUser } from './types.js';

/** The port kube-apiserver listens on; tried first when MKUBE_API_PORT does not choose. */
export const DEFAULT_API_PORT = 6443;

/**
 * The ports to try, in order: MKUBE_API_PORT alone when set (0: any free port), else the port of
 * the last run (a merged kubeconfig keeps working), 6443, then any free port.
 */
export function apiPortsToTry(env: string | undefined, previous: number | undefined): number[] {
  if (env !== undefined && env !== '') return [Number(env)];
  return [...new Set([...(previous ? [previous] : []), DEFAULT_API_PORT, 0])];
}

export interface ApiServerOptions {
  home: string;
  registry: Registry;
  runtime: () => Promise<Runtime>;
  log: (message: string) => void;
  ports: number[];
  /** The handlers after the endpoint's own paths; the OpenAPI and REST handlers unless a test says. */
  handlers?: ApiHandler[];
  kinds?: readonly KindInfo[];
  /** Service-account tokens and the like (issue 13); the admin's token and certificates always work. */
  tokenAuthenticators?: TokenAuthenticator[];
  /**
   * The address pods reach the host on (the home's Docker gateway): the server listens there too,
   * on the same port when it is free. Undefined: loopback only.
   */
  inClusterHost?: string;
}

/** Where pods reach the endpoint: the `kubernetes` Service's endpoint. */
export interface InClusterAddress {
  ip: string;
  port: number;
}

/** The `kubernetes` Service's ClusterIPs, which in-cluster clients dial (for the certificate). */
function kubernetesServiceIPs(registry: Registry): string[] {
  const svc = registry.get(lookupKind('services')!, 'default', 'kubernetes');
  const ips: string[] = svc?.spec?.clusterIPs ?? (svc?.spec?.clusterIP ? [svc.spec.clusterIP] : []);
  return ips.filter((ip) => ip && ip !== 'None');
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (e: Error) => {
      server.off('listening', onListening);
      reject(e);
    };
    const onListening = () => {
      server.off('error', onError);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

/** Listen on the first of `ports` that is free on `host` (port 0: any). */
async function listenOnFirstFree(server: Server, ports: number[], host: string): Promise<number> {
  let lastError: Error | undefined;
  for (const candidate of ports) {
    try {
      return await listen(server, candidate, host);
    } catch (e) {
      lastError = e as Error;
      if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE') break;
    }
  }
  throw lastError ?? new Error('no port to listen on');
}

export class ApiServer {
  private constructor(
    private readonly servers: Server[],
    readonly port: number,
    /** Upgraded connections (exec/attach): the HTTP server no longer ends them itself. */
    private readonly streams: Set<Duplex>,
    /** Where pods reach the endpoint, when the server listens for them. */
    readonly inCluster: InClusterAddress | undefined,
  ) {}

  get url(): string {
    return `https://127.0.0.1:${this.port}`;
  }

  static async start(opts: ApiServerOptions): Promise<ApiServer> {
    const pki = await ensurePki(opts.home, kubernetesServiceIPs(opts.registry));
    const authn: AuthnConfig = { token: pki.token, tokenAuthenticators: opts.tokenAuthenticators };
    let port = 0;
    const streams = new Set<Duplex>();
    const handlers: ApiHandler[] = [
      nonResourceHandler({
        kinds: opts.kinds ?? [...KINDS, ...METRICS_KINDS],
        serverAddress: () => `127.0.0.1:${port}`,
      }),
      ...(opts.handlers ?? [
        handleOpenApi,
        handleTokenRequest,
        handleSelfSubjectReview,
        handleAccessReview,
        handleMetrics,
        handleResource,
      ]),
    ];
    // Requests and upgrades alike: the client certificate, else the bearer token.
    const userOf = (req: IncomingMessage): ApiUser | undefined => {
      const tls = req.socket as TLSSocket;
      const cert = tls.getPeerCertificate();
      return authenticate(
        {
          authorization: req.headers.authorization,
          peer: { authorized: tls.authorized, subject: cert?.subject ? { ...cert.subject } : undefined },
        },
        authn,
      );
    };
    const contextFor = (user: ApiUser): ApiContext => ({
      registry: opts.registry,
      home: opts.home,
      user,
      runtime: opts.runtime,
      log: opts.log,
    });
    const makeServer = () => {
      const server = createServer(
        {
          cert: pki.serverCert,
          key: pki.serverKey,
          ca: pki.caCert,
          // Ask for a client certificate but let the request through without one: the bearer token
          // is the other way in, and a refusal must be a 401 Status, not a TLS alert.
          requestCert: true,
          rejectUnauthorized: false,
          minVersion: 'TLSv1.2',
          // A TLS 1.2 client that sends no signature_algorithms (busybox's wget, in pods) gets SHA-1
          // handshake signatures, as RFC 5246 says and Go's server (kube-apiserver) does; OpenSSL's
          // default security level refuses those. Clients that list algorithms still get theirs.
          ciphers: `${DEFAULT_CIPHERS}:@SECLEVEL=0`,
        },
        (req, res) => {
          const user = userOf(req);
          if (!user) return unauthorized(res);
          const url = new URL(req.url ?? '/', 'https://127.0.0.1');
          const ctx = contextFor(user);
          void dispatch(handlers, req, res, url, ctx).catch((e: Error) => {
            opts.log(`api: ${req.method} ${req.url}: ${e.stack ?? e.message}`);
            if (!res.headersSent)
              sendStatus(res, 500, 'InternalError', `Internal error occurred: ${e.message}`);
            else res.destroy();
          });
        },
      );
      // exec/attach/portforward arrive as HTTP upgrades: the same authentication, then the stream handlers.
      server.on('upgrade', (req, socket, head) => {
        streams.add(socket);
        socket.on('close', () => streams.delete(socket));
        const user = userOf(req);
        if (!user) return refuseUpgrade(socket, 401, 'Unauthorized', 'Unauthorized');
        const url = new URL(req.url ?? '/', 'https://127.0.0.1');
        const ctx = contextFor(user);
        // port-forward (WebSocket-tunnelled or plain SPDY) first, then exec/attach.
        try {
          if (handlePortForwardUpgrade(req, socket, head, ctx)) return;
        } catch (e) {
          opts.log(`api: upgrade ${req.url}: ${(e as Error).stack ?? (e as Error).message}`);
          socket.destroy();
          return;
        }
        void handleStreamUpgrade(req, socket, head, url, ctx)
          .then((served) => {
            if (!served)
              refuseUpgrade(socket, 404, 'NotFound', 'the server could not find the requested resource');
          })
          .catch((e: Error) => {
            opts.log(`api: upgrade ${req.url}: ${e.stack ?? e.message}`);
            refuseUpgrade(socket, 500, 'InternalError', `Internal error occurred: ${e.message}`);
          });
      });
      // Watches are long requests: no request timeout. Idle connections are kept longer than Go's
      // client keeps them (90 s), so it is always the client that closes one: a POST is never sent
      // on a connection the server is closing (Go does not retry those).
      server.requestTimeout = 0;
      server.headersTimeout = 60_000;
      server.keepAliveTimeout = 120_000;
      return server;
    };
    const servers = [makeServer()];
    port = await listenOnFirstFree(servers[0]!, opts.ports, '127.0.0.1');
    // The pods' side: the same port when free (then the Service's endpoint is the usual one), else any.
    let inCluster: InClusterAddress | undefined;
    if (opts.inClusterHost) {
      const forPods = makeServer();
      try {
        inCluster = {
          ip: opts.inClusterHost,
          port: await listenOnFirstFree(forPods, [port, 0], opts.inClusterHost),
        };
        servers.push(forPods);
      } catch (e) {
        opts.log(
          `api server: cannot listen on ${opts.inClusterHost} (${(e as Error).message}): pods cannot reach the API`,
        );
      }
    }
    const creds = {
      server: `https://127.0.0.1:${port}`,
      caCert: pki.caCert,
      clientCert: pki.clientCert,
      clientKey: pki.clientKey,
    };
    if (!(await writeEndpointKubeconfig(opts.home, creds)))
      opts.log("api server: the kubeconfig kept changing, not updated; 'mkube kubeconfig' updates it");
    return new ApiServer(servers, port, streams, inCluster);
  }

  /** Stop listening and end every open request (watches included), as a stopping API server does. */
  async stop(): Promise<void> {
    const closed = this.servers.map(
      (server) => new Promise<void>((resolve) => server.close(() => resolve())),
    );
    for (const server of this.servers) server.closeAllConnections();
    for (const socket of this.streams) socket.destroy();
    await Promise.all(closed);
  }
}

async function dispatch(
  handlers: ApiHandler[],
  req: Parameters<ApiHandler>[0],
  res: Parameters<ApiHandler>[1],
  url: URL,
  ctx: ApiContext,
): Promise<void> {
  for (const handler of handlers) if (await handler(req, res, url, ctx)) return;
  notFound(res);
}
