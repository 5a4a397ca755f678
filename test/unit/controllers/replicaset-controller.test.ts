// The ReplicaSet and ReplicationController controllers against a real temp store.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lookupKind, POD } from '../../../src/api/kinds.js';
import type { KObject } from '../../../src/api/types.js';
import { World } from './world.js';

const RS = lookupKind('rs')!;
const RC = lookupKind('rc')!;

const replicaSet = (replicas: number, mut: (rs: KObject) => void = () => {}): KObject => {
  const rs: KObject = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      replicas,
      selector: {
        matchLabels: { app: 'web' },
        matchExpressions: [{ key: 'tier', operator: 'In', values: ['front'] }],
      },
      template: {
        metadata: { labels: { app: 'web', tier: 'front' } },
        spec: { containers: [{ name: 'c', image: 'busybox:1.36' }] },
      },
    },
  };
  mut(rs);
  return rs;
};

const podsOf = (w: World) => w.store.list(POD, { namespace: 'default' });
const live = (w: World) => podsOf(w).filter((p) => !p.metadata.deletionTimestamp);

let w: World;
beforeEach(() => {
  w = new World();
});
afterEach(() => w.close());

describe('ReplicaSet controller', () => {
  it('creates the missing pods, named after the set, owned by it, with template defaults', async () => {
    await w.registry.create(replicaSet(3));
    await w.settle();
    const pods = podsOf(w);
    expect(pods).toHaveLength(3);
    const rs = w.store.get(RS, 'default', 'web')!;
    for (const p of pods) {
      expect(p.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect(p.metadata.generateName).toBe('web-');
      expect(p.metadata.labels).toEqual({ app: 'web', tier: 'front' });
      expect(p.metadata.ownerReferences).toEqual([
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          name: 'web',
          uid: rs.metadata.uid,
          controller: true,
          blockOwnerDeletion: true,
        },
      ]);
      expect(p.spec.restartPolicy).toBe('Always');
    }
    expect(w.events.filter((e) => e.reason === 'SuccessfulCreate')).toHaveLength(3);
    expect(w.events[0]!.message).toMatch(/^Created pod: web-/);
  });

  it('reports replicas, ready and available in status, with observedGeneration', async () => {
    await w.registry.create(replicaSet(2));
    await w.converge();
    expect(w.store.get(RS, 'default', 'web')!.status).toEqual({
      replicas: 2,
      fullyLabeledReplicas: 2,
      readyReplicas: 2,
      availableReplicas: 2,
      observedGeneration: 1,
    });
  });

  it('counts a ready pod as available only after minReadySeconds', async () => {
    await w.registry.create(replicaSet(1, (rs) => (rs.spec.minReadySeconds = 5)));
    await w.converge();
    expect(w.store.get(RS, 'default', 'web')!.status.availableReplicas).toBeUndefined();
    w.now += 6000;
    await w.settle();
    expect(w.store.get(RS, 'default', 'web')!.status.availableReplicas).toBe(1);
  });

  it('replaces a pod deleted by hand', async () => {
    await w.registry.create(replicaSet(2));
    await w.converge();
    const victim = podsOf(w)[0]!;
    await w.registry.delete(POD, 'default', victim.metadata.name!, { gracePeriodSeconds: 0 });
    await w.converge();
    const names = live(w).map((p) => p.metadata.name);
    expect(names).toHaveLength(2);
    expect(names).not.toContain(victim.metadata.name);
  });

  it('scales down by deleting the least-started pods first', async () => {
    await w.registry.create(replicaSet(3));
    await w.converge();
    const [notReady] = podsOf(w);
    await w.registry.mutate(
      POD,
      'default',
      notReady!.metadata.name!,
      (p) => ({ ...p, status: { ...p.status, conditions: [{ type: 'Ready', status: 'False' }] } }),
      { subresource: 'status' },
    );
    await w.registry.mutate(RS, 'default', 'web', (rs) => ({ ...rs, spec: { ...rs.spec, replicas: 2 } }));
    await w.settle();
    const deleting = podsOf(w).filter((p) => p.metadata.deletionTimestamp);
    expect(deleting.map((p) => p.metadata.name)).toEqual([notReady!.metadata.name]);
    expect(
      w.events.some(
        (e) => e.reason === 'SuccessfulDelete' && e.message === `Deleted pod: ${notReady!.metadata.name}`,
      ),
    ).toBe(true);
  });

  it('adopts a matching orphan instead of creating a pod', async () => {
    await w.registry.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'stray', namespace: 'default', labels: { app: 'web', tier: 'front' } },
      spec: { containers: [{ name: 'c', image: 'busybox:1.36' }] },
    });
    await w.registry.create(replicaSet(2));
    await w.settle();
    const stray = w.store.get(POD, 'default', 'stray')!;
    expect(stray.metadata.ownerReferences?.[0]?.name).toBe('web');
    expect(podsOf(w)).toHaveLength(2);
  });

  it('releases a pod whose labels stop matching, and replaces it', async () => {
    await w.registry.create(replicaSet(1));
    await w.converge();
    const [p] = podsOf(w);
    await w.registry.mutate(POD, 'default', p!.metadata.name!, (cur) => ({
      ...cur,
      metadata: { ...cur.metadata, labels: { app: 'web', tier: 'debug' } },
    }));
    await w.converge();
    expect(w.store.get(POD, 'default', p!.metadata.name!)!.metadata.ownerReferences).toBeUndefined();
    expect(podsOf(w)).toHaveLength(2);
  });

  it('does not count or replace pods that are being deleted', async () => {
    await w.registry.create(replicaSet(1));
    await w.converge();
    const [p] = podsOf(w);
    await w.registry.delete(POD, 'default', p!.metadata.name!); // graceful: stays Terminating
    await w.settle();
    expect(live(w)).toHaveLength(1);
    expect(w.store.get(RS, 'default', 'web')!.status.replicas).toBe(1);
  });

  it('stops at the first failing create and reports ReplicaFailure', async () => {
    const NS = lookupKind('namespaces')!;
    await w.registry.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'doomed' } });
    await w.registry.create(replicaSet(0, (rs) => (rs.metadata.namespace = 'doomed')));
    // A terminating namespace refuses new content: every create fails.
    await w.registry.delete(NS, undefined, 'doomed');
    await w.registry.mutate(RS, 'doomed', 'web', (rs) => ({ ...rs, spec: { ...rs.spec, replicas: 5 } }));
    // One pass: the first batch (of one) fails, so the other four are not even tried.
    await w.controller('replicaset-controller').reconcile('doomed/web');
    expect(w.events.filter((e) => e.reason === 'FailedCreate')).toHaveLength(1);
    const status = w.store.get(RS, 'doomed', 'web')!.status;
    expect(status.replicas).toBe(0);
    expect(status.conditions).toEqual([
      expect.objectContaining({ type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate' }),
    ]);
  });
});

describe('ReplicationController controller', () => {
  it('keeps the count with a plain map selector', async () => {
    await w.registry.create({
      apiVersion: 'v1',
      kind: 'ReplicationController',
      metadata: { name: 'legacy', namespace: 'default' },
      spec: {
        replicas: 2,
        selector: { app: 'legacy' },
        template: {
          metadata: { labels: { app: 'legacy' } },
          spec: { containers: [{ name: 'c', image: 'busybox:1.36' }] },
        },
      },
    });
    await w.converge();
    expect(podsOf(w)).toHaveLength(2);
    expect(podsOf(w)[0]!.metadata.ownerReferences?.[0]?.kind).toBe('ReplicationController');
    expect(w.store.get(RC, 'default', 'legacy')!.status).toMatchObject({ replicas: 2, readyReplicas: 2 });
  });
});
