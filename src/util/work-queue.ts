// A keyed work queue as controllers use: a key is processed by one worker at a time; a key
// enqueued while it is processed runs once more afterwards (latest state wins, intermediate
// wake-ups collapse); delayed enqueues keep only the earliest deadline.

export interface WorkResult {
  requeueAfterMs?: number;
}

export class WorkQueue {
  private readonly pending = new Set<string>();
  private readonly running = new Set<string>();
  private readonly dirty = new Set<string>();
  private readonly timers = new Map<string, { at: number; timer: NodeJS.Timeout }>();
  private active = 0;
  private stopped = false;

  constructor(
    private readonly worker: (key: string) => Promise<WorkResult | undefined>,
    private readonly concurrency = 4,
    private readonly onError: (key: string, err: unknown) => void = () => {},
  ) {}

  enqueue(key: string, delayMs = 0): void {
    if (this.stopped) return;
    if (delayMs > 0) {
      const at = Date.now() + delayMs;
      const existing = this.timers.get(key);
      if (existing && existing.at <= at) return;
      if (existing) clearTimeout(existing.timer);
      const timer = setTimeout(() => {
        this.timers.delete(key);
        this.enqueue(key);
      }, delayMs);
      timer.unref?.();
      this.timers.set(key, { at, timer });
      return;
    }
    if (this.running.has(key)) {
      this.dirty.add(key);
      return;
    }
    this.pending.add(key);
    this.pump();
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.timers.values()) clearTimeout(t.timer);
    this.timers.clear();
    this.pending.clear();
  }

  /** The key is being processed right now. */
  isRunning(key: string): boolean {
    return this.running.has(key);
  }

  /** Resolves when nothing is queued or running (tests and shutdown). */
  async idle(): Promise<void> {
    while (this.active > 0 || this.pending.size > 0) await new Promise((r) => setTimeout(r, 10));
  }

  private pump(): void {
    while (this.active < this.concurrency && this.pending.size > 0) {
      const key = this.pending.values().next().value as string;
      this.pending.delete(key);
      this.running.add(key);
      this.active++;
      void this.process(key);
    }
  }

  private async process(key: string): Promise<void> {
    try {
      const result = await this.worker(key);
      if (result?.requeueAfterMs !== undefined) this.enqueue(key, Math.max(1, result.requeueAfterMs));
    } catch (err) {
      this.onError(key, err);
      this.enqueue(key, 1000);
    } finally {
      this.running.delete(key);
      this.active--;
      if (this.dirty.delete(key)) this.pending.add(key);
      this.pump();
    }
  }
}
