import type { Pod } from 'kubernetes-types/core/v1.js';
import { describe, expect, it } from 'vitest';
import { computePodActions, type PodActions } from '../../../src/kubelet/actions.js';
import { observePod } from '../../../src/kubelet/observed.js';
import type { ObservedContainer } from '../../../src/runtime/types.js';
import { basePod, container, iso, NOW, sandbox } from './fixtures.js';

interface Case {
  name: string;
  pod?: (p: Pod) => void;
  observed: () => ObservedContainer[];
  blocked?: Record<string, number>;
  probeKills?: Record<string, 'liveness' | 'startup'>;
  expect: (a: PodActions) => void;
}

const starts = (a: PodActions) => a.start.map((s) => `${s.type}:${s.name}#${s.attempt}`);

const cases: Case[] = [
  {
    name: 'creates a sandbox and starts every app container in order for a new pod',
    observed: () => [],
    expect: (a) => {
      expect(a.createSandbox).toBe(true);
      expect(starts(a)).toEqual(['app:app#0', 'app:side#0']);
    },
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
    expect: (a) => expect(starts(a)).toEqual(['init:init-a#0']),
  },
  {
    name: 'waits while an init container runs',
    pod: (p) => {
      p.spec!.initContainers = [{ name: 'init-a', image: 'busybox' }];
    },
    observed: () => [sandbox(), container('init-a', 0, 'running', { type: 'init' })],
    expect: (a) => expect(starts(a)).toEqual([]),
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
    expect: (a) => expect(starts(a)).toEqual(['init:init-b#0']),
  },
  {
    name: 'starts app containers once every init container succeeded',
    pod: (p) => {
      p.spec!.initContainers = [{ name: 'init-a', image: 'busybox' }];
    },
    observed: () => [sandbox(), container('init-a', 0, 'exited', { type: 'init' })],
    expect: (a) => expect(starts(a)).toEqual(['app:app#0', 'app:side#0']),
  },
  {
    name: 'does not restart a failed init container when restartPolicy is Never',
    pod: (p) => {
      p.spec!.restartPolicy = 'Never';
      p.spec!.initContainers = [{ name: 'init-a', image: 'busybox' }];
    },
    observed: () => [sandbox(), container('init-a', 0, 'exited', { type: 'init', exitCode: 1 })],
    expect: (a) => {
      expect(starts(a)).toEqual([]);
      expect(a.stopSandbox).toBe(true);
    },
  },
  {
    name: 'restarts a failed init container at once the first time when restartPolicy is Always',
    pod: (p) => {
      p.spec!.initContainers = [{ name: 'init-a', image: 'busybox' }];
    },
    observed: () => [sandbox(), container('init-a', 0, 'exited', { type: 'init', exitCode: 1 })],
    expect: (a) => expect(starts(a)).toEqual(['init:init-a#1']),
  },
  {
    name: 'restarts an exited container immediately after its first crash when restartPolicy is Always',
    observed: () => [
      sandbox(),
      container('app', 0, 'exited', { exitCode: 1 }),
      container('side', 0, 'running'),
    ],
    expect: (a) => expect(starts(a)).toEqual(['app:app#1']),
  },
  {
    name: 'holds a container that crashed again in CrashLoopBackOff until 10s after it finished',
    observed: () => [
      sandbox(),
      container('app', 1, 'exited', { exitCode: 1, finishedAt: iso(3_000) }),
      container('side', 0, 'running'),
    ],
    expect: (a) => {
      expect(starts(a)).toEqual([]);
      expect(a.waiting.get('app')?.reason).toBe('CrashLoopBackOff');
      expect(a.waiting.get('app')?.message).toBe(
        'back-off 10s restarting failed container=app pod=web_default(uid-1)',
      );
      expect(a.requeueAfterMs).toBe(7_000);
    },
  },
  {
    name: 'doubles the back-off with every restart',
    observed: () => [
      sandbox(),
      container('app', 3, 'exited', { exitCode: 1, finishedAt: iso(30_000) }),
      container('side', 0, 'running'),
    ],
    expect: (a) => expect(a.requeueAfterMs).toBe(10_000),
  },
  {
    name: 'caps the back-off at five minutes',
    observed: () => [
      sandbox(),
      container('app', 12, 'exited', { exitCode: 1, finishedAt: iso(1_000) }),
      container('side', 0, 'running'),
    ],
    expect: (a) => expect(a.requeueAfterMs).toBe(299_000),
  },
  {
    name: 'resets the back-off for a container that ran ten minutes',
    observed: () => [
      sandbox(),
      container('app', 5, 'exited', { exitCode: 1, startedAt: iso(700_000), finishedAt: iso(1_000) }),
      container('side', 0, 'running'),
    ],
    expect: (a) => expect(starts(a)).toEqual(['app:app#6']),
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
    expect: (a) => expect(starts(a)).toEqual([]),
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
    expect: (a) => expect(starts(a)).toEqual(['app:app#1']),
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
    expect: (a) => {
      expect(starts(a)).toEqual([]);
      expect(a.stopSandbox).toBe(true);
    },
  },
  {
    name: 'kills a running container whose spec changed',
    observed: () => [
      sandbox(),
      container('app', 0, 'running', { specHash: 'old' }),
      container('side', 0, 'running'),
    ],
    expect: (a) => expect(a.kill.map((k) => `${k.name}:${k.reason}`)).toEqual(['app:SpecChanged']),
  },
  {
    name: 're-creates the sandbox and restarts every container when the sandbox died',
    observed: () => [sandbox('exited'), container('app', 0, 'running'), container('side', 2, 'exited')],
    expect: (a) => {
      expect(a.createSandbox).toBe(true);
      expect(a.remove).toContain('sandbox');
      expect(a.kill.map((k) => k.name)).toEqual(['app']);
      expect(starts(a)).toEqual(['app:app#1', 'app:side#3']);
    },
  },
  {
    name: 'replaces a container that was created but never started under the same attempt number',
    observed: () => [
      sandbox(),
      container('app', 0, 'created', { id: 'app-0' }),
      container('side', 0, 'running'),
    ],
    expect: (a) => {
      expect(a.remove).toEqual(['app-0']);
      expect(starts(a)).toEqual(['app:app#0']);
    },
  },
  {
    name: 'counts a start the engine refused (a missing executable) as an attempt',
    observed: () => [
      sandbox(),
      container('app', 0, 'created', { id: 'app-0', exitCode: 127 }),
      container('side', 0, 'running'),
    ],
    expect: (a) => {
      expect(a.remove).toEqual(['app-0']);
      expect(starts(a)).toEqual(['app:app#1']);
    },
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
    expect: (a) => {
      expect(a.createSandbox).toBe(true);
      expect(a.remove).toEqual(['sandbox', 'app-1', 'side-1']);
      expect(starts(a)).toEqual(['app:app#1', 'app:side#1']);
    },
  },
  {
    name: 'restarts each container once after the engine restarted (sandbox and containers exited)',
    observed: () => [
      sandbox('exited'),
      container('app', 0, 'exited', { id: 'app-0', exitCode: 137 }),
      container('side', 0, 'exited', { id: 'side-0', exitCode: 137 }),
    ],
    expect: (a) => {
      expect(a.createSandbox).toBe(true);
      expect(a.kill).toEqual([]);
      expect(a.remove).toEqual(['sandbox']);
      expect(starts(a)).toEqual(['app:app#1', 'app:side#1']);
    },
  },
  {
    name: 'starts again an init container that was created but never started',
    pod: (p) => {
      p.spec!.initContainers = [{ name: 'init-a', image: 'busybox' }];
    },
    observed: () => [sandbox(), container('init-a', 0, 'created', { type: 'init', id: 'init-0' })],
    expect: (a) => {
      expect(a.remove).toEqual(['init-0']);
      expect(starts(a)).toEqual(['init:init-a#0']);
    },
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
    expect: (a) => expect(a.remove).toEqual(['a0']),
  },
  {
    name: 'does not retry a start that failed until its back-off passes',
    observed: () => [sandbox(), container('side', 0, 'running')],
    blocked: { app: NOW + 5_000 },
    expect: (a) => {
      expect(starts(a)).toEqual([]);
      expect(a.requeueAfterMs).toBe(5_000);
    },
  },
  {
    name: 'kills running containers of a pod being deleted',
    pod: (p) => {
      Object.assign(p.metadata!, { deletionTimestamp: iso(0) });
    },
    observed: () => [sandbox(), container('app', 0, 'running'), container('side', 0, 'exited')],
    expect: (a) => {
      expect(a.kill.map((k) => `${k.name}:${k.reason}`)).toEqual(['app:PodDeleted']);
      expect(a.finalize).toBe(false);
    },
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
    expect: (a) => {
      expect(a.finalize).toBe(true);
      expect([...a.remove].sort()).toEqual(['sandbox', 'x', 'y']);
    },
  },
  {
    name: 'starts a sidecar and then the app containers without waiting for the sidecar to finish',
    pod: (p) => {
      p.spec!.initContainers = [{ name: 'proxy', image: 'busybox', restartPolicy: 'Always' }];
    },
    observed: () => [sandbox(), container('proxy', 0, 'running', { type: 'init' })],
    expect: (a) => expect(starts(a)).toEqual(['app:app#0', 'app:side#0']),
  },
  {
    name: 'kills a running sidecar whose liveness probe failed, as an app container',
    pod: (p) => {
      p.spec!.initContainers = [{ name: 'proxy', image: 'busybox', restartPolicy: 'Always' }];
    },
    observed: () => [
      sandbox(),
      container('proxy', 0, 'running', { type: 'init', id: 'px' }),
      container('app', 0, 'running'),
      container('side', 0, 'running'),
    ],
    probeKills: { px: 'liveness' },
    expect: (a) =>
      expect(a.kill.map((k) => `${k.name}:${k.reason}:${k.message}`)).toEqual([
        'proxy:LivenessProbe:Container proxy failed liveness probe, will be restarted',
      ]),
  },
  {
    name: 'restarts an exited sidecar even when the pod restartPolicy is Never',
    pod: (p) => {
      p.spec!.restartPolicy = 'Never';
      p.spec!.initContainers = [{ name: 'proxy', image: 'busybox', restartPolicy: 'Always' }];
    },
    observed: () => [
      sandbox(),
      container('proxy', 0, 'exited', { type: 'init', exitCode: 1 }),
      container('app', 0, 'running'),
      container('side', 0, 'running'),
    ],
    expect: (a) => expect(starts(a)).toEqual(['init:proxy#1']),
  },
  {
    name: 'kills a container whose liveness probe failed, saying it will be restarted',
    observed: () => [
      sandbox(),
      container('app', 0, 'running', { id: 'live' }),
      container('side', 0, 'running'),
    ],
    probeKills: { live: 'liveness' },
    expect: (a) =>
      expect(a.kill.map((k) => `${k.name}:${k.reason}:${k.message}`)).toEqual([
        'app:LivenessProbe:Container app failed liveness probe, will be restarted',
      ]),
  },
  {
    name: 'kills a container whose startup probe failed',
    observed: () => [
      sandbox(),
      container('app', 0, 'running', { id: 'slow' }),
      container('side', 0, 'running'),
    ],
    probeKills: { slow: 'startup' },
    expect: (a) => expect(a.kill.map((k) => k.reason)).toEqual(['StartupProbe']),
  },
  {
    name: 'kills everything and stops the sandbox once activeDeadlineSeconds passed',
    pod: (p) => {
      p.spec!.activeDeadlineSeconds = 30;
      Object.assign(p, { status: { startTime: iso(31_000) } });
    },
    observed: () => [sandbox(), container('app', 0, 'running'), container('side', 0, 'running')],
    expect: (a) => {
      expect(a.deadlineExceeded).toBe(true);
      expect(a.kill.map((k) => k.reason)).toEqual(['DeadlineExceeded', 'DeadlineExceeded']);
      expect(a.stopSandbox).toBe(true);
    },
  },
  {
    name: 'syncs again when activeDeadlineSeconds will pass',
    pod: (p) => {
      p.spec!.activeDeadlineSeconds = 30;
      Object.assign(p, { status: { startTime: iso(10_000) } });
    },
    observed: () => [sandbox(), container('app', 0, 'running'), container('side', 0, 'running')],
    expect: (a) => expect(a.requeueAfterMs).toBe(20_000),
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
      c.expect(actions);
    });
  }
});
