import { describe, expect, it } from 'vitest';
import type { KObject } from '../../../src/api/types.js';
import { decideDependent, decideOwner, type OwnerState } from '../../../src/controllers/gc/decide.js';

const ref = (uid: string, block = true) => ({
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  name: uid,
  uid,
  controller: true,
  blockOwnerDeletion: block,
});

const obj = (mut: Partial<KObject['metadata']> = {}): KObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', namespace: 'default', uid: 'dep', ...mut },
});

const states = (m: Record<string, OwnerState>) => (uid: string) => m[uid] ?? 'solid';

describe('decideDependent', () => {
  const cases: {
    name: string;
    obj: KObject;
    owners: Record<string, OwnerState>;
    deps?: boolean;
    expect: unknown;
  }[] = [
    { name: 'an object without owners is left alone', obj: obj(), owners: {}, expect: { action: 'none' } },
    {
      name: 'an object whose owner exists is left alone',
      obj: obj({ ownerReferences: [ref('a')] }),
      owners: { a: 'solid' },
      expect: { action: 'none' },
    },
    {
      name: 'an object whose only owner is gone is deleted in the background',
      obj: obj({ ownerReferences: [ref('a')] }),
      owners: { a: 'dangling' },
      expect: { action: 'delete', propagation: 'Background' },
    },
    {
      name: 'an object with one owner left only loses the dangling reference',
      obj: obj({ ownerReferences: [ref('a'), ref('b')] }),
      owners: { a: 'dangling', b: 'solid' },
      expect: { action: 'remove-refs', uids: ['a'] },
    },
    {
      name: 'an object whose owner waits in the foreground and which has dependents goes in the foreground',
      obj: obj({ ownerReferences: [ref('a')] }),
      owners: { a: 'waiting' },
      deps: true,
      expect: { action: 'delete', propagation: 'Foreground' },
    },
    {
      name: 'a leaf whose owner waits in the foreground is deleted in the background',
      obj: obj({ ownerReferences: [ref('a')] }),
      owners: { a: 'waiting' },
      expect: { action: 'delete', propagation: 'Background' },
    },
    {
      name: 'an object already being deleted is left to finish',
      obj: obj({ ownerReferences: [ref('a')], deletionTimestamp: '2025-01-01T00:00:00Z' }),
      owners: { a: 'dangling' },
      expect: { action: 'none' },
    },
    {
      name: 'an orphan finalizer already on the object is honoured',
      obj: obj({ ownerReferences: [ref('a')], finalizers: ['orphan'] }),
      owners: { a: 'dangling' },
      expect: { action: 'delete', propagation: 'Orphan' },
    },
  ];
  for (const c of cases) {
    it(c.name, () => expect(decideDependent(c.obj, states(c.owners), c.deps ?? false)).toEqual(c.expect));
  }
});

describe('decideOwner', () => {
  const owner = (finalizers: string[]): KObject => ({
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: 'rs',
      namespace: 'default',
      uid: 'a',
      deletionTimestamp: '2025-01-01T00:00:00Z',
      finalizers,
    },
  });
  const blocking = obj({ ownerReferences: [ref('a')] });
  const loose = {
    ...obj({ ownerReferences: [ref('a', false)] }),
    metadata: { name: 'q', uid: 'q', ownerReferences: [ref('a', false)] },
  };

  it('orphans every dependent when the orphan finalizer is set', () => {
    expect(decideOwner(owner(['orphan']), [blocking])).toEqual({ action: 'orphan', dependents: [blocking] });
  });
  it('deletes dependents first in the foreground', () => {
    expect(decideOwner(owner(['foregroundDeletion']), [blocking, loose])).toEqual({
      action: 'delete-dependents',
      dependents: [blocking, loose],
    });
  });
  it('drops the foreground finalizer once no dependent blocks it', () => {
    expect(decideOwner(owner(['foregroundDeletion']), [loose])).toEqual({ action: 'remove-foreground' });
    expect(decideOwner(owner(['foregroundDeletion']), [])).toEqual({ action: 'remove-foreground' });
  });
  it('waits for blocking dependents that are already terminating', () => {
    const terminating = obj({ ownerReferences: [ref('a')], deletionTimestamp: '2025-01-01T00:00:00Z' });
    expect(decideOwner(owner(['foregroundDeletion']), [terminating])).toEqual({
      action: 'delete-dependents',
      dependents: [],
    });
  });
  it('does nothing for an owner not being deleted', () => {
    const live = owner(['foregroundDeletion']);
    delete live.metadata.deletionTimestamp;
    expect(decideOwner(live, [blocking])).toEqual({ action: 'none' });
  });
});
