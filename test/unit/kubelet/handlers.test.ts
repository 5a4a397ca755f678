// The handler runner against real local sockets: HTTP status ranges, headers, named ports, and
// failures worded as the kubelet's Unhealthy events read them (Go's dial errors).
import http from 'node:http';
import net from 'node:net';
import type { Container } from 'kubernetes-types/core/v1.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runHandler } from '../../../src/kubelet/handlers.js';
import type { Runtime } from '../../../src/runtime/types.js';

let server: http.Server;
let port = 0;
let closedPort = 0;
const seenHeaders: http.IncomingHttpHeaders[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    seenHeaders.push(req.headers);
    const code = Number(req.url?.slice(1)) || 200;
    res.writeHead(code, code === 302 ? { Location: '/elsewhere' } : {});
    res.end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as net.AddressInfo).port;
  // A port that was just free: nothing listens there.
  const probe = net.createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  closedPort = (probe.address() as net.AddressInfo).port;
  await new Promise((r) => probe.close(r));
});
afterAll(() => new Promise((r) => server.close(r)));

const container: Container = { name: 'app', ports: [{ name: 'web', containerPort: 0 }] };
const target = (c: Container = container) => ({
  runtime: {} as Runtime,
  containerId: 'c1',
  container: c,
  podIP: '127.0.0.1',
  timeoutMs: 1000,
});

describe('runHandler', () => {
  const cases: { name: string; path: string; ok: boolean; message: string }[] = [
    { name: 'a 200 is success', path: '/200', ok: true, message: '' },
    { name: 'a redirect (302) is success, as 200-399 are', path: '/302', ok: true, message: '' },
    {
      name: 'a 404 fails with the status code',
      path: '/404',
      ok: false,
      message: 'HTTP probe failed with statuscode: 404',
    },
    {
      name: 'a 500 fails with the status code',
      path: '/500',
      ok: false,
      message: 'HTTP probe failed with statuscode: 500',
    },
  ];
  for (const c of cases) {
    it(`httpGet: ${c.name}`, async () => {
      expect(await runHandler({ httpGet: { path: c.path, port } }, target())).toEqual({
        ok: c.ok,
        message: c.message,
      });
    });
  }

  it('httpGet sends the probe User-Agent and the configured headers, to a named port', async () => {
    const named: Container = { name: 'app', ports: [{ name: 'web', containerPort: port }] };
    const outcome = await runHandler(
      { httpGet: { path: '200', port: 'web', httpHeaders: [{ name: 'X-Probe', value: 'yes' }] } },
      target(named),
    );
    expect(outcome.ok).toBe(true);
    expect(seenHeaders.at(-1)).toMatchObject({ 'user-agent': 'kube-probe/1.32', 'x-probe': 'yes' });
  });

  it('httpGet to a closed port fails as Go words it', async () => {
    const outcome = await runHandler({ httpGet: { path: '/health', port: closedPort } }, target());
    expect(outcome).toEqual({
      ok: false,
      message: `Get "http://127.0.0.1:${closedPort}/health": dial tcp 127.0.0.1:${closedPort}: connect: connection refused`,
    });
  });

  it('tcpSocket succeeds on an open port and fails on a closed one as Go words it', async () => {
    expect(await runHandler({ tcpSocket: { port } }, target())).toEqual({ ok: true, message: '' });
    expect(await runHandler({ tcpSocket: { port: closedPort } }, target())).toEqual({
      ok: false,
      message: `dial tcp 127.0.0.1:${closedPort}: connect: connection refused`,
    });
  });

  it('an unknown named port fails without dialling', async () => {
    expect(await runHandler({ tcpSocket: { port: 'nope' } }, target())).toEqual({
      ok: false,
      message: "couldn't find port nope in container",
    });
  });

  it('sleep waits its seconds, but no longer than the time the hook has', async () => {
    const t0 = Date.now();
    expect(await runHandler({ sleep: { seconds: 0 } }, target())).toEqual({ ok: true, message: '' });
    const short = { ...target(), timeoutMs: 50 };
    expect(await runHandler({ sleep: { seconds: 30 } }, short)).toEqual({
      ok: false,
      message: 'container terminated before sleep hook finished',
    });
    expect(Date.now() - t0).toBeLessThan(1000);
  });
});
