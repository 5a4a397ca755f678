// Controller references and the ControllerRefManager's claim rules: an object with our
// controllerRef is ours while our selector matches it (released when it stops matching); an
// orphan that matches is adopted; objects controlled by someone else are never touched.
import type { OwnerReference } from 'kubernetes-types/meta/v1.js';
import type { KindInfo } from '../../api/kinds.js';
import type { KObject } from '../../api/types.js';
import type { Registry } from '../../registry/registry.js';

/** `metav1.NewControllerRef`: controller and blockOwnerDeletion both true. */
export function controllerRef(owner: KObject): OwnerReference {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name!,
    uid: owner.metadata.uid!,
    controller: true,
    blockOwnerDeletion: true,
  };
}

export const getControllerOf = (obj: KObject): OwnerReference | undefined =>
  obj.metadata.ownerReferences?.find((r) => r.controller === true);

export const isControlledBy = (obj: KObject, owner: KObject): boolean =>
  getControllerOf(obj)?.uid === owner.metadata.uid;

export interface ClaimPlan {
  /** Already ours and still matching. */
  owned: KObject[];
  /** Orphans that match: to take. */
  adopt: KObject[];
  /** Ours but no longer matching: to let go. */
  release: KObject[];
}

/** Pure: which candidates the owner keeps, adopts and releases. */
export function computeClaims(
  owner: KObject,
  candidates: KObject[],
  matches: (o: KObject) => boolean,
): ClaimPlan {
  const plan: ClaimPlan = { owned: [], adopt: [], release: [] };
  const deleting = Boolean(owner.metadata.deletionTimestamp);
  for (const obj of candidates) {
    if (obj.metadata.namespace !== owner.metadata.namespace) continue;
    const ref = getControllerOf(obj);
    if (ref) {
      if (ref.uid !== owner.metadata.uid) continue;
      if (matches(obj)) plan.owned.push(obj);
      else if (!deleting) plan.release.push(obj);
      continue;
    }
    if (deleting || !matches(obj) || obj.metadata.deletionTimestamp) continue;
    plan.adopt.push(obj);
  }
  return plan;
}

/**
 * Carry out a claim plan; returns every object now owned (adopted ones as written). Adoption
 * rechecks, on a fresh read, that the object is still an orphan, as the API patch's uid
 * precondition does.
 */
export async function applyClaims(
  registry: Registry,
  kind: KindInfo,
  owner: KObject,
  plan: ClaimPlan,
): Promise<KObject[]> {
  const owned = [...plan.owned];
  const ref = controllerRef(owner);
  for (const obj of plan.adopt) {
    const adopted = await registry
      .mutate(kind, obj.metadata.namespace, obj.metadata.name!, (cur) => {
        if (cur.metadata.uid !== obj.metadata.uid || getControllerOf(cur) || cur.metadata.deletionTimestamp) {
          return undefined;
        }
        return {
          ...cur,
          metadata: { ...cur.metadata, ownerReferences: [...(cur.metadata.ownerReferences ?? []), ref] },
        };
      })
      .catch(() => undefined);
    if (adopted && isControlledBy(adopted, owner)) owned.push(adopted);
  }
  for (const obj of plan.release) await removeOwnerRef(registry, kind, obj, owner.metadata.uid!);
  return owned;
}

/** Drop the ownerReference with this uid from an object (no-op when gone or already dropped). */
export async function removeOwnerRef(
  registry: Registry,
  kind: KindInfo,
  obj: KObject,
  ownerUid: string,
): Promise<void> {
  await registry
    .mutate(kind, obj.metadata.namespace, obj.metadata.name!, (cur) => {
      const refs = cur.metadata.ownerReferences ?? [];
      if (cur.metadata.uid !== obj.metadata.uid || !refs.some((r) => r.uid === ownerUid)) return undefined;
      const rest = refs.filter((r) => r.uid !== ownerUid);
      const { ownerReferences: _, ...metadata } = cur.metadata;
      return { ...cur, metadata: rest.length ? { ...metadata, ownerReferences: rest } : metadata };
    })
    .catch(() => undefined);
}
