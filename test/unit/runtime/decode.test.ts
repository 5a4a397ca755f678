import { describe, expect, it } from 'vitest';
import {
  decodeState,
  dockerTime,
  exitCodeFromStatus,
  fromInspect,
  fromListEntry,
  type InspectInfo,
  type ListEntry,
  mergeObserved,
} from '../../../src/runtime/decode.js';
import { containerLabels } from '../../../src/runtime/labels.js';

const NET = 'mkube-net';
const labels = containerLabels('/h', {
  podUid: 'u1',
  namespace: 'default',
  podName: 'web',
  name: 'app',
  type: 'app',
  attempt: 1,
  specHash: 'h',
});
const sandboxLabels = containerLabels('/h', {
  podUid: 'u1',
  namespace: 'default',
  podName: 'web',
  name: '',
  type: 'sandbox',
  attempt: 0,
  specHash: '',
});

const entry: ListEntry = {
  Id: 'c1',
  Names: ['/mkube_default_web_app_1'],
  Image: 'busybox:1.36',
  ImageID: 'sha256:img',
  Labels: labels,
  State: 'exited',
  Status: 'Exited (137) 3 seconds ago',
  Created: 1_700_000_000,
};

const inspect: InspectInfo = {
  Id: 'c1',
  Name: '/mkube_default_web_app_1',
  Created: '2023-11-14T22:13:20.123456789Z',
  Image: 'sha256:img',
  Config: { Image: 'busybox:1.36', Labels: labels },
  State: {
    Status: 'exited',
    ExitCode: 137,
    OOMKilled: true,
    StartedAt: '2023-11-14T22:13:21.5Z',
    FinishedAt: '2023-11-14T22:13:25Z',
  },
};

describe('decoding Docker answers', () => {
  it('reads a list entry without times', () => {
    expect(fromListEntry(entry, NET)).toEqual({
      id: 'c1',
      dockerName: 'mkube_default_web_app_1',
      podUid: 'u1',
      namespace: 'default',
      podName: 'web',
      name: 'app',
      type: 'app',
      attempt: 1,
      specHash: 'h',
      image: 'busybox:1.36',
      imageId: 'sha256:img',
      state: 'exited',
      exitCode: 137,
      oomKilled: false,
      createdAt: '2023-11-14T22:13:20.000Z',
    });
  });

  it('reads an inspect answer with exit code, OOM flag and times', () => {
    expect(fromInspect(inspect, NET)).toMatchObject({
      state: 'exited',
      exitCode: 137,
      oomKilled: true,
      createdAt: '2023-11-14T22:13:20.123Z',
      startedAt: '2023-11-14T22:13:21.500Z',
      finishedAt: '2023-11-14T22:13:25.000Z',
    });
  });

  it('leaves finishedAt undefined for a running container (Docker zero time)', () => {
    const running = fromInspect(
      {
        ...inspect,
        State: { Status: 'running', StartedAt: '2023-11-14T22:13:21Z', FinishedAt: '0001-01-01T00:00:00Z' },
      },
      NET,
    );
    expect(running?.finishedAt).toBeUndefined();
    expect(running?.startedAt).toBe('2023-11-14T22:13:21.000Z');
  });

  it('never reports a finish before the start (Docker stamps StartedAt late for quick exits)', () => {
    const quick = fromInspect(
      {
        ...inspect,
        State: {
          Status: 'exited',
          StartedAt: '2023-11-14T22:13:21.696Z',
          FinishedAt: '2023-11-14T22:13:21.695Z',
        },
      },
      NET,
    );
    expect(quick?.startedAt).toBe('2023-11-14T22:13:21.695Z');
    expect(quick?.finishedAt).toBe('2023-11-14T22:13:21.695Z');
  });

  it('takes the sandbox IP from the mkube network', () => {
    const sb = fromListEntry(
      {
        ...entry,
        Labels: sandboxLabels,
        NetworkSettings: {
          Networks: { bridge: { IPAddress: '172.17.0.2' }, [NET]: { IPAddress: '172.30.0.5' } },
        },
      },
      NET,
    );
    expect(sb).toMatchObject({ type: 'sandbox', name: '', ip: '172.30.0.5' });
  });

  it('takes the address of a sandbox mkube plumbed itself from its label, list and inspect alike', () => {
    const labels = { ...sandboxLabels, 'io.mkube.pod.ip': '172.30.128.4' };
    const none = { Networks: { none: { IPAddress: '' } } };
    expect(fromListEntry({ ...entry, Labels: labels, NetworkSettings: none }, NET)?.ip).toBe('172.30.128.4');
    const inspected = fromInspect(
      {
        ...inspect,
        Config: { ...inspect.Config, Labels: labels },
        State: { Status: 'running', Pid: 77 },
        NetworkSettings: none,
      },
      NET,
    );
    expect([inspected?.ip, inspected?.pid]).toEqual(['172.30.128.4', 77]);
  });

  it('ignores containers that are not a pod’s', () => {
    expect(fromListEntry({ Id: 'x', Labels: { 'io.mkube.home': '/h' } }, NET)).toBeUndefined();
    expect(fromInspect({ Id: 'x', Config: null }, NET)).toBeUndefined();
  });

  it('keeps the listed state and name over a cached inspect', () => {
    const cached = fromInspect(inspect, NET)!;
    const listed = { ...fromListEntry(entry, NET)!, state: 'removing' as const };
    expect(mergeObserved(listed, cached)).toMatchObject({
      state: 'removing',
      oomKilled: true,
      exitCode: 137,
    });
  });

  const states: Array<[string | undefined, string]> = [
    ['running', 'running'],
    ['Exited', 'exited'],
    ['created', 'created'],
    ['bogus', 'dead'],
    [undefined, 'dead'],
  ];
  for (const [raw, want] of states)
    it(`reads state ${raw} as ${want}`, () => expect(decodeState(raw)).toBe(want));

  it('reads exit codes from the list status text', () => {
    expect(exitCodeFromStatus('Exited (1) 2 minutes ago')).toBe(1);
    expect(exitCodeFromStatus('Up 3 seconds')).toBe(0);
  });

  it('treats empty, zero and junk times as absent', () => {
    expect(dockerTime('')).toBeUndefined();
    expect(dockerTime('0001-01-01T00:00:00Z')).toBeUndefined();
    expect(dockerTime('junk')).toBeUndefined();
  });
});
