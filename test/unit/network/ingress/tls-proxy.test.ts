// The plain and TLS listeners over real sockets on loopback, with a routing table built from real
// Ingress objects: the certificate a client gets by SNI (the Ingress's Secret, else the default
// one — verified with rejectUnauthorized against each), X-Forwarded-Proto, the 308 ssl-redirect
// and its opt-out, and one log line for a missing Secret.
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Secret, Service } from 'kubernetes-types/core/v1.js';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1.js';
import type { Ingress } from 'kubernetes-types/networking/v1.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultIngressClass } from '../../../../src/network/ingress/class.js';
import { ensureDefaultCertificate } from '../../../../src/network/ingress/default-cert.js';
import { errorPage } from '../../../../src/network/ingress/pages.js';
import {
  closeProxyServer,
  createProxyServer,
  createTlsProxyServer,
} from '../../../../src/network/ingress/proxy.js';
import { buildRoutes, type RouteTable } from '../../../../src/network/ingress/routes.js';
import { SecretContexts } from '../../../../src/network/ingress/secret-contexts.js';
import { selfSignedCertificate } from '../../../../src/network/ingress/self-signed.js';
import { certificateFor } from '../../../../src/network/ingress/tls.js';

const shopPair = selfSignedCertificate({ commonName: 'shop', dnsNames: ['shop.test'] });
const b64 = (s: string) => Buffer.from(s).toString('base64');
const secrets: Record<string, Secret> = {
  'default/shop-tls': {
    metadata: { name: 'shop-tls', namespace: 'default', uid: 'u1', resourceVersion: '1' },
    type: 'kubernetes.io/tls',
    data: { 'tls.crt': b64(shopPair.certPem), 'tls.key': b64(shopPair.keyPem) },
  },
};

const ingress = (name: string, spec: Ingress['spec'], annotations?: Record<string, string>): Ingress => ({
  metadata: {
    name,
    namespace: 'default',
    creationTimestamp: `2026-01-01T00:00:0${name.length % 10}Z`,
    annotations,
  },
  spec,
});
const toWeb = { service: { name: 'web', port: { number: 80 } } };

let home: string;
let upstream: http.Server;
let plain: http.Server;
let tls: https.Server;
let httpPort: number;
let httpsPort: number;
let defaultCa: string;
const logs: string[] = [];

async function listen(server: http.Server | https.Server): Promise<number> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return (server.address() as AddressInfo).port;
}

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'mkube-unit-tlsproxy-'));
  upstream = http.createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ url: req.url, headers: req.headers }));
  });
  const upstreamPort = await listen(upstream);
  const service: Service = {
    metadata: { name: 'web', namespace: 'default' },
    spec: { ports: [{ port: 80, targetPort: upstreamPort }] },
  };
  const slice: EndpointSlice = {
    addressType: 'IPv4',
    metadata: { name: 'web-1', namespace: 'default', labels: { 'kubernetes.io/service-name': 'web' } },
    ports: [{ name: '', port: upstreamPort, protocol: 'TCP' }],
    endpoints: [{ addresses: ['127.0.0.1'], conditions: { ready: true } }],
  };
  const table: RouteTable = buildRoutes({
    ingresses: [
      ingress('shop', {
        tls: [{ hosts: ['shop.test'], secretName: 'shop-tls' }],
        rules: [{ host: 'shop.test', http: { paths: [{ path: '/', pathType: 'Prefix', backend: toWeb }] } }],
      }),
      ingress(
        'open',
        {
          tls: [{ hosts: ['open.test'], secretName: 'missing-tls' }],
          rules: [
            { host: 'open.test', http: { paths: [{ path: '/', pathType: 'Prefix', backend: toWeb }] } },
          ],
        },
        { 'nginx.ingress.kubernetes.io/ssl-redirect': 'false' },
      ),
      ingress('catchall', { defaultBackend: toWeb }),
    ],
    services: [service],
    endpointSlices: [slice],
    ingressClasses: [defaultIngressClass()],
  });
  const certificate = ensureDefaultCertificate(home, table.certificateNames);
  defaultCa = certificate.certPem;
  const contexts = new SecretContexts((m) => logs.push(m));
  contexts.setDefault(certificate);
  const options = { routes: () => table, log: (m: string) => logs.push(m), httpsPort: () => httpsPort };
  plain = createProxyServer(options);
  tls = createTlsProxyServer(options, {
    ...certificate,
    contextFor: (name) => contexts.contextFor(certificateFor(table.tls, name), (key) => secrets[key]),
  });
  httpPort = await listen(plain);
  httpsPort = await listen(tls);
});

afterAll(async () => {
  await closeProxyServer(plain);
  await closeProxyServer(tls);
  await new Promise((r) => upstream.close(r));
  rmSync(home, { recursive: true, force: true });
});

interface Answer {
  status: number;
  location?: string;
  body: string;
  /** Subject CN of the certificate the server presented (TLS only). */
  presented?: string;
}

function get(secure: boolean, host: string, path: string, ca?: string): Promise<Answer> {
  const lib = secure ? https : http;
  return new Promise((resolve, reject) => {
    const req = lib.get(
      {
        host: '127.0.0.1',
        port: secure ? httpsPort : httpPort,
        path,
        headers: { host },
        agent: false,
        ...(secure ? { servername: host, ca, rejectUnauthorized: true } : {}),
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => {
          const peer = secure ? (res.socket as import('node:tls').TLSSocket).getPeerCertificate() : undefined;
          resolve({
            status: res.statusCode ?? 0,
            ...(res.headers.location ? { location: res.headers.location } : {}),
            body,
            ...(peer ? { presented: peer.subject.CN } : {}),
          });
        });
      },
    );
    req.on('error', reject);
  });
}

const proto = (a: Answer) => {
  const { headers, url } = JSON.parse(a.body);
  return {
    status: a.status,
    presented: a.presented,
    url,
    host: headers.host,
    proto: headers['x-forwarded-proto'],
  };
};

describe('the TLS listener', () => {
  it('serves a TLS host with its Secret’s certificate, by SNI, with X-Forwarded-Proto https', async () =>
    expect(proto(await get(true, 'shop.test', '/cart?id=1', shopPair.certPem))).toEqual({
      status: 200,
      presented: 'shop',
      url: '/cart?id=1',
      host: 'shop.test',
      proto: 'https',
    }));

  it('serves other names with the default certificate, which covers localhost and the Ingress hosts', async () => {
    expect(new X509Certificate(defaultCa).subjectAltName).toBe('DNS:localhost, DNS:open.test, DNS:shop.test');
    expect(proto(await get(true, 'localhost', '/', defaultCa))).toEqual({
      status: 200,
      presented: 'mkube Ingress default certificate',
      url: '/',
      host: 'localhost',
      proto: 'https',
    });
  });

  it('falls back to the default certificate for a missing Secret, and says so once', async () => {
    const before = logs.length;
    const answers = [
      await get(true, 'open.test', '/a', defaultCa),
      await get(true, 'open.test', '/b', defaultCa),
    ];
    expect({ answers: answers.map(proto), logs: logs.slice(before) }).toEqual({
      answers: [
        {
          status: 200,
          presented: 'mkube Ingress default certificate',
          url: '/a',
          host: 'open.test',
          proto: 'https',
        },
        {
          status: 200,
          presented: 'mkube Ingress default certificate',
          url: '/b',
          host: 'open.test',
          proto: 'https',
        },
      ],
      logs: ['ingress: TLS secret default/missing-tls not found; using the default certificate'],
    });
  });

  it('is refused by a client that trusts only the default certificate when SNI selects the Secret’s', async () =>
    expect(await get(true, 'shop.test', '/', defaultCa).catch((e: NodeJS.ErrnoException) => e.code)).toBe(
      'DEPTH_ZERO_SELF_SIGNED_CERT',
    ));
});

describe('the plain listener', () => {
  it('redirects TLS hosts to https with 308, unless ssl-redirect is "false"; other hosts are proxied', async () => {
    const redirected = await get(false, 'shop.test', '/cart?id=1');
    expect(redirected).toEqual({
      status: 308,
      location: `https://shop.test:${httpsPort}/cart?id=1`,
      body: errorPage(308),
    });
    expect(proto(await get(false, 'open.test', '/x'))).toEqual({
      status: 200,
      presented: undefined,
      url: '/x',
      host: 'open.test',
      proto: 'http',
    });
    expect(proto(await get(false, 'localhost:8080', '/y'))).toEqual({
      status: 200,
      presented: undefined,
      url: '/y',
      host: 'localhost:8080',
      proto: 'http',
    });
  });

  it('redirects an upgrade request for a TLS host the same way', async () => {
    const socket = net.connect(httpPort, '127.0.0.1');
    socket.write('GET /ws HTTP/1.1\r\nHost: shop.test\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n');
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (c: string) => (text += c));
    await new Promise((r) => socket.on('close', r));
    const body = errorPage(308);
    expect(text).toBe(
      `HTTP/1.1 308 Permanent Redirect\r\nContent-Type: text/html\r\nContent-Length: ${body.length}\r\nLocation: https://shop.test:${httpsPort}/ws\r\nConnection: close\r\n\r\n${body}`,
    );
  });
});
