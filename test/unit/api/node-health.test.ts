// The node lifecycle controller's rule as a pure function: one healthy base node, small
// mutations, and the whole node expected back.
import { describe, expect, it } from 'vitest';
import { withNodeLifecycle } from '../../../src/api/node-health.js';
import type { KObject } from '../../../src/api/types.js';

const CREATED = '2026-01-01T09:00:00Z';
const BEAT = '2026-01-01T10:00:00Z';
const at = (iso: string) => Date.parse(iso);

const healthy = (type: string, reason: string, message: string, status = 'False') => ({
  type,
  status,
  lastHeartbeatTime: BEAT,
  lastTransitionTime: CREATED,
  reason,
  message,
});

function baseNode(): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: 'laptop', creationTimestamp: CREATED, resourceVersion: '7' },
    spec: {},
    status: {
      conditions: [
        healthy('MemoryPressure', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
        healthy('DiskPressure', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
        healthy('PIDPressure', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
        healthy('Ready', 'KubeletReady', 'kubelet is posting ready status', 'True'),
      ],
      nodeInfo: { kubeletVersion: 'v1.32.0' },
    },
  };
}

const stopped = (type: string, transition: string) => ({
  type,
  status: 'Unknown',
  lastHeartbeatTime: BEAT,
  lastTransitionTime: transition,
  reason: 'NodeStatusUnknown',
  message: 'Kubelet stopped posting node status.',
});

const STALE_AT = '2026-01-01T10:00:40Z';
const staleConditions = [
  stopped('MemoryPressure', STALE_AT),
  stopped('DiskPressure', STALE_AT),
  stopped('PIDPressure', STALE_AT),
  stopped('Ready', STALE_AT),
];
const unreachable = (timeAdded: string) => [
  { key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule', timeAdded },
  { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded },
];
const userTaint = { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' };

type Case = [
  name: string,
  mutate: (n: KObject) => void,
  now: string,
  expected: (n: KObject) => KObject | 'same',
];

const cases: Case[] = [
  [
    'a heartbeat exactly 40s old is still fresh: the node is returned as it is',
    () => {},
    STALE_AT,
    () => 'same',
  ],
  [
    'a heartbeat older than 40s makes Ready and the pressure conditions Unknown and adds the unreachable taints',
    () => {},
    '2026-01-01T10:00:41Z',
    (n) => ({
      ...n,
      spec: { taints: unreachable(STALE_AT) },
      status: { ...n.status, conditions: staleConditions },
    }),
  ],
  [
    'the transition time is the end of the grace period, however late the read',
    () => {},
    '2026-01-03T00:00:00Z',
    (n) => ({
      ...n,
      spec: { taints: unreachable(STALE_AT) },
      status: { ...n.status, conditions: staleConditions },
    }),
  ],
  [
    'NetworkUnavailable belongs to the control plane and is left alone',
    (n) => n.status.conditions.push(healthy('NetworkUnavailable', 'RouteCreated', 'routes created')),
    '2026-01-01T10:01:00Z',
    (n) => ({
      ...n,
      spec: { taints: unreachable(STALE_AT) },
      status: {
        ...n.status,
        conditions: [...staleConditions, healthy('NetworkUnavailable', 'RouteCreated', 'routes created')],
      },
    }),
  ],
  [
    'a node already Unknown (agent stopped cleanly) keeps its conditions and gets the taints from its transition',
    (n) => {
      n.status.conditions = staleConditions.map((c) => ({
        ...c,
        lastTransitionTime: '2026-01-01T10:00:05Z',
      }));
    },
    '2026-01-01T10:00:10Z',
    (n) => ({ ...n, spec: { taints: unreachable('2026-01-01T10:00:05Z') } }),
  ],
  [
    "other owners' taints stay first; the controller's are appended",
    (n) => {
      n.spec.taints = [userTaint];
    },
    '2026-01-01T10:05:00Z',
    (n) => ({
      ...n,
      spec: { taints: [userTaint, ...unreachable(STALE_AT)] },
      status: { ...n.status, conditions: staleConditions },
    }),
  ],
  [
    'an unreachable taint already there keeps its place and time; only the missing one is added',
    (n) => {
      n.spec.taints = [unreachable('2026-01-01T09:30:00Z')[1], userTaint];
    },
    '2026-01-01T10:05:00Z',
    (n) => ({
      ...n,
      spec: { taints: [unreachable('2026-01-01T09:30:00Z')[1], userTaint, unreachable(STALE_AT)[0]] },
      status: { ...n.status, conditions: staleConditions },
    }),
  ],
  [
    'a Ready node loses leftover unreachable and not-ready taints and keeps the rest',
    (n) => {
      n.spec.taints = [
        ...unreachable('2026-01-01T09:30:00Z'),
        userTaint,
        { key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' },
      ];
    },
    '2026-01-01T10:00:05Z',
    (n) => ({ ...n, spec: { taints: [userTaint] } }),
  ],
  [
    'a Ready node losing its last taint has no taints field, as the API omits an empty list',
    (n) => {
      n.spec.taints = unreachable('2026-01-01T09:30:00Z');
    },
    '2026-01-01T10:00:05Z',
    (n) => ({ ...n, spec: {} }),
  ],
  [
    'a fresh Ready=False node gets the not-ready taints, dated from its transition',
    (n) => {
      n.status.conditions[3] = healthy('Ready', 'KubeletNotReady', 'container runtime is down');
    },
    '2026-01-01T10:00:05Z',
    (n) => ({
      ...n,
      spec: {
        taints: [
          { key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule', timeAdded: CREATED },
          { key: 'node.kubernetes.io/not-ready', effect: 'NoExecute', timeAdded: CREATED },
        ],
      },
    }),
  ],
  [
    'a node that never posted status is left alone for the 60s startup grace period',
    (n) => {
      n.status = {};
    },
    '2026-01-01T09:01:00Z',
    () => 'same',
  ],
  [
    'after the startup grace period a node that never posted gets the four conditions as never updated',
    (n) => {
      n.status = {};
    },
    '2026-01-01T09:01:01Z',
    (n) => {
      const never = (type: string) => ({
        type,
        status: 'Unknown',
        lastHeartbeatTime: CREATED,
        lastTransitionTime: '2026-01-01T09:01:00Z',
        reason: 'NodeStatusNeverUpdated',
        message: 'Kubelet never posted node status.',
      });
      return {
        ...n,
        spec: { taints: unreachable('2026-01-01T09:01:00Z') },
        status: { conditions: ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure'].map(never) },
      };
    },
  ],
];

describe('withNodeLifecycle', () => {
  for (const [name, mutate, now, expected] of cases) {
    it(name, () => {
      const node = baseNode();
      mutate(node);
      const before = structuredClone(node);
      const result = withNodeLifecycle(node, at(now));
      const want = expected(structuredClone(node));
      if (want === 'same') expect(result).toBe(node);
      else expect(result).toEqual(want);
      // A read never changes the stored object.
      expect(node).toEqual(before);
    });
  }
});
