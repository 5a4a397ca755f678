// The relist decision: which pods a periodic resync syncs, whole plans.
import { describe, expect, it } from 'vitest';
import type { KObject } from '../../../src/api/types.js';
import { computeRelist, type RelistInput } from '../../../src/kubelet/relist.js';
import type { ObservedContainer } from '../../../src/runtime/types.js';

const pod = (name: string, extra: { nodeName?: string | null; deleting?: boolean } = {}): KObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name,
    namespace: 'default',
    uid: `uid-${name}`,
    ...(extra.deleting ? { deletionTimestamp: '2026-12-01T00:00:00Z' } : {}),
  },
  spec: { ...(extra.nodeName === null ? {} : { nodeName: extra.nodeName ?? 'node' }), containers: [] },
});

const container = (podName: string, id: string, state: ObservedContainer['state'] = 'running') =>
  ({
    id,
    podUid: `uid-${podName}`,
    state,
    exitCode: 0,
    startedAt: '2026-12-01T00:00:00Z',
  }) as ObservedContainer;

const settled = new Map([
  ['uid-a', 'a1:running:0:2026-12-01T00:00:00Z:'],
  ['uid-b', 'b1:running:0:2026-12-01T00:00:00Z:'],
]);
const base = (): RelistInput => ({
  pods: [pod('a'), pod('b')],
  containers: [container('a', 'a1'), container('b', 'b1')],
  previous: settled,
  full: false,
});

const cases: Array<[string, (i: RelistInput) => RelistInput, string[]]> = [
  ['syncs nothing when no pod changed since the last relist', (i) => i, []],
  ['syncs every pod on a full resync', (i) => ({ ...i, full: true }), ['default/a', 'default/b']],
  [
    'syncs a pod whose container exited without our seeing its event',
    (i) => ({ ...i, containers: [{ ...container('a', 'a1', 'exited'), exitCode: 1 }, container('b', 'b1')] }),
    ['default/a'],
  ],
  [
    'syncs a pod whose container is gone',
    (i) => ({ ...i, containers: [container('b', 'b1')] }),
    ['default/a'],
  ],
  [
    'syncs a pod seen for the first time',
    (i) => ({ ...i, previous: new Map([['uid-b', settled.get('uid-b')!]]) }),
    ['default/a'],
  ],
  [
    'syncs a pod not bound yet',
    (i) => ({ ...i, pods: [pod('a', { nodeName: null }), pod('b')] }),
    ['default/a'],
  ],
  [
    'syncs a pod being deleted',
    (i) => ({ ...i, pods: [pod('a'), pod('b', { deleting: true })] }),
    ['default/b'],
  ],
  [
    'syncs every pod when the engine could not be listed',
    (i) => ({ ...i, containers: undefined }),
    ['default/a', 'default/b'],
  ],
];

describe('computeRelist', () => {
  for (const [name, change, sync] of cases) {
    it(name, () => {
      const input = change(base());
      const plan = computeRelist(input);
      expect(plan.sync).toEqual(sync);
    });
  }

  it('remembers every live pod containers for the next relist, and forgets pods that are gone', () => {
    const plan = computeRelist({
      ...base(),
      pods: [pod('a')],
      previous: new Map([...settled, ['uid-x', 'x']]),
    });
    expect(plan).toEqual({ sync: [], prints: new Map([['uid-a', settled.get('uid-a')]]) });
  });
});
