// The proxy server against upstreams on loopback: what the upstream receives (path, query,
// forwarding headers, no hop-by-hop headers), what the client gets back, retries past a refused
// endpoint, 502 when none answers, a WebSocket-style upgrade spliced through, and the fallback
// port when the wanted one is taken.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Target } from '../../../../src/network/ingress/backends.js';
import { listenWithFallback } from '../../../../src/network/ingress/controller.js';
import { errorPage } from '../../../../src/network/ingress/pages.js';
import { compilePath } from '../../../../src/network/ingress/paths.js';
import { closeProxyServer, createProxyServer, splitTarget } from '../../../../src/network/ingress/proxy.js';
import type { RouteTable } from '../../../../src/network/ingress/routes.js';

const servers: Array<http.Server | net.Server> = [];
const proxies: http.Server[] = [];
/** Upgraded sockets of test upstreams, which no server closes by itself. */
const raw: net.Socket[] = [];
afterEach(async () => {
  for (const p of proxies.splice(0)) await closeProxyServer(p);
  for (const s of raw.splice(0)) s.destroy();
  for (const s of servers.splice(0)) {
    (s as http.Server).closeAllConnections?.();
    await new Promise((r) => s.close(r));
  }
});

async function listen<T extends http.Server | net.Server>(server: T): Promise<number> {
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return (server.address() as AddressInfo).port;
}

/** A port nothing listens on (bound, then released). */
async function refusedPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

/** A table with one catch-all Prefix path to `targets` (rewritten to `rewrite` when given). */
function table(path: string, targets: Target[], rewrite?: string): RouteTable {
  const matcher = compilePath(path, 'Prefix', rewrite !== undefined);
  if (typeof matcher === 'string') throw new Error(matcher);
  return {
    hosts: new Map(),
    catchAll: {
      paths: [
        { matcher, ingress: 'default/i', backend: { name: 'default/s:80', targets }, rewriteTarget: rewrite },
      ],
    },
    served: ['default/i'],
    problems: [],
    tls: { hosts: new Map(), noRedirect: new Set() },
    certificateNames: ['localhost'],
  };
}

/** An upstream that answers with what it received. */
async function echoUpstream(): Promise<Target> {
  const port = await listen(
    http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        res.setHeader('x-upstream', 'yes');
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ method: req.method, url: req.url, headers: req.headers, body }));
      });
    }),
  );
  return { ip: '127.0.0.1', port };
}

function request(
  port: number,
  opts: http.RequestOptions & { body?: string },
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, agent: false, ...opts }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

async function proxyFor(t: RouteTable): Promise<number> {
  const proxy = createProxyServer({ routes: () => t, log: () => undefined });
  proxies.push(proxy);
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
  return (proxy.address() as AddressInfo).port;
}

describe('splitTarget', () => {
  it('splits path and query, and keeps only the path of an absolute-form target', () =>
    expect(['/a/b?x=1&y', '/', '', 'http://example.com/p?q', 'http://example.com'].map(splitTarget)).toEqual([
      { path: '/a/b', search: '?x=1&y' },
      { path: '/', search: '' },
      { path: '/', search: '' },
      { path: '/p', search: '?q' },
      { path: '/', search: '' },
    ]));
});

describe('the proxy server', () => {
  it('forwards method, path, query and body with the forwarding headers, and relays the answer', async () => {
    const up = await echoUpstream();
    const port = await proxyFor(table('/api', [up]));
    const r = await request(port, {
      method: 'POST',
      path: '/api/items?limit=2',
      headers: {
        host: 'meow.localhost:8080',
        'x-forwarded-for': '6.6.6.6',
        'x-request-id': 'abc',
        'content-type': 'text/plain',
        connection: 'keep-alive, x-secret',
        'x-secret': 'hop',
      },
      body: 'hello',
    });
    const seen = JSON.parse(r.body);
    expect({ status: r.status, upstream: r.headers['x-upstream'], seen }).toEqual({
      status: 200,
      upstream: 'yes',
      seen: {
        method: 'POST',
        url: '/api/items?limit=2',
        body: 'hello',
        headers: {
          host: 'meow.localhost:8080',
          'content-type': 'text/plain',
          'content-length': '5',
          'x-request-id': 'abc',
          'x-real-ip': '127.0.0.1',
          'x-forwarded-for': '127.0.0.1',
          'x-forwarded-host': 'meow.localhost:8080',
          'x-forwarded-port': String(port),
          'x-forwarded-proto': 'http',
          'x-forwarded-scheme': 'http',
          'x-scheme': 'http',
          connection: 'keep-alive',
        },
      },
    });
  });

  it('sends the rewritten path with the original query', async () => {
    const up = await echoUpstream();
    const port = await proxyFor(table('/app(/|$)(.*)', [up], '/$2'));
    const r = await request(port, { path: '/app/x/y?z=1', headers: { host: 'localhost' } });
    expect(JSON.parse(r.body).url).toBe('/x/y?z=1');
  });

  it('answers 404 and 503 pages itself', async () => {
    const port = await proxyFor(table('/api', []));
    const notFound = await request(port, { path: '/other' });
    const unavailable = await request(port, { path: '/api' });
    expect([
      [notFound.status, notFound.headers['content-type'], notFound.body],
      [unavailable.status, unavailable.headers['content-type'], unavailable.body],
    ]).toEqual([
      [404, 'text/html', errorPage(404)],
      [503, 'text/html', errorPage(503)],
    ]);
  });

  it('tries the next endpoint when one refuses, and answers 502 when all do', async () => {
    const up = await echoUpstream();
    const dead = { ip: '127.0.0.1', port: await refusedPort() };
    const port = await proxyFor(table('/', [dead, up, dead]));
    const statuses = [];
    for (let i = 0; i < 10; i++) statuses.push((await request(port, { path: '/' })).status);
    const allDead = await request(await proxyFor(table('/', [dead])), { path: '/' });
    expect({ statuses, allDead: [allDead.status, allDead.body] }).toEqual({
      statuses: Array(10).fill(200),
      allDead: [502, errorPage(502)],
    });
  });

  it('splices an upgrade through: the handshake reaches the upstream, then bytes flow both ways', async () => {
    const upstream = http.createServer();
    upstream.on('upgrade', (req, socket: net.Socket) => {
      raw.push(socket);
      socket.write(
        `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nX-Seen-Path: ${req.url}\r\nX-Seen-Forwarded: ${req.headers['x-forwarded-for']}\r\n\r\n`,
      );
      socket.on('data', (d) => socket.write(`echo:${d}`));
    });
    const upPort = await listen(upstream);
    const port = await proxyFor(table('/ws', [{ ip: '127.0.0.1', port: upPort }]));
    const got = await new Promise<string>((resolve, reject) => {
      const req = http.request({
        host: '127.0.0.1',
        port,
        path: '/ws/chat',
        agent: false,
        headers: { connection: 'Upgrade', upgrade: 'websocket' },
      });
      req.on('upgrade', (res, socket) => {
        socket.write('ping');
        socket.once('data', (d) => {
          resolve(`${res.statusCode} ${res.headers['x-seen-path']} ${res.headers['x-seen-forwarded']} ${d}`);
          socket.destroy();
        });
      });
      req.on('error', reject);
      req.end();
    });
    expect(got).toBe('101 /ws/chat 127.0.0.1 echo:ping');
  });

  it('refuses an upgrade with no route with a whole 404 response', async () => {
    const port = await proxyFor(table('/ws', []));
    const raw = await new Promise<string>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () =>
        socket.write('GET /nope HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n'),
      );
      let data = '';
      socket.on('data', (d) => (data += d));
      socket.on('end', () => resolve(data));
    });
    const body = errorPage(404);
    expect(raw).toBe(
      `HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
});

describe('listenWithFallback', () => {
  it('uses the wanted port when free, and another one, saying why, when it is taken', async () => {
    const taken = net.createServer();
    const takenPort = await listen(taken);
    const first = http.createServer();
    servers.push(first);
    const fallback = await listenWithFallback(first, '127.0.0.1', takenPort);
    const free = await refusedPort();
    const second = http.createServer();
    servers.push(second);
    const wanted = await listenWithFallback(second, '127.0.0.1', free);
    expect({
      fallback: { reason: fallback.reason, moved: fallback.port !== takenPort && fallback.port > 0 },
      wanted,
    }).toEqual({
      fallback: { reason: `127.0.0.1:${takenPort} is in use`, moved: true },
      wanted: { port: free },
    });
  });
});
