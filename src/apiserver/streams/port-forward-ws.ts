// pods/portforward as kubectl 1.32 asks for it. By default (PortForwardWebsockets) kubectl opens a
// WebSocket with the subprotocol `SPDY/3.1+portforward.k8s.io` and runs SPDY inside it, the binary
// messages carrying the SPDY bytes; when that upgrade is refused it falls back to a plain
// `Upgrade: SPDY/3.1` with `X-Stream-Protocol-Version: portforward.k8s.io`. Both are served here.
// Inside SPDY, the portforward.k8s.io protocol: for each local connection kubectl opens an `error`
// and a `data` stream with the same `requestid` and the pod's `port`; the bytes go to the pod's port
// as `mkube port-forward` reaches it (runtime/pod-dial.ts), a failure is written on the error stream.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { WebSocketServer } from 'ws';
import { POD } from '../../api/kinds.js';
import { dialPodPort } from '../../runtime/pod-dial.js';
import type { ApiContext } from '../types.js';
import { refuseUpgrade } from './refuse-upgrade.js';
import { SpdySession, type SpdyStream } from './spdy-session.js';

export const PORT_FORWARD_PROTOCOL = 'portforward.k8s.io';
/** The WebSocket subprotocol of SPDY tunnelled over WebSocket (client-go's tunneling dialer). */
export const TUNNELED_PORT_FORWARD_PROTOCOL = `SPDY/3.1+${PORT_FORWARD_PROTOCOL}`;

const PATH = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)\/portforward$/;

/** Namespace and pod name when the path is a pods/portforward subresource. */
export function portForwardTarget(path: string): { namespace: string; name: string } | undefined {
  const m = PATH.exec(path);
  return m ? { namespace: decodeURIComponent(m[1]!), name: decodeURIComponent(m[2]!) } : undefined;
}

// `ws` accepts only RFC 6455 token subprotocols, and the `/` of SPDY/3.1 is not one: the header is
// taken off the request before the handshake and the chosen subprotocol added to the answer here.
const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
wss.on('headers', (headers) => headers.push(`Sec-WebSocket-Protocol: ${TUNNELED_PORT_FORWARD_PROTOCOL}`));

/** Serves the request and returns true when it is a pods/portforward upgrade; false leaves it. */
export function handlePortForwardUpgrade(
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  ctx: ApiContext,
): boolean {
  const url = new URL(req.url ?? '/', 'https://127.0.0.1');
  const target = portForwardTarget(url.pathname);
  if (!target) return false;
  const pod = ctx.registry.get(POD, target.namespace, target.name) as Pod | undefined;
  if (!pod) {
    refuseUpgrade(socket, 404, 'NotFound', `pods "${target.name}" not found`, {
      name: target.name,
      kind: 'pods',
    });
    return true;
  }
  const offered = String(req.headers['sec-websocket-protocol'] ?? '')
    .split(',')
    .map((p) => p.trim());
  if (
    String(req.headers.upgrade).toLowerCase() === 'websocket' &&
    offered.includes(TUNNELED_PORT_FORWARD_PROTOCOL)
  ) {
    delete req.headers['sec-websocket-protocol'];
    wss.handleUpgrade(req, socket, head, (ws) => {
      const session = new SpdySession(
        {
          write: (bytes, written) => ws.send(bytes, { binary: true }, () => written?.()),
          close: () => ws.close(),
        },
        servePortForward(pod, ctx),
      );
      ws.on('message', (data: Buffer) => session.receive(data));
      ws.on('close', () => session.close());
      ws.on('error', () => session.close());
    });
    return true;
  }
  const versions = String(req.headers['x-stream-protocol-version'] ?? '').split(/,\s*/);
  if (String(req.headers.upgrade).toLowerCase() === 'spdy/3.1' && versions.includes(PORT_FORWARD_PROTOCOL)) {
    socket.write(
      'HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\n' +
        `X-Stream-Protocol-Version: ${PORT_FORWARD_PROTOCOL}\r\n\r\n`,
    );
    const session = new SpdySession(
      { write: (bytes, written) => socket.write(bytes, () => written?.()), close: () => socket.destroy() },
      servePortForward(pod, ctx),
    );
    socket.on('data', (chunk: Buffer) => session.receive(chunk));
    socket.on('close', () => session.close());
    socket.on('error', () => session.close());
    if (head.length) session.receive(head);
    return true;
  }
  refuseUpgrade(
    socket,
    400,
    'BadRequest',
    `unable to upgrade connection: pods/portforward needs a WebSocket with the subprotocol ${TUNNELED_PORT_FORWARD_PROTOCOL} or Upgrade: SPDY/3.1 with X-Stream-Protocol-Version: ${PORT_FORWARD_PROTOCOL}`,
  );
  return true;
}

/** Pairs each request's error and data streams, then connects the data stream to the pod's port. */
function servePortForward(pod: Pod, ctx: ApiContext): (stream: SpdyStream) => void {
  const pairs = new Map<string, { data?: SpdyStream; error?: SpdyStream }>();
  return (stream) => {
    const type = stream.headers.streamtype;
    if (type !== 'data' && type !== 'error') {
      stream.reset();
      return;
    }
    const id = stream.headers.requestid ?? '';
    const pair = pairs.get(id) ?? {};
    pair[type] = stream;
    pairs.set(id, pair);
    if (!pair.data || !pair.error) return;
    pairs.delete(id);
    void forward(pair.data, pair.error, pod, ctx).catch((e: Error) => ctx.log(`portforward: ${e.message}`));
  };
}

async function forward(data: SpdyStream, error: SpdyStream, pod: Pod, ctx: ApiContext): Promise<void> {
  // kubectl only ever closes its half of the error stream; read it so its end is seen.
  error.resume();
  // A stream reset or a connection gone mid-copy is the end of this forward, not the agent's.
  error.on('error', () => {});
  data.on('error', () => {});
  const port = Number(data.headers.port);
  const fail = (message: string) => {
    error.end(message);
    data.end();
  };
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    fail(`invalid port: ${data.headers.port ?? ''}`);
    return;
  }
  const current = (ctx.registry.get(POD, pod.metadata?.namespace ?? '', pod.metadata?.name ?? '') ??
    pod) as Pod;
  const ip = current.spec?.hostNetwork ? '127.0.0.1' : (current.status?.podIP ?? '');
  let conn: Duplex;
  try {
    conn = await dialPodPort(ctx.runtime, current, ip, port);
  } catch (e) {
    fail((e as Error).message);
    return;
  }
  data.pipe(conn);
  conn.pipe(data);
  conn.on('error', (e) => {
    error.end(`error forwarding port ${port}: ${e.message}`);
    data.reset();
  });
  data.on('close', () => conn.destroy());
  conn.on('end', () => error.end());
}
