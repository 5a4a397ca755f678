// The lister's one-container inspect (a sandbox just started, for its IP) primes its cache: the
// next list's detail does not inspect that container again while its state holds.
import type Docker from 'dockerode';
import { describe, expect, it } from 'vitest';
import { ContainerLister } from '../../../src/runtime/list.js';
import { LABELS } from '../../../src/runtime/types.js';

const labels = { [LABELS.home]: '/h', [LABELS.podUid]: 'uid-1', [LABELS.containerType]: 'sandbox' };
const NETWORK = 'mkube-net';

function fakeDocker() {
  const calls: string[] = [];
  const docker = {
    listContainers: async () => {
      calls.push('ps');
      return [
        {
          Id: 'sb1',
          Names: ['/sb'],
          Labels: labels,
          State: 'running',
          Status: 'Up 1 second',
          NetworkSettings: { Networks: { [NETWORK]: { IPAddress: '172.20.0.5' } } },
        },
      ];
    },
    getContainer: (id: string) => ({
      inspect: async () => {
        calls.push(`inspect ${id}`);
        return {
          Id: id,
          Name: '/sb',
          Config: { Labels: labels, Image: 'pause' },
          State: {
            Status: 'running',
            StartedAt: '2026-12-02T06:00:00.5Z',
            FinishedAt: '0001-01-01T00:00:00Z',
          },
          NetworkSettings: { Networks: { [NETWORK]: { IPAddress: '172.20.0.5' } } },
        };
      },
    }),
  } as unknown as Docker;
  return { docker, calls };
}

describe('ContainerLister.inspectOne', () => {
  it('answers the sandbox with its IP and spares the next list an inspect of it', async () => {
    const { docker, calls } = fakeDocker();
    const lister = new ContainerLister(docker, '/h', NETWORK);
    const one = await lister.inspectOne('sb1');
    expect([one?.ip, one?.state, one?.startedAt]).toEqual([
      '172.20.0.5',
      'running',
      '2026-12-02T06:00:00.500Z',
    ]);
    const listed = await lister.list();
    expect(listed.map((c) => [c.id, c.ip, c.startedAt])).toEqual([
      ['sb1', '172.20.0.5', '2026-12-02T06:00:00.500Z'],
    ]);
    expect(calls).toEqual(['inspect sb1', 'ps']);
  });

  it('answers the next look from a primed inspect once, then asks Docker again', async () => {
    const { docker, calls } = fakeDocker();
    const lister = new ContainerLister(docker, '/h', NETWORK);
    await lister.inspectOne('sb1', true);
    const next = await lister.inspectOne('sb1');
    await lister.inspectOne('sb1');
    expect(next?.ip).toBe('172.20.0.5');
    expect(calls).toEqual(['inspect sb1', 'inspect sb1']);
  });

  it('forgets a primed inspect when the container is invalidated (we started or stopped it)', async () => {
    const { docker, calls } = fakeDocker();
    const lister = new ContainerLister(docker, '/h', NETWORK);
    await lister.inspectOne('sb1', true);
    lister.invalidate('sb1');
    await lister.inspectOne('sb1');
    expect(calls).toEqual(['inspect sb1', 'inspect sb1']);
  });
});

describe('ContainerLister.recordOom', () => {
  it("shows OOMKilled once Docker's oom event came, though the exit was recorded without it", async () => {
    const { docker, calls } = fakeDocker();
    const lister = new ContainerLister(docker, '/h', NETWORK);
    const before = await lister.list();
    lister.recordOom('sb1');
    const after = await lister.list();
    const one = await lister.inspectOne('sb1');
    expect([before[0]?.oomKilled, after[0]?.oomKilled, one?.oomKilled]).toEqual([false, true, true]);
    // The event drops the cached inspect: the next list asks Docker again.
    expect(calls).toEqual(['ps', 'inspect sb1', 'ps', 'inspect sb1', 'inspect sb1']);
  });
});
