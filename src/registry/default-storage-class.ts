// The StorageClass every new home starts with, as kind ships one: `standard`, the default,
// served by mkube's own provisioner, binding when the first pod uses a claim.
import { ANN_DEFAULT_CLASS, DEFAULT_STORAGE_CLASS, MKUBE_PROVISIONER } from '../api/storage.js';
import type { KObject } from '../api/types.js';

export function defaultStorageClass(): KObject {
  return {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name: DEFAULT_STORAGE_CLASS, annotations: { [ANN_DEFAULT_CLASS]: 'true' } },
    provisioner: MKUBE_PROVISIONER,
    reclaimPolicy: 'Delete',
    volumeBindingMode: 'WaitForFirstConsumer',
  };
}
