import { describe, expect, it } from 'vitest';
import type { KObject } from '../../../src/api/types.js';
import { budgetView, evictionRefusal, PDB_VIOLATION } from '../../../src/registry/eviction.js';

const pod = (name: string, ready: boolean): KObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default', labels: { app: 'web' } },
  status: { phase: 'Running', conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
});
const pdb = (spec: Record<string, unknown>): KObject => ({
  apiVersion: 'policy/v1',
  kind: 'PodDisruptionBudget',
  metadata: { name: 'web', namespace: 'default' },
  spec: { selector: { matchLabels: { app: 'web' } }, ...spec },
});

describe('budgetView (the disruption controller arithmetic)', () => {
  const pods = [pod('a', true), pod('b', true), pod('c', false)];
  const cases: Array<[string, Record<string, unknown>, unknown]> = [
    [
      'minAvailable 2 of 2 healthy allows none',
      { minAvailable: 2 },
      { expected: 3, currentHealthy: 2, desiredHealthy: 2, disruptionsAllowed: 0 },
    ],
    [
      'minAvailable 1 allows one',
      { minAvailable: 1 },
      { expected: 3, currentHealthy: 2, desiredHealthy: 1, disruptionsAllowed: 1 },
    ],
    [
      'maxUnavailable 1 of 3 wants 2 healthy',
      { maxUnavailable: 1 },
      { expected: 3, currentHealthy: 2, desiredHealthy: 2, disruptionsAllowed: 0 },
    ],
    [
      'minAvailable 50% of 3 rounds up to 2',
      { minAvailable: '50%' },
      { expected: 3, currentHealthy: 2, desiredHealthy: 2, disruptionsAllowed: 0 },
    ],
  ];
  for (const [name, spec, want] of cases) it(name, () => expect(budgetView(pdb(spec), pods)).toEqual(want));
});

describe('evictionRefusal', () => {
  const a = pod('a', true);
  const b = pod('b', true);
  it('refuses with 429 when the budget allows no disruption', () => {
    const err = evictionRefusal(a, [pdb({ minAvailable: 2 })], [a, b]);
    expect([err?.reason, err?.code, err?.message]).toEqual(['TooManyRequests', 429, PDB_VIOLATION]);
  });
  it('allows when the budget has room, or no budget selects the pod', () => {
    expect(evictionRefusal(a, [pdb({ minAvailable: 1 })], [a, b])).toBeUndefined();
    expect(evictionRefusal(a, [], [a, b])).toBeUndefined();
  });
  it('lets an unready pod go while the budget is met (IfHealthyBudget)', () => {
    const sick = pod('c', false);
    expect(evictionRefusal(sick, [pdb({ minAvailable: 2 })], [a, b, sick])).toBeUndefined();
  });
});
