// The Deployment controller against a real temp store, with the ReplicaSet controller and a
// simulated kubelet: the state after each step is what is checked.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lookupKind, POD } from '../../../src/api/kinds.js';
import type { KObject } from '../../../src/api/types.js';
import { World } from './world.js';

const RS = lookupKind('rs')!;
const DEPLOY = lookupKind('deploy')!;

const deployment = (mut: (d: KObject) => void = () => {}): KObject => {
  const d: KObject = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: 'web' } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'c', image: 'busybox:1.36' }] },
      },
    },
  };
  mut(d);
  return d;
};

const setImage = (w: World, image: string) =>
  w.registry.mutate(DEPLOY, 'default', 'web', (d) => {
    const next = structuredClone(d);
    next.spec.template.spec.containers[0].image = image;
    return next;
  });

const rsList = (w: World) => w.store.list(RS, { namespace: 'default' });
const livePods = (w: World) =>
  w.store.list(POD, { namespace: 'default' }).filter((p) => !p.metadata.deletionTimestamp);
const getD = (w: World) => w.store.get(DEPLOY, 'default', 'web')!;
const cond = (d: KObject, type: string) =>
  d.status?.conditions?.find((c: { type: string }) => c.type === type);

let w: World;
beforeEach(() => {
  w = new World();
});
afterEach(() => w.close());

describe('Deployment controller', () => {
  it('creates a ReplicaSet named after the pod-template-hash and reaches 3 available pods', async () => {
    await w.registry.create(deployment());
    await w.converge();
    const [rs] = rsList(w);
    const hash = rs!.metadata.labels!['pod-template-hash'];
    expect(rs!.metadata.name).toBe(`web-${hash}`);
    expect(rs!.spec.selector.matchLabels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(rs!.spec.template.metadata.labels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(rs!.metadata.annotations).toEqual({
      'deployment.kubernetes.io/desired-replicas': '3',
      'deployment.kubernetes.io/max-replicas': '4',
      'deployment.kubernetes.io/revision': '1',
    });
    expect(livePods(w).every((p) => p.metadata.labels!['pod-template-hash'] === hash)).toBe(true);
    const d = getD(w);
    expect(d.metadata.annotations!['deployment.kubernetes.io/revision']).toBe('1');
    expect(d.status).toMatchObject({
      observedGeneration: 1,
      replicas: 3,
      updatedReplicas: 3,
      readyReplicas: 3,
      availableReplicas: 3,
    });
    expect(d.status.unavailableReplicas).toBeUndefined();
    expect(cond(d, 'Available')).toMatchObject({
      status: 'True',
      reason: 'MinimumReplicasAvailable',
      message: 'Deployment has minimum availability.',
    });
    expect(cond(d, 'Progressing')).toMatchObject({
      status: 'True',
      reason: 'NewReplicaSetAvailable',
      message: `ReplicaSet "web-${hash}" has successfully progressed.`,
    });
    expect(w.events).toContainEqual({
      object: 'web',
      type: 'Normal',
      reason: 'ScalingReplicaSet',
      message: `Scaled up replica set web-${hash} from 0 to 3`,
    });
  });

  it('rolls out a new template without ever exceeding replicas + maxSurge pods', async () => {
    await w.registry.create(deployment());
    await w.converge();
    const [first] = rsList(w);
    await setImage(w, 'busybox:1.31');
    let maxPods = 0;
    let sawTwo = false;
    for (let i = 0; i < 40; i++) {
      await w.settle();
      maxPods = Math.max(maxPods, livePods(w).length);
      sawTwo ||= rsList(w).filter((rs) => rs.spec.replicas > 0).length === 2;
      const before = w.store.resourceVersion();
      await w.kubelet();
      maxPods = Math.max(maxPods, livePods(w).length);
      if (w.store.resourceVersion() === before) break;
    }
    expect(maxPods).toBe(4);
    expect(sawTwo).toBe(true);
    const sets = rsList(w);
    expect(sets).toHaveLength(2);
    const old = sets.find((rs) => rs.metadata.name === first!.metadata.name)!;
    const next = sets.find((rs) => rs.metadata.name !== first!.metadata.name)!;
    expect(old.spec.replicas).toBe(0);
    expect(next.spec.replicas).toBe(3);
    expect(next.metadata.annotations!['deployment.kubernetes.io/revision']).toBe('2');
    expect(livePods(w).every((p) => p.spec.containers[0].image === 'busybox:1.31')).toBe(true);
    const d = getD(w);
    expect(d.metadata.annotations!['deployment.kubernetes.io/revision']).toBe('2');
    expect(d.status).toMatchObject({
      observedGeneration: 2,
      replicas: 3,
      updatedReplicas: 3,
      availableReplicas: 3,
    });
    expect(w.events.map((e) => e.message)).toContain(
      `Scaled down replica set ${old.metadata.name} from 3 to 2`,
    );
  });

  it('rolls back by adopting the old ReplicaSet when its template is copied back', async () => {
    await w.registry.create(
      deployment((d) => (d.metadata.annotations = { 'kubernetes.io/change-cause': 'first' })),
    );
    await w.converge();
    const [first] = rsList(w);
    await w.registry.mutate(DEPLOY, 'default', 'web', (d) => {
      const next = structuredClone(d);
      next.metadata.annotations['kubernetes.io/change-cause'] = 'second';
      next.spec.template.spec.containers[0].image = 'busybox:1.31';
      return next;
    });
    await w.converge();
    expect(rsList(w)).toHaveLength(2);
    // What `rollout undo` does: the old RS's template, without its hash label, into the spec.
    await w.registry.mutate(DEPLOY, 'default', 'web', (d) => {
      const template = structuredClone(first!.spec.template);
      delete template.metadata.labels['pod-template-hash'];
      return { ...d, spec: { ...d.spec, template } };
    });
    await w.converge();
    const sets = rsList(w);
    expect(sets).toHaveLength(2);
    const back = sets.find((rs) => rs.metadata.name === first!.metadata.name)!;
    expect(back.spec.replicas).toBe(3);
    expect(back.metadata.annotations!['deployment.kubernetes.io/revision']).toBe('3');
    expect(back.metadata.annotations!['deployment.kubernetes.io/revision-history']).toBe('1');
    expect(getD(w).metadata.annotations!['deployment.kubernetes.io/revision']).toBe('3');
    const other = sets.find((rs) => rs !== back)!;
    expect(other.metadata.annotations!['kubernetes.io/change-cause']).toBe('second');
  });

  it('Recreate scales the old ReplicaSet to 0 and waits for its pods before creating the new one', async () => {
    await w.registry.create(deployment((d) => (d.spec.strategy = { type: 'Recreate' })));
    await w.converge();
    await setImage(w, 'busybox:1.31');
    await w.settle();
    expect(rsList(w)).toHaveLength(1);
    expect(rsList(w)[0]!.spec.replicas).toBe(0);
    await w.converge();
    const sets = rsList(w);
    expect(sets).toHaveLength(2);
    expect(livePods(w)).toHaveLength(3);
    expect(livePods(w).every((p) => p.spec.containers[0].image === 'busybox:1.31')).toBe(true);
  });

  it('marks the rollout ProgressDeadlineExceeded when new pods never become ready, keeping old pods', async () => {
    await w.registry.create(deployment((d) => (d.spec.progressDeadlineSeconds = 10)));
    await w.converge();
    await setImage(w, 'busybox:broken');
    const ready = (p: KObject) => p.spec.containers[0].image !== 'busybox:broken';
    await w.converge(ready);
    expect(cond(getD(w), 'Progressing')).toMatchObject({ status: 'True', reason: 'ReplicaSetUpdated' });
    w.now += 11_000;
    await w.converge(ready);
    const d = getD(w);
    expect(cond(d, 'Progressing')).toMatchObject({
      status: 'False',
      reason: 'ProgressDeadlineExceeded',
      message: expect.stringMatching(/^ReplicaSet "web-\w+" has timed out progressing\.$/),
    });
    expect(d.status.availableReplicas).toBe(3);
    expect(livePods(w)).toHaveLength(4);
  });

  it('keeps only revisionHistoryLimit old ReplicaSets', async () => {
    await w.registry.create(deployment((d) => (d.spec.revisionHistoryLimit = 1)));
    await w.converge();
    for (const image of ['busybox:1.31', 'busybox:latest', 'busybox:1.30']) {
      await setImage(w, image);
      await w.converge();
    }
    const sets = rsList(w);
    expect(sets).toHaveLength(2);
    expect(sets.map((rs) => rs.metadata.annotations!['deployment.kubernetes.io/revision']).sort()).toEqual([
      '3',
      '4',
    ]);
  });

  it('does not roll out while paused, and says so in Progressing', async () => {
    await w.registry.create(deployment());
    await w.converge();
    await w.registry.mutate(DEPLOY, 'default', 'web', (d) => ({ ...d, spec: { ...d.spec, paused: true } }));
    await setImage(w, 'busybox:1.31');
    await w.converge();
    expect(rsList(w)).toHaveLength(1);
    expect(cond(getD(w), 'Progressing')).toMatchObject({
      status: 'Unknown',
      reason: 'DeploymentPaused',
      message: 'Deployment is paused',
    });
    await w.registry.mutate(DEPLOY, 'default', 'web', (d) => ({ ...d, spec: { ...d.spec, paused: false } }));
    await w.converge();
    expect(rsList(w)).toHaveLength(2);
    expect(cond(getD(w), 'Progressing')).toMatchObject({ reason: 'NewReplicaSetAvailable' });
  });

  it('scales the one active ReplicaSet when replicas change', async () => {
    await w.registry.create(deployment());
    await w.converge();
    await w.registry.mutate(DEPLOY, 'default', 'web', (d) => ({ ...d, spec: { ...d.spec, replicas: 5 } }));
    await w.converge();
    const [rs] = rsList(w);
    expect(rsList(w)).toHaveLength(1);
    expect(rs!.spec.replicas).toBe(5);
    expect(rs!.metadata.annotations!['deployment.kubernetes.io/desired-replicas']).toBe('5');
    expect(livePods(w)).toHaveLength(5);
    expect(w.events.map((e) => e.message)).toContain(
      `Scaled up replica set ${rs!.metadata.name} from 3 to 5`,
    );
  });

  it('scales proportionally when replicas change in the middle of a rollout', async () => {
    await w.registry.create(deployment((d) => (d.spec.replicas = 10)));
    await w.converge();
    await setImage(w, 'busybox:broken');
    await w.converge((p) => p.spec.containers[0].image !== 'busybox:broken');
    const before = rsList(w).map((rs) => rs.spec.replicas as number);
    expect(before.reduce((a, b) => a + b)).toBe(13);
    await w.registry.mutate(DEPLOY, 'default', 'web', (d) => ({ ...d, spec: { ...d.spec, replicas: 20 } }));
    await w.settle();
    const after = rsList(w).map((rs) => rs.spec.replicas as number);
    expect(after.reduce((a, b) => a + b)).toBe(25);
  });
});
