// What the kubelet remembers between syncs: failed starts with their back-off and shown reasons,
// and how often a container held in back-off gets a BackOff event.
import { describe, expect, it } from 'vitest';
import { FIRST_REASON_MS, PodState } from '../../../src/kubelet/pod-state.js';

const pull = {
  reason: 'ErrImagePull',
  backoffReason: 'ImagePullBackOff',
  message: 'Failed to pull image "x"',
  backoffMessage: 'Back-off pulling image "x"',
};

describe('PodState', () => {
  it('shows ErrImagePull right after a failed pull, then ImagePullBackOff until the retry', () => {
    const s = new PodState(10_000);
    s.recordStartFailure('app', 0, pull);
    expect(s.waiting(0).get('app')?.reason).toBe('ErrImagePull');
    expect(s.nextReasonChangeMs(0)).toBe(FIRST_REASON_MS);
    expect(s.waiting(FIRST_REASON_MS).get('app')?.reason).toBe('ImagePullBackOff');
    expect(s.blockedUntil().get('app')).toBe(10_000);
  });

  it('doubles the wait after each failed start and forgets it after a start', () => {
    const s = new PodState(10_000);
    s.recordStartFailure('app', 0, pull);
    s.recordStartFailure('app', 10_000, pull);
    s.recordStartFailure('app', 30_000, pull);
    expect(s.blockedUntil().get('app')).toBe(30_000 + 40_000);
    s.clearStartFailure('app');
    expect(s.blockedUntil().size).toBe(0);
  });

  it('records a BackOff event at most once per initial back-off period per container', () => {
    const s = new PodState(10_000);
    const due = [0, 500, 9_999, 10_000, 12_000, 20_000].map((t) => s.backOffEventDue('app', t));
    expect(due).toEqual([true, false, false, true, false, true]);
    expect(s.backOffEventDue('side', 500)).toBe(true);
  });
});
