// The subresources `status` (the object, written through the status path, so only its status
// changes) and `scale` (the autoscaling/v1 Scale view of spec.replicas that deployments, replica
// sets, stateful sets and replication controllers serve), for `patch --subresource` and the REST
// endpoint alike. This is the API server's ScaleREST over `registry.mutate`: build the Scale from
// the live object, patch (or replace) it, validate it, write its replicas back — inside the lock.
import { ApiError } from '../api/errors.js';
import { InvalidError } from '../api/field-errors.js';
import { type KindInfo, qualifiedResource } from '../api/kinds.js';
import { applyPatch, type PatchType } from '../api/patch/index.js';
import type { JsonMap } from '../api/patch/json-value.js';
import { mapSelectorToString, selectorToString } from '../api/selectors.js';
import type { KObject } from '../api/types.js';
import type { Registry } from './registry.js';
import type { UpdateOptions } from './types.js';

/** The Scale kind, for printing (`scale.autoscaling/web patched`). */
export const SCALE: KindInfo = {
  kind: 'Scale',
  plural: 'scale',
  singular: 'scale',
  shortNames: [],
  group: 'autoscaling',
  version: 'v1',
  namespaced: true,
};

const SCALABLE = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'ReplicationController']);

// Kinds the API server serves without a status subresource.
const NO_STATUS = new Set([
  'Binding',
  'ComponentStatus',
  'ConfigMap',
  'ControllerRevision',
  'Endpoints',
  'Event',
  'IngressClass',
  'LimitRange',
  'NetworkPolicy',
  'PodTemplate',
  'Secret',
  'ServiceAccount',
  'StorageClass',
]);

/** What the API server answers for a path it does not serve. */
const noSuchPath = () => new ApiError('NotFound', 'the server could not find the requested resource');

/** Throws the API server's 404 when `kind` has no such subresource. */
export function checkSubresource(kind: KindInfo, subresource: string): void {
  if (!subresource) return;
  if (subresource === 'status' && !NO_STATUS.has(kind.kind)) return;
  if (subresource === 'scale' && SCALABLE.has(kind.kind)) return;
  throw noSuchPath();
}

/** The autoscaling/v1 Scale the API server shows for a scalable object. */
export function scaleOf(kind: KindInfo, obj: KObject): KObject {
  const m = obj.metadata;
  const selector =
    kind.kind === 'ReplicationController'
      ? Object.keys(obj.spec?.selector ?? {}).length
        ? mapSelectorToString(obj.spec.selector)
        : ''
      : obj.spec?.selector
        ? selectorToString(obj.spec.selector)
        : '';
  const metadata: KObject['metadata'] = {
    creationTimestamp: m.creationTimestamp,
    name: m.name,
    namespace: m.namespace,
    resourceVersion: m.resourceVersion,
    uid: m.uid,
  };
  for (const k of Object.keys(metadata) as Array<keyof typeof metadata>)
    if (metadata[k] === undefined) delete metadata[k];
  const status: Record<string, unknown> = { replicas: obj.status?.replicas ?? 0 };
  if (selector) status.selector = selector;
  return {
    apiVersion: 'autoscaling/v1',
    kind: 'Scale',
    metadata,
    spec: { replicas: obj.spec?.replicas ?? 0 },
    status,
  };
}

/** The object `--subresource` shows for a live object (what a client-side patch starts from). */
export function viewOf(kind: KindInfo, obj: KObject, subresource: string): { info: KindInfo; obj: KObject } {
  checkSubresource(kind, subresource);
  return subresource === 'scale' ? { info: SCALE, obj: scaleOf(kind, obj) } : { info: kind, obj };
}

// ValidateScale: replicas is a non-negative integer.
function validateScale(scale: KObject): number {
  const replicas = scale.spec?.replicas ?? 0;
  if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0) {
    throw new InvalidError('Scale', scale.metadata?.name ?? '', [
      {
        type: 'Invalid',
        path: ['spec', 'replicas'],
        value: replicas,
        detail: 'must be greater than or equal to 0',
      },
    ]);
  }
  return replicas;
}

/**
 * PATCH .../NAME/scale: the patch applies to the Scale view; its replicas go to spec.replicas of
 * the object, admitted as an update. Resolves to the Scale of the result (the live one when the
 * replicas do not change).
 */
export async function patchScale(
  registry: Registry,
  kind: KindInfo,
  ref: { namespace?: string; name: string },
  type: PatchType,
  body: string,
  opts: UpdateOptions,
): Promise<KObject> {
  checkSubresource(kind, 'scale');
  return writeReplicas(
    registry,
    kind,
    ref,
    (current) =>
      validateScale(
        applyPatch(type, structuredClone(scaleOf(kind, current)) as JsonMap, body, 'Scale') as KObject,
      ),
    { ...opts, managerSubresource: 'scale' },
  );
}

/**
 * PUT .../NAME/scale: the Scale sent replaces the view (a set resourceVersion is a precondition,
 * as on the object); its replicas go to spec.replicas. Resolves to the Scale of the result.
 */
export async function updateScale(
  registry: Registry,
  kind: KindInfo,
  ref: { namespace?: string; name: string },
  scale: KObject,
  opts: UpdateOptions,
): Promise<KObject> {
  checkSubresource(kind, 'scale');
  return writeReplicas(
    registry,
    kind,
    ref,
    (current) => {
      const sent = scale.metadata?.resourceVersion;
      if (sent && sent !== current.metadata.resourceVersion)
        throw ApiError.conflict(qualifiedResource(kind), ref.name);
      return validateScale(scale);
    },
    opts,
  );
}

/** Sets spec.replicas to what `replicasOf` decides from the live object (no write when unchanged); the resulting Scale. */
async function writeReplicas(
  registry: Registry,
  kind: KindInfo,
  ref: { namespace?: string; name: string },
  replicasOf: (current: KObject) => number,
  opts: UpdateOptions,
): Promise<KObject> {
  let live: KObject | undefined;
  const written = await registry.mutate(
    kind,
    ref.namespace,
    ref.name,
    (current) => {
      live = current;
      const replicas = replicasOf(current);
      if (current.spec?.replicas === replicas) return undefined;
      return { ...current, spec: { ...current.spec, replicas } };
    },
    opts,
  );
  return scaleOf(kind, written ?? live!);
}
