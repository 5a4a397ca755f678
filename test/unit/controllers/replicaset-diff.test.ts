import { describe, expect, it } from 'vitest';
import {
  computeReplicaDiff,
  slowStartBatch,
  slowStartBatches,
} from '../../../src/controllers/replicaset/diff.js';
import { podsToDelete } from '../../../src/controllers/replicaset/rank.js';
import { names, pod, T0 } from './fixtures.js';

describe('slow-start batches', () => {
  const cases: { name: string; count: number; expect: number[] }[] = [
    { name: 'nothing to do makes no batch', count: 0, expect: [] },
    { name: 'one pod is one batch of one', count: 1, expect: [1] },
    { name: 'three pods go 1 then 2', count: 3, expect: [1, 2] },
    { name: 'ten pods go 1, 2, 4 and the 3 left', count: 10, expect: [1, 2, 4, 3] },
    { name: 'twenty pods go 1, 2, 4, 8 and the 5 left', count: 20, expect: [1, 2, 4, 8, 5] },
  ];
  for (const c of cases) it(c.name, () => expect(slowStartBatches(c.count)).toEqual(c.expect));

  it('stops after the first batch that has a failure', async () => {
    let calls = 0;
    const { successes, error } = await slowStartBatch(10, async (i) => {
      calls++;
      if (i === 2) throw new Error('quota');
    });
    expect(calls).toBe(3); // batches of 1 and 2
    expect(successes).toBe(2);
    expect(error?.message).toBe('quota');
  });
});

describe('deletion ranking', () => {
  const cases: { name: string; pods: ReturnType<typeof pod>[]; first: string }[] = [
    {
      name: 'an unscheduled pod goes before a scheduled one',
      pods: [
        pod({ name: 'scheduled' }),
        pod({ name: 'unscheduled', node: '', phase: 'Pending', ready: false }),
      ],
      first: 'unscheduled',
    },
    {
      name: 'a pending pod goes before a running one',
      pods: [pod({ name: 'running' }), pod({ name: 'pending', phase: 'Pending', ready: false })],
      first: 'pending',
    },
    {
      name: 'an unknown pod goes before a running one but after a pending one',
      pods: [pod({ name: 'running' }), pod({ name: 'unknown', phase: 'Unknown' })],
      first: 'unknown',
    },
    {
      name: 'a not-ready pod goes before a ready one',
      pods: [pod({ name: 'ready' }), pod({ name: 'not-ready', ready: false })],
      first: 'not-ready',
    },
    {
      name: 'the pod ready for less time goes first',
      pods: [pod({ name: 'long', readySince: T0 - 60_000 }), pod({ name: 'short', readySince: T0 })],
      first: 'short',
    },
    {
      name: 'more restarts go first when readiness ties',
      pods: [pod({ name: 'calm' }), pod({ name: 'flaky', restarts: 4 })],
      first: 'flaky',
    },
    {
      name: 'the newer pod goes first when everything else ties',
      pods: [
        pod({ name: 'old', created: T0 - 10_000, readySince: T0 }),
        pod({ name: 'new', created: T0, readySince: T0 }),
      ],
      first: 'new',
    },
  ];
  for (const c of cases) it(c.name, () => expect(names(podsToDelete(c.pods, 1))).toEqual([c.first]));
});

describe('computeReplicaDiff', () => {
  it('asks for the missing pods', () => {
    expect(computeReplicaDiff([pod({ name: 'a' })], 3)).toEqual({ create: 2, delete: [] });
  });
  it('picks the least-started pods to delete', () => {
    const pods = [
      pod({ name: 'a' }),
      pod({ name: 'b', ready: false }),
      pod({ name: 'c', phase: 'Pending', ready: false }),
    ];
    expect(names(computeReplicaDiff(pods, 1).delete)).toEqual(['c', 'b']);
  });
  it('does nothing at the right count', () => {
    expect(computeReplicaDiff([pod({ name: 'a' })], 1)).toEqual({ create: 0, delete: [] });
  });
  it('creates at most 500 in one pass', () => {
    expect(computeReplicaDiff([], 800).create).toBe(500);
  });
});
