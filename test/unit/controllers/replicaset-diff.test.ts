import { describe, expect, it } from 'vitest';
import type { KObject } from '../../../src/api/types.js';
import {
  computeReplicaDiff,
  slowStartBatch,
  slowStartBatches,
} from '../../../src/controllers/replicaset/diff.js';
import { podsToDelete } from '../../../src/controllers/replicaset/rank.js';
import { pod, T0 } from './fixtures.js';

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
    const result = await slowStartBatch(10, async (i) => {
      calls++;
      if (i === 2) throw new Error('quota');
    });
    // Batches of 1 and 2: the third call fails, the batch of 4 never runs.
    expect({ calls, result }).toEqual({ calls: 3, result: { successes: 2, error: new Error('quota') } });
  });
});

/** The input pods named, in that order: expected results hold the whole pod objects. */
const byNames = (pods: KObject[], wanted: string[]) =>
  wanted.map((name) => {
    const found = pods.find((p) => p.metadata.name === name);
    if (!found) throw new Error(`the case names ${name}, which is not among its pods`);
    return found;
  });

describe('deletion ranking', () => {
  /** `order`: the whole deletion order of the case's pods, first to go first. */
  const cases: { name: string; pods: KObject[]; order: string[] }[] = [
    {
      name: 'an unscheduled pod goes before a scheduled one',
      pods: [
        pod({ name: 'scheduled' }),
        pod({ name: 'unscheduled', node: '', phase: 'Pending', ready: false }),
      ],
      order: ['unscheduled', 'scheduled'],
    },
    {
      name: 'a pending pod goes before a running one',
      pods: [pod({ name: 'running' }), pod({ name: 'pending', phase: 'Pending', ready: false })],
      order: ['pending', 'running'],
    },
    {
      name: 'an unknown pod goes before a running one but after a pending one',
      pods: [
        pod({ name: 'running' }),
        pod({ name: 'unknown', phase: 'Unknown' }),
        pod({ name: 'pending', phase: 'Pending' }),
      ],
      order: ['pending', 'unknown', 'running'],
    },
    {
      name: 'a not-ready pod goes before a ready one',
      pods: [pod({ name: 'ready' }), pod({ name: 'not-ready', ready: false })],
      order: ['not-ready', 'ready'],
    },
    {
      name: 'the pod ready for less time goes first',
      pods: [pod({ name: 'long', readySince: T0 - 60_000 }), pod({ name: 'short', readySince: T0 })],
      order: ['short', 'long'],
    },
    {
      name: 'more restarts go first when readiness ties',
      pods: [pod({ name: 'calm' }), pod({ name: 'flaky', restarts: 4 })],
      order: ['flaky', 'calm'],
    },
    {
      name: 'the newer pod goes first when everything else ties',
      pods: [
        pod({ name: 'old', created: T0 - 10_000, readySince: T0 }),
        pod({ name: 'new', created: T0, readySince: T0 }),
      ],
      order: ['new', 'old'],
    },
  ];
  for (const c of cases) {
    it(c.name, () => expect(podsToDelete(c.pods, c.pods.length)).toEqual(byNames(c.pods, c.order)));
  }
});

describe('computeReplicaDiff', () => {
  /** `expect`: the whole diff, with the pods to delete named (first to go first). */
  const cases: {
    name: string;
    active: KObject[];
    replicas: number;
    expect: { create: number; delete: string[] };
  }[] = [
    {
      name: 'asks for the missing pods',
      active: [pod({ name: 'a' })],
      replicas: 3,
      expect: { create: 2, delete: [] },
    },
    {
      name: 'picks the least-started pods to delete',
      active: [
        pod({ name: 'a' }),
        pod({ name: 'b', ready: false }),
        pod({ name: 'c', phase: 'Pending', ready: false }),
      ],
      replicas: 1,
      expect: { create: 0, delete: ['c', 'b'] },
    },
    {
      name: 'does nothing at the right count',
      active: [pod({ name: 'a' })],
      replicas: 1,
      expect: { create: 0, delete: [] },
    },
    {
      name: 'creates at most 500 in one pass',
      active: [],
      replicas: 800,
      expect: { create: 500, delete: [] },
    },
    {
      name: 'deletes at most 500 in one pass',
      active: Array.from({ length: 503 }, (_, i) => pod({ name: `p${String(i).padStart(3, '0')}` })),
      replicas: 2,
      // Everything else ties, so the names decide: the first 500 go.
      expect: { create: 0, delete: Array.from({ length: 500 }, (_, i) => `p${String(i).padStart(3, '0')}`) },
    },
  ];
  for (const c of cases) {
    it(c.name, () =>
      expect(computeReplicaDiff(c.active, c.replicas)).toEqual({
        create: c.expect.create,
        delete: byNames(c.active, c.expect.delete),
      }),
    );
  }
});
