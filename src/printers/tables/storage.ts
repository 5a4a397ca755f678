// persistentvolumes, persistentvolumeclaims and storageclasses.
import type { KObject } from '../../api/types.js';
import { since } from '../duration.js';
import { AGE, accessModesString, type KindTable, NAME, wide } from './common.js';

const BETA_CLASS = 'volume.beta.kubernetes.io/storage-class';
const age = (obj: KObject, now: number) => since(obj.metadata.creationTimestamp, now);

/** The beta annotation wins over spec.storageClassName, as in storageutil. */
const storageClass = (obj: KObject): string =>
  obj.metadata.annotations?.[BETA_CLASS] ?? obj.spec?.storageClassName ?? '';

export const persistentvolumes: KindTable = {
  columns: [
    NAME,
    { name: 'Capacity' },
    { name: 'Access Modes' },
    { name: 'Reclaim Policy' },
    { name: 'Status' },
    { name: 'Claim' },
    { name: 'StorageClass' },
    { name: 'VolumeAttributesClass' },
    { name: 'Reason' },
    AGE,
    wide('VolumeMode'),
  ],
  cells(pv, now) {
    const ref = pv.spec?.claimRef;
    return [
      pv.metadata.name,
      pv.spec?.capacity?.storage ?? '0',
      accessModesString(pv.spec?.accessModes),
      pv.spec?.persistentVolumeReclaimPolicy ?? '',
      pv.metadata.deletionTimestamp ? 'Terminating' : (pv.status?.phase ?? ''),
      ref ? `${ref.namespace ?? ''}/${ref.name ?? ''}` : '',
      storageClass(pv),
      pv.spec?.volumeAttributesClassName ?? '<unset>',
      pv.status?.reason ?? '',
      age(pv, now),
      pv.spec?.volumeMode ?? '<unset>',
    ];
  },
};

export const persistentvolumeclaims: KindTable = {
  columns: [
    NAME,
    { name: 'Status' },
    { name: 'Volume' },
    { name: 'Capacity' },
    { name: 'Access Modes' },
    { name: 'StorageClass' },
    { name: 'VolumeAttributesClass' },
    AGE,
    wide('VolumeMode'),
  ],
  cells(pvc, now) {
    const bound = !!pvc.spec?.volumeName;
    return [
      pvc.metadata.name,
      pvc.metadata.deletionTimestamp ? 'Terminating' : (pvc.status?.phase ?? ''),
      pvc.spec?.volumeName ?? '',
      bound ? (pvc.status?.capacity?.storage ?? '0') : '',
      bound ? accessModesString(pvc.status?.accessModes) : '',
      storageClass(pvc),
      pvc.spec?.volumeAttributesClassName ?? '<unset>',
      age(pvc, now),
      pvc.spec?.volumeMode ?? '<unset>',
    ];
  },
};

export const storageclasses: KindTable = {
  columns: [
    NAME,
    { name: 'Provisioner' },
    { name: 'ReclaimPolicy' },
    { name: 'VolumeBindingMode' },
    { name: 'AllowVolumeExpansion' },
    AGE,
  ],
  cells(sc, now) {
    const annotations = sc.metadata.annotations ?? {};
    const isDefault =
      annotations['storageclass.kubernetes.io/is-default-class'] === 'true' ||
      annotations['storageclass.beta.kubernetes.io/is-default-class'] === 'true';
    return [
      isDefault ? `${sc.metadata.name} (default)` : sc.metadata.name,
      sc.provisioner ?? '',
      sc.reclaimPolicy ?? 'Delete',
      sc.volumeBindingMode ?? 'Immediate',
      sc.allowVolumeExpansion === true,
      age(sc, now),
    ];
  },
};
