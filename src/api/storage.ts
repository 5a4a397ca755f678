// Storage vocabulary shared by the write path (admission), the PV controller, the kubelet's
// scheduling step and the printers: annotation and finalizer names as Kubernetes spells them,
// and the small helpers every one of them needs (a claim's class, its requested size, which
// claims a pod uses).
import type { KObject } from './types.js';

/** mkube's own dynamic provisioner: a directory per volume under the state directory. */
export const MKUBE_PROVISIONER = 'mkube.io/local-path';
export const DEFAULT_STORAGE_CLASS = 'standard';

export const ANN_DEFAULT_CLASS = 'storageclass.kubernetes.io/is-default-class';
export const ANN_BETA_DEFAULT_CLASS = 'storageclass.beta.kubernetes.io/is-default-class';
export const ANN_BETA_CLASS = 'volume.beta.kubernetes.io/storage-class';
export const ANN_BIND_COMPLETED = 'pv.kubernetes.io/bind-completed';
export const ANN_BOUND_BY_CONTROLLER = 'pv.kubernetes.io/bound-by-controller';
export const ANN_PROVISIONED_BY = 'pv.kubernetes.io/provisioned-by';
export const ANN_STORAGE_PROVISIONER = 'volume.kubernetes.io/storage-provisioner';
export const ANN_BETA_STORAGE_PROVISIONER = 'volume.beta.kubernetes.io/storage-provisioner';
export const ANN_SELECTED_NODE = 'volume.kubernetes.io/selected-node';

export const PVC_PROTECTION = 'kubernetes.io/pvc-protection';
export const PV_PROTECTION = 'kubernetes.io/pv-protection';

/** The beta annotation wins over spec.storageClassName (storageutil.GetPersistentVolumeClaimClass). */
export function claimClass(pvc: KObject): string {
  return pvc.metadata.annotations?.[ANN_BETA_CLASS] ?? pvc.spec?.storageClassName ?? '';
}

/** The same for a volume (GetPersistentVolumeClass). */
export const volumeClass = claimClass;

/** Whether a class is marked default (either annotation). */
export function isDefaultClass(sc: KObject): boolean {
  const a = sc.metadata.annotations ?? {};
  return a[ANN_DEFAULT_CLASS] === 'true' || a[ANN_BETA_DEFAULT_CLASS] === 'true';
}

/**
 * The class the DefaultStorageClass admission plugin gives a claim without one: among several
 * defaults, the newest (then the first by name), as since Kubernetes 1.26.
 */
export function defaultClassOf(classes: readonly KObject[]): KObject | undefined {
  return [...classes]
    .filter(isDefaultClass)
    .sort(
      (a, b) =>
        (b.metadata.creationTimestamp ?? '').localeCompare(a.metadata.creationTimestamp ?? '') ||
        a.metadata.name!.localeCompare(b.metadata.name!),
    )[0];
}

/** `volumeBindingMode`, defaulted as the API server defaults it. */
export const bindingMode = (sc: KObject | undefined): string => sc?.volumeBindingMode ?? 'Immediate';

/** The claim a pod's volume refers to: a named claim, or the `<pod>-<volume>` of an ephemeral one. */
export function claimNameOf(pod: KObject, volume: any): string | undefined {
  if (volume.persistentVolumeClaim) return volume.persistentVolumeClaim.claimName;
  if (volume.ephemeral) return `${pod.metadata.name}-${volume.name}`;
  return undefined;
}

/** Every claim a pod uses, in volume order, without repeats. */
export function podClaimNames(pod: KObject): string[] {
  const names = (pod.spec?.volumes ?? []).map((v: any) => claimNameOf(pod, v)).filter(Boolean);
  return [...new Set<string>(names)];
}

/** A pod that still holds its volumes: not finished (Succeeded/Failed). */
export const podHoldsVolumes = (pod: KObject): boolean =>
  pod.status?.phase !== 'Succeeded' && pod.status?.phase !== 'Failed';
