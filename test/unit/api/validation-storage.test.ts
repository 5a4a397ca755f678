import { describe, expect, it } from 'vitest';
import { validatePersistentVolume, validateStorageClass } from '../../../src/api/validation-storage.js';

describe('PersistentVolume and StorageClass validation', () => {
  it('accepts a hostPath volume with modes and a capacity', () => {
    expect(
      validatePersistentVolume({
        apiVersion: 'v1',
        kind: 'PersistentVolume',
        metadata: { name: 'v' },
        spec: { accessModes: ['ReadWriteOnce'], capacity: { storage: '1Gi' }, hostPath: { path: '/srv' } },
      }),
    ).toEqual([]);
  });

  it('wants modes, a storage capacity, one source, and node affinity for a local volume', () => {
    expect(
      validatePersistentVolume({
        apiVersion: 'v1',
        kind: 'PersistentVolume',
        metadata: { name: 'v' },
        spec: { capacity: { cpu: '1' }, local: { path: '/x' }, hostPath: { path: '/y' } },
      }),
    ).toEqual([
      { type: 'Required', path: ['spec', 'accessModes'], detail: undefined },
      { type: 'Unsupported', path: ['spec', 'capacity'], value: 'cpu', supported: ['storage'] },
      { type: 'Forbidden', path: ['spec', 'local'], detail: 'may not specify more than 1 volume type' },
      { type: 'Required', path: ['spec', 'nodeAffinity'], detail: 'Local volume requires node affinity' },
    ]);
  });

  it('wants a provisioner and known policies on a class', () => {
    expect(
      validateStorageClass({
        apiVersion: 'storage.k8s.io/v1',
        kind: 'StorageClass',
        metadata: { name: 's' },
        reclaimPolicy: 'Recycle',
        volumeBindingMode: 'Later',
      }),
    ).toEqual([
      { type: 'Required', path: ['provisioner'], detail: undefined },
      { type: 'Unsupported', path: ['reclaimPolicy'], value: 'Recycle', supported: ['Delete', 'Retain'] },
      {
        type: 'Unsupported',
        path: ['volumeBindingMode'],
        value: 'Later',
        supported: ['Immediate', 'WaitForFirstConsumer'],
      },
    ]);
  });
});
