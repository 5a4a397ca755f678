// One handler runner for probes and lifecycle hooks: exec inside the container (timeout
// enforced), httpGet / tcpSocket / grpc from the agent against the pod IP (never by putting
// curl or nc into the image), and sleep.
import http from 'node:http';
import http2 from 'node:http2';
import https from 'node:https';
import net from 'node:net';
import { Writable } from 'node:stream';
import type { Container, LifecycleHandler, Probe } from 'kubernetes-types/core/v1.js';
import type { Runtime } from '../runtime/types.js';

export interface HandlerTarget {
  runtime: Runtime;
  containerId: string;
  container: Container;
  podIP: string | undefined;
  timeoutMs: number;
}

export interface HandlerOutcome {
  ok: boolean;
  /** What went wrong, for events (never the handler's own output: it may hold secrets). */
  message: string;
}

type Handler = Partial<Probe & LifecycleHandler>;

const PROBE_USER_AGENT = 'kube-probe/1.32';

export async function runHandler(handler: Handler, target: HandlerTarget): Promise<HandlerOutcome> {
  try {
    if (handler.exec) return await runExec(handler.exec.command ?? [], target);
    if (handler.httpGet) return await runHttp(handler.httpGet, target);
    if (handler.tcpSocket) return await runTcp(handler.tcpSocket, target);
    if (handler.grpc) return await runGrpc(handler.grpc, target);
    if (handler.sleep) return await runSleep(handler.sleep.seconds * 1000, target.timeoutMs);
    return { ok: false, message: 'no handler set' };
  } catch (err) {
    return { ok: false, message: (err as Error).message };
  }
}

/** The sleep action, cut short (a failure) when the hook's time is up, as the kubelet's context. */
async function runSleep(ms: number, timeoutMs: number): Promise<HandlerOutcome> {
  await new Promise((r) => setTimeout(r, Math.min(ms, timeoutMs)));
  return ms <= timeoutMs
    ? { ok: true, message: '' }
    : { ok: false, message: 'container terminated before sleep hook finished' };
}

/** A named port (`http`) resolves through the container's ports, as the kubelet does. */
export function resolvePort(port: number | string, container: Container): number {
  if (typeof port === 'number') return port;
  if (/^\d+$/.test(port)) return Number(port);
  const found = (container.ports ?? []).find((p) => p.name === port);
  if (!found) throw new Error(`couldn't find port ${port} in container`);
  return found.containerPort;
}

/** Node's socket errors in Go's words (`connect: connection refused`), as the kubelet reports them. */
const GO_ERRORS: Record<string, string> = {
  ECONNREFUSED: 'connect: connection refused',
  EHOSTUNREACH: 'connect: no route to host',
  ENETUNREACH: 'connect: network is unreachable',
  ETIMEDOUT: 'i/o timeout',
  ECONNRESET: 'read: connection reset by peer',
};

export function dialError(err: Error & { code?: string }, host: string, port: number): string {
  const go = err.code ? GO_ERRORS[err.code] : undefined;
  return go ? `dial tcp ${host}:${port}: ${go}` : err.message;
}

const sink = () =>
  new Writable({
    write(_chunk, _enc, cb) {
      cb();
    },
  });

async function runExec(command: string[], target: HandlerTarget): Promise<HandlerOutcome> {
  const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), target.timeoutMs).unref());
  const run = target.runtime.exec(target.containerId, {
    command,
    tty: false,
    stdout: sink(),
    stderr: sink(),
    timeoutMs: target.timeoutMs,
  });
  const code = await Promise.race([run, timeout]);
  if (code === 'timeout')
    return { ok: false, message: `command timed out after ${target.timeoutMs / 1000}s` };
  return code === 0 ? { ok: true, message: '' } : { ok: false, message: `command exited with ${code}` };
}

function runHttp(action: NonNullable<Handler['httpGet']>, target: HandlerTarget): Promise<HandlerOutcome> {
  const host = action.host || target.podIP;
  if (!host) return Promise.resolve({ ok: false, message: 'pod has no IP yet' });
  const port = resolvePort(action.port, target.container);
  const scheme = (action.scheme ?? 'HTTP').toUpperCase();
  const headers: Record<string, string> = { 'User-Agent': PROBE_USER_AGENT, Accept: '*/*' };
  for (const h of action.httpHeaders ?? []) headers[h.name] = h.value;
  const path = action.path ? (action.path.startsWith('/') ? action.path : `/${action.path}`) : '/';
  const lib = scheme === 'HTTPS' ? https : http;
  return new Promise((resolve) => {
    const req = lib.request(
      {
        host,
        port,
        path,
        method: 'GET',
        headers,
        timeout: target.timeoutMs,
        rejectUnauthorized: false,
        agent: false,
      },
      (res) => {
        res.resume();
        const code = res.statusCode ?? 0;
        resolve(
          code >= 200 && code < 400
            ? { ok: true, message: '' }
            : { ok: false, message: `HTTP probe failed with statuscode: ${code}` },
        );
      },
    );
    const url = `${scheme.toLowerCase()}://${host}:${port}${path}`;
    req.on('timeout', () => req.destroy(new Error(`Get "${url}": context deadline exceeded`)));
    req.on('error', (err) => {
      const code = (err as { code?: string }).code;
      resolve({ ok: false, message: code ? `Get "${url}": ${dialError(err, host, port)}` : err.message });
    });
    req.end();
  });
}

function runTcp(action: NonNullable<Handler['tcpSocket']>, target: HandlerTarget): Promise<HandlerOutcome> {
  const host = action.host || target.podIP;
  if (!host) return Promise.resolve({ ok: false, message: 'pod has no IP yet' });
  const port = resolvePort(action.port, target.container);
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: target.timeoutMs });
    socket.once('connect', () => {
      socket.destroy();
      resolve({ ok: true, message: '' });
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve({ ok: false, message: `dial tcp ${host}:${port}: i/o timeout` });
    });
    socket.once('error', (err) => resolve({ ok: false, message: dialError(err, host, port) }));
  });
}

/** grpc.health.v1.Health/Check over HTTP/2 with a hand-encoded protobuf (one string field). */
function runGrpc(action: NonNullable<Handler['grpc']>, target: HandlerTarget): Promise<HandlerOutcome> {
  const host = target.podIP;
  if (!host) return Promise.resolve({ ok: false, message: 'pod has no IP yet' });
  const service = Buffer.from(action.service ?? '');
  const message = service.length
    ? Buffer.concat([Buffer.from([0x0a, service.length]), service])
    : Buffer.alloc(0);
  const frame = Buffer.concat([Buffer.from([0, 0, 0, 0, message.length]), message]);
  return new Promise((resolve) => {
    const session = http2.connect(`http://${host}:${action.port}`);
    const timer = setTimeout(() => {
      session.destroy();
      resolve({
        ok: false,
        message: `timeout: health rpc did not complete within ${target.timeoutMs / 1000}s`,
      });
    }, target.timeoutMs);
    session.on('error', (err) => {
      clearTimeout(timer);
      resolve({ ok: false, message: err.message });
    });
    const req = session.request({
      ':method': 'POST',
      ':path': '/grpc.health.v1.Health/Check',
      'content-type': 'application/grpc',
      te: 'trailers',
      'user-agent': PROBE_USER_AGENT,
    });
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      clearTimeout(timer);
      session.close();
      const body = Buffer.concat(chunks);
      // Response: 5-byte frame header, then field 1 (status) varint; 1 = SERVING.
      const serving = body.length >= 7 && body[5] === 0x08 && body[6] === 0x01;
      resolve(
        serving
          ? { ok: true, message: '' }
          : { ok: false, message: 'service unhealthy (responded with "NOT_SERVING")' },
      );
    });
    req.end(frame);
  });
}
