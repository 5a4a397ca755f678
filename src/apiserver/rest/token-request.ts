// POST /api/v1/namespaces/{ns}/serviceaccounts/{name}/token: the TokenRequest subresource
// (authentication.k8s.io/v1), answered 201 with the request and its status (token, expiry).
// The body comes as JSON/YAML (curl, client libraries) or protobuf (kubectl create token).
import type { IncomingMessage } from 'node:http';
import { lookupKind } from '../../api/kinds.js';
import { requestToken, type TokenRequestSpec } from '../../registry/token-request.js';
import type { ApiHandler } from '../types.js';
import { parseObject, readBytes } from './request.js';
import { sendJson, sendStatus } from './respond.js';
import { methodNotAllowed, statusOf } from './status.js';

const PATH = /^\/api\/v1\/namespaces\/([^/]+)\/serviceaccounts\/([^/]+)\/token\/?$/;
const SERVICE_ACCOUNT = lookupKind('serviceaccounts')!;

/** The spec of the body: JSON, YAML or protobuf (kubectl create token); an empty body asks for defaults. */
function specOf(req: IncomingMessage, body: Buffer): TokenRequestSpec {
  if (body.length === 0) return {};
  return (parseObject(req, body).spec ?? {}) as TokenRequestSpec;
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
