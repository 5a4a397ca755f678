// What a write decided to do, before the store commits it: pure data, easy to test.
import type { KObject } from '../api/types.js';

export type Plan =
  /** Nothing changes: no write, no event; `obj` is the stored object. */
  | { op: 'none'; obj: KObject }
  /** Store `obj` (its resourceVersion is set at commit) and journal ADDED or MODIFIED. */
  | { op: 'put'; type: 'ADDED' | 'MODIFIED'; obj: KObject }
  /** Remove the object and journal DELETED with `obj` as its last state. */
  | { op: 'remove'; obj: KObject };

/** Both finalizer lists that hold an object back: metadata's, and a Namespace's spec ones. */
export function hasFinalizers(obj: KObject): boolean {
  if ((obj.metadata.finalizers?.length ?? 0) > 0) return true;
  return obj.kind === 'Namespace' && (obj.spec?.finalizers?.length ?? 0) > 0;
}

/**
 * The API server's shouldDeleteDuringUpdate: being deleted, no finalizer left, and no grace
 * period still running (a pod in graceful termination stays until the kubelet deletes it).
 */
export function isReadyToRemove(obj: KObject): boolean {
  const grace = obj.metadata.deletionGracePeriodSeconds;
  return !!obj.metadata.deletionTimestamp && !hasFinalizers(obj) && (grace === undefined || grace === 0);
}
