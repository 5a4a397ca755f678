// One volume's step of the PV controller (syncVolume / reclaimVolume): its phase from its
// claimRef and that claim, and what its reclaim policy does once the claim is gone — Retain
// keeps it Released with its data, Delete removes data and volume (the provisioner's own
// volumes, or a hostPath under /tmp as the hostPath deleter allows), Recycle wipes the data
// and makes it Available again. Pure.
import { ANN_BOUND_BY_CONTROLLER } from '../../api/storage.js';
import type { KObject } from '../../api/types.js';
import type { BinderEvent } from './claim-sync.js';
import { isProvisionedByMkube } from './provision.js';

export type VolumePhase = 'Available' | 'Bound' | 'Released' | 'Failed';

export type VolumeAction =
  | { type: 'phase'; phase: VolumePhase; message?: string }
  /** Forget the claim (claimRef removed, or only its uid when a user pre-bound the volume). */
  | { type: 'unbind'; keepName: boolean }
  /** Remove the directory with the data (Delete). */
  | { type: 'remove-data'; path: string }
  /** Remove what is inside the directory, keeping it (Recycle). */
  | { type: 'wipe-data'; path: string }
  | { type: 'delete-volume' }
  | { type: 'event'; event: BinderEvent };

/** The directory holding a volume's data, for the sources mkube knows. */
export const dataPath = (pv: KObject): string | undefined => pv.spec?.hostPath?.path ?? pv.spec?.local?.path;

/** `claim` is the one the volume's claimRef names (by namespace/name), if it exists. */
export function computeVolumeSync(pv: KObject, claim: KObject | undefined): VolumeAction[] {
  if (pv.metadata.deletionTimestamp) return [];
  const phase = pv.status?.phase;
  const setPhase = (p: VolumePhase): VolumeAction[] => (phase === p ? [] : [{ type: 'phase', phase: p }]);
  const ref = pv.spec?.claimRef;
  // Unbound, or pre-bound by a user to a claim that has not bound yet.
  if (!ref?.uid) return setPhase('Available');
  if (claim && claim.metadata.uid === ref.uid) {
    if (claim.spec?.volumeName === pv.metadata.name) return setPhase('Bound');
    if (!claim.spec?.volumeName) return []; // the claim's step binds it
    // The claim went to another volume: give this one back if the controller took it.
    if (pv.metadata.annotations?.[ANN_BOUND_BY_CONTROLLER])
      return [{ type: 'unbind', keepName: false }, ...setPhase('Available')];
    return [];
  }
  // The claim is gone: release and reclaim.
  if (phase === 'Failed') return [];
  const actions: VolumeAction[] = setPhase('Released');
  return [...actions, ...reclaim(pv)];
}

function reclaim(pv: KObject): VolumeAction[] {
  const policy = pv.spec?.persistentVolumeReclaimPolicy ?? 'Retain';
  const path = dataPath(pv);
  const name = pv.metadata.name!;
  if (policy === 'Retain') return [];
  if (policy === 'Recycle') {
    if (!path) return failed('VolumeFailedRecycle', `No recycler plugin found for the volume!`);
    return [
      { type: 'wipe-data', path },
      { type: 'unbind', keepName: !pv.metadata.annotations?.[ANN_BOUND_BY_CONTROLLER] },
      { type: 'phase', phase: 'Available' },
      { type: 'event', event: { type: 'Normal', reason: 'VolumeRecycled', message: 'Volume recycled' } },
    ];
  }
  // Delete
  if (isProvisionedByMkube(pv) || (pv.spec?.hostPath && /^\/tmp\/.+/.test(pv.spec.hostPath.path))) {
    return [...(path ? [{ type: 'remove-data' as const, path }] : []), { type: 'delete-volume' }];
  }
  if (pv.spec?.hostPath) {
    return failed(
      'VolumeFailedDelete',
      `host_path deleter only supports /tmp/.+ but received provided ${path}`,
    );
  }
  return failed(
    'VolumeFailedDelete',
    `error getting deleter volume plugin for volume "${name}": no deletable volume plugin matched`,
  );
}

function failed(reason: string, message: string): VolumeAction[] {
  return [
    { type: 'event', event: { type: 'Warning', reason, message } },
    { type: 'phase', phase: 'Failed', message },
  ];
}
