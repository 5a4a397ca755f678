// Runs one task for a burst of triggers: the first trigger starts a short wait, triggers during
// the wait join it, never two runs at once, and a trigger that arrives while a run is going makes
// one more run after it — so the last change is always followed by a run that saw it.

export class SerialDebouncer {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private dirty = false;
  private stopped = false;

  constructor(
    private readonly task: () => Promise<void>,
    private readonly delayMs: number,
    private readonly onError: (err: unknown) => void = () => {},
  ) {}

  /** Ask for a run after the debounce wait (or right after the run in progress). */
  trigger(): void {
    if (this.stopped) return;
    this.dirty = true;
    if (this.running || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.drain();
    }, this.delayMs);
  }

  /** Run now (after the run in progress, if any); resolves when a run that started after this call ends. */
  async runNow(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.dirty = true;
    while (this.running) await this.running;
    if (this.dirty && !this.stopped) await this.drain();
  }

  /** No more runs; resolves when the one in progress ends. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    while (this.running) await this.running;
  }

  private drain(): Promise<void> {
    if (this.running) return this.running;
    this.running = (async () => {
      while (this.dirty && !this.stopped) {
        this.dirty = false;
        try {
          await this.task();
        } catch (err) {
          this.onError(err);
        }
      }
    })().finally(() => {
      this.running = undefined;
      // A trigger between the loop's last check and here found a run going and left it to us.
      if (this.dirty) {
        this.dirty = false;
        this.trigger();
      }
    });
    return this.running;
  }
}
