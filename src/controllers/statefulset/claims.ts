// The PersistentVolumeClaims of a StatefulSet pod (`createPersistentVolumeClaims`). The PV
// controller binds them like any claim (the default class provisions a volume when the pod is
// scheduled), so the data outlives the pod.
import { lookupKind } from '../../api/kinds.js';
import type { KObject } from '../../api/types.js';
import { isAlreadyExists } from '../common/errors.js';
import type { ControllerContext } from '../controller.js';
import { claimOwnerRef, claimsFor, ordinalOf } from './identity.js';

export const PVC = lookupKind('persistentvolumeclaims')!;

/**
 * Make sure every claim pod `ordinal` needs exists. Returns false when one is being
 * deleted (`PodClaimIsStale`): the pod must wait for it to go.
 */
export async function ensureClaims(
  ctx: ControllerContext,
  set: KObject,
  ordinal: number,
  podName: string,
): Promise<boolean> {
  const { registry } = ctx;
  for (const claim of claimsFor(set, ordinal)) {
    let existing = registry.get(PVC, claim.metadata.namespace, claim.metadata.name!);
    if (existing?.metadata.deletionTimestamp) return false;
    if (!existing) {
      try {
        existing = await registry.create(claim);
        await ctx.recordEvent({
          object: set,
          type: 'Normal',
          reason: 'SuccessfulCreate',
          message: `create Claim ${claim.metadata.name} Pod ${podName} in StatefulSet ${set.metadata.name} success`,
        });
      } catch (e) {
        if (!isAlreadyExists(e)) {
          await ctx.recordEvent({
            object: set,
            type: 'Warning',
            reason: 'FailedCreate',
            message: `create Claim ${claim.metadata.name} for Pod ${podName} in StatefulSet ${set.metadata.name} failed error: ${(e as Error).message}`,
          });
          throw e;
        }
        existing = registry.get(PVC, claim.metadata.namespace, claim.metadata.name!);
      }
    }
  }
  return true;
}

/**
 * persistentVolumeClaimRetentionPolicy.whenScaled: Delete — a pod removed by a scale-down
 * becomes an owner of its claims, so they go with it (Retain, the default, keeps them).
 */
export async function releaseClaimsOnScaleDown(
  ctx: ControllerContext,
  set: KObject,
  pod: KObject,
): Promise<void> {
  if (set.spec?.persistentVolumeClaimRetentionPolicy?.whenScaled !== 'Delete') return;
  for (const claim of claimsFor(set, ordinalOf(pod))) {
    await ctx.registry
      .mutate(PVC, claim.metadata.namespace, claim.metadata.name!, (cur) => {
        const refs = cur.metadata.ownerReferences ?? [];
        if (refs.some((r) => r.uid === pod.metadata.uid)) return undefined;
        return { ...cur, metadata: { ...cur.metadata, ownerReferences: [...refs, claimOwnerRef(pod)] } };
      })
      .catch(() => undefined);
  }
}
