// ValidatePersistentVolume and ValidateStorageClass (the parts mkube's binder depends on), in
// the API server's wording: a volume needs access modes, a storage capacity and exactly one
// source; a local volume needs node affinity; a class needs a provisioner.
import type { FieldError, Path } from './field-errors.js';
import type { KObject } from './types.js';

const SOURCES = [
  'awsElasticBlockStore',
  'azureDisk',
  'azureFile',
  'cephfs',
  'cinder',
  'csi',
  'fc',
  'flexVolume',
  'flocker',
  'gcePersistentDisk',
  'glusterfs',
  'hostPath',
  'iscsi',
  'local',
  'nfs',
  'photonPersistentDisk',
  'portworxVolume',
  'quobyte',
  'rbd',
  'scaleIO',
  'storageos',
  'vsphereVolume',
];

const required = (path: Path, detail?: string): FieldError => ({ type: 'Required', path, detail });
const unsupported = (path: Path, value: unknown, supported: string[]): FieldError => ({
  type: 'Unsupported',
  path,
  value,
  supported,
});

export function validatePersistentVolume(pv: KObject): FieldError[] {
  const spec = pv.spec ?? {};
  const errs: FieldError[] = [];
  if (!(spec.accessModes ?? []).length) errs.push(required(['spec', 'accessModes']));
  const capacity = Object.keys(spec.capacity ?? {});
  if (capacity.length === 0) errs.push(required(['spec', 'capacity']));
  for (const key of capacity)
    if (key !== 'storage') errs.push(unsupported(['spec', 'capacity'], key, ['storage']));
  const policy = spec.persistentVolumeReclaimPolicy;
  if (policy !== undefined && !['Delete', 'Recycle', 'Retain'].includes(policy))
    errs.push(
      unsupported(['spec', 'persistentVolumeReclaimPolicy'], policy, ['Delete', 'Recycle', 'Retain']),
    );
  const sources = SOURCES.filter((s) => spec[s] != null);
  if (sources.length === 0) errs.push(required(['spec'], 'must specify a volume type'));
  for (const extra of sources.slice(1))
    errs.push({
      type: 'Forbidden',
      path: ['spec', extra],
      detail: 'may not specify more than 1 volume type',
    });
  if (spec.hostPath && !spec.hostPath.path) errs.push(required(['spec', 'hostPath', 'path']));
  if (spec.local) {
    if (!spec.local.path) errs.push(required(['spec', 'local', 'path']));
    if (!spec.nodeAffinity)
      errs.push(required(['spec', 'nodeAffinity'], 'Local volume requires node affinity'));
  }
  return errs;
}

export function validateStorageClass(sc: KObject): FieldError[] {
  const errs: FieldError[] = [];
  if (!sc.provisioner) errs.push(required(['provisioner']));
  if (sc.reclaimPolicy !== undefined && !['Delete', 'Retain'].includes(sc.reclaimPolicy))
    errs.push(unsupported(['reclaimPolicy'], sc.reclaimPolicy, ['Delete', 'Retain']));
  const mode = sc.volumeBindingMode;
  if (mode !== undefined && !['Immediate', 'WaitForFirstConsumer'].includes(mode))
    errs.push(unsupported(['volumeBindingMode'], mode, ['Immediate', 'WaitForFirstConsumer']));
  return errs;
}
