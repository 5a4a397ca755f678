// The writing verbs, each one call into the registry: POST (create), PUT (update, status,
// scale), PATCH (json, merge, strategic; server-side apply once the registry has it), DELETE
// and DELETE on a collection, with the API server's checks on the URL against the body.
import { parse as parseYaml } from 'yaml';
import { ApiError } from '../../api/errors.js';
import { apiVersionOf, type KindInfo, qualifiedResource } from '../../api/kinds.js';
import type { PatchType } from '../../api/patch/index.js';
import type { KObject } from '../../api/types.js';
import { patchScale, updateScale } from '../../registry/scale.js';
import type { DeleteOptions } from '../../registry/types.js';
import { hasFinalizers } from '../../state/plan.js';
import { keyOf, selectorsOf, selects } from './list.js';
import { intParam, parseObject, type RestRequest, readBody, readBytes, writeOptionsOf } from './request.js';
import { badRequest, HttpError, type Status } from './status.js';

export type WriteResult = { code: number; object: KObject } | { code: number; status: Status };

/** The object of a POST or PUT, checked against the URL: kind, namespace, name. */
async function bodyObject(r: RestRequest): Promise<KObject> {
  const obj = parseObject(r.req, await readBytes(r.req));
  const kind = r.route.kind;
  const expected = apiVersionOf(kind);
  obj.apiVersion ??= expected;
  obj.kind ??= kind.kind;
  if (obj.kind !== kind.kind) {
    throw badRequest(`the kind in the data (${obj.kind}) does not match the expected kind (${kind.kind})`);
  }
  if (obj.apiVersion !== expected) {
    throw badRequest(
      `the API version in the data (${obj.apiVersion}) does not match the expected API version (${expected})`,
    );
  }
  obj.metadata ??= {};
  if (kind.namespaced) {
    const ns = obj.metadata.namespace;
    if (ns && ns !== r.route.namespace) {
      throw badRequest(
        'the namespace of the provided object does not match the namespace sent on the request',
      );
    }
    obj.metadata.namespace = r.route.namespace;
  } else if (obj.metadata.namespace) {
    delete obj.metadata.namespace;
  }
  return obj;
}

export async function create(r: RestRequest): Promise<WriteResult> {
  const obj = await bodyObject(r);
  const created = await r.ctx.registry.create(obj, writeOptionsOf(r.query, r.warnings));
  return { code: 201, object: created };
}

export async function update(r: RestRequest): Promise<WriteResult> {
  const { route } = r;
  const opts = writeOptionsOf(r.query, r.warnings);
  if (route.subresource === 'scale') {
    const scale = parseObject(r.req, await readBytes(r.req));
    const result = await updateScale(r.ctx.registry, route.kind, scaleRef(r), scale, opts);
    return { code: 200, object: result };
  }
  const obj = await bodyObject(r);
  if (obj.metadata.name !== route.name) {
    throw badRequest(
      `the name of the object (${obj.metadata.name ?? ''}) does not match the name on the URL (${route.name})`,
    );
  }
  const registry = r.ctx.registry;
  const result =
    route.subresource === 'status'
      ? await registry.updateStatus(obj, opts)
      : await registry.update(obj, opts);
  return { code: 200, object: result };
}

const scaleRef = (r: RestRequest) => ({ namespace: r.route.namespace, name: r.route.name! });

const PATCH_TYPES: Record<string, PatchType> = {
  'application/json-patch+json': 'json',
  'application/merge-patch+json': 'merge',
  'application/strategic-merge-patch+json': 'strategic',
};

export async function patch(r: RestRequest): Promise<WriteResult> {
  const { route } = r;
  const media = (r.req.headers['content-type'] ?? '').split(';')[0]!.trim();
  if (media === APPLY_PATCH) return serverSideApply(r);
  const type = PATCH_TYPES[media];
  if (!type) {
    const accepted = [...Object.keys(PATCH_TYPES), APPLY_PATCH].join(', ');
    throw new HttpError(
      415,
      'UnsupportedMediaType',
      `the body of the request was in an unknown format - accepted media types include: ${accepted}`,
    );
  }
  if (r.query.get('force') !== null)
    throw new ApiError(
      'Invalid',
      'PatchOptions.meta.k8s.io "" is invalid: force: Forbidden: may not be specified for non-apply patch',
    );
  const body = await readBody(r.req);
  const opts = writeOptionsOf(r.query, r.warnings);
  if (route.subresource === 'scale') {
    return { code: 200, object: await patchScale(r.ctx.registry, route.kind, scaleRef(r), type, body, opts) };
  }
  const subresource = route.subresource === 'status' ? 'status' : undefined;
  const result = await r.ctx.registry.patch(route.kind, route.namespace, route.name!, type, body, {
    ...opts,
    subresource,
  });
  return { code: 200, object: result };
}

const APPLY_PATCH = 'application/apply-patch+yaml';

/**
 * PATCH with application/apply-patch+yaml: server-side apply through the registry (created when
 * missing: 201), with the query's fieldManager (required) and force.
 */
async function serverSideApply(r: RestRequest): Promise<WriteResult> {
  const { route } = r;
  const opts = writeOptionsOf(r.query, r.warnings);
  if (!opts.fieldManager)
    throw new ApiError(
      'Invalid',
      'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch',
    );
  if (route.subresource)
    throw badRequest(`server-side apply of the ${route.subresource} subresource is not supported`);
  const text = await readBody(r.req);
  let applied: KObject;
  try {
    applied = parseYaml(text) as KObject;
  } catch (e) {
    throw badRequest(`error decoding YAML: ${(e as Error).message}`);
  }
  if (!applied || typeof applied !== 'object')
    throw badRequest('the body of an apply patch must be an object');
  const existed = r.ctx.registry.get(route.kind, route.namespace, route.name!) !== undefined;
  const force = ['true', '1'].includes(r.query.get('force') ?? '');
  const result = await r.ctx.registry.apply(route.kind, route.namespace, route.name!, applied, {
    ...opts,
    fieldManager: opts.fieldManager,
    force,
  });
  return { code: existed ? 200 : 201, object: result };
}

/** DeleteOptions from the body (if any) and the query, as the API server merges them. */
async function deleteOptionsOf(r: RestRequest): Promise<DeleteOptions & { resourceVersion?: string }> {
  const bytes = await readBytes(r.req);
  const body = bytes.toString('utf8').trim() ? (parseObject(r.req, bytes) as Record<string, any>) : {};
  const opts: DeleteOptions & { resourceVersion?: string } = writeOptionsOf(r.query, r.warnings);
  if (Array.isArray(body.dryRun) && body.dryRun.includes('All')) opts.dryRun = true;
  const grace = intParam(r.query, 'gracePeriodSeconds') ?? body.gracePeriodSeconds;
  if (grace !== undefined && grace !== null) opts.gracePeriodSeconds = Math.max(0, Number(grace));
  let policy = r.query.get('propagationPolicy') ?? body.propagationPolicy;
  if (policy === undefined && body.orphanDependents !== undefined)
    policy = body.orphanDependents ? 'Orphan' : 'Background';
  if (policy !== undefined && policy !== null) {
    if (!['Background', 'Foreground', 'Orphan'].includes(policy)) {
      throw new ApiError(
        'Invalid',
        `DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Unsupported value: "${policy}": supported values: "Foreground", "Background", "Orphan", "nil"`,
      );
    }
    opts.propagationPolicy = policy;
  }
  if (body.preconditions?.uid) opts.uid = body.preconditions.uid;
  if (body.preconditions?.resourceVersion) opts.resourceVersion = body.preconditions.resourceVersion;
  return opts;
}

/** Kinds whose registry answers a delete with the object even once it is gone (ReturnDeletedObject). */
const RETURNS_DELETED = new Set(['Pod']);

export async function remove(r: RestRequest): Promise<WriteResult> {
  const { route } = r;
  const registry = r.ctx.registry;
  const opts = await deleteOptionsOf(r);
  const kind = route.kind;
  if (opts.resourceVersion) {
    const live = registry.get(kind, route.namespace, route.name!);
    const rv = live?.metadata.resourceVersion;
    if (live && rv !== opts.resourceVersion) {
      throw new ApiError(
        'Conflict',
        `Operation cannot be fulfilled on ${qualifiedResource(kind)} "${route.name}": Precondition failed: ResourceVersion in precondition: ${opts.resourceVersion}, ResourceVersion in object meta: ${rv}`,
      );
    }
  }
  const result = await registry.delete(kind, route.namespace, route.name!, opts);
  return deleteAnswer(kind, result, opts.dryRun);
}

/** The object while it still exists (finalizers, a grace period); a Success Status once it is gone. */
function deleteAnswer(kind: KindInfo, result: KObject, dryRun?: boolean): WriteResult {
  // The registry's own test of whether the delete removed the object.
  const stillThere = hasFinalizers(result) || (result.metadata.deletionGracePeriodSeconds ?? 0) > 0;
  if (stillThere || dryRun || RETURNS_DELETED.has(kind.kind)) return { code: 200, object: result };
  return {
    code: 200,
    status: {
      status: 'Success',
      details: {
        name: result.metadata.name,
        group: kind.group || undefined,
        kind: kind.plural,
        uid: result.metadata.uid,
      },
    },
  };
}

/** DELETE on a collection: the list of what was deleted, as the API server answers. */
export async function removeCollection(r: RestRequest): Promise<{ code: number; objects: KObject[] }> {
  const { route } = r;
  const sel = selectorsOf(r.query, route.kind);
  const opts = await deleteOptionsOf(r);
  const { deleted, errors } = await r.ctx.registry.deleteCollection(
    route.kind,
    { namespace: route.namespace, select: (o) => selects(sel, o) },
    opts,
  );
  if (errors.length) throw errors[0];
  deleted.sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
  return { code: 200, objects: deleted };
}
