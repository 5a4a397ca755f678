// The annotations a Deployment keeps on its ReplicaSets (deployment_util.go): the revision, the
// revision history a rolled-back-to RS remembers, desired/max replicas for proportional
// scaling, and the Deployment's own annotations (e.g. kubernetes.io/change-cause) copied over.
import type { KObject } from '../../api/types.js';
import {
  DEPLOYMENT_REVISION,
  DEPLOYMENT_REVISION_HISTORY,
  DESIRED_REPLICAS,
  LAST_APPLIED,
  MAX_REPLICAS,
  ROLLBACK_TO,
} from '../../api/well-known.js';

export const REVISION = DEPLOYMENT_REVISION;
export const REVISION_HISTORY = DEPLOYMENT_REVISION_HISTORY;
export { DESIRED_REPLICAS, MAX_REPLICAS };

/** `maxRevHistoryLengthInChars`. */
const MAX_HISTORY_CHARS = 2000;

const NOT_COPIED = new Set([
  LAST_APPLIED,
  REVISION,
  REVISION_HISTORY,
  DESIRED_REPLICAS,
  MAX_REPLICAS,
  ROLLBACK_TO,
]);

type Annotations = Record<string, string>;

/** `deploymentutil.Revision`: the number in the revision annotation, 0 when absent or bad. */
export function revisionOf(obj: KObject | undefined): number {
  const v = obj?.metadata.annotations?.[REVISION];
  const n = v === undefined ? 0 : Number(v);
  return Number.isInteger(n) ? n : 0;
}

export const maxRevision = (sets: KObject[]): number =>
  sets.reduce((m, rs) => Math.max(m, revisionOf(rs)), 0);

/** `copyDeploymentAnnotationsToReplicaSet`; true when something changed. */
export function copyDeploymentAnnotations(deploy: KObject, rsAnnotations: Annotations): boolean {
  let changed = false;
  for (const [k, v] of Object.entries(deploy.metadata.annotations ?? {})) {
    if (NOT_COPIED.has(k) || rsAnnotations[k] === v) continue;
    rsAnnotations[k] = v;
    changed = true;
  }
  return changed;
}

/** `SetReplicasAnnotations`; true when something changed. */
export function setReplicasAnnotations(a: Annotations, desired: number, max: number): boolean {
  let changed = false;
  if (a[DESIRED_REPLICAS] !== String(desired)) {
    a[DESIRED_REPLICAS] = String(desired);
    changed = true;
  }
  if (a[MAX_REPLICAS] !== String(max)) {
    a[MAX_REPLICAS] = String(max);
    changed = true;
  }
  return changed;
}

export const replicasAnnotationsNeedUpdate = (rs: KObject, desired: number, max: number): boolean =>
  rs.metadata.annotations?.[DESIRED_REPLICAS] !== String(desired) ||
  rs.metadata.annotations?.[MAX_REPLICAS] !== String(max);

/** Append `old` to a revision-history list, dropping the oldest entries past 2000 characters. */
function appendHistory(history: string | undefined, old: string): string | undefined {
  if (!history) return old;
  let entries = history.split(',');
  let total = history.length + old.length + 1;
  let start = 0;
  while (total > MAX_HISTORY_CHARS && start < entries.length) {
    total -= entries[start]!.length + 1;
    start++;
  }
  if (total > MAX_HISTORY_CHARS) return history;
  entries = [...entries.slice(start), old];
  return entries.join(',');
}

/**
 * `SetNewReplicaSetAnnotations`: copy the Deployment's annotations, raise the revision to
 * `newRevision` (remembering the old one in revision-history when this RS is rolled back to),
 * and for an RS about to be created, its desired/max replicas. True when something changed.
 */
export function setNewReplicaSetAnnotations(
  deploy: KObject,
  a: Annotations,
  newRevision: number,
  exists: boolean,
  replicas: { desired: number; max: number },
): boolean {
  let changed = copyDeploymentAnnotations(deploy, a);
  const old = a[REVISION];
  const oldNum = old === undefined ? 0 : Number(old);
  if (!Number.isInteger(oldNum)) return changed;
  if (oldNum < newRevision) {
    a[REVISION] = String(newRevision);
    changed = true;
    if (old !== undefined) {
      const history = appendHistory(a[REVISION_HISTORY], old);
      if (history !== undefined) a[REVISION_HISTORY] = history;
    }
  }
  if (!exists && setReplicasAnnotations(a, replicas.desired, replicas.max)) changed = true;
  return changed;
}
