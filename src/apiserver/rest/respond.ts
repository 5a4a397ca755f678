// Writing a response: JSON bodies with the API server's headers, warnings as `Warning: 299 - "text"`.
import type { ServerResponse } from 'node:http';
import { encodeStatus, type Status } from './status.js';

/** RFC 7234 warn-text: a quoted string with `"` and `\` escaped, as the API server's warning recorder writes it. */
export function warningHeader(text: string): string {
  return `299 - "${text.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

export function setWarnings(res: ServerResponse, warnings: string[]): void {
  if (warnings.length && !res.headersSent) res.setHeader('Warning', warnings.map(warningHeader));
}

export function sendJson(res: ServerResponse, code: number, body: string, warnings: string[] = []): void {
  setWarnings(res, warnings);
  res.writeHead(code, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private' });
  res.end(body);
}

export function sendStatus(res: ServerResponse, status: Status, warnings: string[] = []): void {
  sendJson(res, status.code || 200, encodeStatus(status), warnings);
}
