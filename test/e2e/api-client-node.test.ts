// A real client library against the endpoint: @kubernetes/client-node, configured from mkube's
// kubeconfig (CA, client certificate), creates, lists, patches and deletes through the typed API,
// and its Watch sees the changes and resumes from a resourceVersion without missing one.
import { join } from 'node:path';
import * as k8s from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, requireDocker, TestHome } from './harness.js';

let t: TestHome;
let kc: k8s.KubeConfig;
let core: k8s.CoreV1Api;

beforeAll(async () => {
  requireDocker();
  t = new TestHome('mkube-e2e-client-node-');
  expect(t.run(['agent', 'start']).code).toBe(0);
  // The server writes its entries into the kubeconfig once it listens.
  await eventually(
    () =>
      t.run(['config', 'view', '-o', 'jsonpath={.clusters[0].cluster.server}']).stdout.startsWith('https://'),
    20_000,
  );
  kc = new k8s.KubeConfig();
  kc.loadFromFile(join(t.home, 'kubeconfig'));
  core = kc.makeApiClient(k8s.CoreV1Api);
});
afterAll(() => t?.cleanup());

const cm = (name: string, data: Record<string, string>): k8s.V1ConfigMap => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name },
  data,
});

/** Watch events as `TYPE name data.v`, until `stop()`. */
function watchFrom(resourceVersion: string) {
  const events: string[] = [];
  let lastRv = resourceVersion;
  let req: { abort(): void } | undefined;
  const started = new k8s.Watch(kc)
    .watch(
      '/api/v1/namespaces/default/configmaps',
      { resourceVersion },
      (type, obj: k8s.V1ConfigMap) => {
        lastRv = obj.metadata?.resourceVersion ?? lastRv;
        if (obj.metadata?.name?.startsWith('lib-'))
          events.push(`${type} ${obj.metadata.name} ${obj.data?.v ?? ''}`);
      },
      () => undefined,
    )
    .then((r) => {
      req = r;
    });
  return {
    events,
    lastRv: () => lastRv,
    stop: async () => {
      await started;
      req?.abort();
    },
  };
}

describe('@kubernetes/client-node against the endpoint', () => {
  it('creates, lists, patches and deletes, and its watch resumes from a resourceVersion', async () => {
    const list = await core.listNamespacedConfigMap({ namespace: 'default' });
    const first = watchFrom(list.metadata!.resourceVersion!);

    await core.createNamespacedConfigMap({ namespace: 'default', body: cm('lib-a', { v: '1' }) });
    await core.patchNamespacedConfigMap(
      { name: 'lib-a', namespace: 'default', body: { data: { v: '2' } } },
      k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
    );
    await eventually(() => first.events.length === 2, 10_000, 50);
    expect(first.events).toEqual(['ADDED lib-a 1', 'MODIFIED lib-a 2']);
    const seen = first.lastRv();
    await first.stop();

    // Changes while nobody watches: a watch from the last seen version gets exactly those.
    await core.createNamespacedConfigMap({ namespace: 'default', body: cm('lib-b', { v: '1' }) });
    await core.deleteNamespacedConfigMap({ name: 'lib-a', namespace: 'default' });
    const resumed = watchFrom(seen);
    await eventually(() => resumed.events.length === 2, 10_000, 50);
    expect(resumed.events).toEqual(['ADDED lib-b 1', 'DELETED lib-a 2']);
    await resumed.stop();

    const names = (await core.listNamespacedConfigMap({ namespace: 'default' })).items.map(
      (c) => c.metadata?.name,
    );
    expect(names.filter((n) => n?.startsWith('lib-'))).toEqual(['lib-b']);
    await expect(core.readNamespacedConfigMap({ name: 'lib-a', namespace: 'default' })).rejects.toMatchObject(
      {
        code: 404,
      },
    );
  }, 60_000);
});
