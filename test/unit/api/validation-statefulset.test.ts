import { describe, expect, it } from 'vitest';
import { validateObject } from '../../../src/api/validation.js';

const sts = (volumeMount: string) => ({
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name: 'web', namespace: 'default' },
  spec: {
    serviceName: 'nginx',
    replicas: 2,
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: {
        containers: [
          { name: 'c', image: 'busybox:1.36', volumeMounts: [{ name: volumeMount, mountPath: '/data' }] },
        ],
      },
    },
    volumeClaimTemplates: [
      {
        metadata: { name: 'www' },
        spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
      },
    ],
  },
});

describe('StatefulSet validation', () => {
  it('accepts containers mounting a volumeClaimTemplate by name', () => {
    expect(validateObject(sts('www'), true)).toEqual([]);
  });
  it('still rejects a mount of a volume that is neither a volume nor a claim template', () => {
    expect(validateObject(sts('nope'), true).map((e: any) => e.field ?? e.path ?? e)).toHaveLength(1);
  });
});
