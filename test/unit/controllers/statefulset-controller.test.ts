// The StatefulSet controller against a real temp store with a simulated kubelet.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lookupKind, POD } from '../../../src/api/kinds.js';
import type { KObject } from '../../../src/api/types.js';
import { tokenVolume } from '../../../src/registry/strategies/pod-token-volume.js';
import { World } from './world.js';

const STS = lookupKind('sts')!;
const PVC = lookupKind('pvc')!;
const CR = lookupKind('controllerrevisions')!;

const statefulSet = (mut: (s: KObject) => void = () => {}): KObject => {
  const s: KObject = {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      replicas: 3,
      serviceName: 'nginx',
      selector: { matchLabels: { app: 'web' } },
      podManagementPolicy: 'OrderedReady',
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      revisionHistoryLimit: 10,
      template: {
        metadata: { labels: { app: 'web' } },
        spec: {
          containers: [
            { name: 'c', image: 'busybox:1.36', volumeMounts: [{ name: 'www', mountPath: '/data' }] },
          ],
        },
      },
      volumeClaimTemplates: [
        {
          metadata: { name: 'www' },
          spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
        },
      ],
    },
  };
  mut(s);
  return s;
};

const podNames = (w: World) =>
  w.store
    .list(POD, { namespace: 'default' })
    .filter((p) => !p.metadata.deletionTimestamp)
    .map((p) => p.metadata.name)
    .sort();
const getSts = (w: World) => w.store.get(STS, 'default', 'web')!;
const setReplicas = (w: World, n: number) =>
  w.registry.mutate(STS, 'default', 'web', (s) => ({ ...s, spec: { ...s.spec, replicas: n } }));

let w: World;
beforeEach(() => {
  w = new World();
});
afterEach(() => w.close());

describe('StatefulSet controller', () => {
  it('creates web-0 first and web-1 only once web-0 is Running and Ready', async () => {
    await w.registry.create(statefulSet());
    await w.settle();
    expect(podNames(w)).toEqual(['web-0']);
    await w.kubelet(() => false);
    await w.settle();
    expect(podNames(w)).toEqual(['web-0']);
    await w.kubelet();
    await w.settle();
    expect(podNames(w)).toEqual(['web-0', 'web-1']);
    await w.converge();
    expect(podNames(w)).toEqual(['web-0', 'web-1', 'web-2']);
    expect(w.events.filter((e) => e.reason === 'SuccessfulCreate').map((e) => e.message)).toEqual([
      'create Claim www-web-0 Pod web-0 in StatefulSet web success',
      'create Pod web-0 in StatefulSet web successful',
      'create Claim www-web-1 Pod web-1 in StatefulSet web success',
      'create Pod web-1 in StatefulSet web successful',
      'create Claim www-web-2 Pod web-2 in StatefulSet web success',
      'create Pod web-2 in StatefulSet web successful',
    ]);
  });

  it('gives each pod its identity: hostname, subdomain, labels and its own claim', async () => {
    await w.registry.create(statefulSet());
    await w.converge();
    const pod = w.store.get(POD, 'default', 'web-1')!;
    const sts = getSts(w);
    expect(pod.spec.hostname).toBe('web-1');
    expect(pod.spec.subdomain).toBe('nginx');
    expect(pod.metadata.labels).toEqual({
      app: 'web',
      'statefulset.kubernetes.io/pod-name': 'web-1',
      'apps.kubernetes.io/pod-index': '1',
      'controller-revision-hash': sts.status.updateRevision,
    });
    // ...and the ServiceAccount admission plugin's token volume after the claim's.
    const apiAccess = pod.spec.volumes[1].name;
    expect(apiAccess).toMatch(/^kube-api-access-[b-z2-9]{5}$/);
    expect(pod.spec.volumes).toEqual([
      { name: 'www', persistentVolumeClaim: { claimName: 'www-web-1' } },
      tokenVolume(apiAccess),
    ]);
    const pvc = w.store.get(PVC, 'default', 'www-web-1')!;
    expect(pvc.metadata.labels).toEqual({ app: 'web' });
    // Binding is the PV controller's job: the StatefulSet controller only creates the claim.
    expect(pvc.spec.volumeName).toBeUndefined();
    expect(pvc.status).toEqual({ phase: 'Pending' });
    expect(sts.status).toMatchObject({
      observedGeneration: 1,
      replicas: 3,
      readyReplicas: 3,
      currentReplicas: 3,
      updatedReplicas: 3,
      availableReplicas: 3,
      collisionCount: 0,
    });
    expect(sts.status.currentRevision).toBe(sts.status.updateRevision);
    expect(w.store.list(CR, { namespace: 'default' }).map((r) => r.metadata.name)).toEqual([
      sts.status.updateRevision,
    ]);
  });

  it('scales down from the highest ordinal, one at a time, keeping the claims', async () => {
    await w.registry.create(statefulSet((s) => (s.spec.replicas = 5)));
    await w.converge();
    await setReplicas(w, 1);
    const order: string[] = [];
    for (let i = 0; i < 10; i++) {
      await w.settle();
      const deleting = w.store
        .list(POD, { namespace: 'default' })
        .filter((p) => p.metadata.deletionTimestamp)
        .map((p) => p.metadata.name!);
      expect(deleting.length).toBeLessThanOrEqual(1);
      order.push(...deleting);
      await w.kubelet();
    }
    expect(order).toEqual(['web-4', 'web-3', 'web-2', 'web-1']);
    expect(podNames(w)).toEqual(['web-0']);
    expect(w.store.list(PVC, { namespace: 'default' })).toHaveLength(5);
  });

  it('whenScaled: Delete hands a scaled-down pod its claims, so they go with it', async () => {
    await w.registry.create(
      statefulSet((s) => {
        s.spec.replicas = 2;
        s.spec.persistentVolumeClaimRetentionPolicy = { whenDeleted: 'Retain', whenScaled: 'Delete' };
      }),
    );
    await w.converge();
    const web1 = w.store.get(POD, 'default', 'web-1')!;
    await setReplicas(w, 1);
    await w.settle();
    expect(w.store.get(PVC, 'default', 'www-web-1')!.metadata.ownerReferences).toEqual([
      { apiVersion: 'v1', kind: 'Pod', name: 'web-1', uid: web1.metadata.uid, blockOwnerDeletion: true },
    ]);
    expect(w.store.get(PVC, 'default', 'www-web-0')!.metadata.ownerReferences).toBeUndefined();
  });

  it('Parallel creates all pods at once', async () => {
    await w.registry.create(statefulSet((s) => (s.spec.podManagementPolicy = 'Parallel')));
    await w.settle();
    expect(podNames(w)).toEqual(['web-0', 'web-1', 'web-2']);
  });

  it('recreates a deleted pod with the same name and claim', async () => {
    await w.registry.create(statefulSet());
    await w.converge();
    const old = w.store.get(POD, 'default', 'web-1')!;
    await w.registry.delete(POD, 'default', 'web-1', { gracePeriodSeconds: 0 });
    await w.converge();
    const fresh = w.store.get(POD, 'default', 'web-1')!;
    expect(fresh.metadata.uid).not.toBe(old.metadata.uid);
    expect(w.store.list(PVC, { namespace: 'default' }).map((c) => c.metadata.name)).toEqual([
      'www-web-0',
      'www-web-1',
      'www-web-2',
    ]);
  });

  it('rolls a template change from the highest ordinal down, respecting the partition', async () => {
    await w.registry.create(statefulSet((s) => (s.spec.updateStrategy.rollingUpdate.partition = 1)));
    await w.converge();
    const first = getSts(w).status.currentRevision;
    await w.registry.mutate(STS, 'default', 'web', (s) => {
      const next = structuredClone(s);
      next.spec.template.spec.containers[0].image = 'busybox:1.31';
      return next;
    });
    await w.converge();
    const sts = getSts(w);
    expect(sts.status.updateRevision).not.toBe(first);
    expect(sts.status.currentRevision).toBe(first);
    const image = (n: string) => w.store.get(POD, 'default', n)!.spec.containers[0].image;
    expect([image('web-0'), image('web-1'), image('web-2')]).toEqual([
      'busybox:1.36',
      'busybox:1.31',
      'busybox:1.31',
    ]);
    expect(sts.status).toMatchObject({ currentReplicas: 1, updatedReplicas: 2 });
    // Dropping the partition finishes the rollout; the update revision becomes current.
    await w.registry.mutate(STS, 'default', 'web', (s) => {
      const next = structuredClone(s);
      next.spec.updateStrategy.rollingUpdate.partition = 0;
      return next;
    });
    await w.converge();
    const done = getSts(w);
    expect(image('web-0')).toBe('busybox:1.31');
    expect(done.status.currentRevision).toBe(done.status.updateRevision);
    expect(w.store.list(CR, { namespace: 'default' })).toHaveLength(2);
  });

  it('OnDelete updates a pod only when it is deleted', async () => {
    await w.registry.create(statefulSet((s) => (s.spec.updateStrategy = { type: 'OnDelete' })));
    await w.converge();
    await w.registry.mutate(STS, 'default', 'web', (s) => {
      const next = structuredClone(s);
      next.spec.template.spec.containers[0].image = 'busybox:1.31';
      return next;
    });
    await w.converge();
    const image = (n: string) => w.store.get(POD, 'default', n)!.spec.containers[0].image;
    expect(image('web-2')).toBe('busybox:1.36');
    await w.registry.delete(POD, 'default', 'web-2', { gracePeriodSeconds: 0 });
    await w.converge();
    expect(image('web-2')).toBe('busybox:1.31');
    expect(image('web-1')).toBe('busybox:1.36');
  });
});
