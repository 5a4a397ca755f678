// POST /api/v1/namespaces/{ns}/serviceaccounts/{name}/token: the TokenRequest subresource
// (authentication.k8s.io/v1), answered 201 with the request and its status (token, expiry).
// The body comes as JSON/YAML (curl, client libraries) or protobuf (kubectl create token).
import type { IncomingMessage } from 'node:http';
import { lookupKind } from '../../api/kinds.js';
import { requestToken, type TokenRequestSpec } from '../../registry/token-request.js';
import type { ApiHandler } from '../types.js';
import { parseObject } from './request.js';
import { sendJson, sendStatus } from './respond.js';
import { badRequest, methodNotAllowed, statusOf } from './status.js';
import { decodeTokenRequestSpec } from './token-request-proto.js';

const PATH = /^\/api\/v1\/namespaces\/([^/]+)\/serviceaccounts\/([^/]+)\/token\/?$/;
const SERVICE_ACCOUNT = lookupKind('serviceaccounts')!;
const PROTOBUF = 'application/vnd.kubernetes.protobuf';
const MAX_BODY = 3 * 1024 * 1024;

async function readBytes(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw badRequest('Request entity too large: limit is 3145728');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function specOf(req: IncomingMessage, body: Buffer): TokenRequestSpec {
  const media = (req.headers['content-type'] ?? '').split(';')[0]!.trim();
  if (media === PROTOBUF) {
    try {
      return decodeTokenRequestSpec(body);
    } catch (e) {
      throw badRequest(`couldn't decode the TokenRequest: ${(e as Error).message}`);
    }
  }
  if (body.length === 0) return {};
  return (parseObject(req, body.toString('utf8')).spec ?? {}) as TokenRequestSpec;
}

export const handleTokenRequest: ApiHandler = async (req, res, url, ctx) => {
  const m = PATH.exec(url.pathname);
  if (!m) return false;
  try {
    if (req.method !== 'POST') throw methodNotAllowed();
    const spec = specOf(req, await readBytes(req));
    const tokenRequest = requestToken(
      ctx.registry,
      ctx.home,
      decodeURIComponent(m[1]!),
      decodeURIComponent(m[2]!),
      spec,
    );
    sendJson(res, 201, JSON.stringify(tokenRequest));
  } catch (err) {
    sendStatus(res, statusOf(err, SERVICE_ACCOUNT));
  }
  return true;
};
