// Delete as the API server does it: graceful for pods, held back by finalizers, with the
// garbage collector's propagation finalizers, and the namespace's own two-step deletion.
import { ApiError } from '../api/errors.js';
import type { KindInfo } from '../api/kinds.js';
import { qualifiedResource } from '../api/kinds.js';
import type { KObject } from '../api/types.js';
import { jsonEqual, type Meta, normalize, rfc3339 } from './meta.js';
import { hasFinalizers, type Plan } from './plan.js';
import type { DeleteOptions } from './types.js';

export const ORPHAN_FINALIZER = 'orphan';
export const FOREGROUND_FINALIZER = 'foregroundDeletion';
/** Namespaces the API server refuses to delete (NamespaceLifecycle admission). */
const IMMORTAL_NAMESPACES = new Set(['default', 'kube-system', 'kube-public']);

/** metav1.FinalizerOrphanDependents / FinalizerDeleteDependents for the chosen policy. */
export function propagationFinalizers(
  current: string[],
  policy: DeleteOptions['propagationPolicy'],
): string[] {
  if (!policy) return current;
  const rest = current.filter((f) => f !== ORPHAN_FINALIZER && f !== FOREGROUND_FINALIZER);
  if (policy === 'Orphan') return [...rest, ORPHAN_FINALIZER];
  if (policy === 'Foreground') return [...rest, FOREGROUND_FINALIZER];
  return rest;
}

/** The pod strategy's grace: requested, else the spec's, else 30; 0 when nothing can be running. */
export function podGracePeriod(pod: KObject, requested: number | undefined): number {
  const phase = pod.status?.phase;
  if (!pod.spec?.nodeName || phase === 'Succeeded' || phase === 'Failed') return 0;
  if (requested !== undefined && requested >= 0) return requested;
  return pod.spec?.terminationGracePeriodSeconds ?? 30;
}

function checkUid(stored: KObject, kind: KindInfo, uid: string | undefined): void {
  if (!uid || uid === stored.metadata.uid) return;
  throw new ApiError(
    'Conflict',
    `Operation cannot be fulfilled on ${qualifiedResource(kind)} "${stored.metadata.name}": Precondition failed: UID in precondition: ${uid}, UID in object meta: ${stored.metadata.uid}`,
  );
}

export function planDelete(stored: KObject, kind: KindInfo, opts: DeleteOptions, now: Date): Plan {
  checkUid(stored, kind, opts.uid);
  if (kind.kind === 'Namespace' && kind.group === '') return planNamespaceDelete(stored, now);
  const next = normalize(stored);
  const meta = next.metadata as Meta;
  const finalizers = propagationFinalizers(meta.finalizers ?? [], opts.propagationPolicy);
  if (finalizers.length > 0) meta.finalizers = finalizers;
  else delete meta.finalizers;
  const grace =
    kind.kind === 'Pod' && kind.group === '' ? podGracePeriod(stored, opts.gracePeriodSeconds) : 0;

  if (meta.deletionTimestamp) {
    // Already being deleted: a shorter grace period moves the deadline closer.
    const current = meta.deletionGracePeriodSeconds ?? 0;
    if (grace < current) {
      const requestedAt = Date.parse(meta.deletionTimestamp) - current * 1000;
      meta.deletionTimestamp = rfc3339(new Date(requestedAt + grace * 1000));
      meta.deletionGracePeriodSeconds = grace;
    }
  } else if (grace > 0 || finalizers.length > 0) {
    meta.deletionTimestamp = rfc3339(new Date(now.getTime() + grace * 1000));
    meta.deletionGracePeriodSeconds = grace;
    if (meta.generation) meta.generation += 1;
  }
  if (finalizers.length === 0 && (meta.deletionGracePeriodSeconds ?? 0) === 0)
    return { op: 'remove', obj: next };
  if (jsonEqual(next, stored)) return { op: 'none', obj: stored };
  return { op: 'put', type: 'MODIFIED', obj: next };
}

/** First delete marks the namespace Terminating; it goes once every finalizer is cleared. */
function planNamespaceDelete(stored: KObject, now: Date): Plan {
  const name = stored.metadata.name!;
  if (IMMORTAL_NAMESPACES.has(name)) {
    throw new ApiError('Forbidden', `namespaces "${name}" is forbidden: this namespace may not be deleted`);
  }
  const next = normalize(stored);
  if (!next.metadata.deletionTimestamp) {
    (next.metadata as Meta).deletionTimestamp = rfc3339(now);
    next.status = { ...next.status, phase: 'Terminating' };
  }
  if (!hasFinalizers(next)) return { op: 'remove', obj: next };
  if (jsonEqual(next, stored)) return { op: 'none', obj: stored };
  return { op: 'put', type: 'MODIFIED', obj: next };
}
