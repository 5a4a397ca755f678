import { describe, expect, it } from 'vitest';
import {
  computeOldScaleDown,
  type DeploymentShape,
  type IntOrPercent,
  maxSurgeOf,
  maxUnavailableOf,
  newRSNewReplicas,
  type RSCounts,
  resolveFenceposts,
  scaledValue,
} from '../../../src/controllers/deployment/rolling-math.js';

describe('resolveFenceposts', () => {
  const cases: {
    name: string;
    replicas: number;
    surge: IntOrPercent;
    unavailable: IntOrPercent;
    expect: { surge: number; unavailable: number };
  }[] = [
    {
      name: 'the defaults on 3 replicas give surge 1, unavailable 0',
      replicas: 3,
      surge: '25%',
      unavailable: '25%',
      expect: { surge: 1, unavailable: 0 },
    },
    {
      name: 'the defaults on 10 replicas give surge 3, unavailable 2',
      replicas: 10,
      surge: '25%',
      unavailable: '25%',
      expect: { surge: 3, unavailable: 2 },
    },
    {
      name: 'the defaults on 4 replicas give exactly 1 and 1',
      replicas: 4,
      surge: '25%',
      unavailable: '25%',
      expect: { surge: 1, unavailable: 1 },
    },
    {
      name: 'integers are taken as they are',
      replicas: 5,
      surge: 2,
      unavailable: 1,
      expect: { surge: 2, unavailable: 1 },
    },
    {
      name: 'surge rounds up: 10% of 1 is 1',
      replicas: 1,
      surge: '10%',
      unavailable: '10%',
      expect: { surge: 1, unavailable: 0 },
    },
    {
      name: 'unavailable rounds down: 50% of 3 is 1',
      replicas: 3,
      surge: 0,
      unavailable: '50%',
      expect: { surge: 0, unavailable: 1 },
    },
    {
      name: 'both zero is the fencepost: unavailable becomes 1',
      replicas: 3,
      surge: 0,
      unavailable: 0,
      expect: { surge: 0, unavailable: 1 },
    },
    {
      name: 'both zero by rounding is the fencepost too',
      replicas: 1,
      surge: '0%',
      unavailable: '25%',
      expect: { surge: 0, unavailable: 1 },
    },
    {
      name: 'zero replicas with percentages resolve to the fencepost',
      replicas: 0,
      surge: '25%',
      unavailable: '25%',
      expect: { surge: 0, unavailable: 1 },
    },
    {
      name: '100% surge doubles the count',
      replicas: 3,
      surge: '100%',
      unavailable: 0,
      expect: { surge: 3, unavailable: 0 },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(resolveFenceposts(c.surge, c.unavailable, c.replicas)).toEqual(c.expect);
    });
  }
});

describe('scaledValue', () => {
  it('reads a percentage of the total, rounding as asked', () => {
    expect(scaledValue('30%', 5, true)).toBe(2);
    expect(scaledValue('30%', 5, false)).toBe(1);
    expect(scaledValue(undefined, 5, true)).toBe(0);
  });
});

describe('maxUnavailableOf', () => {
  it('is 0 for Recreate and never more than replicas', () => {
    expect(maxUnavailableOf({ replicas: 3, strategy: 'Recreate' })).toBe(0);
    expect(maxUnavailableOf({ replicas: 2, strategy: 'RollingUpdate', maxSurge: 0, maxUnavailable: 5 })).toBe(
      2,
    );
    expect(maxSurgeOf({ replicas: 3, strategy: 'Recreate', maxSurge: 2 })).toBe(0);
  });
});

/** A whole rollout, step by step: each step is one pass (scale new up, or old down), then pods become available. */
function simulate(d: DeploymentShape, oldStart: number) {
  let oldReplicas = oldStart;
  let oldAvailable = oldStart;
  let newReplicas = 0;
  let newAvailable = 0;
  const steps: string[] = [];
  let maxPods = oldReplicas;
  for (let pass = 0; pass < 50 && !(newAvailable === d.replicas && oldReplicas === 0); pass++) {
    const target = newRSNewReplicas(d, oldReplicas + newReplicas, newReplicas);
    if (target !== newReplicas) {
      steps.push(`new ${newReplicas}->${target}`);
      newReplicas = target;
    } else {
      const sizes = computeOldScaleDown(d, { replicas: newReplicas, available: newAvailable }, [
        { name: 'old', replicas: oldReplicas, available: oldAvailable },
      ]);
      const next = sizes.get('old');
      if (next !== undefined && next !== oldReplicas) {
        steps.push(`old ${oldReplicas}->${next}`);
        oldReplicas = next;
        oldAvailable = Math.min(oldAvailable, next);
      } else {
        // Nothing to do this pass: the pods catch up (the new ones become available).
        newAvailable = newReplicas;
      }
    }
    maxPods = Math.max(maxPods, oldReplicas + newReplicas);
  }
  return { steps, maxPods };
}

describe('a rolling update, pass by pass', () => {
  it('3 replicas with the defaults surges one pod at a time and never runs more than 4', () => {
    expect(
      simulate({ replicas: 3, strategy: 'RollingUpdate', maxSurge: '25%', maxUnavailable: '25%' }, 3),
    ).toEqual({
      steps: ['new 0->1', 'old 3->2', 'new 1->2', 'old 2->1', 'new 2->3', 'old 1->0'],
      maxPods: 4,
    });
  });

  it('10 replicas with the defaults moves in bigger steps within 13 pods', () => {
    // Surge 3 (25% of 10 rounded up), unavailable 2 (rounded down): never more than 13 pods,
    // never fewer than 8 available. The new RS waits for its pods before the old one shrinks more.
    expect(
      simulate({ replicas: 10, strategy: 'RollingUpdate', maxSurge: '25%', maxUnavailable: '25%' }, 10),
    ).toEqual({
      steps: ['new 0->3', 'old 10->8', 'new 3->5', 'old 8->3', 'new 5->10', 'old 3->0'],
      maxPods: 13,
    });
  });

  it('maxSurge 0 and maxUnavailable 1 removes an old pod before adding a new one', () => {
    expect(simulate({ replicas: 3, strategy: 'RollingUpdate', maxSurge: 0, maxUnavailable: 1 }, 3)).toEqual({
      steps: ['old 3->2', 'new 0->1', 'old 2->1', 'new 1->2', 'old 1->0', 'new 2->3'],
      maxPods: 3,
    });
  });

  it('the fencepost (both 0) still makes progress, one unavailable pod at a time', () => {
    expect(
      simulate({ replicas: 2, strategy: 'RollingUpdate', maxSurge: '0%', maxUnavailable: '0%' }, 2),
    ).toEqual({ steps: ['old 2->1', 'new 0->1', 'old 1->0', 'new 1->2'], maxPods: 2 });
  });
});

describe('computeOldScaleDown', () => {
  const d: DeploymentShape = { replicas: 3, strategy: 'RollingUpdate', maxSurge: 1, maxUnavailable: 0 };
  /** `expect`: the whole answer, every old ReplicaSet's new size (none: none may shrink yet). */
  const cases: {
    name: string;
    d: DeploymentShape;
    newRS: { replicas: number; available: number };
    oldRSs: RSCounts[];
    expect: Record<string, number>;
  }[] = [
    {
      name: 'waits while the new pods are not available yet',
      d,
      newRS: { replicas: 1, available: 0 },
      oldRSs: [{ name: 'a', replicas: 3, available: 3 }],
      expect: {},
    },
    {
      name: 'removes unhealthy old pods first, even without spare availability',
      d: { ...d, maxUnavailable: 1 },
      newRS: { replicas: 1, available: 1 },
      oldRSs: [{ name: 'a', replicas: 3, available: 1 }],
      expect: { a: 1 },
    },
    {
      name: 'scales the oldest ReplicaSet down first',
      d: { ...d, replicas: 4, maxSurge: 0, maxUnavailable: 2 },
      newRS: { replicas: 0, available: 0 },
      oldRSs: [
        { name: 'oldest', replicas: 1, available: 1 },
        { name: 'older', replicas: 3, available: 3 },
      ],
      expect: { oldest: 0, older: 2 },
    },
  ];
  for (const c of cases) {
    it(c.name, () =>
      expect(computeOldScaleDown(c.d, c.newRS, c.oldRSs)).toEqual(new Map(Object.entries(c.expect))),
    );
  }
});
