// The API server's delete semantics as pure plans: grace periods, finalizers, namespaces.
import { describe, expect, it } from 'vitest';
import { NAMESPACE, POD } from '../../../src/api/kinds.js';
import type { KObject } from '../../../src/api/types.js';
import { planDelete, podGracePeriod, propagationFinalizers } from '../../../src/state/delete-plan.js';
import { rfc3339 } from '../../../src/state/meta.js';
import type { Plan } from '../../../src/state/plan.js';
import type { DeleteOptions } from '../../../src/state/types.js';
import { DEPLOY, NOW, storedDeployment, storedPod } from './plan-fixtures.js';

describe('planDelete', () => {
  const at = (seconds: number) => rfc3339(new Date(NOW.getTime() + seconds * 1000));
  /** The whole plan: the op, and every metadata field it changes on the stored object. */
  type Want = { op: 'none' } | { op: 'put' | 'remove'; meta?: Record<string, unknown> };
  const expected = (stored: KObject, want: Want): Plan => {
    if (want.op === 'none') return { op: 'none', obj: stored };
    const obj = { ...stored, metadata: { ...stored.metadata, ...want.meta } };
    return want.op === 'put' ? { op: 'put', type: 'MODIFIED', obj } : { op: 'remove', obj };
  };
  const cases: Array<{
    name: string;
    stored: KObject;
    opts?: DeleteOptions;
    want: Want;
  }> = [
    {
      name: 'removes an object without finalizers at once',
      stored: storedDeployment(),
      want: { op: 'remove' },
    },
    {
      name: 'gives a running pod its default 30 s grace period',
      stored: storedPod(),
      want: { op: 'put', meta: { deletionTimestamp: at(30), deletionGracePeriodSeconds: 30, generation: 2 } },
    },
    {
      name: "uses the pod's terminationGracePeriodSeconds",
      stored: storedPod((p) => {
        p.spec.terminationGracePeriodSeconds = 5;
      }),
      want: { op: 'put', meta: { deletionTimestamp: at(5), deletionGracePeriodSeconds: 5, generation: 2 } },
    },
    {
      name: 'uses the grace period the caller asked for',
      stored: storedPod(),
      opts: { gracePeriodSeconds: 2 },
      want: { op: 'put', meta: { deletionTimestamp: at(2), deletionGracePeriodSeconds: 2, generation: 2 } },
    },
    {
      name: 'removes a pod at once with grace period 0',
      stored: storedPod(),
      opts: { gracePeriodSeconds: 0 },
      want: { op: 'remove' },
    },
    {
      name: 'removes a pod not yet scheduled at once (nothing runs it)',
      stored: storedPod((p) => {
        delete p.spec.nodeName;
      }),
      want: { op: 'remove' },
    },
    {
      name: 'removes a finished pod at once',
      stored: storedPod((p) => {
        p.status.phase = 'Succeeded';
      }),
      want: { op: 'remove' },
    },
    {
      name: 'shortens the grace period of a pod already being deleted',
      stored: storedPod((p) => {
        p.metadata = {
          ...p.metadata,
          deletionTimestamp: '2026-11-22T06:50:30Z',
          deletionGracePeriodSeconds: 30,
        };
      }),
      opts: { gracePeriodSeconds: 10 },
      want: {
        op: 'put',
        meta: { deletionTimestamp: '2026-11-22T06:50:10Z', deletionGracePeriodSeconds: 10 },
      },
    },
    {
      name: 'leaves a pod being deleted alone when the new grace period is not shorter',
      stored: storedPod((p) => {
        p.metadata = {
          ...p.metadata,
          deletionTimestamp: '2026-11-22T06:50:10Z',
          deletionGracePeriodSeconds: 10,
        };
      }),
      want: { op: 'none' },
    },
    {
      name: 'removes a pod being deleted when asked again with grace period 0',
      stored: storedPod((p) => {
        p.metadata = {
          ...p.metadata,
          deletionTimestamp: '2026-11-22T06:50:10Z',
          deletionGracePeriodSeconds: 10,
        };
      }),
      opts: { gracePeriodSeconds: 0 },
      // Its last state (the DELETED event's) carries the deadline moved to now.
      want: {
        op: 'remove',
        meta: { deletionTimestamp: '2026-11-22T06:50:00Z', deletionGracePeriodSeconds: 0 },
      },
    },
    {
      name: 'marks an object with finalizers and keeps it',
      stored: storedDeployment((d) => {
        d.metadata.finalizers = ['example.com/x'];
      }),
      want: { op: 'put', meta: { deletionTimestamp: at(0), deletionGracePeriodSeconds: 0, generation: 4 } },
    },
    {
      name: 'keeps a pod with finalizers after its grace period is cut to 0',
      stored: storedPod((p) => {
        p.metadata.finalizers = ['example.com/x'];
      }),
      opts: { gracePeriodSeconds: 0 },
      want: { op: 'put', meta: { deletionTimestamp: at(0), deletionGracePeriodSeconds: 0, generation: 2 } },
    },
    {
      name: 'adds foregroundDeletion for propagationPolicy Foreground',
      stored: storedDeployment(),
      opts: { propagationPolicy: 'Foreground' },
      want: {
        op: 'put',
        meta: {
          finalizers: ['foregroundDeletion'],
          deletionTimestamp: at(0),
          deletionGracePeriodSeconds: 0,
          generation: 4,
        },
      },
    },
    {
      name: 'adds orphan for propagationPolicy Orphan',
      stored: storedDeployment(),
      opts: { propagationPolicy: 'Orphan' },
      want: {
        op: 'put',
        meta: {
          finalizers: ['orphan'],
          deletionTimestamp: at(0),
          deletionGracePeriodSeconds: 0,
          generation: 4,
        },
      },
    },
    {
      name: 'removes an object at once for propagationPolicy Background',
      stored: storedDeployment(),
      opts: { propagationPolicy: 'Background' },
      want: { op: 'remove' },
    },
    {
      name: 'does nothing more when an object with finalizers is deleted twice',
      stored: storedDeployment((d) => {
        d.metadata = { ...d.metadata, finalizers: ['x'], deletionTimestamp: '2026-11-22T06:00:00Z' };
      }),
      want: { op: 'none' },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const kind = c.stored.kind === 'Pod' ? POD : DEPLOY;
      expect(planDelete(c.stored, kind, c.opts ?? {}, NOW)).toEqual(expected(c.stored, c.want));
    });
  }

  it('is a Conflict when the uid precondition does not match', () => {
    expect(() => planDelete(storedPod(), POD, { uid: 'other' }, NOW)).toThrow(
      'Operation cannot be fulfilled on pods "web": Precondition failed: UID in precondition: other, UID in object meta: u-1',
    );
  });

  const ns = (mutate: (n: KObject) => void = () => undefined): KObject => {
    const n: KObject = {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'demo', uid: 'n-1', resourceVersion: '3' },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    };
    mutate(n);
    return n;
  };
  it('marks a namespace Terminating and keeps it for the namespace controller', () => {
    const plan = planDelete(ns(), NAMESPACE, {}, NOW);
    expect(plan.op).toBe('put');
    expect(plan.obj.metadata.deletionTimestamp).toBe('2026-11-22T06:50:04Z');
    expect(plan.obj.status).toEqual({ phase: 'Terminating' });
  });
  it('removes a namespace without finalizers at once', () => {
    expect(
      planDelete(
        ns((n) => {
          n.spec = {};
        }),
        NAMESPACE,
        {},
        NOW,
      ).op,
    ).toBe('remove');
  });
  it('refuses to delete the default namespace', () => {
    const def = ns((n) => {
      n.metadata.name = 'default';
    });
    expect(() => planDelete(def, NAMESPACE, {}, NOW)).toThrow(
      'namespaces "default" is forbidden: this namespace may not be deleted',
    );
  });
});

describe('delete helpers', () => {
  it('computes propagation finalizers as the garbage collector expects', () => {
    expect(propagationFinalizers(['a', 'orphan'], 'Foreground')).toEqual(['a', 'foregroundDeletion']);
    expect(propagationFinalizers(['foregroundDeletion'], 'Orphan')).toEqual(['orphan']);
    expect(propagationFinalizers(['orphan', 'a'], 'Background')).toEqual(['a']);
    expect(propagationFinalizers(['orphan'], undefined)).toEqual(['orphan']);
  });
  it('ignores a negative requested grace period', () => {
    expect(podGracePeriod(storedPod(), -1)).toBe(30);
  });
});
