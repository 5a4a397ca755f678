// While the container engine does not answer (dockerd restarting), pod syncs wait instead of
// failing over and over: one ping at a time, backing off (1s doubling to 4s), and once the engine
// answers again every pod is synced, since its containers may all have died with it.
import { ReconnectBackoff } from '../runtime/reconnect.js';

export interface EngineGateOptions {
  /** Resolves when the engine answers. */
  ping(): Promise<void>;
  /** The engine answers again. */
  onBack(): void;
  log(message: string): void;
  backoff?: ReconnectBackoff;
}

export class EngineGate {
  private down = false;
  private stopped = false;
  private timer?: NodeJS.Timeout;
  private readonly backoff: ReconnectBackoff;

  constructor(private readonly opts: EngineGateOptions) {
    this.backoff = opts.backoff ?? new ReconnectBackoff();
  }

  get isDown(): boolean {
    return this.down;
  }

  /** A call found the engine unreachable: hold syncs and start pinging (once per outage). */
  markDown(err: unknown): void {
    if (this.down || this.stopped) return;
    this.down = true;
    this.opts.log(
      `container engine unreachable (${(err as Error).message}); pod syncs wait until it answers`,
    );
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private schedule(): void {
    this.timer = setTimeout(() => void this.probe(), this.backoff.next());
    this.timer.unref?.();
  }

  private async probe(): Promise<void> {
    if (this.stopped) return;
    try {
      await this.opts.ping();
    } catch {
      if (!this.stopped) this.schedule();
      return;
    }
    if (this.stopped) return;
    this.down = false;
    this.backoff.reset();
    this.opts.log('container engine answers again; syncing every pod');
    this.opts.onBack();
  }
}
