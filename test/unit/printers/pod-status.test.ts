import { describe, expect, it } from 'vitest';
import type { KObject } from '../../../src/api/types.js';
import { podStatusColumns } from '../../../src/printers/pod-status.js';

const NOW = Date.parse('2024-01-01T01:00:00Z');
const ago = (s: number) => new Date(NOW - s * 1000).toISOString().replace('.000Z', 'Z');

const running = (name: string, extra: any = {}) => ({
  name,
  ready: true,
  started: true,
  restartCount: 0,
  state: { running: { startedAt: ago(600) } },
  ...extra,
});
const waiting = (name: string, reason?: string, extra: any = {}) => ({
  name,
  ready: false,
  restartCount: 0,
  state: { waiting: reason ? { reason } : {} },
  ...extra,
});
const terminated = (name: string, exitCode: number, reason?: string, extra: any = {}) => ({
  name,
  ready: false,
  restartCount: 0,
  state: { terminated: { exitCode, ...(reason ? { reason } : {}), finishedAt: ago(30) } },
  ...extra,
});
const cond = (type: string, status: string, reason?: string) => ({
  type,
  status,
  ...(reason ? { reason } : {}),
});

function base(): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'default', creationTimestamp: ago(3600) },
    spec: { containers: [{ name: 'app', image: 'nginx' }] },
    status: {
      phase: 'Running',
      conditions: [cond('Initialized', 'True'), cond('Ready', 'True')],
      containerStatuses: [running('app')],
    },
  };
}

type Mutator = (p: KObject) => void;
const withInit =
  (n: number, restartPolicy?: string): Mutator =>
  (p) => {
    p.spec.initContainers = Array.from({ length: n }, (_, i) => ({
      name: `init${i}`,
      image: 'busybox',
      ...(restartPolicy ? { restartPolicy } : {}),
    }));
  };
const phase =
  (ph: string, reason?: string): Mutator =>
  (p) => {
    p.status.phase = ph;
    if (reason) p.status.reason = reason;
  };
const initStatuses =
  (...s: any[]): Mutator =>
  (p) => {
    p.status.initContainerStatuses = s;
  };
const statuses =
  (...s: any[]): Mutator =>
  (p) => {
    p.status.containerStatuses = s;
  };
const conditions =
  (...c: any[]): Mutator =>
  (p) => {
    p.status.conditions = c;
  };
const containers =
  (...names: string[]): Mutator =>
  (p) => {
    p.spec.containers = names.map((name) => ({ name, image: 'x' }));
  };
const deleting: Mutator = (p) => {
  p.metadata.deletionTimestamp = ago(5);
};

const cases: Array<[string, Mutator[], { ready: string; status: string; restarts: string }]> = [
  ['a running ready pod shows Running', [], { ready: '1/1', status: 'Running', restarts: '0' }],
  [
    'a pod waiting on its first of two init containers shows Init:0/2',
    [
      withInit(2),
      phase('Pending'),
      conditions(cond('Initialized', 'False')),
      initStatuses(waiting('init0', 'PodInitializing'), waiting('init1', 'PodInitializing')),
      statuses(waiting('app', 'PodInitializing')),
    ],
    { ready: '0/1', status: 'Init:0/2', restarts: '0' },
  ],
  [
    'a pod whose first init container finished shows Init:1/2',
    [
      withInit(2),
      phase('Pending'),
      conditions(cond('Initialized', 'False')),
      initStatuses(terminated('init0', 0, 'Completed'), running('init1', { ready: false })),
      statuses(waiting('app', 'PodInitializing')),
    ],
    { ready: '0/1', status: 'Init:1/2', restarts: '0' },
  ],
  [
    'a failed init container shows Init:Error',
    [
      withInit(1),
      phase('Pending'),
      conditions(cond('Initialized', 'False')),
      initStatuses(terminated('init0', 1, 'Error')),
      statuses(waiting('app', 'PodInitializing')),
    ],
    { ready: '0/1', status: 'Init:Error', restarts: '0' },
  ],
  [
    'an init container killed without a reason shows Init:Signal',
    [
      withInit(1),
      phase('Pending'),
      conditions(cond('Initialized', 'False')),
      initStatuses({ name: 'init0', restartCount: 0, state: { terminated: { exitCode: 137, signal: 9 } } }),
    ],
    { ready: '0/1', status: 'Init:Signal:9', restarts: '0' },
  ],
  [
    'an init container exiting without a reason shows Init:ExitCode',
    [
      withInit(1),
      phase('Pending'),
      conditions(cond('Initialized', 'False')),
      initStatuses({ name: 'init0', restartCount: 0, state: { terminated: { exitCode: 3 } } }),
    ],
    { ready: '0/1', status: 'Init:ExitCode:3', restarts: '0' },
  ],
  [
    'a crashing init container shows Init:CrashLoopBackOff and counts its restarts',
    [
      withInit(1),
      phase('Pending'),
      conditions(cond('Initialized', 'False')),
      initStatuses(
        waiting('init0', 'CrashLoopBackOff', {
          restartCount: 3,
          lastState: { terminated: { exitCode: 1, finishedAt: ago(12) } },
        }),
      ),
      statuses(waiting('app', 'PodInitializing')),
    ],
    { ready: '0/1', status: 'Init:CrashLoopBackOff', restarts: '3 (12s ago)' },
  ],
  [
    'an init container that cannot pull shows Init:ErrImagePull',
    [
      withInit(1),
      phase('Pending'),
      conditions(cond('Initialized', 'False')),
      initStatuses(waiting('init0', 'ErrImagePull')),
    ],
    { ready: '0/1', status: 'Init:ErrImagePull', restarts: '0' },
  ],
  [
    'all init containers done and the app container starting shows PodInitializing',
    [
      withInit(1),
      phase('Pending'),
      conditions(cond('Initialized', 'True')),
      initStatuses(terminated('init0', 0, 'Completed')),
      statuses(waiting('app', 'PodInitializing')),
    ],
    { ready: '0/1', status: 'PodInitializing', restarts: '0' },
  ],
  [
    'a container being created shows ContainerCreating',
    [phase('Pending'), conditions(), statuses(waiting('app', 'ContainerCreating'))],
    { ready: '0/1', status: 'ContainerCreating', restarts: '0' },
  ],
  [
    'a pod without container statuses shows its phase',
    [phase('Pending'), conditions(), statuses()],
    { ready: '0/1', status: 'Pending', restarts: '0' },
  ],
  [
    'a crash-looping container shows CrashLoopBackOff with restarts and when',
    [
      statuses(
        waiting('app', 'CrashLoopBackOff', {
          restartCount: 5,
          lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: ago(32) } },
        }),
      ),
    ],
    { ready: '0/1', status: 'CrashLoopBackOff', restarts: '5 (32s ago)' },
  ],
  [
    'an image that cannot be pulled shows ErrImagePull',
    [phase('Pending'), statuses(waiting('app', 'ErrImagePull'))],
    { ready: '0/1', status: 'ErrImagePull', restarts: '0' },
  ],
  [
    'pull back-off shows ImagePullBackOff',
    [phase('Pending'), statuses(waiting('app', 'ImagePullBackOff'))],
    { ready: '0/1', status: 'ImagePullBackOff', restarts: '0' },
  ],
  [
    'a container killed for memory shows OOMKilled',
    [
      statuses(
        terminated('app', 137, 'OOMKilled', {
          restartCount: 1,
          lastState: { terminated: { exitCode: 137, finishedAt: ago(90) } },
        }),
      ),
    ],
    { ready: '0/1', status: 'OOMKilled', restarts: '1 (90s ago)' },
  ],
  [
    'a finished pod shows Completed',
    [phase('Succeeded'), conditions(cond('Ready', 'False')), statuses(terminated('app', 0, 'Completed'))],
    { ready: '0/1', status: 'Completed', restarts: '0' },
  ],
  [
    'a failed pod shows Error',
    [phase('Failed'), statuses(terminated('app', 1, 'Error'))],
    { ready: '0/1', status: 'Error', restarts: '0' },
  ],
  [
    'a terminated container without a reason shows ExitCode',
    [statuses({ name: 'app', restartCount: 0, state: { terminated: { exitCode: 2 } } })],
    { ready: '0/1', status: 'ExitCode:2', restarts: '0' },
  ],
  [
    'one completed and one running container with the pod not Ready shows NotReady',
    [
      containers('a', 'b'),
      conditions(cond('Ready', 'False')),
      statuses(terminated('a', 0, 'Completed'), running('b')),
    ],
    { ready: '1/2', status: 'NotReady', restarts: '0' },
  ],
  [
    'one completed and one running container with the pod Ready shows Running',
    [
      containers('a', 'b'),
      conditions(cond('Ready', 'True')),
      statuses(terminated('a', 0, 'Completed'), running('b')),
    ],
    { ready: '1/2', status: 'Running', restarts: '0' },
  ],
  [
    'the first container with a reason decides among several',
    [containers('a', 'b'), statuses(waiting('a', 'ImagePullBackOff'), waiting('b', 'CrashLoopBackOff'))],
    { ready: '0/2', status: 'ImagePullBackOff', restarts: '0' },
  ],
  [
    'a running container that is not ready counts in total only',
    [statuses(running('app', { ready: false }))],
    { ready: '0/1', status: 'Running', restarts: '0' },
  ],
  [
    'a deleted running pod shows Terminating',
    [deleting],
    { ready: '1/1', status: 'Terminating', restarts: '0' },
  ],
  [
    'a deleted pod that already finished keeps Completed',
    [deleting, phase('Succeeded'), statuses(terminated('app', 0, 'Completed'))],
    { ready: '0/1', status: 'Completed', restarts: '0' },
  ],
  [
    'a deleted pod on a lost node shows Unknown',
    [deleting, phase('Running', 'NodeLost')],
    { ready: '1/1', status: 'Unknown', restarts: '0' },
  ],
  [
    'a pod past its deadline shows DeadlineExceeded',
    [phase('Failed', 'DeadlineExceeded'), statuses(terminated('app', 137, 'Error'))],
    { ready: '0/1', status: 'Error', restarts: '0' },
  ],
  [
    'an Initialized condition counts ready app containers while an init container still waits',
    [withInit(1), initStatuses(waiting('init0', 'ErrImagePull'))],
    { ready: '1/1', status: 'Init:ErrImagePull', restarts: '0' },
  ],
  [
    'a pod past its deadline without container statuses shows DeadlineExceeded',
    [phase('Failed', 'DeadlineExceeded'), statuses()],
    { ready: '0/1', status: 'DeadlineExceeded', restarts: '0' },
  ],
  [
    'a scheduling-gated pod shows SchedulingGated',
    [phase('Pending'), conditions(cond('PodScheduled', 'False', 'SchedulingGated')), statuses()],
    { ready: '0/1', status: 'SchedulingGated', restarts: '0' },
  ],
  [
    'a started sidecar counts in READY and total, and its restarts count',
    [
      withInit(1, 'Always'),
      initStatuses(
        running('init0', {
          restartCount: 2,
          lastState: { terminated: { exitCode: 1, finishedAt: ago(70) } },
        }),
      ),
    ],
    { ready: '2/2', status: 'Running', restarts: '2 (70s ago)' },
  ],
  [
    'a sidecar that has not started keeps the pod initializing',
    [
      withInit(1, 'Always'),
      phase('Pending'),
      conditions(cond('Initialized', 'False')),
      initStatuses(waiting('init0', 'ContainerCreating', { started: false })),
      statuses(waiting('app', 'PodInitializing')),
    ],
    { ready: '0/2', status: 'Init:ContainerCreating', restarts: '0' },
  ],
  [
    'restarts of app containers add up, with the newest termination time',
    [
      containers('a', 'b'),
      statuses(
        running('a', {
          restartCount: 1,
          lastState: { terminated: { exitCode: 1, finishedAt: ago(300) } },
        }),
        running('b', {
          restartCount: 2,
          lastState: { terminated: { exitCode: 1, finishedAt: ago(100) } },
        }),
      ),
    ],
    { ready: '2/2', status: 'Running', restarts: '3 (100s ago)' },
  ],
  [
    'restarts without a known termination time print the count only',
    [statuses(running('app', { restartCount: 4 }))],
    { ready: '1/1', status: 'Running', restarts: '4' },
  ],
];

describe('podStatusColumns follows printPod (v1.32)', () => {
  it.each(cases)('%s', (_name, mutators, want) => {
    const pod = base();
    for (const m of mutators) m(pod);
    const got = podStatusColumns(pod, NOW);
    expect({ ready: got.ready, status: got.status, restarts: got.restarts }).toEqual(want);
  });
});
