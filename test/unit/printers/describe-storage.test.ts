import { describe, expect, it } from 'vitest';
import type { KObject } from '../../../src/api/types.js';
import {
  describePersistentVolume,
  describePersistentVolumeClaim,
  describeStorageClass,
} from '../../../src/printers/describe/storage.js';

const NOW = Date.parse('2026-01-01T00:01:00Z');

const volume: KObject = {
  apiVersion: 'v1',
  kind: 'PersistentVolume',
  metadata: {
    name: 'pvc-1',
    annotations: { 'pv.kubernetes.io/provisioned-by': 'mkube.io/local-path' },
    finalizers: ['kubernetes.io/pv-protection'],
  },
  spec: {
    accessModes: ['ReadWriteOnce'],
    capacity: { storage: '1Gi' },
    claimRef: { namespace: 'default', name: 'data' },
    hostPath: { path: '/home/volumes/pvc-1_default_data', type: 'DirectoryOrCreate' },
    nodeAffinity: {
      required: {
        nodeSelectorTerms: [
          { matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['vm'] }] },
        ],
      },
    },
    persistentVolumeReclaimPolicy: 'Delete',
    storageClassName: 'standard',
    volumeMode: 'Filesystem',
  },
  status: { phase: 'Bound' },
};

describe('describe for storage kinds', () => {
  it('prints a PersistentVolume as kubectl 1.32', () => {
    expect(describePersistentVolume(volume, [], NOW)).toBe(
      [
        'Name:              pvc-1',
        'Labels:            <none>',
        'Annotations:       pv.kubernetes.io/provisioned-by: mkube.io/local-path',
        'Finalizers:        [kubernetes.io/pv-protection]',
        'StorageClass:      standard',
        'Status:            Bound',
        'Claim:             default/data',
        'Reclaim Policy:    Delete',
        'Access Modes:      RWO',
        'VolumeMode:        Filesystem',
        'Capacity:          1Gi',
        'Node Affinity:     ',
        '  Required Terms:  ',
        '    Term 0:        kubernetes.io/hostname in [vm]',
        'Message:           ',
        'Source:',
        '    Type:          HostPath (bare host directory volume)',
        '    Path:          /home/volumes/pvc-1_default_data',
        '    HostPathType:  DirectoryOrCreate',
        'Events:            <none>',
        '',
      ].join('\n'),
    );
  });

  it('prints a Terminating claim with the pods that use it', () => {
    const claim: KObject = {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: {
        name: 'data',
        namespace: 'default',
        deletionTimestamp: '2026-01-01T00:00:30Z',
        finalizers: ['kubernetes.io/pvc-protection'],
      },
      spec: { storageClassName: 'standard', volumeName: 'pvc-1', volumeMode: 'Filesystem' },
      status: { phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '1Gi' } },
    };
    const pod = (name: string): KObject => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace: 'default' },
      spec: { volumes: [{ name: 'v', persistentVolumeClaim: { claimName: 'data' } }] },
    });
    expect(describePersistentVolumeClaim(claim, [pod('web-b'), pod('web-a')], undefined, NOW)).toBe(
      [
        'Name:          data',
        'Namespace:     default',
        'StorageClass:  standard',
        'Status:        Terminating (lasts 30s)',
        'Volume:        pvc-1',
        'Labels:        <none>',
        'Annotations:   <none>',
        'Finalizers:    [kubernetes.io/pvc-protection]',
        'Capacity:      1Gi',
        'Access Modes:  RWO',
        'VolumeMode:    Filesystem',
        'Used By:       web-a',
        '               web-b',
        '',
      ].join('\n'),
    );
  });

  it('prints a StorageClass as kubectl 1.32', () => {
    const sc: KObject = {
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: { name: 'standard', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
      provisioner: 'mkube.io/local-path',
      reclaimPolicy: 'Delete',
      volumeBindingMode: 'WaitForFirstConsumer',
    };
    expect(describeStorageClass(sc, [], NOW)).toBe(
      [
        'Name:                  standard',
        'IsDefaultClass:        Yes',
        'Annotations:           storageclass.kubernetes.io/is-default-class=true',
        'Provisioner:           mkube.io/local-path',
        'Parameters:            <none>',
        'AllowVolumeExpansion:  Unset',
        'MountOptions:          <none>',
        'ReclaimPolicy:         Delete',
        'VolumeBindingMode:     WaitForFirstConsumer',
        'Events:                <none>',
        '',
      ].join('\n'),
    );
  });
});
