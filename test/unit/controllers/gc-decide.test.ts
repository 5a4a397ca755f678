import { describe, expect, it } from 'vitest';
import type { KObject } from '../../../src/api/types.js';
import {
  type DependentDecision,
  decideDependent,
  decideOwner,
  type OwnerDecision,
  type OwnerState,
} from '../../../src/controllers/gc/decide.js';

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
    expect: DependentDecision;
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
  /** The base owner: a ReplicaSet being deleted, with these finalizers. */
  const owner = (finalizers: string[], mut: (o: KObject) => void = () => {}): KObject => {
    const o: KObject = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: 'rs',
        namespace: 'default',
        uid: 'a',
        deletionTimestamp: '2025-01-01T00:00:00Z',
        finalizers,
      },
    };
    mut(o);
    return o;
  };
  const blocking = obj({ ownerReferences: [ref('a')] });
  const loose = {
    ...obj({ ownerReferences: [ref('a', false)] }),
    metadata: { name: 'q', uid: 'q', ownerReferences: [ref('a', false)] },
  };
  const terminating = obj({ ownerReferences: [ref('a')], deletionTimestamp: '2025-01-01T00:00:00Z' });

  const cases: { name: string; owner: KObject; dependents: KObject[]; expect: OwnerDecision }[] = [
    {
      name: 'orphans every dependent when the orphan finalizer is set',
      owner: owner(['orphan']),
      dependents: [blocking],
      expect: { action: 'orphan', dependents: [blocking] },
    },
    {
      name: 'deletes dependents first in the foreground',
      owner: owner(['foregroundDeletion']),
      dependents: [blocking, loose],
      expect: { action: 'delete-dependents', dependents: [blocking, loose] },
    },
    {
      name: 'drops the foreground finalizer once no dependent blocks it',
      owner: owner(['foregroundDeletion']),
      dependents: [loose],
      expect: { action: 'remove-foreground' },
    },
    {
      name: 'drops the foreground finalizer when no dependent is left',
      owner: owner(['foregroundDeletion']),
      dependents: [],
      expect: { action: 'remove-foreground' },
    },
    {
      name: 'waits for blocking dependents that are already terminating',
      owner: owner(['foregroundDeletion']),
      dependents: [terminating],
      expect: { action: 'delete-dependents', dependents: [] },
    },
    {
      name: 'does nothing for an owner not being deleted',
      owner: owner(['foregroundDeletion'], (o) => {
        const { deletionTimestamp: _, ...rest } = o.metadata;
        o.metadata = rest;
      }),
      dependents: [blocking],
      expect: { action: 'none' },
    },
  ];
  for (const c of cases) it(c.name, () => expect(decideOwner(c.owner, c.dependents)).toEqual(c.expect));
});
