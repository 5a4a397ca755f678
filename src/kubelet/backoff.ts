// The kubelet's restart back-off, derived from observed state so it survives an agent restart:
// the first restart is immediate, then 10s, 20s, 40s ... capped at 300s; a container that ran
// for 10 minutes (2 x the cap, as client-go's Backoff) resets the sequence.

export const BACKOFF_INITIAL_MS = 10_000;
export const BACKOFF_MAX_MS = 300_000;
export const BACKOFF_RESET_MS = 2 * BACKOFF_MAX_MS;

/**
 * Delay before starting attempt `restartCount + 1`, given how many restarts already happened
 * and how long the last run lasted.
 */
export function restartDelayMs(
  restartCount: number,
  lastRunMs: number,
  initialMs = BACKOFF_INITIAL_MS,
): number {
  if (lastRunMs >= BACKOFF_RESET_MS) return 0;
  if (restartCount <= 0) return 0;
  return Math.min(initialMs * 2 ** (restartCount - 1), BACKOFF_MAX_MS);
}

/** `10s`, `5m0s`: how the kubelet formats back-off in its messages (Go's Duration.String). */
export function goDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  return `${m}m${s % 60}s`;
}
