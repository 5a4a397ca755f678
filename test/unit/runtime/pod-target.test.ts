import { PassThrough } from 'node:stream';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { describe, expect, it } from 'vitest';
import type { KObject } from '../../../src/api/types.js';
import { kubeletTimestamp, LogWriter } from '../../../src/commands/log-writer.js';
import {
  allContainerNames,
  defaultContainer,
  execTarget,
  logsTarget,
  mostActiveFirst,
} from '../../../src/commands/pod-target.js';
import type { ObservedContainer } from '../../../src/runtime/types.js';

const pod = (over: Partial<Pod['spec']> = {}, annotations?: Record<string, string>): Pod => ({
  metadata: { name: 'web', namespace: 'default', uid: 'u1', ...(annotations ? { annotations } : {}) },
  spec: { containers: [{ name: 'app' }, { name: 'side' }], ...over },
});

const c = (name: string, attempt: number, state: ObservedContainer['state']): ObservedContainer => ({
  id: `${name}-${attempt}`,
  dockerName: '',
  podUid: 'u1',
  namespace: 'default',
  podName: 'web',
  name,
  type: 'app',
  attempt,
  specHash: '',
  image: '',
  imageId: '',
  state,
  exitCode: 0,
  oomKilled: false,
});

describe('choosing the container', () => {
  const cases: Array<{ name: string; pod: Pod; verb: 'logs' | 'exec'; want: unknown }> = [
    {
      name: 'takes the only container silently',
      pod: pod({ containers: [{ name: 'app' }] }),
      verb: 'exec',
      want: { name: 'app', notices: [] },
    },
    {
      name: 'defaults to the first of several with kubectl’s notice, init containers last',
      pod: pod({ initContainers: [{ name: 'setup' }] }),
      verb: 'logs',
      want: { name: 'app', notices: ['Defaulted container "app" out of: app, side, setup (init)'] },
    },
    {
      name: 'follows the default-container annotation without a notice',
      pod: pod({}, { 'kubectl.kubernetes.io/default-container': 'side' }),
      verb: 'exec',
      want: { name: 'side', notices: [] },
    },
    {
      name: 'says so in logs when the annotated container does not exist',
      pod: pod({}, { 'kubectl.kubernetes.io/default-container': 'nope' }),
      verb: 'logs',
      want: {
        name: 'app',
        notices: [
          'Default container name "nope" not found in pod web',
          'Defaulted container "app" out of: app, side',
        ],
      },
    },
    {
      name: 'falls back quietly in exec when the annotated container does not exist',
      pod: pod({}, { 'kubectl.kubernetes.io/default-container': 'nope' }),
      verb: 'exec',
      want: { name: 'app', notices: ['Defaulted container "app" out of: app, side'] },
    },
  ];
  for (const t of cases) it(t.name, () => expect(defaultContainer(t.pod, t.verb)).toEqual(t.want));

  it('lists ephemeral containers between app and init containers', () => {
    const p = pod({ initContainers: [{ name: 'i' }], ephemeralContainers: [{ name: 'dbg' }] });
    expect(allContainerNames(p)).toBe('app, side, dbg (ephem), i (init)');
  });
});

describe('choosing the Docker container for logs', () => {
  const withStatus = (waiting?: string): Pod => ({
    ...pod(),
    status: {
      containerStatuses: [{ name: 'app', state: waiting ? { waiting: { reason: waiting } } : {} } as never],
    },
  });
  const cases: Array<{
    name: string;
    pod: Pod;
    observed: ObservedContainer[];
    previous?: boolean;
    want: string;
  }> = [
    {
      name: 'reads the running attempt',
      pod: pod(),
      observed: [c('app', 0, 'exited'), c('app', 1, 'running')],
      want: 'app-1',
    },
    {
      name: 'reads the exited attempt during a restart back-off',
      pod: pod(),
      observed: [c('app', 0, 'exited'), c('app', 1, 'exited'), c('app', 2, 'created')],
      want: 'app-1',
    },
    {
      name: 'reads the attempt before the newest with --previous',
      pod: pod(),
      observed: [c('app', 3, 'running'), c('app', 2, 'exited')],
      previous: true,
      want: 'app-2',
    },
    {
      name: 'refuses --previous without an earlier attempt',
      pod: pod(),
      observed: [c('app', 0, 'running')],
      previous: true,
      want: 'previous terminated container "app" in pod "web" not found',
    },
    {
      name: 'reports a waiting reason',
      pod: withStatus('ContainerCreating'),
      observed: [],
      want: 'container "app" in pod "web" is waiting to start: ContainerCreating',
    },
    {
      name: 'words a failed pull as the kubelet does',
      pod: withStatus('ErrImagePull'),
      observed: [],
      want: `container "app" in pod "web" is waiting to start: image can't be pulled`,
    },
    {
      name: 'words a pull back-off as the kubelet does',
      pod: withStatus('ImagePullBackOff'),
      observed: [],
      want: 'container "app" in pod "web" is waiting to start: trying and failing to pull image',
    },
    {
      name: 'has no logs yet without a reason',
      pod: withStatus(),
      observed: [],
      want: 'container "app" in pod "web" is waiting to start - no logs yet',
    },
    {
      name: 'is not available before any status',
      pod: pod(),
      observed: [],
      want: 'container "app" in pod "web" is not available',
    },
  ];
  for (const t of cases) {
    it(t.name, () => {
      let got: string;
      try {
        got = logsTarget(t.pod, 'app', t.observed, t.previous ?? false).id;
      } catch (err) {
        expect((err as { reason?: string }).reason).toBe('BadRequest');
        got = (err as Error).message;
      }
      expect(got).toBe(t.want);
    });
  }

  it('execs in the newest running attempt only', () => {
    expect(
      execTarget([c('app', 0, 'running'), c('app', 1, 'running'), c('side', 5, 'running')], 'app')?.id,
    ).toBe('app-1');
    expect(execTarget([c('app', 0, 'exited')], 'app')).toBeUndefined();
  });
});

describe('the pod a workload names', () => {
  it('picks the most active pod first: running and ready, then older', () => {
    const p = (name: string, phase: string, ready: boolean, created: string): KObject => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, creationTimestamp: created },
      spec: { nodeName: 'n' },
      status: { phase, conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
    });
    const pods = [
      p('pending', 'Pending', false, '2024-01-01T00:00:00Z'),
      p('new-ready', 'Running', true, '2024-01-03T00:00:00Z'),
      p('old-ready', 'Running', true, '2024-01-02T00:00:00Z'),
      p('running', 'Running', false, '2024-01-01T00:00:00Z'),
    ];
    expect(pods.sort(mostActiveFirst).map((x) => x.metadata.name)).toEqual([
      'old-ready',
      'new-ready',
      'running',
      'pending',
    ]);
  });
});

function collector() {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

describe('log writer', () => {
  it('prints timestamps as RFC3339Nano, without trailing zeros', () => {
    expect(kubeletTimestamp('2024-05-01T10:00:00.123450000Z')).toBe('2024-05-01T10:00:00.12345Z');
    expect(kubeletTimestamp('2024-05-01T10:00:00.000000000Z')).toBe('2024-05-01T10:00:00Z');
  });

  it('prefixes whole lines, even when a line arrives in pieces', async () => {
    const out = collector();
    const w = new LogWriter({ out: out.stream, timestamps: false, prefix: '[pod/web/app] ' });
    w.write('one\ntw');
    w.write('o\n');
    await new Promise((r) => w.end(r));
    expect(out.text()).toBe('[pod/web/app] one\n[pod/web/app] two\n');
  });

  it('stops after --limit-bytes', async () => {
    const out = collector();
    const w = new LogWriter({ out: out.stream, timestamps: false, limitBytes: 5 });
    w.write('abc\ndef\n');
    await new Promise((r) => w.end(r));
    expect(out.text()).toBe('abc\nd');
  });
});
