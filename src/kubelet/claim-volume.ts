// The kubelet's view of a pod's claims: where a bound claim's volume lives on the host (for the
// mounts), and the scheduler's volume step that runs before a pod is bound to the node (its
// claims must be bound; a WaitForFirstConsumer claim gets the node chosen for it and is
// provisioned first, or bound to a static volume when its class has no provisioner; a
// ReadWriteOncePod claim admits one pod).
import { existsSync } from 'node:fs';
import { lookupKind } from '../api/kinds.js';
import {
  ANN_SELECTED_NODE,
  bindingMode,
  claimClass,
  claimNameOf,
  podClaimNames,
  podHoldsVolumes,
} from '../api/storage.js';
import type { KObject } from '../api/types.js';
import { findBestMatch } from '../api/volume-match.js';
import type { ClaimLookup } from './volumes.js';

const PVC = lookupKind('persistentvolumeclaims')!;
const PV = lookupKind('persistentvolumes')!;

interface Reader {
  get(kind: typeof PVC, namespace: string | undefined, name: string): KObject | undefined;
}

/** ClaimLookup over the registry's reads. */
export function claimLookup(reader: Reader): ClaimLookup {
  return (namespace, name, ownerUid) => {
    const pvc = reader.get(PVC, namespace, name);
    if (!pvc) return { error: `persistentvolumeclaim "${name}" not found` };
    if (ownerUid && !(pvc.metadata.ownerReferences ?? []).some((r) => r.uid === ownerUid && r.controller)) {
      return { error: `PVC ${namespace}/${name} was not created for pod (pod is not owner)` };
    }
    if (pvc.status?.phase !== 'Bound' || !pvc.spec?.volumeName)
      return { error: `persistentvolumeclaim "${name}" is not bound` };
    const pv = reader.get(PV, undefined, pvc.spec.volumeName);
    if (!pv) return { error: `persistentvolume "${pvc.spec.volumeName}" not found` };
    if (pv.spec?.hostPath)
      return { hostPath: { path: pv.spec.hostPath.path, type: pv.spec.hostPath.type ?? '' } };
    if (pv.spec?.local) {
      const path: string = pv.spec.local.path;
      if (!existsSync(path))
        return {
          error: `MountVolume.NewMounter initialization failed for volume "${pv.metadata.name}" : path "${path}" does not exist`,
        };
      return { local: { path } };
    }
    return {
      error: `volume "${pv.metadata.name}" has a source mkube cannot mount (only hostPath and local)`,
    };
  };
}

export type VolumeScheduling =
  | { type: 'ready' }
  /** Claims still being provisioned or created: wait; set the selected node on these first. */
  | { type: 'wait'; selectNode: string[] }
  | { type: 'unschedulable'; message: string };

const NO_PROVISIONER = 'kubernetes.io/no-provisioner';
const PREEMPTION_NOT_HELPFUL =
  'preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.';

/** The scheduler's FailedScheduling message on a one-node cluster. */
const unschedulable = (reason: string, preemption = PREEMPTION_NOT_HELPFUL): VolumeScheduling => ({
  type: 'unschedulable',
  message: `0/1 nodes are available: ${reason}. ${preemption}`,
});

/**
 * The VolumeBinding and VolumeRestrictions steps of the scheduler for `pod`, given its
 * namespace's claims, the classes and the other pods. Pure.
 */
export function computeVolumeScheduling(
  pod: KObject,
  claims: readonly KObject[],
  classes: readonly KObject[],
  pods: readonly KObject[],
  volumes: readonly KObject[] = [],
): VolumeScheduling {
  const selectNode: string[] = [];
  let waiting = false;
  for (const volume of pod.spec?.volumes ?? []) {
    const name = claimNameOf(pod, volume);
    if (!name) continue;
    const claim = claims.find((c) => c.metadata.name === name);
    if (!claim) {
      if (volume.ephemeral) {
        waiting = true;
        continue;
      }
      return unschedulable(`persistentvolumeclaim "${name}" not found`);
    }
    if (claim.metadata.deletionTimestamp)
      return unschedulable(`persistentvolumeclaim "${name}" is being deleted`);
    if ((claim.spec?.accessModes ?? []).includes('ReadWriteOncePod')) {
      const other = pods.some(
        (p) =>
          p.metadata.uid !== pod.metadata.uid &&
          p.spec?.nodeName &&
          podHoldsVolumes(p) &&
          podClaimNames(p).includes(name),
      );
      if (other)
        return unschedulable(
          '1 node has pod using PersistentVolumeClaim with the same name and ReadWriteOncePod access mode',
          'preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.',
        );
    }
    if (claim.spec?.volumeName && claim.status?.phase === 'Bound') continue;
    const sc = classes.find((c) => c.metadata.name === claimClass(claim));
    if (bindingMode(sc) !== 'WaitForFirstConsumer')
      return unschedulable('pod has unbound immediate PersistentVolumeClaims');
    // A class nobody provisions for can only bind to a volume that is already there.
    if (sc?.provisioner === NO_PROVISIONER && !findBestMatch(claim, volumes, false))
      return unschedulable("1 node(s) didn't find available persistent volumes to bind");
    waiting = true;
    if (!claim.metadata.annotations?.[ANN_SELECTED_NODE]) selectNode.push(name);
  }
  return waiting ? { type: 'wait', selectNode } : { type: 'ready' };
}
