import type { Container, Pod } from 'kubernetes-types/core/v1.js';
import { describe, expect, it } from 'vitest';
import {
  computePodActions,
  type KillAction,
  type PodActions,
  type StartAction,
  type WaitingInfo,
} from '../../../src/kubelet/actions.js';
import { containerHash } from '../../../src/kubelet/container-spec.js';
import { observePod } from '../../../src/kubelet/observed.js';
import type { ObservedContainer } from '../../../src/runtime/types.js';
import { basePod, container, iso, NOW, sandbox } from './fixtures.js';

interface Case {
  name: string;
  pod?: (p: Pod) => void;
  observed: () => ObservedContainer[];
  blocked?: Record<string, number>;
  probeKills?: Record<string, 'liveness' | 'startup'>;
  /** The whole plan: `plan()` is "nothing to do", plus the fields that differ. */
  expect: PodActions;
}

/** "Nothing to do", with `changes` on top: every case compares the whole plan against this. */
const plan = (changes: Partial<PodActions> = {}): PodActions => ({
  createSandbox: false,
  stopSandbox: false,
  kill: [],
  remove: [],
  start: [],
  waiting: new Map(),
  finalize: false,
  deadlineExceeded: false,
  ...changes,
});
const app = (name: string, attempt: number): StartAction => ({ name, type: 'app', attempt });
const init = (name: string, attempt: number): StartAction => ({ name, type: 'init', attempt });
const kill = (id: string, name: string, reason: KillAction['reason'], message: string): KillAction => ({
  id,
  name,
  reason,
  message,
});
/** The waiting map of a pod whose container `name` backs off for `delay` (Go duration text). */
const crashLoop = (name: string, delay: string): Map<string, WaitingInfo> =>
  new Map([
    [
      name,
      {
        reason: 'CrashLoopBackOff',
        message: `back-off ${delay} restarting failed container=${name} pod=web_default(uid-1)`,
      },
    ],
  ]);

/** A sidecar: an init container that restarts always. Its running copies carry its spec hash. */
const proxy: Container = { name: 'proxy', image: 'busybox', restartPolicy: 'Always' };

const cases: Case[] = [
  {
    name: 'creates a sandbox and starts every app container in order for a new pod',
    observed: () => [],
    expect: plan({ createSandbox: true, start: [app('app', 0), app('side', 0)] }),
  },
  {
    name: 'starts only the first init container with a new sandbox',
    pod: (p) => {
      p.spec!.initContainers = [
        { name: 'init-a', image: 'busybox' },
        { name: 'init-b', image: 'busybox' },
      ];
    },
    observed: () => [],
    expect: plan({ createSandbox: true, start: [init('init-a', 0)] }),
  },
  {
    name: 'waits while an init container runs',
    pod: (p) => {
      p.spec!.initContainers = [{ name: 'init-a', image: 'busybox' }];
    },
    observed: () => [sandbox(), container('init-a', 0, 'running', { type: 'init' })],
    expect: plan(),
  },
  {
    name: 'starts the next init container when the previous one succeeded',
    pod: (p) => {
      p.spec!.initContainers = [
        { name: 'init-a', image: 'busybox' },
        { name: 'init-b', image: 'busybox' },
      ];
    },
    observed: () => [sandbox(), container('init-a', 0, 'exited', { type: 'init' })],
    expect: plan({ start: [init('init-b', 0)] }),
  },
  {
    name: 'starts app containers once every init container succeeded',
    pod: (p) => {
      p.spec!.initContainers = [{ name: 'init-a', image: 'busybox' }];
    },
    observed: () => [sandbox(), container('init-a', 0, 'exited', { type: 'init' })],
    expect: plan({ start: [app('app', 0), app('side', 0)] }),
  },
  {
    name: 'does not restart a failed init container when restartPolicy is Never',
    pod: (p) => {
      p.spec!.restartPolicy = 'Never';
      p.spec!.initContainers = [{ name: 'init-a', image: 'busybox' }];
    },
    observed: () => [sandbox(), container('init-a', 0, 'exited', { type: 'init', exitCode: 1 })],
    expect: plan({ stopSandbox: true }),
  },
  {
    name: 'restarts a failed init container at once the first time when restartPolicy is Always',
    pod: (p) => {
      p.spec!.initContainers = [{ name: 'init-a', image: 'busybox' }];
    },
    observed: () => [sandbox(), container('init-a', 0, 'exited', { type: 'init', exitCode: 1 })],
    expect: plan({ start: [init('init-a', 1)] }),
  },
  {
    name: 'restarts an exited container immediately after its first crash when restartPolicy is Always',
    observed: () => [
      sandbox(),
      container('app', 0, 'exited', { exitCode: 1 }),
      container('side', 0, 'running'),
    ],
    expect: plan({ start: [app('app', 1)] }),
  },
  {
    name: 'holds a container that crashed again in CrashLoopBackOff until 10s after it finished',
    observed: () => [
      sandbox(),
      container('app', 1, 'exited', { exitCode: 1, finishedAt: iso(3_000) }),
      container('side', 0, 'running'),
    ],
    expect: plan({ waiting: crashLoop('app', '10s'), requeueAfterMs: 7_000 }),
  },
  {
    name: 'doubles the back-off with every restart',
    observed: () => [
      sandbox(),
      container('app', 3, 'exited', { exitCode: 1, finishedAt: iso(30_000) }),
      container('side', 0, 'running'),
    ],
    expect: plan({ waiting: crashLoop('app', '40s'), requeueAfterMs: 10_000 }),
  },
  {
    name: 'caps the back-off at five minutes',
    observed: () => [
      sandbox(),
      container('app', 12, 'exited', { exitCode: 1, finishedAt: iso(1_000) }),
      container('side', 0, 'running'),
    ],
    expect: plan({ waiting: crashLoop('app', '5m0s'), requeueAfterMs: 299_000 }),
  },
  {
    name: 'resets the back-off for a container that ran ten minutes',
    observed: () => [
      sandbox(),
      container('app', 5, 'exited', { exitCode: 1, startedAt: iso(700_000), finishedAt: iso(1_000) }),
      container('side', 0, 'running'),
    ],
    expect: plan({ start: [app('app', 6)] }),
  },
  {
    name: 'does not restart a container that succeeded when restartPolicy is OnFailure',
    pod: (p) => {
      p.spec!.restartPolicy = 'OnFailure';
    },
    observed: () => [
      sandbox(),
      container('app', 0, 'exited', { exitCode: 0 }),
      container('side', 0, 'running'),
    ],
    expect: plan(),
  },
  {
    name: 'restarts a container that failed when restartPolicy is OnFailure',
    pod: (p) => {
      p.spec!.restartPolicy = 'OnFailure';
    },
    observed: () => [
      sandbox(),
      container('app', 0, 'exited', { exitCode: 2 }),
      container('side', 0, 'running'),
    ],
    expect: plan({ start: [app('app', 1)] }),
  },
  {
    name: 'never restarts when restartPolicy is Never, and stops the sandbox once all exited',
    pod: (p) => {
      p.spec!.restartPolicy = 'Never';
    },
    observed: () => [
      sandbox(),
      container('app', 0, 'exited', { exitCode: 1 }),
      container('side', 0, 'exited'),
    ],
    expect: plan({ stopSandbox: true }),
  },
  {
    name: 'kills a running container whose spec changed',
    observed: () => [
      sandbox(),
      container('app', 0, 'running', { id: 'app-0', specHash: 'old' }),
      container('side', 0, 'running'),
    ],
    expect: plan({
      kill: [kill('app-0', 'app', 'SpecChanged', 'Container app definition changed, will be restarted')],
    }),
  },
  {
    name: 're-creates the sandbox and restarts every container when the sandbox died',
    observed: () => [
      sandbox('exited'),
      container('app', 0, 'running', { id: 'app-0' }),
      container('side', 2, 'exited'),
    ],
    expect: plan({
      createSandbox: true,
      remove: ['sandbox'],
      kill: [kill('app-0', 'app', 'SpecChanged', 'Pod sandbox changed, it will be killed and re-created.')],
      start: [app('app', 1), app('side', 3)],
    }),
  },
  {
    name: 'replaces a container that was created but never started under the same attempt number',
    observed: () => [
      sandbox(),
      container('app', 0, 'created', { id: 'app-0' }),
      container('side', 0, 'running'),
    ],
    expect: plan({ remove: ['app-0'], start: [app('app', 0)] }),
  },
  {
    name: 'counts a start the engine refused (a missing executable) as an attempt',
    observed: () => [
      sandbox(),
      container('app', 0, 'created', { id: 'app-0', exitCode: 127 }),
      container('side', 0, 'running'),
    ],
    expect: plan({ remove: ['app-0'], start: [app('app', 1)] }),
  },
  {
    name: 'counts a try, not a create: containers created for a sandbox that never started keep their number',
    observed: () => [
      sandbox('exited'),
      container('app', 0, 'exited', { id: 'app-0', exitCode: 137 }),
      container('app', 1, 'created', { id: 'app-1' }),
      container('side', 0, 'exited', { id: 'side-0', exitCode: 137 }),
      container('side', 1, 'created', { id: 'side-1' }),
    ],
    expect: plan({
      createSandbox: true,
      remove: ['sandbox', 'app-1', 'side-1'],
      start: [app('app', 1), app('side', 1)],
    }),
  },
  {
    name: 'restarts each container once after the engine restarted (sandbox and containers exited)',
    observed: () => [
      sandbox('exited'),
      container('app', 0, 'exited', { id: 'app-0', exitCode: 137 }),
      container('side', 0, 'exited', { id: 'side-0', exitCode: 137 }),
    ],
    expect: plan({ createSandbox: true, remove: ['sandbox'], start: [app('app', 1), app('side', 1)] }),
  },
  {
    name: 'starts again an init container that was created but never started',
    pod: (p) => {
      p.spec!.initContainers = [{ name: 'init-a', image: 'busybox' }];
    },
    observed: () => [sandbox(), container('init-a', 0, 'created', { type: 'init', id: 'init-0' })],
    expect: plan({ remove: ['init-0'], start: [init('init-a', 0)] }),
  },
  {
    name: 'keeps the current and previous attempt and removes older ones',
    observed: () => [
      sandbox(),
      container('app', 2, 'running', { id: 'a2' }),
      container('app', 1, 'exited', { id: 'a1' }),
      container('app', 0, 'exited', { id: 'a0' }),
      container('side', 0, 'running'),
    ],
    expect: plan({ remove: ['a0'] }),
  },
  {
    name: 'does not retry a start that failed until its back-off passes',
    observed: () => [sandbox(), container('side', 0, 'running')],
    blocked: { app: NOW + 5_000 },
    expect: plan({ requeueAfterMs: 5_000 }),
  },
  {
    name: 'kills running containers of a pod being deleted',
    pod: (p) => {
      Object.assign(p.metadata!, { deletionTimestamp: iso(0) });
    },
    observed: () => [
      sandbox(),
      container('app', 0, 'running', { id: 'app-0' }),
      container('side', 0, 'exited'),
    ],
    expect: plan({ kill: [kill('app-0', 'app', 'PodDeleted', 'Stopping container app')] }),
  },
  {
    name: 'removes everything and finalizes a deleted pod once nothing runs',
    pod: (p) => {
      Object.assign(p.metadata!, { deletionTimestamp: iso(0) });
    },
    observed: () => [
      sandbox(),
      container('app', 0, 'exited', { id: 'x' }),
      container('side', 0, 'exited', { id: 'y' }),
    ],
    expect: plan({ remove: ['x', 'y', 'sandbox'], finalize: true }),
  },
  {
    name: 'starts a sidecar and then the app containers without waiting for the sidecar to finish',
    pod: (p) => {
      p.spec!.initContainers = [proxy];
    },
    observed: () => [
      sandbox(),
      container('proxy', 0, 'running', { type: 'init', specHash: containerHash(proxy) }),
    ],
    expect: plan({ start: [app('app', 0), app('side', 0)] }),
  },
  {
    name: 'kills a running sidecar whose liveness probe failed, as an app container',
    pod: (p) => {
      p.spec!.initContainers = [proxy];
    },
    observed: () => [
      sandbox(),
      container('proxy', 0, 'running', { type: 'init', id: 'px', specHash: containerHash(proxy) }),
      container('app', 0, 'running'),
      container('side', 0, 'running'),
    ],
    probeKills: { px: 'liveness' },
    expect: plan({
      kill: [
        kill('px', 'proxy', 'LivenessProbe', 'Container proxy failed liveness probe, will be restarted'),
      ],
    }),
  },
  {
    name: 'restarts an exited sidecar even when the pod restartPolicy is Never',
    pod: (p) => {
      p.spec!.restartPolicy = 'Never';
      p.spec!.initContainers = [proxy];
    },
    observed: () => [
      sandbox(),
      container('proxy', 0, 'exited', { type: 'init', exitCode: 1 }),
      container('app', 0, 'running'),
      container('side', 0, 'running'),
    ],
    expect: plan({ start: [init('proxy', 1)] }),
  },
  {
    name: 'kills a container whose liveness probe failed, saying it will be restarted',
    observed: () => [
      sandbox(),
      container('app', 0, 'running', { id: 'live' }),
      container('side', 0, 'running'),
    ],
    probeKills: { live: 'liveness' },
    expect: plan({
      kill: [kill('live', 'app', 'LivenessProbe', 'Container app failed liveness probe, will be restarted')],
    }),
  },
  {
    name: 'kills a container whose startup probe failed',
    observed: () => [
      sandbox(),
      container('app', 0, 'running', { id: 'slow' }),
      container('side', 0, 'running'),
    ],
    probeKills: { slow: 'startup' },
    expect: plan({
      kill: [kill('slow', 'app', 'StartupProbe', 'Container app failed startup probe, will be restarted')],
    }),
  },
  {
    name: 'kills everything and stops the sandbox once activeDeadlineSeconds passed',
    pod: (p) => {
      p.spec!.activeDeadlineSeconds = 30;
      Object.assign(p, { status: { startTime: iso(31_000) } });
    },
    observed: () => [
      sandbox(),
      container('app', 0, 'running', { id: 'app-0' }),
      container('side', 0, 'running', { id: 'side-0' }),
    ],
    expect: plan({
      deadlineExceeded: true,
      kill: [
        kill('app-0', 'app', 'DeadlineExceeded', 'Stopping container app'),
        kill('side-0', 'side', 'DeadlineExceeded', 'Stopping container side'),
      ],
      stopSandbox: true,
    }),
  },
  {
    name: 'syncs again when activeDeadlineSeconds will pass',
    pod: (p) => {
      p.spec!.activeDeadlineSeconds = 30;
      Object.assign(p, { status: { startTime: iso(10_000) } });
    },
    observed: () => [sandbox(), container('app', 0, 'running'), container('side', 0, 'running')],
    expect: plan({ requeueAfterMs: 20_000 }),
  },
];

describe('computePodActions', () => {
  for (const c of cases) {
    it(c.name, () => {
      const actions = computePodActions({
        pod: basePod(c.pod),
        observed: observePod(c.observed()),
        now: NOW,
        startBlockedUntil: new Map(Object.entries(c.blocked ?? {})),
        probeKills: new Map(Object.entries(c.probeKills ?? {})),
      });
      expect(actions).toEqual(c.expect);
    });
  }
});
