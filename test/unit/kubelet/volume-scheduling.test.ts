import { describe, expect, it } from 'vitest';
import type { KObject } from '../../../src/api/types.js';
import { computeVolumeScheduling, type VolumeScheduling } from '../../../src/kubelet/claim-volume.js';
import { pv, pvc, sc } from '../controllers/pv-binder/fixtures.js';

const pod = (name: string, volumes: unknown[], mutate: (p: KObject) => void = () => {}): KObject => {
  const p: KObject = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', uid: `uid-${name}` },
    spec: { containers: [{ name: 'c', image: 'busybox' }], volumes },
    status: { phase: 'Pending' },
  };
  mutate(p);
  return p;
};
const claimVolume = (claimName: string) => ({ name: 'data', persistentVolumeClaim: { claimName } });
const boundClaim = pvc('data', (c) => {
  c.spec.volumeName = 'v1';
  c.status.phase = 'Bound';
});
const wffc = sc('standard', (s) => (s.volumeBindingMode = 'WaitForFirstConsumer'));
const CLASSES = [
  wffc,
  sc('local-storage', (s) => {
    s.provisioner = 'kubernetes.io/no-provisioner';
    s.volumeBindingMode = 'WaitForFirstConsumer';
  }),
];
const unschedulable = (reason: string): VolumeScheduling => ({
  type: 'unschedulable',
  message: `0/1 nodes are available: ${reason}. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.`,
});

interface Case {
  name: string;
  pod: KObject;
  claims?: KObject[];
  pods?: KObject[];
  volumes?: KObject[];
  want: VolumeScheduling;
}

const cases: Case[] = [
  {
    name: 'schedules a pod whose claims are bound',
    pod: pod('p', [claimVolume('data')]),
    claims: [boundClaim],
    want: { type: 'ready' },
  },
  {
    name: 'refuses a pod whose claim does not exist',
    pod: pod('p', [claimVolume('nope')]),
    want: unschedulable('persistentvolumeclaim "nope" not found'),
  },
  {
    name: 'refuses a pod whose Immediate claim is not bound',
    pod: pod('p', [claimVolume('data')]),
    claims: [pvc('data')],
    want: unschedulable('pod has unbound immediate PersistentVolumeClaims'),
  },
  {
    name: 'chooses this node for a WaitForFirstConsumer claim, then waits for its volume',
    pod: pod('p', [claimVolume('data')]),
    claims: [pvc('data', (c) => (c.spec.storageClassName = 'standard'))],
    want: { type: 'wait', selectNode: ['data'] },
  },
  {
    name: 'waits without choosing again once the node is chosen',
    pod: pod('p', [claimVolume('data')]),
    claims: [
      pvc('data', (c) => {
        c.spec.storageClassName = 'standard';
        c.metadata.annotations = { 'volume.kubernetes.io/selected-node': 'n' };
      }),
    ],
    want: { type: 'wait', selectNode: [] },
  },
  {
    name: 'waits for the ephemeral volume controller to create an ephemeral claim',
    pod: pod('p', [{ name: 'scratch', ephemeral: { volumeClaimTemplate: { spec: {} } } }]),
    want: { type: 'wait', selectNode: [] },
  },
  {
    name: 'admits one pod only on a ReadWriteOncePod claim',
    pod: pod('second', [claimVolume('data')]),
    claims: [
      pvc('data', (c) => {
        c.spec.accessModes = ['ReadWriteOncePod'];
        c.spec.volumeName = 'v1';
        c.status.phase = 'Bound';
      }),
    ],
    pods: [pod('first', [claimVolume('data')], (p) => (p.spec.nodeName = 'n'))],
    want: {
      type: 'unschedulable',
      message:
        '0/1 nodes are available: 1 node has pod using PersistentVolumeClaim with the same name and ReadWriteOncePod access mode. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.',
    },
  },
  {
    name: 'lets a ReadWriteOncePod claim go to the next pod once the first finished',
    pod: pod('second', [claimVolume('data')]),
    claims: [
      pvc('data', (c) => {
        c.spec.accessModes = ['ReadWriteOncePod'];
        c.spec.volumeName = 'v1';
        c.status.phase = 'Bound';
      }),
    ],
    pods: [
      pod('first', [claimVolume('data')], (p) => {
        p.spec.nodeName = 'n';
        p.status.phase = 'Succeeded';
      }),
    ],
    want: { type: 'ready' },
  },
  {
    name: 'refuses a claim of a class without provisioner when no volume fits',
    pod: pod('p', [claimVolume('data')]),
    claims: [pvc('data', (c) => (c.spec.storageClassName = 'local-storage'))],
    want: {
      type: 'unschedulable',
      message:
        "0/1 nodes are available: 1 node(s) didn't find available persistent volumes to bind. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.",
    },
  },
  {
    name: 'chooses this node for a claim of a class without provisioner when a local volume fits',
    pod: pod('p', [claimVolume('data')]),
    claims: [pvc('data', (c) => (c.spec.storageClassName = 'local-storage'))],
    volumes: [
      pv('local-pv', (v) => {
        v.spec.storageClassName = 'local-storage';
        delete v.spec.hostPath;
        v.spec.local = { path: '/mnt/disks/ssd1' };
      }),
    ],
    want: { type: 'wait', selectNode: ['data'] },
  },
];

describe('computeVolumeScheduling', () => {
  for (const c of cases) {
    it(c.name, () => {
      expect(computeVolumeScheduling(c.pod, c.claims ?? [], CLASSES, c.pods ?? [], c.volumes ?? [])).toEqual(
        c.want,
      );
    });
  }
});
