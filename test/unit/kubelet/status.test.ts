import type { ContainerStatus, Pod, PodCondition, PodStatus } from 'kubernetes-types/core/v1.js';
import { describe, expect, it } from 'vitest';
import type { WaitingInfo } from '../../../src/kubelet/actions.js';
import { observePod } from '../../../src/kubelet/observed.js';
import { computePodStatus, rfc3339 } from '../../../src/kubelet/status.js';
import type { ObservedContainer } from '../../../src/runtime/types.js';
import { basePod, container, NOW, sandbox } from './fixtures.js';

interface Case {
  name: string;
  pod?: (p: Pod) => void;
  observed: () => ObservedContainer[];
  waiting?: Record<string, WaitingInfo>;
  readiness?: Record<string, boolean>;
  /** The whole status: `podStatus()` is a Pending pod with a running sandbox, plus what differs. */
  expect: PodStatus;
}

const HOST = '127.0.0.1';
const SANDBOX_IP = '172.18.0.2';
const IMAGE = 'busybox:1.36';
const IMAGE_ID = 'docker-pullable://busybox:1.36@sha256:abc';
/** RFC 3339 time `ms` before NOW; the fixture's containers start 50s and finish 5s before NOW. */
const t = (ms: number) => rfc3339(new Date(NOW - ms));
const STARTED = t(50_000);
const FINISHED = t(5_000);

const condition = (type: string, status: 'True' | 'False', reason?: string, message?: string) => {
  const c: PodCondition = {
    type,
    status,
    lastProbeTime: null as unknown as undefined,
    lastTransitionTime: t(0),
  };
  if (reason) c.reason = reason;
  if (message) c.message = message;
  return c;
};
type Readiness = true | { reason: string; message?: string };
const unready = (...names: string[]): Readiness => ({
  reason: 'ContainersNotReady',
  message: `containers with unready status: [${names.join(' ')}]`,
});

/** The five conditions, all set at NOW (a first status). */
function conditions(o: {
  ready: Readiness;
  sandbox?: boolean;
  /** Init containers not done yet. */
  incomplete?: string[];
  initializedReason?: string;
}): PodCondition[] {
  const ready = (type: string) =>
    o.ready === true ? condition(type, 'True') : condition(type, 'False', o.ready.reason, o.ready.message);
  return [
    condition('PodReadyToStartContainers', o.sandbox === false ? 'False' : 'True'),
    o.incomplete
      ? condition(
          'Initialized',
          'False',
          'ContainersNotInitialized',
          `containers with incomplete status: [${o.incomplete.join(' ')}]`,
        )
      : condition('Initialized', 'True', o.initializedReason),
    ready('Ready'),
    ready('ContainersReady'),
    condition('PodScheduled', 'True'),
  ];
}

const podStatus = (changes: Partial<PodStatus>): PodStatus => ({
  phase: 'Pending',
  hostIP: HOST,
  hostIPs: [{ ip: HOST }],
  podIP: SANDBOX_IP,
  podIPs: [{ ip: SANDBOX_IP }],
  startTime: t(0),
  containerStatuses: [],
  qosClass: 'BestEffort',
  ...changes,
});
const noPodIP = { podIP: undefined, podIPs: undefined };

/** A container with no attempt yet, waiting for `reason`. */
const notCreated = (name: string, reason: string, image = IMAGE): ContainerStatus => ({
  name,
  image,
  imageID: '',
  restartCount: 0,
  ready: false,
  started: false,
  state: { waiting: { reason } },
  lastState: {},
});
const running = (name: string, id: string, o: { ready?: boolean; image?: string } = {}): ContainerStatus => ({
  name,
  image: o.image ?? IMAGE,
  imageID: IMAGE_ID,
  containerID: `docker://${id}`,
  restartCount: 0,
  ready: o.ready ?? true,
  started: true,
  state: { running: { startedAt: STARTED } },
  lastState: {},
});
const terminated = (id: string, exitCode: number, reason: string) => ({
  exitCode,
  reason,
  startedAt: STARTED,
  finishedAt: FINISHED,
  containerID: `docker://${id}`,
});
const exited = (
  name: string,
  id: string,
  exitCode: number,
  reason: string,
  o: { image?: string; attempt?: number } = {},
): ContainerStatus => ({
  name,
  image: o.image ?? IMAGE,
  imageID: IMAGE_ID,
  containerID: `docker://${id}`,
  restartCount: o.attempt ?? 0,
  ready: false,
  started: false,
  state: { terminated: terminated(id, exitCode, reason) },
  lastState: {},
});
/** A regular (not sidecar) init container's status has no `started`, and is ready once it succeeded. */
const regularInit = ({ started: _started, ...s }: ContainerStatus, ready = false): ContainerStatus => ({
  ...s,
  ready,
});

const cases: Case[] = [
  {
    name: 'a new pod is Pending with containers waiting in ContainerCreating',
    observed: () => [],
    expect: podStatus({
      ...noPodIP,
      conditions: conditions({ sandbox: false, ready: unready('app', 'side') }),
      containerStatuses: [notCreated('app', 'ContainerCreating'), notCreated('side', 'ContainerCreating')],
    }),
  },
  {
    name: 'app containers of a pod with init containers wait in PodInitializing',
    pod: (p) => {
      p.spec!.initContainers = [{ name: 'init-a', image: 'busybox' }];
    },
    observed: () => [sandbox(), container('init-a', 0, 'running', { type: 'init', id: 'init-a-0' })],
    expect: podStatus({
      conditions: conditions({ incomplete: ['init-a'], ready: unready('app', 'side') }),
      initContainerStatuses: [regularInit(running('init-a', 'init-a-0', { image: 'busybox' }))],
      containerStatuses: [notCreated('app', 'PodInitializing'), notCreated('side', 'PodInitializing')],
    }),
  },
  {
    name: 'init containers not started yet wait in PodInitializing too, as the kubelet defaults every container',
    pod: (p) => {
      p.spec!.initContainers = [
        { name: 'init-a', image: 'busybox' },
        { name: 'init-b', image: 'busybox' },
      ];
    },
    observed: () => [sandbox(), container('init-a', 0, 'running', { type: 'init', id: 'init-a-0' })],
    expect: podStatus({
      conditions: conditions({ incomplete: ['init-a', 'init-b'], ready: unready('app', 'side') }),
      initContainerStatuses: [
        regularInit(running('init-a', 'init-a-0', { image: 'busybox' })),
        regularInit(notCreated('init-b', 'PodInitializing', 'busybox')),
      ],
      containerStatuses: [notCreated('app', 'PodInitializing'), notCreated('side', 'PodInitializing')],
    }),
  },
  {
    name: 'an unready sidecar keeps the pod not Ready and is named first in the condition message',
    pod: (p) => {
      p.spec!.initContainers = [{ name: 'proxy', image: 'busybox', restartPolicy: 'Always' }];
    },
    observed: () => [
      sandbox(),
      container('proxy', 0, 'running', { type: 'init', id: 'px' }),
      container('app', 0, 'running', { id: 'app-0' }),
      container('side', 0, 'running', { id: 'side-0' }),
    ],
    readiness: { proxy: false, app: false, side: true },
    expect: podStatus({
      phase: 'Running',
      conditions: conditions({ ready: unready('proxy', 'app') }),
      initContainerStatuses: [running('proxy', 'px', { image: 'busybox', ready: false })],
      containerStatuses: [running('app', 'app-0', { ready: false }), running('side', 'side-0')],
    }),
  },
  {
    name: 'a pod whose containers all run is Running and Ready with the sandbox IP',
    observed: () => [
      sandbox(),
      container('app', 0, 'running', { id: 'app-0' }),
      container('side', 0, 'running', { id: 'side-0' }),
    ],
    expect: podStatus({
      phase: 'Running',
      conditions: conditions({ ready: true }),
      containerStatuses: [running('app', 'app-0'), running('side', 'side-0')],
    }),
  },
  {
    name: 'a container in back-off shows CrashLoopBackOff with its last termination and restart count',
    observed: () => [
      sandbox(),
      container('app', 2, 'exited', { id: 'app-2', exitCode: 1 }),
      container('side', 0, 'running', { id: 'side-0' }),
    ],
    waiting: { app: { reason: 'CrashLoopBackOff', message: 'back-off 20s' } },
    expect: podStatus({
      phase: 'Running',
      conditions: conditions({ ready: unready('app') }),
      containerStatuses: [
        {
          ...exited('app', 'app-2', 1, 'Error', { attempt: 2 }),
          state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 20s' } },
          lastState: { terminated: terminated('app-2', 1, 'Error') },
        },
        running('side', 'side-0'),
      ],
    }),
  },
  {
    name: 'a pod whose containers all succeeded under OnFailure is Succeeded',
    pod: (p) => {
      p.spec!.restartPolicy = 'OnFailure';
    },
    observed: () => [
      sandbox('exited'),
      container('app', 0, 'exited', { id: 'app-0' }),
      container('side', 0, 'exited', { id: 'side-0' }),
    ],
    expect: podStatus({
      ...noPodIP,
      phase: 'Succeeded',
      conditions: conditions({
        sandbox: false,
        initializedReason: 'PodCompleted',
        ready: { reason: 'PodCompleted' },
      }),
      containerStatuses: [exited('app', 'app-0', 0, 'Completed'), exited('side', 'side-0', 0, 'Completed')],
    }),
  },
  {
    name: 'a pod with a failed container under Never is Failed',
    pod: (p) => {
      p.spec!.restartPolicy = 'Never';
    },
    observed: () => [
      sandbox(),
      container('app', 0, 'exited', { id: 'app-0', exitCode: 3 }),
      container('side', 0, 'exited', { id: 'side-0' }),
    ],
    expect: podStatus({
      phase: 'Failed',
      conditions: conditions({ ready: { reason: 'PodFailed' } }),
      containerStatuses: [exited('app', 'app-0', 3, 'Error'), exited('side', 'side-0', 0, 'Completed')],
    }),
  },
  {
    name: 'an OOM-killed container is terminated with reason OOMKilled',
    pod: (p) => {
      p.spec!.restartPolicy = 'Never';
    },
    observed: () => [
      sandbox(),
      container('app', 0, 'exited', { id: 'app-0', exitCode: 137, oomKilled: true }),
      container('side', 0, 'running', { id: 'side-0' }),
    ],
    expect: podStatus({
      phase: 'Running',
      conditions: conditions({ ready: unready('app') }),
      containerStatuses: [exited('app', 'app-0', 137, 'OOMKilled'), running('side', 'side-0')],
    }),
  },
  {
    name: 'a failed image pull shows ErrImagePull and keeps the pod Pending',
    observed: () => [sandbox(), container('side', 0, 'running', { id: 'side-0' })],
    waiting: { app: { reason: 'ErrImagePull', message: 'Failed to pull image "nope"' } },
    expect: podStatus({
      conditions: conditions({ ready: unready('app') }),
      containerStatuses: [
        {
          ...notCreated('app', 'ErrImagePull'),
          state: { waiting: { reason: 'ErrImagePull', message: 'Failed to pull image "nope"' } },
        },
        running('side', 'side-0'),
      ],
    }),
  },
  {
    name: 'an init container that failed under Never fails the pod',
    pod: (p) => {
      p.spec!.restartPolicy = 'Never';
      p.spec!.initContainers = [{ name: 'init-a', image: 'busybox' }];
    },
    observed: () => [
      sandbox(),
      container('init-a', 0, 'exited', { type: 'init', id: 'init-a-0', exitCode: 1 }),
    ],
    expect: podStatus({
      phase: 'Failed',
      conditions: conditions({ incomplete: ['init-a'], ready: { reason: 'PodFailed' } }),
      initContainerStatuses: [regularInit(exited('init-a', 'init-a-0', 1, 'Error', { image: 'busybox' }))],
      containerStatuses: [notCreated('app', 'PodInitializing'), notCreated('side', 'PodInitializing')],
    }),
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
      expect(status).toEqual(c.expect);
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
