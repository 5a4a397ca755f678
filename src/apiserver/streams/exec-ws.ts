// pods/exec and pods/attach over WebSocket (RemoteCommand v5/v4, what kubectl >= 1.30 speaks by
// default): the upgrade is checked as the API server checks the request (pod, container, a
// command for exec, at least one stream), then the runtime runs it with the client's streams
// carried as channel frames, and the error channel ends the session with the exit Status.
// SPDY is not served: a client offering only it gets a 400 Status that says why.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { PassThrough } from 'node:stream';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { type WebSocket, WebSocketServer } from 'ws';
import { ApiError } from '../../api/errors.js';
import { lookupKind, qualifiedResource } from '../../api/kinds.js';
import { attemptsOf } from '../../runtime/log-target.js';
import type { ExecTerminal } from '../../runtime/types.js';
import { logContainer } from '../rest/pod-log.js';
import { encodeStatus, statusOf } from '../rest/status.js';
import type { ApiContext } from '../types.js';
import {
  chooseProtocol,
  decodeClientFrame,
  ERROR,
  encodeFrame,
  exitStatus,
  failureStatus,
  STDERR,
  STDIN,
  STDOUT,
} from './channel-protocol.js';
import { refuseUpgrade, writeRefusal } from './refuse-upgrade.js';

const PATH = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)\/(exec|attach)$/;

export const SPDY_REFUSED =
  'mkube serves exec and attach over WebSocket only (v5.channel.k8s.io); upgrade kubectl to 1.30+';

export interface StreamRequest {
  verb: 'exec' | 'attach';
  namespace: string;
  pod: string;
  container: string | null;
  command: string[];
  stdin: boolean;
  stdout: boolean;
  stderr: boolean;
  tty: boolean;
}

const isTrue = (v: string | null) => v === 'true' || v === '1';

/** The stream request a path and query ask for; undefined when the path is not pods/exec|attach. */
export function parseStreamRequest(url: URL): StreamRequest | undefined {
  const m = PATH.exec(url.pathname);
  if (!m) return undefined;
  const q = url.searchParams;
  const tty = isTrue(q.get('tty'));
  return {
    verb: m[3] as 'exec' | 'attach',
    namespace: decodeURIComponent(m[1]!),
    pod: decodeURIComponent(m[2]!),
    container: q.get('container'),
    command: q.getAll('command'),
    stdin: isTrue(q.get('stdin')),
    stdout: isTrue(q.get('stdout')),
    // With a TTY there is one output stream: the kubelet never opens stderr.
    stderr: isTrue(q.get('stderr')) && !tty,
    tty,
  };
}

/** The API server's checks before any stream opens (pkg/registry/core/pod/rest + kubelet). */
export function validateStreamRequest(r: StreamRequest): void {
  if (!r.stdin && !r.stdout && !r.stderr)
    throw new ApiError('BadRequest', 'you must specify at least 1 of stdin, stdout, stderr');
  if (r.verb === 'exec' && r.command.length === 0)
    throw new ApiError('BadRequest', 'you must specify at least one command for the container');
}

const wss = new WebSocketServer({
  noServer: true,
  perMessageDeflate: false,
  handleProtocols: (offered) => chooseProtocol(offered) ?? false,
});

/** Serve an upgrade of pods/exec|attach; resolves false when the path is none of those. */
export async function handleStreamUpgrade(
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  url: URL,
  ctx: ApiContext,
): Promise<boolean> {
  const request = parseStreamRequest(url);
  if (!request) return false;
  let containerId: string;
  try {
    containerId = await checkRequest(request, ctx);
  } catch (err) {
    // The same Status a REST handler answers with (404 NotFound, 400 BadRequest, ...).
    const status = statusOf(err, lookupKind('pods'));
    writeRefusal(socket, status.code ?? 500, encodeStatus(status));
    return true;
  }
  const upgrade = String(req.headers.upgrade ?? '').toLowerCase();
  const offered = String(req.headers['sec-websocket-protocol'] ?? '').split(',');
  if (upgrade !== 'websocket') {
    refuseUpgrade(socket, 400, 'BadRequest', SPDY_REFUSED);
    return true;
  }
  if (!chooseProtocol(offered)) {
    refuseUpgrade(
      socket,
      400,
      'BadRequest',
      `unsupported streaming protocol; mkube serves ${['v5.channel.k8s.io', 'v4.channel.k8s.io'].join(', ')}`,
    );
    return true;
  }
  wss.handleUpgrade(req, socket, head, (ws) => {
    void runSession(ws, request, containerId, ctx);
  });
  return true;
}

async function checkRequest(r: StreamRequest, ctx: ApiContext): Promise<string> {
  validateStreamRequest(r);
  const kind = lookupKind('pods')!;
  const pod = ctx.registry.get(kind, r.namespace, r.pod) as unknown as Pod | undefined;
  if (!pod) throw ApiError.notFound(qualifiedResource(kind), r.pod);
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed')
    throw new ApiError(
      'BadRequest',
      `cannot ${r.verb} into a container in a completed pod; current phase is ${phase}`,
    );
  const name = logContainer(pod, r.container);
  const runtime = await ctx.runtime();
  const observed = await runtime.listContainers({ podUid: pod.metadata?.uid ?? '' });
  const running = attemptsOf(observed, name).find((c) => c.state === 'running');
  if (!running) throw new ApiError('BadRequest', `container ${name} is not running in pod ${r.pod}`);
  return running.id;
}

/** The frames that leave for the client, dropped once the socket is gone. */
function channelWriter(ws: WebSocket, channel: number): NodeJS.WritableStream {
  return {
    write(chunk: Buffer | string) {
      if (ws.readyState === ws.OPEN) ws.send(encodeFrame(channel, chunk));
      return true;
    },
  } as unknown as NodeJS.WritableStream;
}

/** A terminal whose size is the last resize frame the client sent. */
class RemoteTerminal implements ExecTerminal {
  private current: { rows: number; cols: number } | undefined;
  private readonly listeners = new Set<() => void>();
  size() {
    return this.current;
  }
  onResize(listener: () => void) {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }
  resize(cols: number, rows: number) {
    this.current = { rows, cols };
    for (const l of this.listeners) l();
  }
  /** kubectl sends the size right after the upgrade: a shell started before it would see 0x0. */
  firstSize(timeoutMs: number): Promise<void> {
    if (this.current) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, timeoutMs);
      const off = this.onResize(done);
      function done() {
        clearTimeout(timer);
        off();
        resolve();
      }
    });
  }
}

const FIRST_SIZE_WAIT_MS = 500;

async function runSession(ws: WebSocket, r: StreamRequest, containerId: string, ctx: ApiContext) {
  const stdin = r.stdin ? new PassThrough() : undefined;
  const terminal = new RemoteTerminal();
  const endStdin = () => {
    if (stdin && !stdin.writableEnded) stdin.end();
  };
  ws.on('message', (data: Buffer, isBinary: boolean) => {
    if (!isBinary && !Buffer.isBuffer(data)) return;
    const frame = decodeClientFrame(Buffer.isBuffer(data) ? data : Buffer.from(data as ArrayBuffer));
    if (frame.type === 'stdin' && stdin && !stdin.writableEnded) stdin.write(frame.data);
    else if (frame.type === 'close' && frame.channel === STDIN) endStdin();
    else if (frame.type === 'resize') terminal.resize(frame.width, frame.height);
  });
  ws.on('close', endStdin);
  ws.on('error', endStdin);
  const streams = {
    tty: r.tty,
    stdin,
    stdout: r.stdout ? channelWriter(ws, STDOUT) : discard,
    stderr: r.stderr ? channelWriter(ws, STDERR) : r.tty && r.stdout ? channelWriter(ws, STDOUT) : discard,
    terminal: r.tty ? terminal : undefined,
  };
  let status: Record<string, unknown>;
  try {
    const runtime = await ctx.runtime();
    if (r.tty) await terminal.firstSize(FIRST_SIZE_WAIT_MS);
    if (r.verb === 'exec') {
      const code = await runtime.exec(containerId, { ...streams, command: r.command });
      status = exitStatus(r.command, code);
    } else {
      await runtime.attach(containerId, streams);
      status = exitStatus([], 0);
    }
  } catch (err) {
    ctx.log(`pods/${r.verb} ${r.namespace}/${r.pod}: ${(err as Error).message}`);
    status = failureStatus((err as Error).message);
  }
  if (ws.readyState === ws.OPEN) {
    ws.send(encodeFrame(ERROR, JSON.stringify(status)));
    ws.close(1000);
  }
  endStdin();
}

const discard = { write: () => true } as unknown as NodeJS.WritableStream;
