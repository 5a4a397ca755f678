import type { Node, Pod, Taint, Toleration } from 'kubernetes-types/core/v1.js';
import { describe, expect, it } from 'vitest';
import {
  failedSchedulingMessage,
  noExecuteVerdict,
  toleratesTaint,
  unfitReason,
} from '../../../src/kubelet/scheduling.js';

const pod = (mut: (p: Pod) => void = () => {}): Pod => {
  const p: Pod = { metadata: { name: 'p', namespace: 'default' }, spec: { containers: [{ name: 'c' }] } };
  mut(p);
  return p;
};
const node = (mut: (n: Node) => void = () => {}): Node => {
  const n: Node = { metadata: { name: 'vm', labels: { 'kubernetes.io/os': 'linux' } }, spec: {} };
  mut(n);
  return n;
};

describe('toleratesTaint', () => {
  const taint: Taint = { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' };
  const cases: Array<[string, Toleration, boolean]> = [
    [
      'Equal with the same key, value and effect tolerates',
      { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' },
      true,
    ],
    ['Equal is the default operator', { key: 'dedicated', value: 'gpu' }, true],
    ['a different value does not tolerate', { key: 'dedicated', value: 'cpu', effect: 'NoSchedule' }, false],
    ['Exists ignores the value', { key: 'dedicated', operator: 'Exists' }, true],
    ['an empty key with Exists tolerates every taint', { operator: 'Exists' }, true],
    [
      'another effect does not tolerate',
      { key: 'dedicated', operator: 'Exists', effect: 'NoExecute' },
      false,
    ],
    ['another key does not tolerate', { key: 'other', operator: 'Exists' }, false],
  ];
  for (const [name, toleration, want] of cases)
    it(name, () => expect(toleratesTaint(toleration, taint)).toBe(want));
});

describe('unfitReason (the scheduler filter on one node)', () => {
  const cases: Array<[string, Pod, Node, string | undefined]> = [
    ['a plain pod fits a plain node', pod(), node(), undefined],
    [
      'a cordoned node is unschedulable',
      pod(),
      node((n) => (n.spec!.unschedulable = true)),
      'node(s) were unschedulable',
    ],
    [
      'a pod tolerating node.kubernetes.io/unschedulable fits a cordoned node',
      pod(
        (p) =>
          (p.spec!.tolerations = [
            { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
          ]),
      ),
      node((n) => (n.spec!.unschedulable = true)),
      undefined,
    ],
    [
      'an untolerated NoSchedule taint is named with its value',
      pod(),
      node((n) => (n.spec!.taints = [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }])),
      'node(s) had untolerated taint {dedicated: gpu}',
    ],
    [
      'a PreferNoSchedule taint does not filter',
      pod(),
      node((n) => (n.spec!.taints = [{ key: 'soft', effect: 'PreferNoSchedule' }])),
      undefined,
    ],
    [
      'NodeUnschedulable runs before TaintToleration',
      pod(),
      node((n) => {
        n.spec!.unschedulable = true;
        n.spec!.taints = [{ key: 'k', effect: 'NoExecute' }];
      }),
      'node(s) were unschedulable',
    ],
    [
      'a nodeSelector the node labels do not match',
      pod((p) => (p.spec!.nodeSelector = { disk: 'ssd' })),
      node(),
      "node(s) didn't match Pod's node affinity/selector",
    ],
  ];
  for (const [name, p, n, want] of cases) it(name, () => expect(unfitReason(p, n)).toBe(want));

  it('words the event as kube-scheduler 1.32 does', () => {
    expect(failedSchedulingMessage('node(s) were unschedulable')).toBe(
      '0/1 nodes are available: 1 node(s) were unschedulable. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.',
    );
  });
});

describe('noExecuteVerdict (the taint manager)', () => {
  const t0 = Date.parse('2026-01-01T00:00:00Z');
  const tainted = node(
    (n) => (n.spec!.taints = [{ key: 'maint', effect: 'NoExecute', timeAdded: '2026-01-01T00:00:00Z' }]),
  );
  const tolerating = (seconds?: number) =>
    pod(
      (p) =>
        (p.spec!.tolerations = [
          { key: 'maint', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: seconds },
        ]),
    );
  const cases: Array<[string, Pod, Node, number, unknown]> = [
    ['no NoExecute taint keeps the pod', pod(), node(), t0, { evict: false }],
    ['an untolerated NoExecute taint evicts now', pod(), tainted, t0, { evict: true }],
    ['a toleration without seconds keeps it for good', tolerating(undefined), tainted, t0, { evict: false }],
    [
      'tolerationSeconds not yet over: recheck then',
      tolerating(30),
      tainted,
      t0 + 10_000,
      { evict: false, recheckInMs: 20_000 },
    ],
    ['tolerationSeconds over: evict', tolerating(30), tainted, t0 + 30_000, { evict: true }],
  ];
  for (const [name, p, n, now, want] of cases)
    it(name, () => expect(noExecuteVerdict(p, n, now)).toEqual(want));
});
