import { describe, expect, it } from 'vitest';
import type { KObject } from '../../../../src/api/types.js';
import { type ClaimAction, computeClaimSync } from '../../../../src/controllers/pv-binder/claim-sync.js';
import { pv, pvc, sc } from './fixtures.js';

const base = { nodeName: 'node1', volumesDir: '/home/volumes' };
const pending: ClaimAction = { type: 'phase', phase: 'Pending' };
const lost: ClaimAction = { type: 'phase', phase: 'Lost' };
const ev = (
  type: 'Normal' | 'Warning',
  reason: string,
  message: string,
  component?: string,
): ClaimAction => ({
  type: 'event',
  event: { type, reason, message, ...(component ? { component } : {}) },
});
const EXTERNAL = (p: string) =>
  ev(
    'Normal',
    'ExternalProvisioning',
    `Waiting for a volume to be created either by the external provisioner '${p}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`,
  );

const dynamic = pvc('data', (c) => {
  c.spec.storageClassName = 'standard';
  c.spec.resources.requests.storage = '1Gi';
});
const bound = (mutate: (c: KObject) => void = () => {}) =>
  pvc('c', (c) => {
    c.metadata.annotations = { 'pv.kubernetes.io/bind-completed': 'yes' };
    c.spec.volumeName = 'v1';
    c.status = { phase: 'Bound' };
    mutate(c);
  });

interface Case {
  name: string;
  claim: KObject;
  volumes?: KObject[];
  classes?: KObject[];
  want: ClaimAction[];
}

const cases: Case[] = [
  {
    name: 'binds an unbound claim to the volume that matches',
    claim: pvc('c'),
    volumes: [pv('v1')],
    want: [{ type: 'bind', volume: 'v1' }],
  },
  {
    name: 'stays Pending with FailedBinding when nothing matches and the claim has no class',
    claim: pvc('c', (c) => {
      c.spec.storageClassName = '';
    }),
    volumes: [pv('v1')],
    want: [
      ev(
        'Normal',
        'FailedBinding',
        'no persistent volumes available for this claim and no storage class is set',
      ),
      pending,
    ],
  },
  {
    name: 'says when the class does not exist',
    claim: pvc('c', (c) => {
      c.spec.storageClassName = 'gold';
    }),
    want: [ev('Warning', 'ProvisioningFailed', 'storageclass.storage.k8s.io "gold" not found'), pending],
  },
  {
    name: 'waits for a first consumer in a WaitForFirstConsumer class',
    claim: dynamic,
    classes: [sc('standard', (s) => (s.volumeBindingMode = 'WaitForFirstConsumer'))],
    want: [
      ev('Normal', 'WaitForFirstConsumer', 'waiting for first consumer to be created before binding'),
      pending,
    ],
  },
  {
    name: 'provisions a pre-bound volume on the selected node once the scheduler chose one',
    claim: pvc('data', (c) => {
      c.spec.storageClassName = 'standard';
      c.spec.resources.requests.storage = '1Gi';
      c.metadata.annotations = { 'volume.kubernetes.io/selected-node': 'node9' };
    }),
    classes: [sc('standard', (s) => (s.volumeBindingMode = 'WaitForFirstConsumer'))],
    want: [
      { type: 'annotate-provisioner', provisioner: 'mkube.io/local-path' },
      EXTERNAL('mkube.io/local-path'),
      ev(
        'Normal',
        'Provisioning',
        'External provisioner is provisioning volume for claim "default/data"',
        'mkube.io/local-path',
      ),
      {
        type: 'create-volume',
        volume: {
          apiVersion: 'v1',
          kind: 'PersistentVolume',
          metadata: {
            name: 'pvc-uid-data',
            annotations: { 'pv.kubernetes.io/provisioned-by': 'mkube.io/local-path' },
          },
          spec: {
            accessModes: ['ReadWriteOnce'],
            capacity: { storage: '1Gi' },
            claimRef: {
              apiVersion: 'v1',
              kind: 'PersistentVolumeClaim',
              name: 'data',
              namespace: 'default',
              resourceVersion: '7',
              uid: 'uid-data',
            },
            hostPath: { path: '/home/volumes/pvc-uid-data_default_data', type: 'DirectoryOrCreate' },
            nodeAffinity: {
              required: {
                nodeSelectorTerms: [
                  {
                    matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['node9'] }],
                  },
                ],
              },
            },
            persistentVolumeReclaimPolicy: 'Delete',
            storageClassName: 'standard',
            volumeMode: 'Filesystem',
          },
        },
      },
      ev(
        'Normal',
        'ProvisioningSucceeded',
        'Successfully provisioned volume pvc-uid-data',
        'mkube.io/local-path',
      ),
      pending,
    ],
  },
  {
    name: 'provisions only once: the volume made earlier is bound on the next pass',
    claim: pvc('data', (c) => {
      c.spec.storageClassName = 'standard';
      c.metadata.annotations = {
        'volume.kubernetes.io/storage-provisioner': 'mkube.io/local-path',
      };
    }),
    classes: [sc('standard')],
    volumes: [
      pv('pvc-uid-data', (v) => {
        v.spec.storageClassName = 'standard';
        v.spec.claimRef = { namespace: 'default', name: 'data', uid: 'uid-data' };
        v.status.phase = 'Pending';
      }),
    ],
    want: [{ type: 'bind', volume: 'pvc-uid-data' }],
  },
  {
    name: 'leaves other provisioners to themselves, saying it waits for them',
    claim: dynamic,
    classes: [sc('standard', (s) => (s.provisioner = 'ebs.csi.aws.com'))],
    want: [
      { type: 'annotate-provisioner', provisioner: 'ebs.csi.aws.com' },
      EXTERNAL('ebs.csi.aws.com'),
      pending,
    ],
  },
  {
    name: 'binds a claim that names a free volume that fits',
    claim: pvc('c', (c) => (c.spec.volumeName = 'v1')),
    volumes: [pv('v1')],
    want: [{ type: 'bind', volume: 'v1' }],
  },
  {
    name: 'refuses a named volume that is too small',
    claim: pvc('c', (c) => (c.spec.volumeName = 'v1')),
    volumes: [pv('v1', (v) => (v.spec.capacity.storage = '1Gi'))],
    want: [
      ev('Warning', 'VolumeMismatch', 'Cannot bind to requested volume "v1": requested PV is too small'),
      pending,
    ],
  },
  {
    name: 'refuses a named volume bound to another claim',
    claim: pvc('c', (c) => (c.spec.volumeName = 'v1')),
    volumes: [pv('v1', (v) => (v.spec.claimRef = { namespace: 'default', name: 'other', uid: 'u9' }))],
    want: [ev('Warning', 'FailedBinding', 'volume "v1" already bound to a different claim.'), pending],
  },
  {
    name: 'waits quietly for a named volume that does not exist yet',
    claim: pvc('c', (c) => (c.spec.volumeName = 'v1')),
    want: [pending],
  },
  {
    name: 'keeps a bound claim bound',
    claim: bound(),
    volumes: [pv('v1', (v) => (v.spec.claimRef = { namespace: 'default', name: 'c', uid: 'uid-c' }))],
    want: [{ type: 'bind', volume: 'v1' }],
  },
  {
    name: 'marks a bound claim Lost when its volume is gone',
    claim: bound(),
    want: [
      ev('Warning', 'ClaimLost', 'Bound claim has lost its PersistentVolume. Data on the volume is lost!'),
      lost,
    ],
  },
  {
    name: 'marks a bound claim Lost when its volume belongs to another claim',
    claim: bound(),
    volumes: [pv('v1', (v) => (v.spec.claimRef = { namespace: 'default', name: 'c', uid: 'someone-else' }))],
    want: [
      ev(
        'Warning',
        'ClaimMisbound',
        'Two claims are bound to the same volume, this one is bound incorrectly',
      ),
      lost,
    ],
  },
  {
    name: 'says nothing more about a claim already Lost',
    claim: bound((c) => (c.status.phase = 'Lost')),
    want: [],
  },
];

describe('computeClaimSync', () => {
  for (const c of cases) {
    it(c.name, () => {
      expect(
        computeClaimSync({ ...base, claim: c.claim, volumes: c.volumes ?? [], classes: c.classes ?? [] }),
      ).toEqual(c.want);
    });
  }
});

describe('computeClaimSync: expansion', () => {
  const grown = bound((c) => {
    c.spec.storageClassName = 'standard';
    c.spec.resources.requests.storage = '20Gi';
  });
  const volume = pv('v1', (v) => (v.spec.claimRef = { namespace: 'default', name: 'c', uid: 'uid-c' }));

  it('grows the volume of a bound claim whose class allows expansion', () => {
    const classes = [sc('standard', (s) => (s.allowVolumeExpansion = true))];
    const resizer = 'external-resizer mkube.io/local-path';
    expect(computeClaimSync({ ...base, claim: grown, volumes: [volume], classes })).toEqual([
      ev('Normal', 'Resizing', 'External resizer is resizing volume v1', resizer),
      { type: 'expand', volume: 'v1', storage: '20Gi' },
      ev('Normal', 'VolumeResizeSuccessful', 'Resize volume succeeded', resizer),
      { type: 'bind', volume: 'v1' },
    ]);
  });

  it('does not grow it when the class does not allow expansion', () => {
    expect(computeClaimSync({ ...base, claim: grown, volumes: [volume], classes: [sc('standard')] })).toEqual(
      [{ type: 'bind', volume: 'v1' }],
    );
  });
});
