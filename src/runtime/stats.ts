// One container's resource usage, as the kubelet's stats provider reads it from cAdvisor: cumulative
// CPU time and the memory working set (usage minus inactive file pages, what the OOM killer counts).
// Docker's one-shot stats (API 1.41+) answers at once instead of waiting for a second sample.
import type Docker from 'dockerode';
import { cgroupStats } from './cgroup-stats.js';
import { isNotFound } from './client.js';
import type { ContainerStats } from './types.js';

interface DockerStats {
  read?: string;
  cpu_stats?: { cpu_usage?: { total_usage?: number } };
  memory_stats?: { usage?: number; stats?: Record<string, number> };
}

/** Usage of a running container, or undefined when it is gone or reports nothing. */
export async function containerStats(docker: Docker, id: string): Promise<ContainerStats | undefined> {
  // The cgroup's files when this process can read them (the engine on this host); the engine's
  // stats API otherwise.
  const direct = cgroupStats(id);
  if (direct) return direct;
  let raw: DockerStats;
  try {
    raw = (await docker
      .getContainer(id)
      .stats({ stream: false, 'one-shot': true } as { stream: false })) as DockerStats;
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
  return statsFromDocker(raw);
}

/** Pure decoding of Docker's stats JSON (cgroup v1 and v2 field names). */
export function statsFromDocker(raw: DockerStats): ContainerStats | undefined {
  const cpu = raw.cpu_stats?.cpu_usage?.total_usage;
  const usage = raw.memory_stats?.usage;
  if (cpu === undefined || usage === undefined) return undefined;
  const stats = raw.memory_stats?.stats ?? {};
  // cgroup v1 reports total_inactive_file, v2 inactive_file; the kubelet subtracts it, floored at 0.
  const inactive = stats.total_inactive_file ?? stats.inactive_file ?? 0;
  const at = raw.read ? Date.parse(raw.read) : Number.NaN;
  return {
    cpuUsageNanos: cpu,
    memoryWorkingSetBytes: Math.max(0, usage - inactive),
    at: Number.isFinite(at) && at > 0 ? at : Date.now(),
  };
}
