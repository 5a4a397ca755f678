// How long to wait before the next attempt to reach an engine that went away: 1s, doubling to a
// few seconds, so a restart is noticed quickly and a long outage costs one call every 4s.

export const RECONNECT_INITIAL_MS = 1_000;
export const RECONNECT_MAX_MS = 4_000;

export class ReconnectBackoff {
  private failures = 0;

  constructor(
    private readonly initialMs = RECONNECT_INITIAL_MS,
    private readonly maxMs = RECONNECT_MAX_MS,
  ) {}

  /** The delay before the next attempt; each call counts one more failure. */
  next(): number {
    const delay = Math.min(this.initialMs * 2 ** this.failures, this.maxMs);
    this.failures = Math.min(this.failures + 1, 30);
    return delay;
  }

  /** The engine answered: the next outage starts from the initial delay again. */
  reset(): void {
    this.failures = 0;
  }
}
