// The RemoteCommand WebSocket protocol (k8s.io/apimachinery wsstream + client-go remotecommand):
// every binary message is one channel byte then the payload. Channels: 0 stdin, 1 stdout,
// 2 stderr, 3 error (a metav1.Status, JSON since v4), 4 resize ({"Width","Height"}); v5 adds
// 255 = "close this stream" (the client's stdin EOF). Pure encode/decode, tested on its own.

export const STDIN = 0;
export const STDOUT = 1;
export const STDERR = 2;
export const ERROR = 3;
export const RESIZE = 4;
export const CLOSE = 255;

/** The subprotocols served, best first: v5 (stream close) then v4 (same framing, no close). */
export const SERVED_PROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io'] as const;

/** The protocol to answer with: the best served one the client offered, or undefined. */
export function chooseProtocol(offered: Iterable<string>): string | undefined {
  const set = new Set([...offered].map((p) => p.trim()));
  return SERVED_PROTOCOLS.find((p) => set.has(p));
}

export function encodeFrame(channel: number, payload: Buffer | string): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload) : payload;
  return Buffer.concat([Buffer.from([channel]), body]);
}

export type ClientFrame =
  | { type: 'stdin'; data: Buffer }
  | { type: 'resize'; width: number; height: number }
  | { type: 'close'; channel: number }
  | { type: 'ignored' };

/** A message from the client; an empty one or a channel it may not write is ignored. */
export function decodeClientFrame(message: Buffer): ClientFrame {
  if (message.length === 0) return { type: 'ignored' };
  const channel = message[0]!;
  const body = message.subarray(1);
  if (channel === STDIN) return { type: 'stdin', data: body };
  if (channel === CLOSE) return body.length ? { type: 'close', channel: body[0]! } : { type: 'ignored' };
  if (channel === RESIZE) {
    try {
      const size = JSON.parse(body.toString('utf8')) as { Width?: unknown; Height?: unknown };
      const width = Number(size.Width);
      const height = Number(size.Height);
      if (Number.isInteger(width) && Number.isInteger(height) && width >= 0 && height >= 0)
        return { type: 'resize', width, height };
    } catch {
      // A malformed size is dropped, as the kubelet drops it.
    }
  }
  return { type: 'ignored' };
}

/**
 * The error channel's last word: Success, or the kubelet's NonZeroExitCode Status whose ExitCode
 * cause kubectl turns into `command terminated with exit code N` and its own exit status.
 */
export function exitStatus(command: string[], code: number): Record<string, unknown> {
  if (code === 0) return { metadata: {}, status: 'Success' };
  return {
    metadata: {},
    status: 'Failure',
    message: `command terminated with non-zero exit code: error executing command [${command.join(' ')}], exit code ${code}`,
    reason: 'NonZeroExitCode',
    details: { causes: [{ reason: 'ExitCode', message: String(code) }] },
  };
}

/** A failure that is not an exit code (the runtime refused): kubectl prints its message. */
export function failureStatus(message: string): Record<string, unknown> {
  return { metadata: {}, status: 'Failure', message, reason: 'InternalError', code: 500 };
}
