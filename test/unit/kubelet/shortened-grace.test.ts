// A second delete with a shorter grace period on a pod being killed: the kill in flight is
// repeated within the new period (never a longer one), and a pod forced out of the API dies now.
import { describe, expect, it } from 'vitest';
import type { KObject } from '../../../src/api/types.js';
import { shortenedGrace, stopHonouringShorterGrace } from '../../../src/kubelet/shortened-grace.js';

const pod = (grace?: number, uid = 'u1'): KObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'g', namespace: 'default', uid, deletionGracePeriodSeconds: grace },
});

describe('shortenedGrace', () => {
  const cases: Array<[string, KObject | undefined, number, number | undefined]> = [
    ['kills within the new period when the deletion asks for less', pod(2), 30, 2],
    ['keeps the period in force when the deletion asks for the same', pod(30), 30, undefined],
    ['never lengthens the period in force', pod(30), 10, undefined],
    ['kills now when the deletion asks for 0', pod(0), 30, 0],
    ['kills now when the pod is gone from the API (forced)', undefined, 30, 0],
    ['kills now when a new pod of the same name replaced it', pod(30, 'u2'), 30, 0],
    ['ignores a pod without a deletion grace period', pod(undefined), 30, undefined],
  ];
  for (const [name, current, inForce, want] of cases) {
    it(name, () => expect(shortenedGrace(current, 'u1', inForce)).toBe(want));
  }
});

describe('stopHonouringShorterGrace', () => {
  it('stops again once within the shorter period and waits for the first stop', async () => {
    let current = pod(30);
    const restops: number[] = [];
    let finishFirst!: () => void;
    const first = new Promise<void>((r) => {
      finishFirst = r;
    });
    const done = stopHonouringShorterGrace(first, 'u1', 30, {
      current: () => current,
      stopWithin: async (s) => {
        restops.push(s);
        finishFirst();
      },
      pollMs: 5,
    });
    await new Promise((r) => setTimeout(r, 30));
    current = pod(2);
    await done;
    expect(restops).toEqual([2]);
  });
});
