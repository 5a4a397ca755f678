// The store against a real temporary state directory: files, modes, errors, lifecycles.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../src/api/errors.js';
import { lookupKind, NAMESPACE, POD } from '../../../src/api/kinds.js';
import type { KObject } from '../../../src/api/types.js';
import { openStore } from '../../../src/state/store.js';
import { configMap, freshStore, namespace, pod, tempHome } from './helpers.js';

const CM = lookupKind('configmaps')!;
const SECRET = lookupKind('secrets')!;
const DEPLOY = lookupKind('deployments')!;

async function apiError(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('expected an ApiError');
}

function journalLines(home: string): Array<{ type: string; object: KObject }> {
  return readFileSync(join(home, 'journal.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
}

describe('first open', () => {
  it('creates the home with mode 0700 and the four namespaces as real objects', () => {
    const home = join(tempHome(), 'nested', 'home');
    const store = openStore(home);
    expect(statSync(home).mode & 0o777).toBe(0o700);
    const nss = store.list(NAMESPACE);
    expect(nss.map((n) => n.metadata.name)).toEqual([
      'default',
      'kube-node-lease',
      'kube-public',
      'kube-system',
    ]);
    for (const ns of nss) {
      expect(ns.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
      expect(ns.metadata.resourceVersion).toMatch(/^\d+$/);
      expect(ns.metadata.creationTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      expect(ns.spec).toEqual({ finalizers: ['kubernetes'] });
      expect(ns.status).toEqual({ phase: 'Active' });
    }
    expect(store.resourceVersion()).toBe(4);
  });
  it('does nothing on the second open', () => {
    const home = tempHome();
    openStore(home);
    const again = openStore(home);
    expect(again.resourceVersion()).toBe(4);
    expect(journalLines(home)).toHaveLength(4);
  });
});

describe('create', () => {
  it('stores one JSON file per object under objects/<group>/<plural>/<namespace>/', async () => {
    const store = freshStore();
    await store.create(pod('web'));
    await store.create({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd', namespace: 'kube-system' },
      spec: {},
    });
    const file = (p: string) => JSON.parse(readFileSync(join(store.home, 'objects', p), 'utf8'));
    expect(file('core/pods/default/web.json').metadata.name).toBe('web');
    expect(file('apps/deployments/kube-system/d.json').kind).toBe('Deployment');
    expect(file('core/namespaces/_cluster/default.json').kind).toBe('Namespace');
  });
  it('returns the stored object with server fields, and get returns the same', async () => {
    const store = freshStore();
    const created = await store.create(pod('web'));
    expect(created.metadata).toMatchObject({
      name: 'web',
      namespace: 'default',
      resourceVersion: '5',
    });
    expect(store.get(POD, 'default', 'web')).toEqual(created);
  });
  it('gives a pod no generation (Kubernetes 1.32), even on a spec update; a Deployment counts from 1', async () => {
    const store = freshStore();
    const created = await store.create({ ...pod('web'), metadata: { name: 'web', generation: 7 } });
    const updated = await store.update({ ...created, spec: { ...created.spec, activeDeadlineSeconds: 5 } });
    const deploy = await store.create({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd' },
      spec: { replicas: 1 },
    });
    const scaled = await store.update({ ...deploy, spec: { replicas: 2 } });
    expect([created, updated, deploy, scaled].map((o) => o.metadata.generation)).toEqual([
      undefined,
      undefined,
      1,
      2,
    ]);
  });
  it('writes secrets with mode 0600', async () => {
    const store = freshStore();
    await store.create({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { a: 'Yg==' } });
    const path = join(store.home, 'objects/core/secrets/default/s.json');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(store.get(SECRET, 'default', 's')?.data).toEqual({ a: 'Yg==' });
  });
  it('generates a name from generateName', async () => {
    const store = freshStore();
    const created = await store.create({ ...pod(''), metadata: { generateName: 'web-' } });
    expect(created.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(created.metadata.generateName).toBe('web-');
  });
  const errors: Array<{
    name: string;
    setup?: (s: ReturnType<typeof freshStore>) => Promise<unknown>;
    obj: KObject;
    reason: string;
    message: string;
  }> = [
    {
      name: 'is AlreadyExists for an existing name, qualified by group',
      setup: (s) =>
        s.create({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: {} }),
      obj: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: {} },
      reason: 'AlreadyExists',
      message: 'deployments.apps "web" already exists',
    },
    {
      name: 'is AlreadyExists for a core kind',
      setup: (s) => s.create(pod('x')),
      obj: pod('x'),
      reason: 'AlreadyExists',
      message: 'pods "x" already exists',
    },
    {
      name: 'is NotFound when the namespace does not exist',
      obj: pod('x', { namespace: 'nope' }),
      reason: 'NotFound',
      message: 'namespaces "nope" not found',
    },
    {
      name: 'is Forbidden in a namespace being terminated',
      setup: async (s) => {
        await s.create(namespace('demo'));
        await s.delete(NAMESPACE, undefined, 'demo');
      },
      obj: pod('x', { namespace: 'demo' }),
      reason: 'Forbidden',
      message:
        'pods "x" is forbidden: unable to create new content in namespace demo because it is being terminated',
    },
    {
      name: 'is Invalid without name or generateName',
      obj: { apiVersion: 'v1', kind: 'ConfigMap', metadata: {} },
      reason: 'Invalid',
      message: 'ConfigMap "" is invalid: metadata.name: Required value: name or generateName is required',
    },
  ];
  for (const c of errors) {
    it(c.name, async () => {
      const store = freshStore();
      await c.setup?.(store);
      const err = await apiError(store.create(c.obj));
      expect({ reason: err.reason, message: err.message }).toEqual({ reason: c.reason, message: c.message });
    });
  }
});

describe('get and list', () => {
  it('get returns undefined when absent', () => {
    expect(freshStore().get(POD, 'default', 'nope')).toBeUndefined();
  });
  it('lists sorted by namespace, then name, and filters by namespace', async () => {
    const store = freshStore();
    for (const [ns, name] of [
      ['kube-system', 'b'],
      ['default', 'web-2'],
      ['default', 'web'],
      ['kube-public', 'a'],
      ['default', 'a'],
    ]) {
      await store.create(configMap(name!, {}, ns));
    }
    const keys = (objs: KObject[]) => objs.map((o) => `${o.metadata.namespace}/${o.metadata.name}`);
    expect(keys(store.list(CM))).toEqual([
      'default/a',
      'default/web',
      'default/web-2',
      'kube-public/a',
      'kube-system/b',
    ]);
    expect(keys(store.list(CM, { namespace: 'default' }))).toEqual([
      'default/a',
      'default/web',
      'default/web-2',
    ]);
    expect(store.list(DEPLOY)).toEqual([]);
  });
});

describe('update, updateStatus, patch', () => {
  it('updates spec, bumps generation and resourceVersion, and journals MODIFIED', async () => {
    const store = freshStore();
    const created = await store.create(configMap('c', { a: '1' }));
    const updated = await store.update({ ...created, data: { a: '2' } });
    expect(updated.metadata).toMatchObject({ generation: 2, resourceVersion: '6' });
    expect(store.get(CM, 'default', 'c')).toEqual(updated);
    expect(journalLines(store.home).at(-1)).toEqual({ type: 'MODIFIED', object: updated });
  });
  it('writes nothing for a no-op update', async () => {
    const store = freshStore();
    const created = await store.create(configMap('c', { a: '1' }));
    const same = await store.update(structuredClone(created));
    expect(same).toEqual(created);
    expect(store.resourceVersion()).toBe(5);
    expect(journalLines(store.home)).toHaveLength(5);
  });
  it('is a Conflict on a stale resourceVersion', async () => {
    const store = freshStore();
    const created = await store.create(configMap('c', { a: '1' }));
    await store.update({ ...created, data: { a: '2' } });
    const err = await apiError(store.update({ ...created, data: { a: '3' } }));
    expect(err.reason).toBe('Conflict');
    expect(err.message).toBe(
      'Operation cannot be fulfilled on configmaps "c": the object has been modified; please apply your changes to the latest version and try again',
    );
  });
  it('is NotFound when updating a missing object', async () => {
    const err = await apiError(freshStore().update(configMap('nope')));
    expect(err.message).toBe('configmaps "nope" not found');
  });
  it('updateStatus changes only status', async () => {
    const store = freshStore();
    const created = await store.create(pod('web'));
    const updated = await store.updateStatus({
      ...created,
      spec: { changed: true },
      status: { phase: 'Running' },
    });
    expect(updated.status).toEqual({ phase: 'Running' });
    expect(updated.spec).toEqual(created.spec);
    expect(updated.metadata).toEqual({
      ...created.metadata,
      resourceVersion: updated.metadata.resourceVersion,
    });
  });
  it('patch applies a mutation to the fresh object and may decline', async () => {
    const store = freshStore();
    await store.create(configMap('c', { a: '1' }));
    const patched = await store.patch(CM, 'default', 'c', (cur) => ({
      ...cur,
      data: { ...cur.data, b: '2' },
    }));
    expect(patched?.data).toEqual({ a: '1', b: '2' });
    expect(await store.patch(CM, 'default', 'c', () => undefined)).toBeUndefined();
    const status = await store.patch(POD, 'default', 'web', (p) => p).catch((e: ApiError) => e.reason);
    expect(status).toBe('NotFound');
  });
  it('patch of status goes through updateStatus', async () => {
    const store = freshStore();
    await store.create(pod('web'));
    const p = await store.patch(
      POD,
      'default',
      'web',
      (cur) => ({ ...cur, spec: {}, status: { phase: 'Running' } }),
      'status',
    );
    expect(p?.status.phase).toBe('Running');
    expect(p?.spec.containers).toHaveLength(1);
  });
  it('concurrent patches in one process all land', async () => {
    const store = freshStore();
    await store.create(configMap('c', {}));
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        store.patch(CM, 'default', 'c', (cur) => ({ ...cur, data: { ...cur.data, [`k${i}`]: String(i) } })),
      ),
    );
    expect(Object.keys(store.get(CM, 'default', 'c')!.data)).toHaveLength(20);
  });
});

describe('delete', () => {
  it('removes an object, journals DELETED, and is NotFound the second time', async () => {
    const store = freshStore();
    await store.create(configMap('c'));
    const gone = await store.delete(CM, 'default', 'c');
    expect(gone.metadata.resourceVersion).toBe('6');
    expect(store.get(CM, 'default', 'c')).toBeUndefined();
    expect(journalLines(store.home).at(-1)?.type).toBe('DELETED');
    expect((await apiError(store.delete(CM, 'default', 'c'))).message).toBe('configmaps "c" not found');
  });
  it('keeps a scheduled pod Terminating until the kubelet deletes it with grace 0', async () => {
    const store = freshStore();
    const created = await store.create(pod('web'));
    await store.update({ ...created, spec: { ...created.spec, nodeName: 'laptop' } });
    const terminating = await store.delete(POD, 'default', 'web');
    expect(terminating.metadata.deletionTimestamp).toBeDefined();
    expect(terminating.metadata.deletionGracePeriodSeconds).toBe(30);
    expect(store.get(POD, 'default', 'web')).toEqual(terminating);
    await store.delete(POD, 'default', 'web', { gracePeriodSeconds: 0, uid: created.metadata.uid });
    expect(store.get(POD, 'default', 'web')).toBeUndefined();
    expect(
      journalLines(store.home)
        .map((l) => l.type)
        .slice(-4),
    ).toEqual(['ADDED', 'MODIFIED', 'MODIFIED', 'DELETED']);
  });
  it('removes an object once an update clears its last finalizer', async () => {
    const store = freshStore();
    await store.create({ ...configMap('c'), metadata: { name: 'c', finalizers: ['example.com/hold'] } });
    const held = await store.delete(CM, 'default', 'c');
    expect(held.metadata.deletionTimestamp).toBeDefined();
    const done = await store.patch(CM, 'default', 'c', (cur) => ({
      ...cur,
      metadata: { ...cur.metadata, finalizers: [] },
    }));
    expect(done?.metadata.name).toBe('c');
    expect(store.get(CM, 'default', 'c')).toBeUndefined();
    expect(journalLines(store.home).at(-1)?.type).toBe('DELETED');
  });
  it('runs the namespace lifecycle: Terminating, then gone when the controller clears the finalizer', async () => {
    const store = freshStore();
    await store.create(namespace('demo'));
    await store.create(configMap('c', {}, 'demo'));
    const ns = await store.delete(NAMESPACE, undefined, 'demo');
    expect(ns.status.phase).toBe('Terminating');
    expect((await apiError(store.create(configMap('d', {}, 'demo')))).reason).toBe('Forbidden');
    await store.delete(CM, 'demo', 'c');
    await store.patch(NAMESPACE, undefined, 'demo', (cur) => ({
      ...cur,
      spec: { ...cur.spec, finalizers: [] },
    }));
    expect(store.get(NAMESPACE, undefined, 'demo')).toBeUndefined();
  });
});

describe('files', () => {
  it('leaves no temporary files behind and every object file parses', async () => {
    const store = freshStore();
    await Promise.all(
      Array.from({ length: 30 }, (_, i) => store.create(configMap(`c${i}`, { i: String(i) }))),
    );
    const dir = join(store.home, 'objects/core/configmaps/default');
    const files = readdirSync(dir);
    expect(files.filter((f) => !f.endsWith('.json'))).toEqual([]);
    for (const f of files) expect(() => JSON.parse(readFileSync(join(dir, f), 'utf8'))).not.toThrow();
    expect(readdirSync(store.home).sort()).toEqual(['journal.jsonl', 'objects', 'rv']);
  });
});
