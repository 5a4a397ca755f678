// PersistentVolume and PersistentVolumeClaim strategies: the admission plugins of the API
// server that touch them — DefaultStorageClass (a claim without a class gets the default one),
// StorageObjectInUseProtection (the pvc-/pv-protection finalizers on create) and
// PersistentVolumeClaimResize (a bound claim grows only when its class allows expansion) — and
// the Recycle deprecation warning.
import { ApiError } from '../../api/errors.js';
import { lookupKind } from '../../api/kinds.js';
import { parseQuantity } from '../../api/quantity.js';
import {
  ANN_BETA_CLASS,
  claimClass,
  defaultClassOf,
  PV_PROTECTION,
  PVC_PROTECTION,
} from '../../api/storage.js';
import type { KObject } from '../../api/types.js';
import type { StoreReader } from '../../state/types.js';
import type { Strategy } from '../strategy-types.js';

const PVC = lookupKind('persistentvolumeclaims')!;
const STORAGE_CLASS = lookupKind('storageclasses')!;

const withFinalizer = (obj: KObject, finalizer: string): KObject =>
  obj.metadata.finalizers?.includes(finalizer)
    ? obj
    : { ...obj, metadata: { ...obj.metadata, finalizers: [...(obj.metadata.finalizers ?? []), finalizer] } };

/** The claim to store on create: with the default class and the protection finalizer. */
export function admitNewClaim(claim: KObject, classes: readonly KObject[]): KObject {
  let out = withFinalizer(claim, PVC_PROTECTION);
  const hasClass = out.spec?.storageClassName != null || ANN_BETA_CLASS in (out.metadata.annotations ?? {});
  const def = hasClass ? undefined : defaultClassOf(classes);
  if (def) out = { ...out, spec: { ...out.spec, storageClassName: def.metadata.name } };
  return out;
}

const size = (q: unknown) => parseQuantity(q)?.nanos ?? 0n;

/** PersistentVolumeClaimResize: a grown request needs a class with allowVolumeExpansion. */
export function checkResize(next: KObject, live: KObject, classes: readonly KObject[]): void {
  const want = size(next.spec?.resources?.requests?.storage);
  const had = size(live.spec?.resources?.requests?.storage);
  if (want <= had || !live.spec?.volumeName) return;
  const sc = classes.find((c) => c.metadata.name === claimClass(live));
  if (sc?.allowVolumeExpansion === true) return;
  throw new ApiError(
    'Forbidden',
    `persistentvolumeclaims "${live.metadata.name}" is forbidden: only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize`,
  );
}

export const persistentVolumeClaimStrategy: Strategy = {
  admit(obj, current: StoreReader) {
    const classes = current.list(STORAGE_CLASS);
    const live = current.get(PVC, obj.metadata.namespace, obj.metadata.name!);
    if (!live) return admitNewClaim(obj, classes);
    checkResize(obj, live, classes);
    return obj;
  },
};

export const persistentVolumeStrategy: Strategy = {
  admit(obj, current: StoreReader) {
    const live = current.get(lookupKind('persistentvolumes')!, undefined, obj.metadata.name!);
    return live ? obj : withFinalizer(obj, PV_PROTECTION);
  },
  warnings: (obj) =>
    obj.spec?.persistentVolumeReclaimPolicy === 'Recycle'
      ? [
          'spec.persistentVolumeReclaimPolicy: The Recycle reclaim policy is deprecated. Instead, the recommended approach is to use dynamic provisioning.',
        ]
      : [],
};
