// The serving side of the Ingress controller: a node:http server (and a node:https one for TLS,
// with the same handlers) that asks the current routing table where each request goes and
// proxies it to one random ready endpoint (the host reaches pod IPs directly), with
// ingress-nginx's forwarding headers; WebSocket and other upgrades are spliced through as raw
// sockets. Plain requests for hosts with TLS are redirected to https (ssl-redirect).
import { randomBytes } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type { Duplex } from 'node:stream';
import type { SecureContext } from 'node:tls';
import type { Target } from './backends.js';
import { errorPage, REASONS, rawErrorResponse } from './pages.js';
import { hostOf, type RouteResult, type RouteTable, route } from './routes.js';
import { sslRedirectLocation } from './tls.js';

/** Hop-by-hop headers (RFC 9110 7.6.1) a proxy must not forward. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);
/** Set by the proxy, so never taken from the client (ingress-nginx's default: forwarded headers not trusted). */
const OWN = new Set([
  'x-forwarded-for',
  'x-forwarded-host',
  'x-forwarded-port',
  'x-forwarded-proto',
  'x-forwarded-scheme',
  'x-real-ip',
  'x-scheme',
]);
/** ingress-nginx's proxy-read-timeout. */
const UPSTREAM_TIMEOUT_MS = 60_000;
/** Connection errors after which another endpoint may be tried (nothing reached the upstream). */
const RETRYABLE = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET']);

export type Scheme = 'http' | 'https';

export interface ProxyOptions {
  /** The routing table in force; read once per request, so a swap is atomic. */
  routes: () => RouteTable;
  log: (message: string) => void;
  /** The port of the TLS listener, when there is one: where ssl-redirect sends plain requests. */
  httpsPort?: () => number | undefined;
}

export interface TlsOptions {
  /** The default certificate, for clients without SNI. */
  keyPem: string;
  certPem: string;
  /** The context for an SNI name (the default one when undefined). */
  contextFor: (serverName: string) => SecureContext | undefined;
}

export interface Split {
  path: string;
  search: string;
}

/** `/a/b?x=1` -> path and query; an absolute-form target keeps only its path. */
export function splitTarget(url: string | undefined): Split {
  let u = url || '/';
  if (!u.startsWith('/')) u = u.replace(/^[a-z]+:\/\/[^/]*/i, '') || '/';
  const q = u.indexOf('?');
  return q < 0 ? { path: u, search: '' } : { path: u.slice(0, q), search: u.slice(q) };
}

/** Fisher-Yates: the order in which endpoints are tried (the first one is the random pick). */
function shuffled<T>(items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const clientIP = (req: IncomingMessage) => (req.socket.remoteAddress ?? '').replace(/^::ffff:/, '');

/** The headers ingress-nginx adds for the upstream. */
export function forwardedHeaders(req: IncomingMessage, scheme: Scheme = 'http'): Record<string, string> {
  const ip = clientIP(req);
  return {
    'x-request-id': (req.headers['x-request-id'] as string | undefined) ?? randomBytes(16).toString('hex'),
    'x-real-ip': ip,
    'x-forwarded-for': ip,
    'x-forwarded-host': req.headers.host ?? '',
    'x-forwarded-port': String(req.socket.localPort ?? ''),
    'x-forwarded-proto': scheme,
    'x-forwarded-scheme': scheme,
    'x-scheme': scheme,
  };
}

/** The client's headers as raw pairs, minus hop-by-hop ones and those the proxy sets itself. */
function passedHeaders(req: IncomingMessage, scheme: Scheme, keepUpgrade: boolean): [string, string][] {
  const connectionTokens = new Set(
    String(req.headers.connection ?? '')
      .toLowerCase()
      .split(',')
      .map((s) => s.trim()),
  );
  const out: [string, string][] = [];
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i]!;
    const lower = name.toLowerCase();
    const upgradeHeader = lower === 'connection' || lower === 'upgrade';
    if (OWN.has(lower) || lower === 'x-request-id') continue;
    if ((HOP_BY_HOP.has(lower) || connectionTokens.has(lower)) && !(keepUpgrade && upgradeHeader)) continue;
    out.push([name, req.rawHeaders[i + 1]!]);
  }
  return [...out, ...Object.entries(forwardedHeaders(req, scheme))];
}

function sendPage(res: ServerResponse, status: number, location?: string): void {
  const body = errorPage(status);
  res.writeHead(status, REASONS[status], {
    'content-type': 'text/html',
    'content-length': Buffer.byteLength(body),
    ...(location ? { location } : {}),
  });
  res.end(body);
}

const pageFor = (r: RouteResult) => (r.status === 'not-found' ? 404 : 503);

/** nginx never retries these on another upstream (proxy_next_upstream non_idempotent is off). */
const NON_IDEMPOTENT = new Set(['POST', 'PATCH', 'LOCK']);

const hasBody = (req: IncomingMessage) =>
  req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;

/** Upgraded connections by server: `closeAllConnections` no longer sees them. */
const upgraded = new WeakMap<net.Server, Set<Duplex>>();

/** Stop listening and drop every connection, upgraded ones included. */
export function closeProxyServer(server: http.Server | https.Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
    for (const socket of upgraded.get(server) ?? []) socket.destroy();
  });
}

/** Where one request goes: a redirect to https, an answer of our own, or the route to proxy. */
type Decision = { redirect: string } | { page: number } | { proxy: Target[]; path: string };

function decide(opts: ProxyOptions, scheme: Scheme, req: IncomingMessage): Decision {
  const table = opts.routes();
  const { path, search } = splitTarget(req.url);
  const r = route(table, req.headers.host, path);
  if (scheme === 'http') {
    const matched = r.status === 'not-found' ? undefined : r.ingress;
    const to = sslRedirectLocation(
      table.tls,
      hostOf(req.headers.host),
      `${path}${search}`,
      matched,
      opts.httpsPort?.(),
    );
    if (to) return { redirect: to };
  }
  if (r.status !== 'proxy') return { page: pageFor(r) };
  return { proxy: shuffled(r.targets), path: `${r.path}${search}` };
}

/** The request and upgrade handlers, the same for the plain and the TLS listener. */
function serve(server: http.Server | https.Server, opts: ProxyOptions, scheme: Scheme): void {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const sockets = new Set<Duplex>();
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const d = decide(opts, scheme, req);
    if ('redirect' in d) return sendPage(res, 308, d.redirect);
    if ('page' in d) return sendPage(res, d.page);
    forward(req, res, d.proxy, d.path, scheme, agent);
  });
  upgraded.set(server, sockets);
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    const d = decide(opts, scheme, req);
    if ('redirect' in d) return void socket.end(rawErrorResponse(308, d.redirect));
    if ('page' in d) return void socket.end(rawErrorResponse(d.page));
    splice(req, socket, head, d.proxy[0]!, d.path, scheme);
  });
  server.on('clientError', (_err, socket: Duplex) => socket.destroy());
  // A TLS handshake that fails (an untrusting client) is the client's business, not an error.
  server.on('tlsClientError', (_err, socket: Duplex) => socket.destroy());
  server.on('close', () => agent.destroy());
}

/** The plain HTTP listener's server. */
export function createProxyServer(opts: ProxyOptions): http.Server {
  const server = http.createServer();
  serve(server, opts, 'http');
  return server;
}

/** The TLS listener's server: the certificate by SNI, the same handlers as the plain one. */
export function createTlsProxyServer(opts: ProxyOptions, tls: TlsOptions): https.Server {
  const server = https.createServer({
    key: tls.keyPem,
    cert: tls.certPem,
    ALPNProtocols: ['http/1.1'],
    SNICallback: (name, cb) => cb(null, tls.contextFor(name)),
  });
  serve(server, opts, 'https');
  return server;
}

/** Proxy one request; on a connection error before anything was sent, try the next endpoint. */
function forward(
  req: IncomingMessage,
  res: ServerResponse,
  targets: Target[],
  path: string,
  scheme: Scheme,
  agent: http.Agent,
): void {
  const [target, ...rest] = targets;
  const headers = passedHeaders(req, scheme, false).flat();
  const up = http.request({
    host: target!.ip,
    port: target!.port,
    method: req.method,
    path,
    headers,
    agent,
    timeout: UPSTREAM_TIMEOUT_MS,
  });
  let answered = false;
  up.on('response', (upRes) => {
    answered = true;
    const raw: string[] = [];
    for (let i = 0; i < upRes.rawHeaders.length; i += 2) {
      const name = upRes.rawHeaders[i]!;
      if (HOP_BY_HOP.has(name.toLowerCase())) continue;
      raw.push(name, upRes.rawHeaders[i + 1]!);
    }
    res.writeHead(upRes.statusCode ?? 502, upRes.statusMessage, raw);
    upRes.pipe(res);
    upRes.on('error', () => res.destroy());
  });
  up.on('timeout', () => up.destroy(Object.assign(new Error('upstream timed out'), { code: 'ETIMEDOUT' })));
  up.on('error', (err: NodeJS.ErrnoException) => {
    if (answered || res.headersSent) return void res.destroy();
    if (
      rest.length > 0 &&
      RETRYABLE.has(err.code ?? '') &&
      !hasBody(req) &&
      !NON_IDEMPOTENT.has(req.method ?? '')
    )
      return forward(req, res, rest, path, scheme, agent);
    sendPage(res, err.code === 'ETIMEDOUT' ? 504 : 502);
  });
  res.on('close', () => {
    if (!res.writableFinished) up.destroy();
  });
  if (hasBody(req)) req.pipe(up);
  else up.end();
}

/** An upgrade: replay the request on a raw connection to the endpoint, then join both sockets. */
function splice(
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  target: Target,
  path: string,
  scheme: Scheme,
): void {
  const upstream = net.connect(target.port, target.ip);
  let connected = false;
  upstream.on('connect', () => {
    connected = true;
    const lines = [`${req.method} ${path} HTTP/${req.httpVersion}`];
    for (const [name, value] of passedHeaders(req, scheme, true)) lines.push(`${name}: ${value}`);
    upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
    if (head.length > 0) upstream.write(head);
    socket.pipe(upstream).pipe(socket);
  });
  upstream.on('error', () => (connected ? socket.destroy() : socket.end(rawErrorResponse(502))));
  socket.on('close', () => upstream.destroy());
}
