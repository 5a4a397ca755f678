// The last-change trigger time (computeTriggerTime) across consecutive syncs of one Service.
import { describe, expect, it } from 'vitest';
import { computeTriggerTime } from '../../../src/controllers/endpoints/trigger-time.js';
import { notReady, pod, service, T0 } from './endpoints-fixtures.js';

describe('computeTriggerTime', () => {
  const svc = service();
  const first = computeTriggerTime(undefined, svc, [pod(1), pod(2)]);

  it("is the Service's creation time on the first sync", () => {
    expect(first).toEqual({
      time: T0,
      state: {
        pods: new Map([
          ['web-1', T0 + 1000],
          ['web-2', T0 + 2000],
        ]),
        service: T0,
      },
    });
  });
  it('is none when nothing changed since the last sync', () => {
    expect(computeTriggerTime(first.state, svc, [pod(1), pod(2)]).time).toBeUndefined();
  });
  it("is the pod's Ready transition when a pod changed readiness", () => {
    expect(computeTriggerTime(first.state, svc, [pod(1), pod(2, notReady)]).time).toBe(T0 + 100_000);
  });
  it('is the earliest of the changes when several pods changed', () => {
    const later = computeTriggerTime(first.state, svc, [pod(1, notReady), pod(3)]);
    expect(later.time).toBe(T0 + 3000);
  });
  it('is none when a pod only went away', () => {
    expect(computeTriggerTime(first.state, svc, [pod(1)]).time).toBeUndefined();
  });
});
