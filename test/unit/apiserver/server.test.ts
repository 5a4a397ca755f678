// The server on loopback with a small local handler in place of the REST one: TLS with the home's
// PKI, authentication by certificate or token, the 401/404/500 Status bodies, the endpoint's own
// paths, the handler's context, the kubeconfig it writes, and stop() ending open requests.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { versionDocument } from '../../../src/apiserver/non-resource.js';
import type { Pki } from '../../../src/apiserver/pki.js';
import { ensurePki } from '../../../src/apiserver/pki.js';
import { ApiServer, apiPortsToTry } from '../../../src/apiserver/server.js';
import type { ApiHandler } from '../../../src/apiserver/types.js';
import type { Registry } from '../../../src/registry/registry.js';

const home = mkdtempSync(join(tmpdir(), 'mkube-apiserver-'));
const logged: string[] = [];
const registry = {
  get: () => ({ spec: { clusterIP: '10.96.0.1', clusterIPs: ['10.96.0.1'] } }),
} as unknown as Registry;
let server: ApiServer;
let pki: Pki;
let hanging: (() => void) | undefined;

// Stands in for the REST handler: echoes who asked; throws on /boom; never ends /hang.
const local: ApiHandler = async (req, res, url, ctx) => {
  if (url.pathname === '/boom') throw new Error('kaput');
  if (url.pathname === '/hang') {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.write('{');
    hanging?.();
    return true;
  }
  if (!url.pathname.startsWith('/api/v1/namespaces/')) return false;
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify({ method: req.method, path: url.pathname, user: ctx.user, home: ctx.home }));
  return true;
};

beforeAll(async () => {
  server = await ApiServer.start({
    home,
    registry,
    runtime: async () => {
      throw new Error('no runtime in this test');
    },
    log: (m) => logged.push(m),
    ports: [0],
    handlers: [local],
  });
  pki = await ensurePki(home, ['10.96.0.1']);
});
afterAll(async () => {
  await server?.stop();
  rmSync(home, { recursive: true, force: true });
});

interface Answer {
  status: number;
  type: string | undefined;
  body: string;
}
function get(
  path: string,
  opts: { cert?: boolean; token?: string; accept?: string; method?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        path,
        method: opts.method ?? 'GET',
        ca: pki.caCert,
        ...(opts.cert ? { cert: pki.clientCert, key: pki.clientKey } : {}),
        headers: {
          ...(opts.token ? { Authorization: `Bearer ${opts.token}` } : {}),
          ...(opts.accept ? { Accept: opts.accept } : {}),
        },
        agent: false,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c) => {
          body += c;
        });
        res.on('end', () => resolve({ status: res.statusCode!, type: res.headers['content-type'], body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

const ADMIN = { name: 'mkube-admin', groups: ['system:masters', 'system:authenticated'] };

describe('the API server', () => {
  it("refuses a request without credentials with the API server's 401 Status", async () => {
    expect(await get('/api')).toEqual({
      status: 401,
      type: 'application/json',
      body: '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Unauthorized","reason":"Unauthorized","code":401}',
    });
    expect((await get('/version', { token: 'wrong' })).status).toBe(401);
  });

  it('hands the next handler the user of the client certificate or of the token', async () => {
    const expected = { method: 'GET', path: '/api/v1/namespaces/default/pods', user: ADMIN, home };
    for (const auth of [{ cert: true }, { token: pki.token }]) {
      const a = await get('/api/v1/namespaces/default/pods?limit=1', auth);
      expect({ ...a, body: JSON.parse(a.body) }).toEqual({
        status: 200,
        type: 'application/json',
        body: expected,
      });
    }
  });

  it('answers version, health and discovery itself', async () => {
    const version = await get('/version', { cert: true });
    expect({ ...version, body: JSON.parse(version.body) }).toEqual({
      status: 200,
      type: 'application/json',
      body: versionDocument(),
    });
    for (const path of ['/healthz', '/livez', '/readyz'])
      expect(await get(path, { cert: true })).toEqual({
        status: 200,
        type: 'text/plain; charset=utf-8',
        body: 'ok',
      });
    const aggregated = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';
    const apis = await get('/apis', { cert: true, accept: `${aggregated},application/json` });
    expect([apis.status, apis.type, JSON.parse(apis.body).kind]).toEqual([
      200,
      aggregated,
      'APIGroupDiscoveryList',
    ]);
    const api = JSON.parse((await get('/api', { cert: true })).body);
    expect(api.serverAddressByClientCIDRs).toEqual([
      { clientCIDR: '0.0.0.0/0', serverAddress: `127.0.0.1:${server.port}` },
    ]);
  });

  it('says 404 as the API server does when no handler answers', async () => {
    expect(await get('/apis/nothing.example/v1/things', { cert: true })).toEqual({
      status: 404,
      type: 'application/json',
      body: '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"the server could not find the requested resource","reason":"NotFound","details":{},"code":404}',
    });
  });

  it('turns a handler failure into a 500 Status and logs it', async () => {
    const a = await get('/boom', { cert: true });
    expect({ ...a, body: JSON.parse(a.body) }).toEqual({
      status: 500,
      type: 'application/json',
      body: {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: 'Internal error occurred: kaput',
        reason: 'InternalError',
        code: 500,
      },
    });
    expect(logged.map((l) => l.split('\n')[0])).toEqual(['api: GET /boom: Error: kaput']);
  });

  it("points mkube's kubeconfig at itself, with the CA and the admin's certificate", () => {
    const b64 = (s: string) => Buffer.from(s).toString('base64');
    expect(parse(readFileSync(join(home, 'kubeconfig'), 'utf8'))).toEqual({
      apiVersion: 'v1',
      clusters: [
        { cluster: { 'certificate-authority-data': b64(pki.caCert), server: server.url }, name: 'mkube' },
      ],
      contexts: [{ context: { cluster: 'mkube', user: 'mkube' }, name: 'mkube' }],
      'current-context': 'mkube',
      kind: 'Config',
      preferences: {},
      users: [
        {
          name: 'mkube',
          user: { 'client-certificate-data': b64(pki.clientCert), 'client-key-data': b64(pki.clientKey) },
        },
      ],
    });
    expect(server.url).toBe(`https://127.0.0.1:${server.port}`);
  });

  it('ends open requests when it stops', async () => {
    const other = await ApiServer.start({
      home,
      registry,
      runtime: async () => ({}) as never,
      log: () => {},
      ports: [0],
      handlers: [local],
    });
    const started = new Promise<void>((r) => {
      hanging = r;
    });
    const pending = new Promise<string>((resolve) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: other.port,
          path: '/hang',
          ca: pki.caCert,
          cert: pki.clientCert,
          key: pki.clientKey,
          agent: false,
        },
        (res) => {
          res.on('data', () => {});
          res.on('error', () => resolve('broken'));
          res.on('aborted', () => resolve('broken'));
          res.on('end', () => resolve('ended'));
        },
      );
      req.on('error', () => resolve('broken'));
      req.end();
    });
    await started;
    await other.stop();
    expect(await pending).toBe('broken');
  });
});

describe('apiPortsToTry', () => {
  it.each([
    ['MKUBE_API_PORT alone when set', '7443', 6444, [7443]],
    ['MKUBE_API_PORT=0: any free port', '0', undefined, [0]],
    ['the last port, then 6443, then any', undefined, 6444, [6444, 6443, 0]],
    ['6443, then any, on the first start', '', undefined, [6443, 0]],
    ['6443 once when it was the last port', undefined, 6443, [6443, 0]],
  ])('%s', (_name, env, previous, expected) => {
    expect(apiPortsToTry(env, previous)).toEqual(expected);
  });
});
