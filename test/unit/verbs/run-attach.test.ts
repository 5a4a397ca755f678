import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KObject } from '../../../src/api/types.js';
import { attachMode } from '../../../src/commands/attach-session.js';
import { eventRow, selectEvents } from '../../../src/commands/events-view.js';
import { exitStatus, restartPolicyOf } from '../../../src/commands/run.js';
import { runPod, runService } from '../../../src/commands/workload/generate.js';
import { TempStore } from './harness.js';

const PROMPT = "If you don't see a command prompt, try pressing enter.";

describe('attachMode (kubectl attach terminal rules)', () => {
  const base = {
    flags: { stdin: true, tty: true, quiet: false },
    containerName: 'c',
    containerTty: true,
    stdinIsTerminal: true,
  };
  const cases: Array<[string, Partial<typeof base> & { flags?: typeof base.flags }, unknown]> = [
    ['-it on a TTY container from a terminal goes raw', {}, { stdin: true, raw: true, notices: [PROMPT] }],
    [
      '-it from a pipe says so and streams plainly',
      { stdinIsTerminal: false },
      {
        stdin: true,
        raw: false,
        notices: ['Unable to use a TTY - input is not a terminal or the right kind of file', PROMPT],
      },
    ],
    [
      '-t on a container without a TTY is refused with a notice',
      { containerTty: false },
      {
        stdin: true,
        raw: false,
        notices: ['error: Unable to use a TTY - container c did not allocate one', PROMPT],
      },
    ],
    [
      '-i alone on a TTY container uses the TTY',
      { flags: { stdin: true, tty: false, quiet: false } },
      { stdin: true, raw: true, notices: [PROMPT] },
    ],
    [
      'without -i nothing is read',
      { flags: { stdin: false, tty: false, quiet: false } },
      { stdin: false, raw: false, notices: [PROMPT] },
    ],
    [
      '-q prints no notices',
      { flags: { stdin: true, tty: true, quiet: true }, stdinIsTerminal: false },
      { stdin: true, raw: false, notices: [] },
    ],
  ];
  for (const [name, mut, want] of cases)
    it(name, () => expect(attachMode({ ...base, ...mut })).toEqual(want));
});

describe('run: restart policy and exit status', () => {
  it('defaults restart as getRestartPolicy does and refuses others', () => {
    expect([restartPolicyOf('', true), restartPolicyOf('', false), restartPolicyOf('Never', true)]).toEqual([
      'OnFailure',
      'Always',
      'Never',
    ]);
    expect(() => restartPolicyOf('Sometimes', false)).toThrow('invalid restart policy: Sometimes');
  });
  const ended = (phase: string, terminated?: object): KObject => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'tmp', namespace: 'default' },
    status: { phase, containerStatuses: terminated ? [{ state: { terminated } }] : [] },
  });
  it('maps the pod ending to kubectl run’s result', () => {
    expect(exitStatus(ended('Succeeded'))).toBeUndefined();
    expect(exitStatus(ended('Failed', { exitCode: 3, reason: 'Error' }))).toEqual({
      text: 'pod default/tmp terminated (Error)\n',
      exitCode: 3,
    });
    expect(() => exitStatus(ended('Failed'))).toThrow('pod default/tmp failed with unknown exit code');
    expect(() => exitStatus(ended('Running'))).toThrow('pod default/tmp left in phase Running');
  });
});

describe('run generators', () => {
  it('sets stdin, stdinOnce and tty as kubectl’s run-pod/v1 does', () => {
    const pod = runPod({
      name: 't',
      image: 'busybox',
      restart: '',
      annotations: [],
      env: [],
      command: false,
      args: [],
      stdin: true,
      tty: true,
    });
    expect(pod.spec).toEqual({
      containers: [{ name: 't', image: 'busybox', resources: {}, stdin: true, stdinOnce: true, tty: true }],
      dnsPolicy: 'ClusterFirst',
      restartPolicy: 'Always',
    });
    const open = runPod({
      name: 't',
      image: 'b',
      restart: 'Never',
      annotations: [],
      env: [],
      command: false,
      args: [],
      stdin: true,
      leaveStdinOpen: true,
    });
    expect(open.spec?.containers[0]).toEqual({ name: 't', image: 'b', resources: {}, stdin: true });
  });
  it('--expose makes service/v2: selector from --labels or run=NAME, targetPort = port', () => {
    expect(runService({ name: 'web', port: '80' })).toEqual({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { creationTimestamp: null, name: 'web' },
      spec: { ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }], selector: { run: 'web' } },
      status: { loadBalancer: {} },
    });
    expect(runService({ name: 'web', port: '80', labels: 'app=w' }).metadata.labels).toEqual({ app: 'w' });
  });
});

describe('run and attach refusals', () => {
  let t: TempStore;
  beforeEach(() => {
    t = new TempStore();
  });
  afterEach(() => t.cleanup());
  it('speaks kubectl’s words', async () => {
    const hint = "\nSee 'mkube run -h' for help and examples\n";
    expect((await t.run(['run', 'x', '--image=a', '--rm'])).err).toBe(
      `error: --rm should only be used for attached containers${hint}`,
    );
    expect((await t.run(['run', 'x', '--image=a', '-i', '--dry-run=client'])).err).toBe(
      `error: --dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)${hint}`,
    );
    expect((await t.run(['run', 'x', '--image=a', '-t'])).err).toBe(
      `error: -i/--stdin is required for containers with -t/--tty=true${hint}`,
    );
    expect((await t.run(['attach'])).err).toBe('error: at least 1 argument is required for attach\n');
    expect((await t.run(['attach', 'nope'])).err).toBe(
      'Error from server (NotFound): pods "nope" not found\n',
    );
  });
});

describe('events view', () => {
  const ev = (name: string, type: string, last: string, extra: Record<string, unknown> = {}): KObject => ({
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name, namespace: 'default' },
    involvedObject: { kind: 'Pod', name: name.split('.')[0] },
    type,
    reason: 'R',
    message: ` m ${name} `,
    firstTimestamp: '2026-01-01T00:00:00Z',
    lastTimestamp: last,
    ...extra,
  });
  const a = ev('a.1', 'Normal', '2026-01-01T00:01:00Z');
  const b = ev('b.1', 'Warning', '2026-01-01T00:00:30Z', { count: 3 });
  it('filters by --for and --types and sorts by time', () => {
    expect(selectEvents([a, b], { types: [] }).map((e) => e.metadata.name)).toEqual(['b.1', 'a.1']);
    expect(selectEvents([a, b], { types: ['warning'] }).map((e) => e.metadata.name)).toEqual(['b.1']);
    expect(
      selectEvents([a, b], { forKind: 'pod', forName: 'a', types: [] }).map((e) => e.metadata.name),
    ).toEqual(['a.1']);
  });
  it('prints repeats as (xN over AGE)', () => {
    const now = Date.parse('2026-01-01T00:02:00Z');
    expect(eventRow(b, now, true)).toEqual(['default', '90s (x3 over 2m)', 'Warning', 'R', 'pod/b', 'm b.1']);
    expect(eventRow(a, now, false)).toEqual(['60s', 'Normal', 'R', 'pod/a', 'm a.1']);
  });
});

describe('describe -f', () => {
  it('describes the objects a file names, as describe TYPE NAME does', async () => {
    const t = new TempStore();
    try {
      await t.create({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'cm1', namespace: 'default' },
        data: { k: 'v' },
      });
      const file = join(t.home, 'cm.yaml');
      writeFileSync(file, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm1\n');
      const byFile = await t.run(['describe', '-f', file]);
      expect(byFile).toEqual(await t.run(['describe', 'configmap', 'cm1']));
      expect(byFile.out.split('\n')[0]).toBe('Name:         cm1');
    } finally {
      t.cleanup();
    }
  });
});
