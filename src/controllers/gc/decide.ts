// The garbage collector's decisions (garbagecollector.go attemptToDeleteItem and
// processDeletingDependentsItem), pure: given an object and what became of its owners, what to do.
import type { KObject } from '../../api/types.js';

export const ORPHAN = 'orphan';
export const FOREGROUND = 'foregroundDeletion';

/** What an ownerReference points at now. */
export type OwnerState =
  /** Exists with the same uid and is not waiting for its dependents. */
  | 'solid'
  /** Gone, or replaced by an object with another uid. */
  | 'dangling'
  /** Being deleted in the foreground: waits for its dependents to go first. */
  | 'waiting';

export type Propagation = 'Background' | 'Foreground' | 'Orphan';

export type DependentDecision =
  | { action: 'none' }
  /** Keep the object, drop the references to these owners. */
  | { action: 'remove-refs'; uids: string[] }
  | { action: 'delete'; propagation: Propagation };

export const hasFinalizer = (obj: KObject, f: string): boolean => (obj.metadata.finalizers ?? []).includes(f);

/**
 * `attemptToDeleteItem`: an object with at least one solid owner stays (minus references to
 * gone or foreground-deleting owners); otherwise it is deleted — in the foreground when an
 * owner waits on it and it has dependents of its own, else as its own finalizers ask
 * (Background by default).
 */
export function decideDependent(
  obj: KObject,
  owners: (uid: string) => OwnerState,
  hasDependents: boolean,
): DependentDecision {
  // Already being deleted (one deleting its own dependents is handled as an owner).
  if (obj.metadata.deletionTimestamp) return { action: 'none' };
  const refs = obj.metadata.ownerReferences ?? [];
  if (refs.length === 0) return { action: 'none' };
  const states = refs.map((r) => owners(r.uid));
  const gone = refs.filter((_, i) => states[i] !== 'solid').map((r) => r.uid);
  if (states.includes('solid'))
    return gone.length ? { action: 'remove-refs', uids: gone } : { action: 'none' };
  if (states.includes('waiting') && hasDependents) return { action: 'delete', propagation: 'Foreground' };
  if (hasFinalizer(obj, ORPHAN)) return { action: 'delete', propagation: 'Orphan' };
  if (hasFinalizer(obj, FOREGROUND)) return { action: 'delete', propagation: 'Foreground' };
  return { action: 'delete', propagation: 'Background' };
}

export type OwnerDecision =
  | { action: 'none' }
  /** Drop our reference from every dependent, then the orphan finalizer. */
  | { action: 'orphan'; dependents: KObject[] }
  /** Delete these dependents (not yet being deleted); keep waiting. */
  | { action: 'delete-dependents'; dependents: KObject[] }
  /** No dependent blocks us any more: drop the foregroundDeletion finalizer. */
  | { action: 'remove-foreground' };

/** An owner being deleted with the orphan or foregroundDeletion finalizer. `dependents` reference it. */
export function decideOwner(owner: KObject, dependents: KObject[]): OwnerDecision {
  if (!owner.metadata.deletionTimestamp) return { action: 'none' };
  if (hasFinalizer(owner, ORPHAN)) return { action: 'orphan', dependents };
  if (!hasFinalizer(owner, FOREGROUND)) return { action: 'none' };
  const uid = owner.metadata.uid;
  const blocking = dependents.filter((d) =>
    (d.metadata.ownerReferences ?? []).some((r) => r.uid === uid && r.blockOwnerDeletion),
  );
  if (blocking.length === 0) return { action: 'remove-foreground' };
  // A dependent already deleting its own dependents is left to finish.
  const toDelete = dependents.filter((d) => !d.metadata.deletionTimestamp);
  return { action: 'delete-dependents', dependents: toDelete };
}
