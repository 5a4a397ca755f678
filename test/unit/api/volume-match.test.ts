import { describe, expect, it } from 'vitest';
import type { KObject } from '../../../src/api/types.js';
import { findBestMatch } from '../../../src/api/volume-match.js';
import { pv, pvc } from '../controllers/pv-binder/fixtures.js';

const small = pv('small', (v) => {
  v.spec.capacity.storage = '1Gi';
});
const medium = pv('medium', (v) => {
  v.spec.capacity.storage = '5Gi';
});
const large = pv('large', (v) => {
  v.spec.capacity.storage = '20Gi';
});

interface Case {
  name: string;
  claim: KObject;
  volumes: KObject[];
  delayBinding?: boolean;
  want: string | undefined;
}

const cases: Case[] = [
  {
    name: 'takes the smallest Available volume that is large enough',
    claim: pvc('c'),
    volumes: [large, small, medium],
    want: 'medium',
  },
  {
    name: 'finds nothing when every volume is too small',
    claim: pvc('c', (c) => {
      c.spec.resources.requests.storage = '50Gi';
    }),
    volumes: [large, small, medium],
    want: undefined,
  },
  {
    name: 'needs every access mode the claim asks for',
    claim: pvc('c', (c) => {
      c.spec.accessModes = ['ReadWriteMany'];
    }),
    volumes: [
      medium,
      pv('rwx', (v) => {
        v.spec.accessModes = ['ReadWriteOnce', 'ReadWriteMany'];
        v.spec.capacity.storage = '30Gi';
      }),
    ],
    want: 'rwx',
  },
  {
    name: 'matches the class exactly: an empty class only finds volumes without one',
    claim: pvc('c', (c) => {
      c.spec.storageClassName = '';
    }),
    volumes: [
      medium,
      pv('classless', (v) => {
        delete v.spec.storageClassName;
      }),
    ],
    want: 'classless',
  },
  {
    name: 'honours the beta class annotation over spec.storageClassName',
    claim: pvc('c', (c) => {
      c.metadata.annotations = { 'volume.beta.kubernetes.io/storage-class': 'fast' };
    }),
    volumes: [
      medium,
      pv('fast', (v) => {
        v.spec.storageClassName = 'fast';
      }),
    ],
    want: 'fast',
  },
  {
    name: 'keeps to volumes whose labels the selector accepts',
    claim: pvc('c', (c) => {
      c.spec.selector = { matchLabels: { tier: 'gold' } };
    }),
    volumes: [
      medium,
      pv('gold', (v) => {
        v.metadata.labels = { tier: 'gold' };
        v.spec.capacity.storage = '40Gi';
      }),
    ],
    want: 'gold',
  },
  {
    name: 'does not mix Block and Filesystem volumes',
    claim: pvc('c', (c) => {
      c.spec.volumeMode = 'Block';
    }),
    volumes: [medium],
    want: undefined,
  },
  {
    name: 'skips volumes already claimed, Released or being deleted',
    claim: pvc('c'),
    volumes: [
      pv('other', (v) => {
        v.spec.claimRef = { namespace: 'default', name: 'other', uid: 'u2' };
        v.status.phase = 'Bound';
      }),
      pv('released', (v) => {
        v.status.phase = 'Released';
      }),
      pv('deleting', (v) => {
        v.metadata.deletionTimestamp = '2026-01-01T00:00:00Z';
      }),
      large,
    ],
    want: 'large',
  },
  {
    name: 'prefers a volume pre-bound to the claim over a smaller free one',
    claim: pvc('c'),
    volumes: [
      medium,
      pv('mine', (v) => {
        v.spec.capacity.storage = '100Gi';
        v.spec.claimRef = { namespace: 'default', name: 'c' };
      }),
    ],
    want: 'mine',
  },
  {
    name: 'leaves free volumes to the scheduler while a WaitForFirstConsumer claim has no node',
    claim: pvc('c'),
    volumes: [medium],
    delayBinding: true,
    want: undefined,
  },
];

describe('findBestMatch', () => {
  for (const c of cases) {
    it(c.name, () => {
      expect(findBestMatch(c.claim, c.volumes, c.delayBinding ?? false)?.metadata.name).toBe(c.want);
    });
  }
});
