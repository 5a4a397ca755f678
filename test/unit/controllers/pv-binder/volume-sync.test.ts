import { describe, expect, it } from 'vitest';
import type { KObject } from '../../../../src/api/types.js';
import { computeVolumeSync, type VolumeAction } from '../../../../src/controllers/pv-binder/volume-sync.js';
import { pv, pvc } from './fixtures.js';

const claimed = (mutate: (v: KObject) => void = () => {}) =>
  pv('v1', (v) => {
    v.spec.claimRef = { namespace: 'default', name: 'c', uid: 'uid-c' };
    v.status.phase = 'Bound';
    mutate(v);
  });
const boundClaim = pvc('c', (c) => (c.spec.volumeName = 'v1'));

interface Case {
  name: string;
  volume: KObject;
  claim?: KObject;
  want: VolumeAction[];
}

const cases: Case[] = [
  {
    name: 'makes a new volume Available',
    volume: pv('v1', (v) => (v.status.phase = 'Pending')),
    want: [{ type: 'phase', phase: 'Available' }],
  },
  {
    name: 'keeps a volume pre-bound by name (no uid yet) Available for its claim',
    volume: pv('v1', (v) => {
      v.spec.claimRef = { namespace: 'default', name: 'c' };
      v.status.phase = 'Pending';
    }),
    want: [{ type: 'phase', phase: 'Available' }],
  },
  {
    name: 'marks a volume Bound once its claim points back at it',
    volume: claimed((v) => (v.status.phase = 'Available')),
    claim: boundClaim,
    want: [{ type: 'phase', phase: 'Bound' }],
  },
  { name: 'does nothing to a volume that is already Bound', volume: claimed(), claim: boundClaim, want: [] },
  {
    name: 'releases a Retain volume when its claim is gone and keeps the data',
    volume: claimed(),
    want: [{ type: 'phase', phase: 'Released' }],
  },
  {
    name: 'treats a claim of the same name but another uid as gone',
    volume: claimed(),
    claim: pvc('c', (c) => (c.metadata.uid = 'new')),
    want: [{ type: 'phase', phase: 'Released' }],
  },
  {
    name: 'deletes the data and the volume mkube provisioned (Delete)',
    volume: claimed((v) => {
      v.metadata.annotations = { 'pv.kubernetes.io/provisioned-by': 'mkube.io/local-path' };
      v.spec.persistentVolumeReclaimPolicy = 'Delete';
      v.spec.hostPath.path = '/home/volumes/pvc-1';
    }),
    want: [
      { type: 'phase', phase: 'Released' },
      { type: 'remove-data', path: '/home/volumes/pvc-1' },
      { type: 'delete-volume' },
    ],
  },
  {
    name: 'fails Delete on a hostPath outside /tmp as the hostPath deleter does',
    volume: claimed((v) => (v.spec.persistentVolumeReclaimPolicy = 'Delete')),
    want: [
      { type: 'phase', phase: 'Released' },
      {
        type: 'event',
        event: {
          type: 'Warning',
          reason: 'VolumeFailedDelete',
          message: 'host_path deleter only supports /tmp/.+ but received provided /srv/v1',
        },
      },
      {
        type: 'phase',
        phase: 'Failed',
        message: 'host_path deleter only supports /tmp/.+ but received provided /srv/v1',
      },
    ],
  },
  {
    name: 'recycles: wipes the data and offers the volume again',
    volume: claimed((v) => {
      v.spec.persistentVolumeReclaimPolicy = 'Recycle';
      v.metadata.annotations = { 'pv.kubernetes.io/bound-by-controller': 'yes' };
    }),
    want: [
      { type: 'phase', phase: 'Released' },
      { type: 'wipe-data', path: '/srv/v1' },
      { type: 'unbind', keepName: false },
      { type: 'phase', phase: 'Available' },
      { type: 'event', event: { type: 'Normal', reason: 'VolumeRecycled', message: 'Volume recycled' } },
    ],
  },
  {
    name: 'leaves a Failed volume to the administrator',
    volume: claimed((v) => (v.status.phase = 'Failed')),
    want: [],
  },
  {
    name: 'gives back a volume the controller took when its claim went to another volume',
    volume: claimed((v) => {
      v.metadata.annotations = { 'pv.kubernetes.io/bound-by-controller': 'yes' };
    }),
    claim: pvc('c', (c) => (c.spec.volumeName = 'v2')),
    want: [
      { type: 'unbind', keepName: false },
      { type: 'phase', phase: 'Available' },
    ],
  },
];

describe('computeVolumeSync', () => {
  for (const c of cases) {
    it(c.name, () => {
      expect(computeVolumeSync(c.volume, c.claim)).toEqual(c.want);
    });
  }
});
