// The OpenAPI handler for /openapi/v2 and /openapi/v3 (issue 12): the documents of documents.ts,
// built at the first request and kept. The v3 documents are immutable under the `?hash=` the
// index hands out, so clients (kubectl's disk cache) may keep them as the API server lets them.
import type { ServerResponse } from 'node:http';
import type { ApiHandler } from '../types.js';
import {
  documentHash,
  openApiV3Documents,
  openApiV3Index,
  swaggerJson,
  swaggerProtobufBytes,
} from './documents.js';

// The type the API server answers with (an `@` is no valid media type for Go's parser).
const PROTOBUF_V2 = 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf';

function send(
  res: ServerResponse,
  method: string,
  body: string | Buffer,
  headers: Record<string, string> = {},
): void {
  res.writeHead(200, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(body),
    ...headers,
  });
  res.end(method === 'HEAD' ? undefined : body);
}

function notFound(res: ServerResponse, path: string): void {
  const body = JSON.stringify({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: `the server could not find the requested resource (get ${path})`,
    reason: 'NotFound',
    details: {},
    code: 404,
  });
  res.writeHead(404, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

export const handleOpenApi: ApiHandler = async (req, res, url) => {
  const path = url.pathname.replace(/\/+$/, '');
  if (path !== '/openapi/v2' && path !== '/openapi/v3' && !path.startsWith('/openapi/v3/')) return false;
  const method = req.method ?? 'GET';
  if (method !== 'GET' && method !== 'HEAD') {
    res.writeHead(405, { 'Content-Type': 'text/plain' });
    res.end('Method Not Allowed');
    return true;
  }
  if (path === '/openapi/v2') {
    // kubectl asks for protobuf only (and parses whatever comes as protobuf); others get JSON.
    if (req.headers.accept?.includes('application/com.github.proto-openapi.spec.v2'))
      send(res, method, swaggerProtobufBytes(), { 'Content-Type': PROTOBUF_V2 });
    else send(res, method, swaggerJson());
  } else if (path === '/openapi/v3') {
    send(res, method, openApiV3Index(), { 'Cache-Control': 'no-cache, private' });
  } else {
    const key = path.slice('/openapi/v3/'.length);
    const json = openApiV3Documents().get(key);
    if (json === undefined) {
      notFound(res, path);
      return true;
    }
    const hash = documentHash(json);
    const cache: Record<string, string> =
      url.searchParams.get('hash') === hash
        ? {
            'Cache-Control': 'public, immutable',
            Expires: new Date(Date.now() + 365 * 86_400_000).toUTCString(),
          }
        : { 'Cache-Control': 'no-cache, private' };
    send(res, method, json, { ETag: `"${hash}"`, ...cache });
  }
  return true;
};
