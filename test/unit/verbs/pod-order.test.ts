// Which of a workload's pods `logs` (ByLogging) and `exec`/`port-forward` (reverse ActivePods) pick.
import { describe, expect, it } from 'vitest';
import type { KObject } from '../../../src/api/types.js';
import { byLogging, mostActiveFirst } from '../../../src/commands/pod-order.js';

interface P {
  node?: boolean;
  phase?: string;
  readySince?: string;
  restarts?: number;
  created?: string;
}
const pod = (name: string, p: P): KObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, creationTimestamp: p.created ?? '2024-01-01T00:00:00Z' },
  spec: p.node === false ? {} : { nodeName: 'n' },
  status: {
    phase: p.phase ?? 'Running',
    conditions: [
      p.readySince
        ? { type: 'Ready', status: 'True', lastTransitionTime: p.readySince }
        : { type: 'Ready', status: 'False' },
    ],
    containerStatuses: [{ name: 'c', restartCount: p.restarts ?? 0 }],
  },
});

const order = (pods: KObject[], cmp: (a: KObject, b: KObject) => number) =>
  [...pods].sort(cmp).map((p) => p.metadata.name);

describe('the pod kubectl picks from a workload', () => {
  const cases: Array<[string, KObject[], string[], string[]]> = [
    [
      'scheduled before unscheduled, running before pending',
      [pod('unscheduled', { node: false }), pod('pending', { phase: 'Pending' }), pod('running', {})],
      ['running', 'pending', 'unscheduled'],
      ['running', 'pending', 'unscheduled'],
    ],
    [
      'ready before not ready, and ready longest first',
      [
        pod('not-ready', {}),
        pod('ready-late', { readySince: '2024-01-02T00:00:10Z' }),
        pod('ready-early', { readySince: '2024-01-02T00:00:00Z' }),
      ],
      ['ready-early', 'ready-late', 'not-ready'],
      ['ready-early', 'ready-late', 'not-ready'],
    ],
    [
      'logs prefers the pod that restarted most, exec the one that restarted least',
      [pod('calm', { restarts: 0 }), pod('crashy', { restarts: 3 })],
      ['crashy', 'calm'],
      ['calm', 'crashy'],
    ],
    [
      'older before newer at last',
      [pod('new', { created: '2024-01-03T00:00:00Z' }), pod('old', { created: '2024-01-02T00:00:00Z' })],
      ['old', 'new'],
      ['old', 'new'],
    ],
    [
      'logs puts Unknown before Running; exec puts Running first',
      [pod('running', {}), pod('unknown', { phase: 'Unknown' })],
      ['unknown', 'running'],
      ['running', 'unknown'],
    ],
  ];
  for (const [name, pods, logs, exec] of cases) {
    it(name, () => {
      expect({ logs: order(pods, byLogging), exec: order(pods, mostActiveFirst) }).toEqual({ logs, exec });
    });
  }
});
