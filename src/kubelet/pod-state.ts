// What the kubelet remembers about a pod between syncs that Docker cannot tell it:
// failed starts (image pulls, create errors) and their back-off.

import type { WaitingInfo } from './actions.js';
import { restartDelayMs } from './backoff.js';

interface StartFailure {
  count: number;
  retryAt: number;
  /** Waiting reason right after the failure (ErrImagePull) ... */
  reason: string;
  /** ... and once backing off (ImagePullBackOff). */
  backoffReason: string;
  message: string;
  backoffMessage: string;
  failedAt: number;
}

/** How long a failed start shows its first reason (ErrImagePull) before the back-off one. */
export const FIRST_REASON_MS = 2000;

export class PodState {
  private readonly failures = new Map<string, StartFailure>();
  /** When each container's last BackOff event was recorded. */
  private readonly backOffEvents = new Map<string, number>();
  /** Set when the pod was first seen, for Scheduled events and startTime. */
  scheduled = false;

  constructor(private readonly backoffInitialMs: number) {}

  recordStartFailure(
    name: string,
    now: number,
    info: { reason: string; backoffReason: string; message: string; backoffMessage: string },
  ): void {
    const count = (this.failures.get(name)?.count ?? 0) + 1;
    const delay = Math.max(restartDelayMs(count, 0, this.backoffInitialMs), this.backoffInitialMs);
    this.failures.set(name, { ...info, count, retryAt: now + delay, failedAt: now });
  }

  /**
   * Whether a BackOff event is due for a container held in back-off: at most one per initial
   * back-off period (10s), about as often as the kubelet retries a backed-off pod, however often
   * Docker events and resyncs make us look at it.
   */
  private readonly waits = new Map<string, number>();

  /** When the pod started waiting for `name` (now, the first time it is asked). */
  waitingSince(name: string, now: number): number {
    if (!this.waits.has(name)) this.waits.set(name, now);
    return this.waits.get(name)!;
  }

  doneWaiting(name: string): void {
    this.waits.delete(name);
  }

  backOffEventDue(name: string, now: number): boolean {
    const last = this.backOffEvents.get(name);
    if (last !== undefined && now - last < this.backoffInitialMs) return false;
    this.backOffEvents.set(name, now);
    return true;
  }

  clearStartFailure(name: string): void {
    this.failures.delete(name);
  }

  blockedUntil(): Map<string, number> {
    return new Map([...this.failures].map(([name, f]) => [name, f.retryAt]));
  }

  /** Waiting reasons for failed starts: ErrImagePull at first, then ImagePullBackOff until the retry. */
  waiting(now: number): Map<string, WaitingInfo> {
    const out = new Map<string, WaitingInfo>();
    for (const [name, f] of this.failures) {
      const first = now < f.failedAt + FIRST_REASON_MS;
      out.set(
        name,
        first
          ? { reason: f.reason, message: f.message }
          : { reason: f.backoffReason, message: f.backoffMessage },
      );
    }
    return out;
  }

  /** When the shown reason changes next (so the pod is synced again then). */
  nextReasonChangeMs(now: number): number | undefined {
    const times = [...this.failures.values()]
      .map((f) => f.failedAt + FIRST_REASON_MS - now)
      .filter((d) => d > 0);
    return times.length ? Math.min(...times) : undefined;
  }
}
