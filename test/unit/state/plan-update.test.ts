// The API server's write semantics as pure plans: create, update, updateStatus.
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../src/api/errors.js';
import { lookupKind, NAMESPACE, POD } from '../../../src/api/kinds.js';
import type { KObject } from '../../../src/api/types.js';
import { planCreate } from '../../../src/state/create-plan.js';
import { generatedName, jsonEqual, rfc3339 } from '../../../src/state/meta.js';
import type { Plan } from '../../../src/state/plan.js';
import { planUpdate, planUpdateStatus } from '../../../src/state/update-plan.js';
import { CM, DEPLOY, NOW, storedDeployment, storedPod } from './plan-fixtures.js';

describe('planCreate', () => {
  const ctx = { name: 'web', uid: 'u-new', now: '2026-11-22T06:50:04Z' };
  it('sets uid, generation 1 and creationTimestamp, and defaults the namespace', () => {
    const obj = planCreate({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'web' } }, CM, ctx);
    expect(obj.metadata).toEqual({
      name: 'web',
      namespace: 'default',
      uid: 'u-new',
      resourceVersion: '',
      generation: 1,
      creationTimestamp: '2026-11-22T06:50:04Z',
    });
  });
  it('ignores the identity and deletion fields the caller sent', () => {
    const obj = planCreate(
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: {
          name: 'web',
          uid: 'mine',
          generation: 9,
          creationTimestamp: '2000-01-01T00:00:00Z',
          deletionTimestamp: '2000-01-01T00:00:00Z',
          deletionGracePeriodSeconds: 3,
        },
      },
      CM,
      ctx,
    );
    expect(obj.metadata).toMatchObject({ uid: 'u-new', generation: 1, creationTimestamp: ctx.now });
    expect(obj.metadata.deletionTimestamp).toBeUndefined();
    expect(obj.metadata.deletionGracePeriodSeconds).toBeUndefined();
  });
  it('drops the namespace of a cluster-scoped object', () => {
    const obj = planCreate(
      { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n', namespace: 'x' } },
      lookupKind('nodes')!,
      ctx,
    );
    expect(obj.metadata.namespace).toBeUndefined();
  });
  it('resets a pod status to Pending, as the pod strategy does', () => {
    const obj = planCreate({ ...storedPod(), metadata: { name: 'web' } }, POD, ctx);
    expect(obj.status).toEqual({ phase: 'Pending' });
  });
  it('keeps the status of kinds whose strategy allows it on create (nodes)', () => {
    const node = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n' }, status: { phase: 'Running' } };
    expect(planCreate(node, lookupKind('nodes')!, ctx).status).toEqual({ phase: 'Running' });
  });
  it('gives a namespace its finalizer, Active phase and metadata.name label', () => {
    const obj = planCreate({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'demo' } }, NAMESPACE, {
      ...ctx,
      name: 'demo',
    });
    expect(obj.spec).toEqual({ finalizers: ['kubernetes'] });
    expect(obj.status).toEqual({ phase: 'Active' });
    expect(obj.metadata.labels).toEqual({ 'kubernetes.io/metadata.name': 'demo' });
  });
});

describe('planUpdate', () => {
  type Outcome = Plan | { error: { reason: string; message: string } };
  /** What a write decides, or the API error it fails with: the whole result either way. */
  const outcome = (run: () => Plan): Outcome => {
    try {
      return run();
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      return { error: { reason: e.reason, message: e.message } };
    }
  };
  /** The stored object with `change` applied: the whole object a put or remove carries. */
  const changed = (stored: KObject, change: (o: KObject) => void) => {
    const o = structuredClone(stored);
    change(o);
    return o;
  };
  const none = (stored: KObject): Outcome => ({ op: 'none', obj: stored });
  const put =
    (change: (o: KObject) => void) =>
    (stored: KObject): Outcome => ({ op: 'put', type: 'MODIFIED', obj: changed(stored, change) });
  const remove =
    (change: (o: KObject) => void) =>
    (stored: KObject): Outcome => ({ op: 'remove', obj: changed(stored, change) });
  const fails = (reason: string, message: string) => (): Outcome => ({ error: { reason, message } });

  const cases: Array<{
    name: string;
    stored: KObject;
    input: (s: KObject) => KObject;
    want: (stored: KObject) => Outcome;
  }> = [
    {
      name: 'writes nothing when nothing changed',
      stored: storedDeployment(),
      input: (s) => structuredClone(s),
      want: none,
    },
    {
      name: 'writes nothing when only the server fields differ',
      stored: storedDeployment(),
      input: (s) => ({
        ...s,
        metadata: { ...s.metadata, uid: 'other', generation: 99, resourceVersion: undefined },
      }),
      want: none,
    },
    {
      name: 'bumps generation when spec changed',
      stored: storedDeployment(),
      input: (s) => ({ ...s, spec: { replicas: 3 } }),
      want: put((o) => {
        o.spec = { replicas: 3 };
        o.metadata = { ...o.metadata, generation: 4 };
      }),
    },
    {
      name: 'bumps generation when another top-level field changed (configmap data)',
      stored: {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'c', generation: 1 },
        data: { a: '1' },
      },
      input: (s) => ({ ...s, data: { a: '2' } }),
      want: put((o) => {
        o.data = { a: '2' };
        o.metadata = { ...o.metadata, generation: 2 };
      }),
    },
    {
      name: 'keeps generation when only labels changed',
      stored: storedDeployment(),
      input: (s) => ({ ...s, metadata: { ...s.metadata, labels: { a: 'b' } } }),
      want: put((o) => {
        o.metadata.labels = { a: 'b' };
      }),
    },
    {
      name: 'keeps the stored status whatever the caller sent',
      stored: storedDeployment(),
      input: (s) => ({ ...s, spec: { replicas: 2 }, status: { replicas: 42 } }),
      want: put((o) => {
        o.spec = { replicas: 2 };
        o.metadata = { ...o.metadata, generation: 4 };
      }),
    },
    {
      name: 'keeps uid and creationTimestamp immutable',
      stored: storedPod(),
      input: (s) => ({
        ...s,
        metadata: { ...s.metadata, uid: 'x', creationTimestamp: '2000-01-01T00:00:00Z', labels: {} },
      }),
      want: put((o) => {
        o.metadata.labels = {};
      }),
    },
    {
      name: 'is a Conflict when the caller read an older resourceVersion',
      stored: storedDeployment(),
      input: (s) => ({ ...s, metadata: { ...s.metadata, resourceVersion: '6' }, spec: { replicas: 2 } }),
      want: fails(
        'Conflict',
        'Operation cannot be fulfilled on deployments.apps "web": the object has been modified; please apply your changes to the latest version and try again',
      ),
    },
    {
      name: 'removes an object being deleted once its last finalizer is gone',
      stored: storedDeployment((d) => {
        d.metadata = {
          ...d.metadata,
          finalizers: ['example.com/x'],
          deletionTimestamp: '2026-11-22T06:50:04Z',
          deletionGracePeriodSeconds: 0,
        };
      }),
      input: (s) => ({ ...s, metadata: { ...s.metadata, finalizers: [] } }),
      want: remove((o) => {
        o.metadata.finalizers = [];
      }),
    },
    {
      name: 'keeps a pod in its grace period when its finalizers are removed (the kubelet deletes it)',
      stored: storedPod((p) => {
        p.metadata = {
          ...p.metadata,
          finalizers: ['example.com/x'],
          deletionTimestamp: '2026-11-22T06:50:34Z',
          deletionGracePeriodSeconds: 30,
        };
      }),
      input: (s) => ({ ...s, metadata: { ...s.metadata, finalizers: undefined } }),
      want: put((o) => {
        delete o.metadata.finalizers;
      }),
    },
    {
      name: 'removes a terminating namespace when its spec finalizers are cleared',
      stored: {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: 'demo', deletionTimestamp: '2026-11-22T06:50:04Z' },
        spec: { finalizers: ['kubernetes'] },
        status: { phase: 'Terminating' },
      },
      input: (s) => ({ ...s, spec: { finalizers: [] } }),
      // A spec change counts a generation, from none here.
      want: remove((o) => {
        o.spec = { finalizers: [] };
        o.metadata = { ...o.metadata, generation: 1 };
      }),
    },
    {
      name: 'refuses new finalizers on an object being deleted',
      stored: storedDeployment((d) => {
        d.metadata = { ...d.metadata, finalizers: ['a'], deletionTimestamp: '2026-11-22T06:50:04Z' };
      }),
      input: (s) => ({ ...s, metadata: { ...s.metadata, finalizers: ['a', 'b'] } }),
      want: fails(
        'Invalid',
        'Deployment "web" is invalid: metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{"b"}',
      ),
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const kind =
        c.stored.kind === 'Pod'
          ? POD
          : c.stored.kind === 'Namespace'
            ? NAMESPACE
            : c.stored.kind === 'ConfigMap'
              ? CM
              : DEPLOY;
      expect(outcome(() => planUpdate(c.stored, c.input(structuredClone(c.stored)), kind))).toEqual(
        c.want(c.stored),
      );
    });
  }

  it('words a Conflict as the API server does', () => {
    const s = storedDeployment();
    expect(() => planUpdate(s, { ...s, metadata: { ...s.metadata, resourceVersion: '1' } }, DEPLOY)).toThrow(
      'Operation cannot be fulfilled on deployments.apps "web": the object has been modified; please apply your changes to the latest version and try again',
    );
  });
});

describe('planUpdateStatus', () => {
  it('replaces status only and never bumps generation', () => {
    const s = storedDeployment();
    const plan = planUpdateStatus(s, { ...s, spec: { replicas: 9 }, status: { replicas: 2 } }, DEPLOY);
    expect(plan).toEqual({
      op: 'put',
      type: 'MODIFIED',
      obj: { ...s, status: { replicas: 2 } },
    });
  });
  it('writes nothing when the status is the same', () => {
    const s = storedDeployment();
    expect(planUpdateStatus(s, structuredClone(s), DEPLOY)).toEqual({ op: 'none', obj: s });
  });
  it('is a Conflict on a stale resourceVersion', () => {
    const s = storedDeployment();
    expect(() =>
      planUpdateStatus(s, { ...s, metadata: { ...s.metadata, resourceVersion: '1' } }, DEPLOY),
    ).toThrow(ApiError);
  });
});

describe('helpers', () => {
  it('formats timestamps as RFC3339 without fractional seconds', () => {
    expect(rfc3339(NOW)).toBe('2026-11-22T06:50:04Z');
  });
  it('generates names from the API server alphabet', () => {
    let i = 0;
    expect(generatedName('web-', () => i++)).toBe('web-bcdfg');
    expect(generatedName('x-')).toMatch(/^x-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });
  it('compares JSON values regardless of key order and undefined members', () => {
    expect(jsonEqual({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 })).toBe(true);
    expect(jsonEqual({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(jsonEqual({ a: [1] }, { a: { 0: 1 } })).toBe(false);
  });
});
