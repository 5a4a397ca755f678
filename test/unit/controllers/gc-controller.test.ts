// Garbage collection against a real temp store: background, foreground and orphan propagation.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lookupKind, POD } from '../../../src/api/kinds.js';
import type { KObject } from '../../../src/api/types.js';
import { World } from './world.js';

const RS = lookupKind('rs')!;
const DEPLOY = lookupKind('deploy')!;
const CM = lookupKind('cm')!;

const deployment = (): KObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default' },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: { containers: [{ name: 'c', image: 'busybox:1.36' }] },
    },
  },
});

const count = (w: World) => ({
  deploy: w.store.list(DEPLOY).length,
  rs: w.store.list(RS).length,
  pods: w.store.list(POD).length,
});

let w: World;
beforeEach(() => {
  w = new World();
});
afterEach(() => w.close());

describe('garbage collector', () => {
  it('background: deleting a Deployment removes its ReplicaSet and then its pods', async () => {
    await w.registry.create(deployment());
    await w.converge();
    expect(count(w)).toEqual({ deploy: 1, rs: 1, pods: 2 });
    await w.registry.delete(DEPLOY, 'default', 'web', { propagationPolicy: 'Background' });
    await w.converge();
    expect(count(w)).toEqual({ deploy: 0, rs: 0, pods: 0 });
  });

  it('foreground: the Deployment stays until its ReplicaSet and pods are gone', async () => {
    await w.registry.create(deployment());
    await w.converge();
    await w.registry.delete(DEPLOY, 'default', 'web', { propagationPolicy: 'Foreground' });
    await w.settle();
    const d = w.store.get(DEPLOY, 'default', 'web')!;
    expect(d.metadata.finalizers).toEqual(['foregroundDeletion']);
    expect(w.store.list(RS)[0]!.metadata.deletionTimestamp).toBeDefined();
    expect(w.store.list(POD).every((p) => p.metadata.deletionTimestamp)).toBe(true);
    await w.converge();
    expect(count(w)).toEqual({ deploy: 0, rs: 0, pods: 0 });
  });

  it('orphan: deleting a ReplicaSet leaves its pods, without owner references', async () => {
    await w.registry.create(deployment());
    await w.converge();
    // Orphan the RS from the Deployment first, then the pods from the RS.
    await w.registry.delete(DEPLOY, 'default', 'web', { propagationPolicy: 'Orphan' });
    await w.converge();
    expect(count(w)).toEqual({ deploy: 0, rs: 1, pods: 2 });
    expect(w.store.list(RS)[0]!.metadata.ownerReferences).toBeUndefined();
    const rs = w.store.list(RS)[0]!;
    await w.registry.delete(RS, 'default', rs.metadata.name!, { propagationPolicy: 'Orphan' });
    await w.converge();
    expect(count(w)).toEqual({ deploy: 0, rs: 0, pods: 2 });
    expect(w.store.list(POD).every((p) => !p.metadata.ownerReferences)).toBe(true);
  });

  it('deletes a dependent whose owner was replaced by an object with another uid', async () => {
    const owner = await w.registry.create({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'owner', namespace: 'default' },
    });
    await w.registry.create({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: 'dep',
        namespace: 'default',
        ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: owner.metadata.uid! }],
      },
    });
    await w.settle();
    expect(w.store.get(CM, 'default', 'dep')).toBeDefined();
    await w.registry.delete(CM, 'default', 'owner');
    await w.registry.create({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'owner', namespace: 'default' },
    });
    await w.settle();
    expect(w.store.get(CM, 'default', 'dep')).toBeUndefined();
  });

  it('only drops the reference to a gone owner when another owner remains', async () => {
    const a = await w.registry.create({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'a', namespace: 'default' },
    });
    const b = await w.registry.create({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'b', namespace: 'default' },
    });
    await w.registry.create({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: 'dep',
        namespace: 'default',
        ownerReferences: [
          { apiVersion: 'v1', kind: 'ConfigMap', name: 'a', uid: a.metadata.uid! },
          { apiVersion: 'v1', kind: 'ConfigMap', name: 'b', uid: b.metadata.uid! },
        ],
      },
    });
    await w.settle();
    await w.registry.delete(CM, 'default', 'a');
    await w.settle();
    expect(w.store.get(CM, 'default', 'dep')!.metadata.ownerReferences!.map((r) => r.name)).toEqual(['b']);
  });
});
