import { describe, expect, it } from 'vitest';
import { admitNewClaim, checkResize } from '../../../src/registry/strategies/storage.js';
import { pvc, sc } from '../controllers/pv-binder/fixtures.js';

const standard = sc('standard', (s) => {
  s.metadata.annotations = { 'storageclass.kubernetes.io/is-default-class': 'true' };
});

describe('claim admission', () => {
  it('gives a claim without a class the default class and the pvc-protection finalizer', () => {
    const claim = pvc('c', (c) => delete c.spec.storageClassName);
    expect(admitNewClaim(claim, [sc('other'), standard])).toEqual(
      pvc('c', (c) => {
        c.spec.storageClassName = 'standard';
        c.metadata.finalizers = ['kubernetes.io/pvc-protection'];
      }),
    );
  });

  it('leaves an empty class empty: it asks for a volume without class', () => {
    const claim = pvc('c', (c) => (c.spec.storageClassName = ''));
    expect(admitNewClaim(claim, [standard]).spec.storageClassName).toBe('');
  });

  it('allows a bound claim to grow only in a class that allows expansion', () => {
    const live = pvc('c', (c) => {
      c.spec.volumeName = 'v1';
      c.spec.storageClassName = 'standard';
    });
    const grown = pvc('c', (c) => {
      c.spec.volumeName = 'v1';
      c.spec.storageClassName = 'standard';
      c.spec.resources.requests.storage = '5Gi';
    });
    expect(() => checkResize(grown, live, [standard])).toThrow(
      'persistentvolumeclaims "c" is forbidden: only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize',
    );
    const expandable = sc('standard', (s) => (s.allowVolumeExpansion = true));
    expect(() => checkResize(grown, live, [expandable])).not.toThrow();
  });
});
