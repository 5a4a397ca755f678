// An upgrade request (exec, attach, port-forward) that cannot be served is answered with a plain
// HTTP Status, as the API server does: the connection never becomes a stream.
import type { Duplex } from 'node:stream';
import { statusBody } from '../status.js';

const REASON_PHRASES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  404: 'Not Found',
  500: 'Internal Server Error',
};

/** Ends `socket` with `body` (an encoded Status) as the HTTP answer of code `code`. */
export function writeRefusal(socket: Duplex, code: number, body: string): void {
  socket.end(
    `HTTP/1.1 ${code} ${REASON_PHRASES[code] ?? 'Error'}\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/** Ends `socket` with the Status of `code`, `reason`, `message` (and details). */
export function refuseUpgrade(
  socket: Duplex,
  code: number,
  reason: string,
  message: string,
  details?: Record<string, unknown>,
): void {
  writeRefusal(socket, code, JSON.stringify(statusBody(code, reason, message, details)));
}
