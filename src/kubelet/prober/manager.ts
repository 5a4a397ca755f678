// Runs the probe workers of every running container and keeps their results in a cache the
// pod sync reads. A result that changes wakes the pod's sync. The clock and timers are injected
// so tests can step workers by hand.
import type { Container, Pod } from 'kubernetes-types/core/v1.js';
import type { Runtime } from '../../runtime/types.js';
import { runHandler } from '../handlers.js';
import { type ProbeSettings, type ProbeType, probeSettings } from './probe-spec.js';
import {
  initialProbeState,
  type ProbeResult,
  type ProbeWorkerState,
  recordProbe,
  shouldProbe,
} from './worker.js';

export interface RunningContainer {
  container: Container;
  id: string;
  startedAt: number;
}

export interface ProbeFailure {
  pod: Pod;
  container: Container;
  type: ProbeType;
  message: string;
}

export interface ProbeManagerOptions {
  runtime: Runtime;
  onChange: (podUid: string) => void;
  onFailure: (failure: ProbeFailure) => void;
  now?: () => number;
  setTimer?: (fn: () => void, ms: number) => () => void;
}

interface Worker {
  podUid: string;
  type: ProbeType;
  settings: ProbeSettings;
  state: ProbeWorkerState;
  cancel?: () => void;
  running: boolean;
}

const TYPES: ProbeType[] = ['startup', 'liveness', 'readiness'];
const probeOf = (c: Container, type: ProbeType) =>
  type === 'startup' ? c.startupProbe : type === 'liveness' ? c.livenessProbe : c.readinessProbe;

export class ProbeManager {
  /** containerId -> probe type -> worker */
  private readonly workers = new Map<string, Map<ProbeType, Worker>>();
  private readonly now: () => number;
  private readonly setTimer: (fn: () => void, ms: number) => () => void;

  constructor(private readonly opts: ProbeManagerOptions) {
    this.now = opts.now ?? Date.now;
    this.setTimer =
      opts.setTimer ??
      ((fn, ms) => {
        const t = setTimeout(fn, ms);
        t.unref?.();
        return () => clearTimeout(t);
      });
  }

  /** Make the workers match the pod's running containers; stop those of containers gone. */
  sync(pod: Pod, running: RunningContainer[], podIP: string | undefined): void {
    const uid = pod.metadata!.uid!;
    const live = new Set(running.map((r) => r.id));
    for (const [id, byType] of this.workers) {
      const first = byType.values().next().value as Worker | undefined;
      if (first?.podUid === uid && !live.has(id)) this.stopContainer(id);
    }
    for (const r of running) {
      if (this.workers.has(r.id)) continue;
      const byType = new Map<ProbeType, Worker>();
      for (const type of TYPES) {
        const probe = probeOf(r.container, type);
        if (!probe) continue;
        const settings = probeSettings(probe, type);
        const worker: Worker = {
          podUid: uid,
          type,
          settings,
          state: initialProbeState(type),
          running: false,
        };
        byType.set(type, worker);
        const firstDelay = Math.max(0, r.startedAt + settings.initialDelayMs - this.now());
        this.schedule(worker, firstDelay, () => this.tick(pod, r, worker, podIP));
      }
      if (byType.size) this.workers.set(r.id, byType);
    }
  }

  removePod(uid: string): void {
    for (const [id, byType] of this.workers) {
      const first = byType.values().next().value as Worker | undefined;
      if (first?.podUid === uid) this.stopContainer(id);
    }
  }

  /** The cached result of one probe of one container; undefined when it has no such probe. */
  result(containerId: string, type: ProbeType): ProbeResult | undefined {
    return this.workers.get(containerId)?.get(type)?.state.result;
  }

  has(containerId: string, type: ProbeType): boolean {
    return !!this.workers.get(containerId)?.has(type);
  }

  stopAll(): void {
    for (const id of [...this.workers.keys()]) this.stopContainer(id);
  }

  private stopContainer(id: string): void {
    for (const w of this.workers.get(id)?.values() ?? []) w.cancel?.();
    this.workers.delete(id);
  }

  private schedule(worker: Worker, ms: number, fn: () => Promise<void>): void {
    worker.cancel = this.setTimer(() => {
      void fn().finally(() => {
        if (this.isLive(worker)) this.schedule(worker, worker.settings.periodMs, fn);
      });
    }, ms);
  }

  private isLive(worker: Worker): boolean {
    for (const byType of this.workers.values())
      for (const w of byType.values()) if (w === worker) return true;
    return false;
  }

  /** One probe period of one worker. */
  async tick(pod: Pod, r: RunningContainer, worker: Worker, podIP: string | undefined): Promise<void> {
    const startup = this.workers.get(r.id)?.get('startup');
    const startupPassed = !startup || startup.state.result === 'Success';
    const gate = {
      type: worker.type,
      settings: worker.settings,
      containerStartedAt: r.startedAt,
      now: this.now(),
      startupPassed,
    };
    if (worker.running || !shouldProbe(worker.state, gate)) return;
    worker.running = true;
    const outcome = await runHandler(probeOf(r.container, worker.type)!, {
      runtime: this.opts.runtime,
      containerId: r.id,
      container: r.container,
      podIP,
      timeoutMs: worker.settings.timeoutMs,
    });
    worker.running = false;
    if (!this.isLive(worker)) return;
    const before = worker.state.result;
    worker.state = recordProbe(
      worker.state,
      worker.type,
      worker.settings,
      outcome.ok ? 'Success' : 'Failure',
    );
    if (!outcome.ok)
      this.opts.onFailure({ pod, container: r.container, type: worker.type, message: outcome.message });
    if (worker.state.result !== before) this.opts.onChange(worker.podUid);
  }
}
