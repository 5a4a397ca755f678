// POST /api/v1/namespaces/{ns}/pods/{name}/eviction: the Eviction subresource (policy/v1, what
// kubectl drain sends, in JSON; other typed clients send protobuf): the budget check and the
// pod's graceful delete of registry/eviction.ts, answered with the API server's 201 Success Status.
import { evictPod } from '../../registry/eviction.js';
import { parseObject, type RestRequest, readBytes, writeOptionsOf } from './request.js';
import { badRequest } from './status.js';
import type { WriteResult } from './writes.js';

const EVICTION_VERSIONS = ['policy/v1', 'policy/v1beta1'];

export async function evict(r: RestRequest): Promise<WriteResult> {
  const eviction = parseObject(r.req, await readBytes(r.req)) as Record<string, any>;
  if (eviction.kind !== undefined && eviction.kind !== 'Eviction')
    throw badRequest(`the kind in the data (${eviction.kind}) does not match the expected kind (Eviction)`);
  if (eviction.apiVersion !== undefined && !EVICTION_VERSIONS.includes(eviction.apiVersion))
    throw badRequest(`the API version in the data (${eviction.apiVersion}) does not match policy/v1`);
  if (eviction.metadata?.name !== r.route.name)
    throw badRequest('name in URL does not match name in Eviction object');
  const options = eviction.deleteOptions ?? {};
  const dryRun =
    writeOptionsOf(r.query, r.warnings).dryRun ||
    (Array.isArray(options.dryRun) && options.dryRun.includes('All'));
  await evictPod(r.ctx.registry, r.route.namespace!, r.route.name!, {
    gracePeriodSeconds:
      typeof options.gracePeriodSeconds === 'number' ? options.gracePeriodSeconds : undefined,
    dryRun,
  });
  return { code: 201, status: { status: 'Success', code: 201 } };
}
