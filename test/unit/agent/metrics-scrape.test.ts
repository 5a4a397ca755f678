import { describe, expect, it } from 'vitest';
import { type ScrapedContainer, scrape } from '../../../src/agent/metrics-scrape.js';
import { cpuFromProcStat, memoryFromMeminfo } from '../../../src/agent/node-usage.js';

const T0 = Date.UTC(2024, 4, 1, 12, 0, 0);
const c = (
  id: string,
  pod: string,
  name: string,
  cpuSeconds: number,
  at: number,
  mem = 1048576,
): ScrapedContainer => ({
  id,
  podUid: `uid-${pod}`,
  namespace: 'default',
  podName: pod,
  name,
  stats: { cpuUsageNanos: cpuSeconds * 1e9, memoryWorkingSetBytes: mem, at },
});

describe('scrape', () => {
  it('reports nothing on the first scrape, only baselines', () => {
    const r = scrape({
      containers: [c('a', 'web', 'app', 10, T0)],
      previous: new Map(),
      node: { name: 'n1' },
      podLabels: () => undefined,
    });
    expect(r.snapshot).toEqual({ pods: [], nodes: [] });
    expect([...r.previous]).toEqual([['a', { cpuUsageNanos: 10e9, at: T0 }]]);
  });

  it('rates every container against its previous sample and reports only whole pods', () => {
    const first = scrape({
      containers: [c('a', 'web', 'app', 10, T0), c('b', 'web', 'side', 1, T0), c('x', 'db', 'pg', 0, T0)],
      previous: new Map(),
      node: { name: 'n1', cpu: { cpuUsageNanos: 100e9, at: T0 }, memoryBytes: 1 << 30 },
      podLabels: () => undefined,
    });
    const second = scrape({
      containers: [
        c('a', 'web', 'app', 10 + 7.5, T0 + 15_000),
        c('b', 'web', 'side', 1, T0 + 15_000),
        // db's container restarted: a new id, no previous sample, so db is left out this time.
        c('y', 'db', 'pg', 0.1, T0 + 15_000),
      ],
      previous: first.previous,
      node: {
        name: 'n1',
        labels: { role: 'x' },
        cpu: { cpuUsageNanos: 115e9, at: T0 + 15_000 },
        memoryBytes: 1 << 30,
      },
      podLabels: (uid) => (uid === 'uid-web' ? { app: 'web' } : undefined),
    });
    expect(second.snapshot).toEqual({
      pods: [
        {
          kind: 'PodMetrics',
          apiVersion: 'metrics.k8s.io/v1beta1',
          metadata: {
            name: 'web',
            namespace: 'default',
            creationTimestamp: '2024-05-01T12:00:15Z',
            labels: { app: 'web' },
          },
          timestamp: '2024-05-01T12:00:15Z',
          window: '15s',
          containers: [
            { name: 'app', usage: { cpu: '500000000n', memory: '1024Ki' } },
            { name: 'side', usage: { cpu: '0n', memory: '1024Ki' } },
          ],
        },
      ],
      nodes: [
        {
          kind: 'NodeMetrics',
          apiVersion: 'metrics.k8s.io/v1beta1',
          metadata: { name: 'n1', creationTimestamp: '2024-05-01T12:00:15Z', labels: { role: 'x' } },
          timestamp: '2024-05-01T12:00:15Z',
          window: '15s',
          usage: { cpu: '1000000000n', memory: '1048576Ki' },
        },
      ],
    });
    expect([...second.previous.keys()]).toEqual(['a', 'b', 'y', '\0node']);
  });

  it('reads the node from /proc', () => {
    expect(cpuFromProcStat('cpu  100 5 50 9000 20 1 2 3 0 0\ncpu0 1 1 1 1\n', T0)).toEqual({
      cpuUsageNanos: (100 + 5 + 50 + 1 + 2 + 3) * 1e7,
      at: T0,
    });
    expect(memoryFromMeminfo('MemTotal:       1000 kB\nMemFree:  10 kB\nMemAvailable:    400 kB\n')).toBe(
      600 * 1024,
    );
    expect(memoryFromMeminfo('MemTotal: 1 kB\n')).toBeUndefined();
  });
});
