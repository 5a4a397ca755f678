import { describe, expect, it } from 'vitest';
import {
  cpuNanoCores,
  cpuQuantity,
  goDuration,
  memoryQuantity,
  podMetrics,
} from '../../../src/api/metrics.js';

describe('resource metrics helpers', () => {
  it.each([
    // one core busy for a second
    [{ cpuUsageNanos: 0, at: 0 }, { cpuUsageNanos: 1e9, at: 1000 }, 1e9],
    // a quarter core over 15 s
    [{ cpuUsageNanos: 5e9, at: 10_000 }, { cpuUsageNanos: 5e9 + 3.75e9, at: 25_000 }, 2.5e8],
    // idle
    [{ cpuUsageNanos: 7, at: 0 }, { cpuUsageNanos: 7, at: 15_000 }, 0],
    // a restarted container's counter went back: no rate
    [{ cpuUsageNanos: 9e9, at: 0 }, { cpuUsageNanos: 1e9, at: 1000 }, undefined],
    // no time passed: no rate
    [{ cpuUsageNanos: 0, at: 1000 }, { cpuUsageNanos: 1e9, at: 1000 }, undefined],
  ])('cpuNanoCores(%o, %o) = %s', (prev, cur, want) => {
    expect(cpuNanoCores(prev, cur)).toBe(want);
  });

  it('formats quantities as metrics-server does', () => {
    expect([cpuQuantity(1234567.6), cpuQuantity(-1), memoryQuantity(1048576), memoryQuantity(1500)]).toEqual([
      '1234568n',
      '0n',
      '1024Ki',
      '1Ki',
    ]);
  });

  it.each([
    [0, '0s'],
    [15_012, '15.012s'],
    [60_500, '1m0.5s'],
    [3_725_000, '1h2m5s'],
  ])('goDuration(%d) = %s', (ms, want) => {
    expect(goDuration(ms)).toBe(want);
  });

  it('builds a PodMetrics with containers sorted by name', () => {
    expect(
      podMetrics({
        namespace: 'default',
        name: 'web',
        labels: { app: 'web' },
        at: Date.UTC(2024, 4, 1, 12, 0, 0),
        windowMs: 15_000,
        containers: [
          { name: 'side', nanoCores: 1e6, memoryBytes: 2048 },
          { name: 'app', nanoCores: 5e8, memoryBytes: 10 * 1048576 },
        ],
      }),
    ).toEqual({
      kind: 'PodMetrics',
      apiVersion: 'metrics.k8s.io/v1beta1',
      metadata: {
        name: 'web',
        namespace: 'default',
        creationTimestamp: '2024-05-01T12:00:00Z',
        labels: { app: 'web' },
      },
      timestamp: '2024-05-01T12:00:00Z',
      window: '15s',
      containers: [
        { name: 'app', usage: { cpu: '500000000n', memory: '10240Ki' } },
        { name: 'side', usage: { cpu: '1000000n', memory: '2Ki' } },
      ],
    });
  });
});
