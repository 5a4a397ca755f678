// The PersistentVolumeClaims of a StatefulSet pod (`createPersistentVolumeClaims`). Until mkube
// has a PV binder, the claim is bound on creation the way dynamic provisioning would bind it:
// `spec.volumeName: pvc-<claim uid>`, status Bound with the requested capacity. The kubelet
// mounts a Docker volume named after that volumeName, so the data outlives the pod; claims are
// never deleted with pods or on scale-down (the Retain policy).
import { lookupKind } from '../../api/kinds.js';
import type { KObject } from '../../api/types.js';
import { isAlreadyExists } from '../common/errors.js';
import type { ControllerContext } from '../controller.js';
import { claimsFor } from './identity.js';

export const PVC = lookupKind('persistentvolumeclaims')!;

const BIND_ANNOTATIONS = {
  'pv.kubernetes.io/bind-completed': 'yes',
  'pv.kubernetes.io/bound-by-controller': 'yes',
};

/** Bind a claim as a dynamically provisioned volume would be bound. */
export async function bindClaim(ctx: ControllerContext, claim: KObject): Promise<void> {
  const { registry } = ctx;
  const ns = claim.metadata.namespace;
  const name = claim.metadata.name!;
  const uid = claim.metadata.uid;
  const bound = await registry.mutate(PVC, ns, name, (cur) => {
    if (cur.metadata.uid !== uid || cur.spec?.volumeName) return undefined;
    return {
      ...cur,
      metadata: { ...cur.metadata, annotations: { ...cur.metadata.annotations, ...BIND_ANNOTATIONS } },
      spec: { ...cur.spec, volumeName: `pvc-${uid}` },
    };
  });
  const current = bound ?? registry.get(PVC, ns, name);
  if (!current || current.metadata.uid !== uid || current.status?.phase === 'Bound') return;
  await registry.mutate(
    PVC,
    ns,
    name,
    (cur) => {
      if (cur.metadata.uid !== uid) return undefined;
      const storage = cur.spec?.resources?.requests?.storage;
      return {
        ...cur,
        status: {
          phase: 'Bound',
          ...(cur.spec?.accessModes ? { accessModes: [...cur.spec.accessModes] } : {}),
          ...(storage ? { capacity: { storage } } : {}),
        },
      };
    },
    { subresource: 'status' },
  );
}

/**
 * Make sure every claim pod `ordinal` needs exists and is bound. Returns false when one is being
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
    if (existing && existing.status?.phase !== 'Bound') await bindClaim(ctx, existing);
  }
  return true;
}
