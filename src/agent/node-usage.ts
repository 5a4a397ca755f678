// The node's own usage for NodeMetrics: CPU time of the whole machine from /proc/stat and the
// memory in use (total minus available) from /proc/meminfo. The kubelet reads the root cgroup
// instead; on a laptop both say how busy the machine is, and /proc reads the same everywhere.
import { readFileSync } from 'node:fs';
import type { CpuSample } from '../api/metrics.js';

/** USER_HZ: /proc/stat counts in 1/100 s on every Linux architecture Docker runs on. */
const NANOS_PER_TICK = 1e7;

/** Busy CPU time: every column of the `cpu` line except idle and iowait. */
export function cpuFromProcStat(text: string, at: number): CpuSample | undefined {
  const line = text.split('\n').find((l) => l.startsWith('cpu '));
  if (!line) return undefined;
  const [user, nice, system, idle, iowait, irq, softirq, steal] = line
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  void idle;
  void iowait;
  const busy = [user, nice, system, irq, softirq, steal].reduce((sum: number, v) => sum + (v || 0), 0);
  return { cpuUsageNanos: busy * NANOS_PER_TICK, at };
}

/** Bytes in use: MemTotal - MemAvailable. */
export function memoryFromMeminfo(text: string): number | undefined {
  const kb = (key: string) => {
    const m = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text);
    return m ? Number(m[1]) : undefined;
  };
  const total = kb('MemTotal');
  const available = kb('MemAvailable');
  return total === undefined || available === undefined ? undefined : (total - available) * 1024;
}

export function readNodeUsage(now: number): { cpu?: CpuSample; memoryBytes?: number } {
  try {
    return {
      cpu: cpuFromProcStat(readFileSync('/proc/stat', 'utf8'), now),
      memoryBytes: memoryFromMeminfo(readFileSync('/proc/meminfo', 'utf8')),
    };
  } catch {
    return {};
  }
}
