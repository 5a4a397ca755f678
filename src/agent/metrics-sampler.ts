// The agent's metrics-server: every resolution period (15 s, metrics-server's default;
// MKUBE_METRICS_RESOLUTION_MS changes it) it reads each running app container's usage from the
// engine and the node's from /proc, and publishes PodMetrics and NodeMetrics to the home's
// metrics file for `top` and the HPA controller. Stopping removes the file: no agent, no Metrics API.

import { NODE, POD } from '../api/kinds.js';
import type { CpuSample } from '../api/metrics.js';
import type { Registry } from '../registry/registry.js';
import type { Runtime } from '../runtime/types.js';
import { removeMetrics, writeMetrics } from '../state/metrics-file.js';
import { type ScrapedContainer, scrape } from './metrics-scrape.js';
import { readNodeUsage } from './node-usage.js';

export const DEFAULT_RESOLUTION_MS = 15_000;
/** Stats calls in flight at once: enough to finish 50 pods in well under a period, gentle on dockerd. */
const CONCURRENCY = 4;

export interface MetricsSamplerOptions {
  home: string;
  registry: Registry;
  runtime: Runtime;
  nodeName: string;
  log: (message: string) => void;
  resolutionMs?: number;
}

export class MetricsSampler {
  private previous = new Map<string, CpuSample>();
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;

  constructor(private readonly opts: MetricsSamplerOptions) {}

  get resolutionMs(): number {
    return this.opts.resolutionMs ?? DEFAULT_RESOLUTION_MS;
  }

  /** Publishes an empty snapshot at once (the API is there, metrics are not yet), then scrapes. */
  start(): void {
    try {
      writeMetrics(this.opts.home, { pods: [], nodes: [] });
    } catch (e) {
      // A home deleted under the agent: the next scrape tries again.
      this.opts.log(`metrics: ${(e as Error).message}`);
    }
    // A first scrape right away gives every container its baseline; metrics follow one period later.
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
    removeMetrics(this.opts.home);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.scrapeOnce()
        .catch((e) => this.opts.log(`metrics: ${(e as Error).message}`))
        .finally(() => this.schedule(this.resolutionMs));
    }, delayMs);
    this.timer.unref?.();
  }

  async scrapeOnce(): Promise<void> {
    const { runtime, registry, nodeName } = this.opts;
    if (!runtime.containerStats) return;
    const running = (await runtime.listContainers()).filter((c) => c.type === 'app' && c.state === 'running');
    const containers: ScrapedContainer[] = [];
    const queue = [...running];
    const worker = async () => {
      for (let c = queue.shift(); c; c = queue.shift()) {
        const stats = await runtime.containerStats!(c.id).catch(() => undefined);
        containers.push({
          id: c.id,
          podUid: c.podUid,
          namespace: c.namespace,
          podName: c.podName,
          name: c.name,
          stats,
        });
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const labelsByUid = new Map<string, Record<string, string> | undefined>();
    for (const pod of registry.list(POD)) labelsByUid.set(pod.metadata.uid!, pod.metadata.labels);
    const usage = readNodeUsage(Date.now());
    const result = scrape({
      containers,
      previous: this.previous,
      node: {
        name: nodeName,
        labels: registry.get(NODE, undefined, nodeName)?.metadata.labels,
        cpu: usage.cpu,
        memoryBytes: usage.memoryBytes,
      },
      podLabels: (uid) => labelsByUid.get(uid),
    });
    this.previous = result.previous;
    if (!this.stopped) writeMetrics(this.opts.home, result.snapshot);
  }
}
