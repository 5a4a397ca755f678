// The few answers the server itself writes: JSON documents and metav1.Status failures, with the
// API server's bodies and the headers kubectl reads (Content-Type; Cache-Control for discovery).
import type { ServerResponse } from 'node:http';

export function statusBody(code: number, reason: string, message: string, details?: Record<string, unknown>) {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    ...(details ? { details } : {}),
    code,
  };
}

export function sendJson(
  res: ServerResponse,
  code: number,
  body: unknown,
  contentType = 'application/json',
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(code, {
    'Content-Type': contentType,
    'Content-Length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

export function sendStatus(
  res: ServerResponse,
  code: number,
  reason: string,
  message: string,
  details?: Record<string, unknown>,
): void {
  sendJson(res, code, statusBody(code, reason, message, details));
}

export function sendText(res: ServerResponse, code: number, text: string): void {
  res.writeHead(code, {
    'Content-Type': 'text/plain; charset=utf-8',
    'X-Content-Type-Options': 'nosniff',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

export const unauthorized = (res: ServerResponse) => sendStatus(res, 401, 'Unauthorized', 'Unauthorized');
export const notFound = (res: ServerResponse) =>
  sendStatus(res, 404, 'NotFound', 'the server could not find the requested resource', {});
