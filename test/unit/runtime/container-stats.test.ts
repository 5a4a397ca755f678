import { describe, expect, it } from 'vitest';
import { statValue } from '../../../src/runtime/cgroup-stats.js';
import { statsFromDocker } from '../../../src/runtime/stats.js';

describe('container usage decoding', () => {
  it('reads a key of a cgroup stat file', () => {
    const memoryStat = 'cache 4096\nrss 1000\ninactive_file 2048\ntotal_inactive_file 8192\n';
    expect([
      statValue(memoryStat, 'total_inactive_file'),
      statValue(memoryStat, 'inactive_file'),
      statValue('usage_usec 1500\nuser_usec 1000\n', 'usage_usec'),
      statValue('usage_usec 1500\n', 'missing'),
    ]).toEqual([8192, 2048, 1500, undefined]);
  });

  it('decodes Docker stats for cgroup v1 and v2, working set floored at 0', () => {
    expect(
      statsFromDocker({
        read: '2024-05-01T12:00:00.5Z',
        cpu_stats: { cpu_usage: { total_usage: 123 } },
        memory_stats: { usage: 10_000, stats: { total_inactive_file: 4_000 } },
      }),
    ).toEqual({ cpuUsageNanos: 123, memoryWorkingSetBytes: 6_000, at: Date.parse('2024-05-01T12:00:00.5Z') });
    expect(
      statsFromDocker({
        read: '2024-05-01T12:00:00Z',
        cpu_stats: { cpu_usage: { total_usage: 7 } },
        memory_stats: { usage: 1_000, stats: { inactive_file: 5_000 } },
      }),
    ).toEqual({ cpuUsageNanos: 7, memoryWorkingSetBytes: 0, at: Date.parse('2024-05-01T12:00:00Z') });
    expect(statsFromDocker({ read: '2024-05-01T12:00:00Z' })).toBeUndefined();
  });
});
