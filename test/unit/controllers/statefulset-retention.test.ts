import { describe, expect, it } from 'vitest';
import type { KObject } from '../../../src/api/types.js';
import { claimsFor } from '../../../src/controllers/statefulset/identity.js';

const set = (policy?: Record<string, string>): KObject => ({
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name: 'web', namespace: 'default', uid: 'set-uid' },
  spec: {
    selector: { matchLabels: { app: 'web' } },
    ...(policy ? { persistentVolumeClaimRetentionPolicy: policy } : {}),
    volumeClaimTemplates: [
      {
        metadata: { name: 'www' },
        spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
      },
    ],
  },
});

describe('StatefulSet claims and persistentVolumeClaimRetentionPolicy', () => {
  it('makes claims owned by the set when whenDeleted is Delete, so they go with it', () => {
    expect(claimsFor(set({ whenDeleted: 'Delete', whenScaled: 'Retain' }), 2)).toEqual([
      {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: {
          name: 'www-web-2',
          namespace: 'default',
          labels: { app: 'web' },
          ownerReferences: [
            {
              apiVersion: 'apps/v1',
              kind: 'StatefulSet',
              name: 'web',
              uid: 'set-uid',
              blockOwnerDeletion: true,
            },
          ],
        },
        spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
      },
    ]);
  });

  it('makes claims nobody owns when the policy is Retain (the default)', () => {
    expect(claimsFor(set(), 0)[0]!.metadata.ownerReferences).toBeUndefined();
  });
});
