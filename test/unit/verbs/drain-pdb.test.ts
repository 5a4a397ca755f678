// drain against a real store and registry (no agent): a PodDisruptionBudget refuses the eviction
// with 429 until it allows one; --timeout ends the retries with kubectl's words.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TempStore } from './harness.js';

let t: TempStore;
beforeEach(async () => {
  process.env.MKUBE_EVICTION_RETRY_MS = '600';
  t = new TempStore();
  await t.create({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' }, spec: {} });
  await t.create({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: 'web-1',
      namespace: 'default',
      labels: { app: 'web' },
      ownerReferences: [
        { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: 'u1', controller: true },
      ],
    },
    spec: { nodeName: 'n1', containers: [{ name: 'c', image: 'busybox' }] },
  });
  await t.setStatus('pods', 'web-1', { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] });
  await t.create({
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: 'web', namespace: 'default' },
    spec: { minAvailable: 1, selector: { matchLabels: { app: 'web' } } },
  });
});
afterEach(() => t.cleanup());

describe('drain with a PodDisruptionBudget', () => {
  it('retries the refused eviction until --timeout, then evicts once the budget is gone', async () => {
    const refused =
      'error when evicting pods/"web-1" -n "default" (will retry after 5s): Cannot evict pod as it would violate the pod\'s disruption budget.\n';
    const timeout = 'error when evicting pods/"web-1" -n "default": global timeout reached: 1s';
    expect(await t.run(['drain', 'n1', '--grace-period=0', '--timeout=1s'])).toEqual({
      code: 1,
      out: 'node/n1 cordoned\nevicting pod default/web-1\nevicting pod default/web-1\nevicting pod default/web-1\n',
      err: `${refused}${refused}There are pending pods in node "n1" when an error occurred: ${timeout}\npod/web-1\nerror: unable to drain node "n1" due to error: ${timeout}, continuing command...\nThere are pending nodes to be drained:\n n1\nerror: ${timeout}\n`,
    });
    await t.remove('poddisruptionbudgets', 'web');
    expect(await t.run(['drain', 'n1', '--grace-period=0'])).toEqual({
      code: 0,
      out: 'node/n1 already cordoned\nevicting pod default/web-1\npod/web-1 evicted\nnode/n1 drained\n',
      err: '',
    });
    expect(t.get('nodes', 'n1')?.spec?.unschedulable).toBe(true);
  });
});
