// The kubelet's shared container snapshot: one `docker ps` per generation for every asker; a pod's
// sync inspects only its own containers, and the relist (shallow) inspects none — an inspect of a
// container being started waits for that start.
import { describe, expect, it } from 'vitest';
import { ContainerSnapshot } from '../../../src/kubelet/snapshot.js';
import type { ObservedContainer, Runtime } from '../../../src/runtime/types.js';

const container = (id: string, podUid: string): ObservedContainer =>
  ({ id, podUid, type: 'app', state: 'running', exitCode: 0 }) as unknown as ObservedContainer;

function fakeRuntime() {
  const calls: string[] = [];
  const listed = [container('a1', 'pod-a'), container('b1', 'pod-b'), container('b2', 'pod-b')];
  const runtime = {
    listShallow: async () => {
      calls.push('ps');
      return listed;
    },
    detail: async (cs: ObservedContainer[]) => {
      calls.push(`inspect ${cs.map((c) => c.id).join(',')}`);
      return cs.map((c) => ({ ...c, startedAt: 't' }));
    },
  } as unknown as Runtime;
  return { runtime, calls };
}

describe('ContainerSnapshot', () => {
  it('lists once per generation, inspects only the asking pod, and nothing for the relist', async () => {
    const { runtime, calls } = fakeRuntime();
    const snapshot = new ContainerSnapshot(runtime);
    expect((await snapshot.ofPod('pod-b')).map((c) => [c.id, c.startedAt])).toEqual([
      ['b1', 't'],
      ['b2', 't'],
    ]);
    expect((await snapshot.shallow()).map((c) => c.id)).toEqual(['a1', 'b1', 'b2']);
    snapshot.invalidate();
    expect((await snapshot.shallow()).map((c) => c.id)).toEqual(['a1', 'b1', 'b2']);
    expect(calls).toEqual(['ps', 'inspect b1,b2', 'ps']);
  });

  it('takes a container the kubelet just changed into the current list, without a new docker ps', async () => {
    const { runtime, calls } = fakeRuntime();
    const snapshot = new ContainerSnapshot(runtime);
    await snapshot.shallow();
    snapshot.record({ ...container('b1', 'pod-b'), state: 'exited' } as ObservedContainer);
    snapshot.record(container('b3', 'pod-b'));
    expect((await snapshot.shallow()).map((c) => [c.id, c.state])).toEqual([
      ['a1', 'running'],
      ['b2', 'running'],
      ['b1', 'exited'],
      ['b3', 'running'],
    ]);
    // Nothing listed in this generation yet: the next list shows it, nothing to record into.
    snapshot.invalidate();
    snapshot.record(container('c1', 'pod-c'));
    expect((await snapshot.shallow()).map((c) => c.id)).toEqual(['a1', 'b1', 'b2']);
    expect(calls).toEqual(['ps', 'ps']);
  });
});
