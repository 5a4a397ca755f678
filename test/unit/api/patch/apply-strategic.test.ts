import { describe, expect, it } from 'vitest';
import {
  lastAppliedOf as annotationOf,
  LAST_APPLIED,
  withLastApplied,
} from '../../../../src/api/apply-merge.js';
import { applyPatchFor, computeApplied } from '../../../../src/api/patch/apply-strategic.js';
import type { KObject } from '../../../../src/api/types.js';

const manifest = (containers: KObject['spec'], extra: Record<string, unknown> = {}): KObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default' },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers } },
    ...extra,
  },
});

/** What the store holds after applying `applied`: plus defaults, server fields and status. */
function liveOf(applied: KObject, edit: (o: KObject) => void = () => {}): KObject {
  const live = withLastApplied(applied);
  live.metadata = { ...live.metadata, uid: 'u1', resourceVersion: '7', generation: 1 };
  live.spec.strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } };
  for (const c of live.spec.template.spec.containers) {
    c.imagePullPolicy = 'IfNotPresent';
    c.terminationMessagePath = '/dev/termination-log';
  }
  live.status = { replicas: 2, readyReplicas: 2 };
  edit(live);
  return live;
}

/** The whole object computeApplied should produce: `newManifest` recorded as last-applied. */
function expected(newManifest: KObject, live: KObject, edit: (o: KObject) => void): KObject {
  const out = structuredClone(live);
  out.metadata.annotations = { ...out.metadata.annotations, [LAST_APPLIED]: annotationOf(newManifest) };
  edit(out);
  return out;
}

describe('computeApplied (three-way strategic merge)', () => {
  it('merges a container added to the manifest by name, keeping the fields defaulting set on the others', () => {
    const v1 = manifest([{ name: 'app', image: 'nginx:1' }]);
    const v2 = manifest([
      { name: 'app', image: 'nginx:2' },
      { name: 'log', image: 'busybox' },
    ]);
    const live = liveOf(v1);
    expect(computeApplied(v2, live)).toEqual(
      expected(v2, live, (o) => {
        o.spec.template.spec.containers = [
          {
            name: 'app',
            image: 'nginx:2',
            imagePullPolicy: 'IfNotPresent',
            terminationMessagePath: '/dev/termination-log',
          },
          { name: 'log', image: 'busybox' },
        ];
      }),
    );
  });

  it('deletes an env entry removed from the manifest that last-applied had, and keeps one someone else added', () => {
    const env = (...names: string[]) => names.map((name) => ({ name, value: name.toLowerCase() }));
    const v1 = manifest([{ name: 'app', image: 'nginx', env: env('A', 'B') }]);
    const v2 = manifest([{ name: 'app', image: 'nginx', env: env('A') }]);
    const live = liveOf(v1, (o) =>
      o.spec.template.spec.containers[0].env.push({ name: 'INJECTED', value: 'x' }),
    );
    expect(applyPatchFor(v2, live)).toEqual({
      metadata: { annotations: { [LAST_APPLIED]: annotationOf(v2) } },
      spec: {
        template: {
          spec: {
            '$setElementOrder/containers': [{ name: 'app' }],
            containers: [
              {
                name: 'app',
                '$setElementOrder/env': [{ name: 'A' }],
                env: [{ name: 'B', $patch: 'delete' }],
              },
            ],
          },
        },
      },
    });
    expect(computeApplied(v2, live)).toEqual(
      expected(v2, live, (o) => {
        o.spec.template.spec.containers[0].env = [
          { name: 'A', value: 'a' },
          { name: 'INJECTED', value: 'x' },
        ];
      }),
    );
  });

  it('keeps fields and list items others set (a label, a sidecar container, a finalizer) while the user changes replicas', () => {
    const v1 = manifest([{ name: 'app', image: 'nginx' }]);
    const v2 = { ...manifest([{ name: 'app', image: 'nginx' }]) };
    v2.spec.replicas = 3;
    const live = liveOf(v1, (o) => {
      o.metadata.labels = { team: 'a' };
      o.metadata.finalizers = ['example.com/guard'];
      o.spec.template.spec.containers.push({ name: 'proxy', image: 'envoy' });
    });
    expect(computeApplied(v2, live)).toEqual(
      expected(v2, live, (o) => {
        o.spec.replicas = 3;
      }),
    );
  });

  it('drops a field removed from the manifest, and clears rollingUpdate when the strategy becomes Recreate ($retainKeys)', () => {
    const v1 = manifest([{ name: 'app', image: 'nginx' }], { minReadySeconds: 5 });
    const v2 = manifest([{ name: 'app', image: 'nginx' }], { strategy: { type: 'Recreate' } });
    const live = liveOf(v1);
    expect(computeApplied(v2, live)).toEqual(
      expected(v2, live, (o) => {
        delete o.spec.minReadySeconds;
        o.spec.strategy = { type: 'Recreate' };
      }),
    );
  });

  it('drops the nulls of a manifest from the object, in new list items too', () => {
    const v1 = manifest([{ name: 'app', image: 'nginx' }]);
    const v2 = manifest([
      { name: 'app', image: 'nginx', workingDir: null },
      { name: 'log', image: 'busybox', resources: null },
    ]);
    const live = liveOf(v1);
    expect(computeApplied(v2, live)).toEqual(
      expected(v2, live, (o) => {
        o.spec.template.spec.containers.push({ name: 'log', image: 'busybox' });
      }),
    );
  });

  it('on the first apply over an object without last-applied, deletes nothing and never touches status', () => {
    const created = manifest([{ name: 'app', image: 'nginx' }], { minReadySeconds: 5 });
    const live = liveOf(created, (o) => {
      delete o.metadata.annotations;
    });
    const v2 = manifest([{ name: 'app', image: 'nginx:2' }]);
    v2.status = { replicas: 99 };
    expect(computeApplied(v2, live)).toEqual(
      expected(v2, live, (o) => {
        o.spec.template.spec.containers[0].image = 'nginx:2';
      }),
    );
  });
});
