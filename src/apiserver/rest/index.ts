// The REST handler for /api/v1/... and /apis/<group>/<version>/...: routes the path to a kind,
// the method (and ?watch) to a verb, and answers with the API server's bodies — objects in Go
// struct order, lists, Tables for `kubectl get`, watch streams — and its Status on every error.
import { ApiError } from '../../api/errors.js';
import { qualifiedResource } from '../../api/kinds.js';
import { scaleOf } from '../../registry/scale.js';
import type { ApiHandler } from '../types.js';
import { evict } from './eviction.js';
import { typed } from './json.js';
import { checkListVersion, paginate, selectorsOf, selects } from './list.js';
import { negotiate } from './negotiate.js';
import { servePodLog } from './pod-log.js';
import { renderList, renderObject } from './render.js';
import type { RestRequest } from './request.js';
import { sendJson, sendStatus } from './respond.js';
import { parseRoute } from './route.js';
import { encodeStatus, methodNotAllowed, noSuchResource, statusOf } from './status.js';
import { serveWatch } from './watch.js';
import { create, patch, remove, removeCollection, update, type WriteResult } from './writes.js';

const isTrue = (v: string | null) => v === 'true' || v === '1';

export const handleResource: ApiHandler = async (req, res, url, ctx) => {
  const path = url.pathname;
  if (!/^\/(api|apis)\//.test(path)) return false;
  const route = parseRoute(path);
  if (!route) {
    // /api/v1 and /apis/<g>/<v> themselves are discovery (the server's): leave those to it.
    if (/^\/api\/[^/]+\/?$|^\/apis\/[^/]+\/[^/]+\/?$|^\/apis\/?$|^\/apis\/[^/]+\/?$/.test(path)) return false;
    sendStatus(res, statusOf(noSuchResource()));
    return true;
  }
  const r: RestRequest = { req, res, url, ctx, route, query: url.searchParams, warnings: [] };
  try {
    await serve(r);
  } catch (err) {
    if (!(err instanceof ApiError) && !(err instanceof Error && err.name === 'HttpError')) {
      ctx.log(`${req.method} ${path}: ${(err as Error)?.stack ?? err}`);
    }
    if (res.headersSent) res.end();
    else sendStatus(res, statusOf(err, route.kind), r.warnings);
  }
  return true;
};

async function serve(r: RestRequest): Promise<void> {
  const { route, query, req } = r;
  const method = req.method ?? 'GET';
  if (route.subresource === 'log') {
    if (method !== 'GET') throw methodNotAllowed();
    return servePodLog(r);
  }
  if (route.subresource === 'eviction') {
    if (method !== 'POST') throw methodNotAllowed();
    return answer(r, await evict(r));
  }
  if (route.name === undefined) {
    switch (method) {
      case 'GET':
        return route.legacyWatch || isTrue(query.get('watch'))
          ? serveWatch(r, negotiate(req.headers.accept))
          : list(r);
      case 'POST':
        return answer(r, await create(r));
      case 'DELETE': {
        const { code, objects } = await removeCollection(r);
        const rendering = { as: 'json' as const };
        return sendJson(
          r.res,
          code,
          renderList(rendering, route.kind, { items: objects }, r.ctx.registry.resourceVersion(), query),
          r.warnings,
        );
      }
      default:
        throw methodNotAllowed();
    }
  }
  switch (method) {
    case 'GET':
      if (route.legacyWatch || (isTrue(query.get('watch')) && !route.subresource)) {
        return serveWatch(r, negotiate(req.headers.accept), route.name);
      }
      return get(r);
    case 'PUT':
      return answer(r, await update(r));
    case 'PATCH':
      return answer(r, await patch(r));
    case 'DELETE':
      if (route.subresource) throw methodNotAllowed();
      return answer(r, await remove(r));
    default:
      throw methodNotAllowed();
  }
}

function get(r: RestRequest): void {
  const { route, query } = r;
  const rendering = negotiate(r.req.headers.accept);
  const obj = r.ctx.registry.get(route.kind, route.namespace, route.name!);
  if (!obj) throw ApiError.notFound(qualifiedResource(route.kind), route.name!);
  if (route.subresource === 'scale') {
    sendJson(r.res, 200, typed(scaleOf(route.kind, obj)).text, r.warnings);
    return;
  }
  sendJson(r.res, 200, renderObject(rendering, route.kind, obj, query), r.warnings);
}

function list(r: RestRequest): void {
  const { route, query } = r;
  const rendering = negotiate(r.req.headers.accept);
  const registry = r.ctx.registry;
  const sel = selectorsOf(query, route.kind);
  const rv = registry.resourceVersion();
  checkListVersion(query, rv);
  const objects = registry.list(route.kind, { namespace: route.namespace }).filter((o) => selects(sel, o));
  const page = paginate(objects, query, rv, !!(sel.labels || sel.fields));
  sendJson(r.res, 200, renderList(rendering, route.kind, page, rv, query), r.warnings);
}

function answer(r: RestRequest, result: WriteResult): void {
  // A write answers with the object (or a Status); kubectl never asks a write for a Table.
  const body = 'status' in result ? encodeStatus(result.status) : typed(result.object).text;
  sendJson(r.res, result.code, body, r.warnings);
}
