// mkube's dynamic provisioner (`mkube.io/local-path`), shaped like the local-path provisioner
// kind ships: a claim gets a hostPath volume `pvc-<claim uid>` whose directory lives under the
// state directory (so `mkube reset` removes it with the rest), pinned to the node that asked.
import { join } from 'node:path';
import { ANN_PROVISIONED_BY, MKUBE_PROVISIONER } from '../../api/storage.js';
import type { KObject } from '../../api/types.js';

export interface ProvisionInput {
  claim: KObject;
  sc: KObject;
  nodeName: string;
  volumesDir: string;
}

export const provisionedName = (claim: KObject) => `pvc-${claim.metadata.uid}`;

/** The directory of a provisioned volume: `<volumesDir>/pvc-<uid>_<namespace>_<claim>`. */
export const provisionedPath = (volumesDir: string, claim: KObject) =>
  join(volumesDir, `${provisionedName(claim)}_${claim.metadata.namespace}_${claim.metadata.name}`);

/** The PersistentVolume the provisioner creates for a claim, already pre-bound to it. */
export function provisionedVolume({ claim, sc, nodeName, volumesDir }: ProvisionInput): KObject {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: {
      name: provisionedName(claim),
      annotations: { [ANN_PROVISIONED_BY]: MKUBE_PROVISIONER },
    },
    spec: {
      accessModes: [...(claim.spec?.accessModes ?? [])],
      capacity: { storage: claim.spec?.resources?.requests?.storage ?? '0' },
      claimRef: {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        name: claim.metadata.name,
        namespace: claim.metadata.namespace,
        resourceVersion: claim.metadata.resourceVersion,
        uid: claim.metadata.uid,
      },
      hostPath: { path: provisionedPath(volumesDir, claim), type: 'DirectoryOrCreate' },
      ...(sc.mountOptions ? { mountOptions: [...sc.mountOptions] } : {}),
      nodeAffinity: {
        required: {
          nodeSelectorTerms: [
            { matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [nodeName] }] },
          ],
        },
      },
      persistentVolumeReclaimPolicy: sc.reclaimPolicy ?? 'Delete',
      storageClassName: sc.metadata.name,
      volumeMode: claim.spec?.volumeMode ?? 'Filesystem',
    },
  };
}

/** Whether mkube's provisioner made this volume (and so deletes it). */
export const isProvisionedByMkube = (pv: KObject) =>
  pv.metadata.annotations?.[ANN_PROVISIONED_BY] === MKUBE_PROVISIONER;
