// The resource metrics API (metrics.k8s.io/v1beta1) as metrics-server serves it: PodMetrics and
// NodeMetrics with CPU in nanocores over a window and memory as the working set. Pure helpers;
// the agent's sampler produces these, `top` and the HPA controller read them.
import type { KindInfo } from './kinds.js';
import { rfc3339 } from './time.js';

export const METRICS_API_VERSION = 'metrics.k8s.io/v1beta1';

export interface Usage {
  cpu: string;
  memory: string;
}

export interface PodMetrics {
  kind: 'PodMetrics';
  apiVersion: typeof METRICS_API_VERSION;
  metadata: { name: string; namespace: string; creationTimestamp: string; labels?: Record<string, string> };
  timestamp: string;
  window: string;
  containers: { name: string; usage: Usage }[];
}

export interface NodeMetrics {
  kind: 'NodeMetrics';
  apiVersion: typeof METRICS_API_VERSION;
  metadata: { name: string; creationTimestamp: string; labels?: Record<string, string> };
  timestamp: string;
  window: string;
  usage: Usage;
}

/** What the sampler publishes after each scrape. */
export interface MetricsSnapshot {
  pods: PodMetrics[];
  nodes: NodeMetrics[];
}

/** Cumulative CPU time at an instant. */
export interface CpuSample {
  cpuUsageNanos: number;
  at: number;
}

/** CPU used between two samples, in nanocores (1e9 = one core busy); undefined if not comparable. */
export function cpuNanoCores(prev: CpuSample, cur: CpuSample): number | undefined {
  const elapsedMs = cur.at - prev.at;
  const used = cur.cpuUsageNanos - prev.cpuUsageNanos;
  // A restarted container's counter starts again from zero: no rate until the next sample.
  if (elapsedMs <= 0 || used < 0) return undefined;
  return Math.round((used / elapsedMs) * 1e3);
}

/** metrics-server's CPU quantity: integer nanocores. */
export const cpuQuantity = (nanoCores: number): string => `${Math.max(0, Math.round(nanoCores))}n`;

/** metrics-server's memory quantity: bytes in Ki (a BinarySI quantity of whole Ki). */
export const memoryQuantity = (bytes: number): string => `${Math.max(0, Math.floor(bytes / 1024))}Ki`;

/** A Go time.Duration string for a window in ms, e.g. `15.012s`, `1m0.5s`. */
export function goDuration(ms: number): string {
  if (ms === 0) return '0s';
  const totalSeconds = ms / 1000;
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = +(totalSeconds - minutes * 60).toFixed(3);
  const s = `${seconds}s`;
  if (minutes === 0) return s;
  const hours = Math.floor(minutes / 60);
  return hours > 0 ? `${hours}h${minutes % 60}m${s}` : `${minutes}m${s}`;
}

export function podMetrics(input: {
  namespace: string;
  name: string;
  labels?: Record<string, string>;
  at: number;
  windowMs: number;
  containers: { name: string; nanoCores: number; memoryBytes: number }[];
}): PodMetrics {
  return {
    kind: 'PodMetrics',
    apiVersion: METRICS_API_VERSION,
    metadata: {
      name: input.name,
      namespace: input.namespace,
      creationTimestamp: rfc3339(new Date(input.at)),
      ...(input.labels && Object.keys(input.labels).length > 0 ? { labels: input.labels } : {}),
    },
    timestamp: rfc3339(new Date(input.at)),
    window: goDuration(input.windowMs),
    containers: [...input.containers]
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .map((c) => ({
        name: c.name,
        usage: { cpu: cpuQuantity(c.nanoCores), memory: memoryQuantity(c.memoryBytes) },
      })),
  };
}

export function nodeMetrics(input: {
  name: string;
  labels?: Record<string, string>;
  at: number;
  windowMs: number;
  nanoCores: number;
  memoryBytes: number;
}): NodeMetrics {
  return {
    kind: 'NodeMetrics',
    apiVersion: METRICS_API_VERSION,
    metadata: {
      name: input.name,
      creationTimestamp: rfc3339(new Date(input.at)),
      ...(input.labels && Object.keys(input.labels).length > 0 ? { labels: input.labels } : {}),
    },
    timestamp: rfc3339(new Date(input.at)),
    window: goDuration(input.windowMs),
    usage: { cpu: cpuQuantity(input.nanoCores), memory: memoryQuantity(input.memoryBytes) },
  };
}

/** The metrics API's resources as discovery lists them (read-only: get and list). */
export const METRICS_KINDS: readonly KindInfo[] = [
  {
    kind: 'NodeMetrics',
    plural: 'nodes',
    singular: '',
    shortNames: [],
    group: 'metrics.k8s.io',
    version: 'v1beta1',
    namespaced: false,
    verbs: ['get', 'list'],
  },
  {
    kind: 'PodMetrics',
    plural: 'pods',
    singular: '',
    shortNames: [],
    group: 'metrics.k8s.io',
    version: 'v1beta1',
    namespaced: true,
    verbs: ['get', 'list'],
  },
];
