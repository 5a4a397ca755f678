import type { Pod, PodStatus } from 'kubernetes-types/core/v1.js';
import { describe, expect, it } from 'vitest';
import type { WaitingInfo } from '../../../src/kubelet/actions.js';
import { observePod } from '../../../src/kubelet/observed.js';
import { computePodStatus } from '../../../src/kubelet/status.js';
import type { ObservedContainer } from '../../../src/runtime/types.js';
import { basePod, container, NOW, sandbox } from './fixtures.js';

interface Case {
  name: string;
  pod?: (p: Pod) => void;
  observed: () => ObservedContainer[];
  waiting?: Record<string, WaitingInfo>;
  readiness?: Record<string, boolean>;
  expect: (s: PodStatus) => void;
}

const cond = (s: PodStatus, type: string) => s.conditions?.find((c) => c.type === type)?.status;
const states = (s: PodStatus) =>
  (s.containerStatuses ?? []).map(
    (c) =>
      Object.keys(c.state ?? {})[0] +
      (c.state?.waiting
        ? `:${c.state.waiting.reason}`
        : c.state?.terminated
          ? `:${c.state.terminated.reason}`
          : ''),
  );

const cases: Case[] = [
  {
    name: 'a new pod is Pending with containers waiting in ContainerCreating',
    observed: () => [],
    expect: (s) => {
      expect(s.phase).toBe('Pending');
      expect(states(s)).toEqual(['waiting:ContainerCreating', 'waiting:ContainerCreating']);
      expect(cond(s, 'Ready')).toBe('False');
      expect(s.podIP).toBeUndefined();
    },
  },
  {
    name: 'app containers of a pod with init containers wait in PodInitializing',
    pod: (p) => {
      p.spec!.initContainers = [{ name: 'init-a', image: 'busybox' }];
    },
    observed: () => [sandbox(), container('init-a', 0, 'running', { type: 'init' })],
    expect: (s) => {
      expect(s.phase).toBe('Pending');
      expect(states(s)).toEqual(['waiting:PodInitializing', 'waiting:PodInitializing']);
      expect(cond(s, 'Initialized')).toBe('False');
      expect(s.conditions?.find((c) => c.type === 'Initialized')?.message).toBe(
        'containers with incomplete status: [init-a]',
      );
    },
  },
  {
    name: 'init containers not started yet wait in PodInitializing too, as the kubelet defaults every container',
    pod: (p) => {
      p.spec!.initContainers = [
        { name: 'init-a', image: 'busybox' },
        { name: 'init-b', image: 'busybox' },
      ];
    },
    observed: () => [sandbox(), container('init-a', 0, 'running', { type: 'init' })],
    expect: (s) => {
      const init = s.initContainerStatuses!;
      expect(init.map((c) => Object.keys(c.state ?? {})[0])).toEqual(['running', 'waiting']);
      expect(init[1]!.state?.waiting?.reason).toBe('PodInitializing');
    },
  },
  {
    name: 'an unready sidecar keeps the pod not Ready and is named first in the condition message',
    pod: (p) => {
      p.spec!.initContainers = [{ name: 'proxy', image: 'busybox', restartPolicy: 'Always' }];
    },
    observed: () => [
      sandbox(),
      container('proxy', 0, 'running', { type: 'init' }),
      container('app', 0, 'running'),
      container('side', 0, 'running'),
    ],
    readiness: { proxy: false, app: false, side: true },
    expect: (s) => {
      expect(s.initContainerStatuses?.[0]).toMatchObject({ ready: false, started: true });
      expect(s.conditions?.find((c) => c.type === 'ContainersReady')?.message).toBe(
        'containers with unready status: [proxy app]',
      );
    },
  },
  {
    name: 'a pod whose containers all run is Running and Ready with the sandbox IP',
    observed: () => [sandbox(), container('app', 0, 'running'), container('side', 0, 'running')],
    expect: (s) => {
      expect(s.phase).toBe('Running');
      expect(cond(s, 'Ready')).toBe('True');
      expect(cond(s, 'ContainersReady')).toBe('True');
      expect(s.podIP).toBe('172.18.0.2');
      expect(s.containerStatuses?.map((c) => c.ready)).toEqual([true, true]);
    },
  },
  {
    name: 'a container in back-off shows CrashLoopBackOff with its last termination and restart count',
    observed: () => [
      sandbox(),
      container('app', 2, 'exited', { exitCode: 1 }),
      container('side', 0, 'running'),
    ],
    waiting: { app: { reason: 'CrashLoopBackOff', message: 'back-off 20s' } },
    expect: (s) => {
      expect(s.phase).toBe('Running');
      expect(states(s)).toEqual(['waiting:CrashLoopBackOff', 'running']);
      const app = s.containerStatuses![0]!;
      expect(app.restartCount).toBe(2);
      expect(app.lastState?.terminated?.exitCode).toBe(1);
      expect(app.lastState?.terminated?.reason).toBe('Error');
      expect(cond(s, 'Ready')).toBe('False');
    },
  },
  {
    name: 'a pod whose containers all succeeded under OnFailure is Succeeded',
    pod: (p) => {
      p.spec!.restartPolicy = 'OnFailure';
    },
    observed: () => [sandbox('exited'), container('app', 0, 'exited'), container('side', 0, 'exited')],
    expect: (s) => {
      expect(s.phase).toBe('Succeeded');
      expect(states(s)).toEqual(['terminated:Completed', 'terminated:Completed']);
      expect(s.conditions?.find((c) => c.type === 'Ready')?.reason).toBe('PodCompleted');
    },
  },
  {
    name: 'a pod with a failed container under Never is Failed',
    pod: (p) => {
      p.spec!.restartPolicy = 'Never';
    },
    observed: () => [
      sandbox(),
      container('app', 0, 'exited', { exitCode: 3 }),
      container('side', 0, 'exited'),
    ],
    expect: (s) => expect(s.phase).toBe('Failed'),
  },
  {
    name: 'an OOM-killed container is terminated with reason OOMKilled',
    pod: (p) => {
      p.spec!.restartPolicy = 'Never';
    },
    observed: () => [
      sandbox(),
      container('app', 0, 'exited', { exitCode: 137, oomKilled: true }),
      container('side', 0, 'running'),
    ],
    expect: (s) => expect(states(s)[0]).toBe('terminated:OOMKilled'),
  },
  {
    name: 'a failed image pull shows ErrImagePull and keeps the pod Pending',
    observed: () => [sandbox(), container('side', 0, 'running')],
    waiting: { app: { reason: 'ErrImagePull', message: 'Failed to pull image "nope"' } },
    expect: (s) => {
      expect(s.phase).toBe('Pending');
      expect(states(s)[0]).toBe('waiting:ErrImagePull');
    },
  },
  {
    name: 'an init container that failed under Never fails the pod',
    pod: (p) => {
      p.spec!.restartPolicy = 'Never';
      p.spec!.initContainers = [{ name: 'init-a', image: 'busybox' }];
    },
    observed: () => [sandbox(), container('init-a', 0, 'exited', { type: 'init', exitCode: 1 })],
    expect: (s) => expect(s.phase).toBe('Failed'),
  },
];

describe('computePodStatus', () => {
  for (const c of cases) {
    it(c.name, () => {
      const status = computePodStatus({
        pod: basePod(c.pod),
        observed: observePod(c.observed()),
        waiting: new Map(Object.entries(c.waiting ?? {})),
        readiness: new Map(Object.entries(c.readiness ?? {})),
        hostIP: '127.0.0.1',
        now: new Date(NOW),
      });
      c.expect(status);
    });
  }

  it('keeps lastTransitionTime of a condition whose status did not change', () => {
    const observed = observePod([sandbox(), container('app', 0, 'running'), container('side', 0, 'running')]);
    const first = computePodStatus({
      pod: basePod(),
      observed,
      waiting: new Map(),
      hostIP: 'h',
      now: new Date(NOW),
    });
    const later = computePodStatus({
      pod: basePod((p) => {
        Object.assign(p, { status: first });
      }),
      observed,
      waiting: new Map(),
      hostIP: 'h',
      now: new Date(NOW + 60_000),
    });
    expect(later).toEqual(first);
  });
});
