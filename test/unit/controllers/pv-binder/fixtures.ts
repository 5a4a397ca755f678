// Small builders for PV controller tests: one base volume, claim and class, changed by mutators.
import type { KObject } from '../../../../src/api/types.js';

export function pv(name: string, mutate: (v: KObject) => void = () => {}): KObject {
  const v: KObject = {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name, uid: `uid-${name}` },
    spec: {
      accessModes: ['ReadWriteOnce'],
      capacity: { storage: '10Gi' },
      hostPath: { path: `/srv/${name}` },
      persistentVolumeReclaimPolicy: 'Retain',
      storageClassName: 'manual',
      volumeMode: 'Filesystem',
    },
    status: { phase: 'Available' },
  };
  mutate(v);
  return v;
}

export function pvc(name: string, mutate: (c: KObject) => void = () => {}): KObject {
  const c: KObject = {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name, namespace: 'default', uid: `uid-${name}`, resourceVersion: '7' },
    spec: {
      accessModes: ['ReadWriteOnce'],
      resources: { requests: { storage: '3Gi' } },
      storageClassName: 'manual',
      volumeMode: 'Filesystem',
    },
    status: { phase: 'Pending' },
  };
  mutate(c);
  return c;
}

export function sc(name: string, mutate: (s: KObject) => void = () => {}): KObject {
  const s: KObject = {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name, creationTimestamp: '2026-01-01T00:00:00Z' },
    provisioner: 'mkube.io/local-path',
    reclaimPolicy: 'Delete',
    volumeBindingMode: 'Immediate',
  };
  mutate(s);
  return s;
}
