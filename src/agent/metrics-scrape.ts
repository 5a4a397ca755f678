// One scrape turned into metrics, as metrics-server does it: a rate needs the container's previous
// sample, a pod is reported only when every one of its running containers has a rate (a half
// measured pod would under-report), and the window is the time between the two samples.
import {
  type CpuSample,
  cpuNanoCores,
  type MetricsSnapshot,
  type NodeMetrics,
  nodeMetrics,
  type PodMetrics,
  podMetrics,
} from '../api/metrics.js';
import type { ContainerStats } from '../runtime/types.js';

export interface ScrapedContainer {
  id: string;
  podUid: string;
  namespace: string;
  podName: string;
  name: string;
  stats: ContainerStats | undefined;
}

export interface ScrapeInput {
  containers: ScrapedContainer[];
  /** Previous CPU samples by container id (and `node`). */
  previous: ReadonlyMap<string, CpuSample>;
  node: { name: string; labels?: Record<string, string>; cpu?: CpuSample; memoryBytes?: number };
  /** Labels of the pods, by uid (PodMetrics carry them, so `top -l` can filter). */
  podLabels: (uid: string) => Record<string, string> | undefined;
}

export interface ScrapeResult {
  snapshot: MetricsSnapshot;
  /** The samples to compare with next time. */
  previous: Map<string, CpuSample>;
}

const NODE_KEY = '\0node';

export function scrape(input: ScrapeInput): ScrapeResult {
  const previous = new Map<string, CpuSample>();
  const byPod = new Map<string, ScrapedContainer[]>();
  for (const c of input.containers) {
    const list = byPod.get(c.podUid) ?? [];
    list.push(c);
    byPod.set(c.podUid, list);
  }
  const pods: PodMetrics[] = [];
  for (const [uid, containers] of byPod) {
    const measured: { name: string; nanoCores: number; memoryBytes: number; at: number; windowMs: number }[] =
      [];
    for (const c of containers) {
      if (!c.stats) continue;
      const cur = { cpuUsageNanos: c.stats.cpuUsageNanos, at: c.stats.at };
      previous.set(c.id, cur);
      const prev = input.previous.get(c.id);
      const rate = prev ? cpuNanoCores(prev, cur) : undefined;
      if (rate === undefined || !prev) continue;
      measured.push({
        name: c.name,
        nanoCores: rate,
        memoryBytes: c.stats.memoryWorkingSetBytes,
        at: cur.at,
        windowMs: cur.at - prev.at,
      });
    }
    if (measured.length === 0 || measured.length !== containers.length) continue;
    const first = containers[0]!;
    pods.push(
      podMetrics({
        namespace: first.namespace,
        name: first.podName,
        labels: input.podLabels(uid),
        at: Math.max(...measured.map((m) => m.at)),
        windowMs: Math.max(...measured.map((m) => m.windowMs)),
        containers: measured,
      }),
    );
  }
  const nodes: NodeMetrics[] = [];
  const { cpu, memoryBytes } = input.node;
  if (cpu) {
    previous.set(NODE_KEY, cpu);
    const prev = input.previous.get(NODE_KEY);
    const rate = prev ? cpuNanoCores(prev, cpu) : undefined;
    if (prev && rate !== undefined && memoryBytes !== undefined) {
      nodes.push(
        nodeMetrics({
          name: input.node.name,
          labels: input.node.labels,
          at: cpu.at,
          windowMs: cpu.at - prev.at,
          nanoCores: rate,
          memoryBytes,
        }),
      );
    }
  }
  pods.sort((a, b) => key(a).localeCompare(key(b)));
  return { snapshot: { pods, nodes }, previous };
}

const key = (m: PodMetrics) => `${m.metadata.namespace}/${m.metadata.name}`;
