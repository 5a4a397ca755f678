// The agent's informer cache against a real temp store: filled by one list, kept current by the
// journal, the same lists as the file store, relisted after a compaction, and read-your-writes
// for the registry's own writes.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { lookupKind, NAMESPACE, POD } from '../../../src/api/kinds.js';
import type { KObject, WatchEvent } from '../../../src/api/types.js';
import { InformerCache } from '../../../src/registry/informer-cache.js';
import { Registry } from '../../../src/registry/registry.js';
import type { Store, StoreReader } from '../../../src/state/types.js';
import { configMap, eventually, freshStore, namespace, pod } from '../state/helpers.js';

const CM = lookupKind('configmaps')!;
const caches: InformerCache[] = [];
afterEach(() => {
  for (const c of caches.splice(0)) c.stop();
});

function started(store: Store): InformerCache {
  const cache = new InformerCache(store);
  cache.start();
  caches.push(cache);
  return cache;
}

const ids = (objs: KObject[]) => objs.map((o) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`);
const fmt = (ev: WatchEvent) => `${ev.type} ${ev.object.metadata.name} ${ev.object.metadata.resourceVersion}`;

/** Namespaces and pods created out of order, with names whose code-point order is not the obvious one. */
async function scatter(store: Store): Promise<void> {
  for (const ns of ['ns-b', 'ns-a', 'Ns-c']) await store.create(namespace(ns));
  for (const [name, ns] of [
    ['z', 'ns-b'],
    ['a1', 'ns-a'],
    ['B', 'default'],
    ['a-1', 'ns-a'],
    ['a', 'ns-a'],
    ['a', 'Ns-c'],
    ['b', 'default'],
  ] as const) {
    await store.create(pod(name, { namespace: ns }));
  }
  await store.create(configMap('cm', { k: 'v' }, 'ns-a'));
}

describe('informer cache: filling and following', () => {
  it('starts with every object the store holds, listed and sorted as the store lists them', async () => {
    const store = freshStore();
    await scatter(store);
    const cache = started(store);
    expect(ids(cache.list(POD))).toEqual([
      'Ns-c/a',
      'default/B',
      'default/b',
      'ns-a/a',
      'ns-a/a-1',
      'ns-a/a1',
      'ns-b/z',
    ]);
    expect(cache.list(POD)).toEqual(store.list(POD));
    expect(cache.list(POD, { namespace: 'ns-a' })).toEqual(store.list(POD, { namespace: 'ns-a' }));
    expect(cache.list(POD, { namespace: 'nowhere' })).toEqual([]);
    expect(cache.list(NAMESPACE)).toEqual(store.list(NAMESPACE));
    expect(cache.list(CM)).toEqual(store.list(CM));
    expect(cache.get(POD, 'ns-a', 'a-1')).toEqual(store.get(POD, 'ns-a', 'a-1'));
    expect(cache.get(POD, undefined, 'b')).toEqual(store.get(POD, 'default', 'b'));
    expect(cache.get(NAMESPACE, 'ignored', 'ns-b')).toEqual(store.get(NAMESPACE, undefined, 'ns-b'));
    expect(cache.get(POD, 'ns-a', 'missing')).toBeUndefined();
    expect(cache.resourceVersion()).toBe(store.resourceVersion());
  });

  it('applies creates, updates and deletes in order and fans them out to its watchers', async () => {
    const store = freshStore();
    const cache = started(store);
    const events: string[] = [];
    const pods: string[] = [];
    cache.watch(cache.resourceVersion(), (ev) => events.push(fmt(ev)));
    cache.watch(cache.resourceVersion(), (ev) => pods.push(fmt(ev)), { kind: POD });
    const c = await store.create(configMap('c', { a: '1' }));
    await store.create(pod('p'));
    await store.update({ ...c, data: { a: '2' } });
    await store.delete(CM, 'default', 'c');
    await eventually(() => expect(events).toEqual(['ADDED c 5', 'ADDED p 6', 'MODIFIED c 7', 'DELETED c 8']));
    expect(pods).toEqual(['ADDED p 6']);
    // A watcher hears of an event after the cache applied it.
    expect(cache.list(CM)).toEqual([]);
    expect(cache.list(POD)).toEqual(store.list(POD));
    expect(cache.resourceVersion()).toBe(8);
  });

  it('keeps a Terminating pod until its removal, then drops it', async () => {
    const store = freshStore();
    const cache = started(store);
    // Bound: an unscheduled pod is removed at once, whatever the grace period.
    await store.create(
      pod('p', { spec: { nodeName: 'node-1', containers: [{ name: 'c', image: 'busybox:1.36' }] } }),
    );
    await store.delete(POD, 'default', 'p', { gracePeriodSeconds: 30 });
    await eventually(() => expect(cache.get(POD, 'default', 'p')).toEqual(store.get(POD, 'default', 'p')));
    expect(cache.get(POD, 'default', 'p')!.metadata.deletionTimestamp).toBeDefined();
    await store.delete(POD, 'default', 'p', { gracePeriodSeconds: 0 });
    await eventually(() => expect(cache.list(POD)).toEqual([]));
  });

  it('hands out frozen objects in arrays the caller owns', async () => {
    const store = freshStore();
    await scatter(store);
    const cache = started(store);
    const list = cache.list(POD, { namespace: 'ns-a' });
    expect(() => {
      list[0]!.metadata.labels = { x: 'y' };
    }).toThrow(TypeError);
    expect(() => {
      list[0]!.spec.containers[0].image = 'other';
    }).toThrow(TypeError);
    list.reverse();
    expect(ids(cache.list(POD, { namespace: 'ns-a' }))).toEqual(['ns-a/a', 'ns-a/a-1', 'ns-a/a1']);
  });

  it('serves a watch from before the cache from the journal itself', async () => {
    const store = freshStore();
    await store.create(configMap('a'));
    await store.create(configMap('b'));
    const cache = started(store);
    const events: string[] = [];
    const watcher = cache.watch(5, (ev) => events.push(fmt(ev)));
    await store.create(configMap('c'));
    await eventually(() => expect(events).toEqual(['ADDED b 6', 'ADDED c 7']));
    watcher.stop();
  });
});

describe('informer cache: journal compacted past it', () => {
  let writer = '';
  let writerDir = '';
  beforeAll(async () => {
    writerDir = mkdtempSync(join(tmpdir(), 'mkube-writer-'));
    writer = join(writerDir, 'writer.mjs');
    await build({
      entryPoints: [join(import.meta.dirname, '../state/writer-process.ts')],
      outfile: writer,
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      banner: {
        js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
      },
      logLevel: 'warning',
    });
  });
  afterAll(() => rmSync(writerDir, { recursive: true, force: true }));

  it('lists again, then follows the new journal, and tells its watchers to relist', async () => {
    const store = freshStore({ journalMaxBytes: 4_000 });
    await store.create(configMap('before'));
    const cache = started(store);
    let expired = 0;
    const events: string[] = [];
    cache.watch(cache.resourceVersion(), (ev) => events.push(fmt(ev)), { onExpired: () => expired++ });
    // Another process writes while this one is blocked: the journal is compacted before the
    // cache reads a line of it.
    const wrote = spawnSync(process.execPath, [writer, store.home, 'create', '60', 'w', '4000'], {
      encoding: 'utf8',
    });
    expect(wrote.stderr).toBe('');
    await eventually(() => expect(expired).toBe(1));
    expect(events).toEqual([]);
    expect(cache.list(CM)).toEqual(store.list(CM));
    expect(cache.list(CM)).toHaveLength(61);
    expect(cache.resourceVersion()).toBe(65);
    // Still following the journal after the relist.
    cache.watch(cache.resourceVersion(), (ev) => events.push(fmt(ev)));
    await store.delete(CM, 'default', 'before');
    await eventually(() => expect(events).toEqual(['DELETED before 66']));
    expect(cache.list(CM)).toEqual(store.list(CM));
  });
});

/**
 * The store as the cache's reader, with its journal held back until the test lets events through
 * one by one: the registry's own writes then reach the cache long before their events do.
 */
function heldJournal(store: Store) {
  const held: { deliver: () => void }[] = [];
  const reader: StoreReader = {
    home: store.home,
    get: (kind, namespace, name) => store.get(kind, namespace, name),
    list: (kind, opts) => store.list(kind, opts),
    resourceVersion: () => store.resourceVersion(),
    watch: (from, onEvent, opts) =>
      store.watch(from, (ev) => held.push({ deliver: () => onEvent(ev) }), opts),
  };
  /** Let every held event through, one at a time, calling `after` after each. */
  const release = async (count: number, after: () => void) => {
    await eventually(() => expect(held).toHaveLength(count));
    for (const { deliver } of held.splice(0)) {
      deliver();
      after();
    }
  };
  return { reader, release };
}

describe('informer cache: read-your-writes through the registry', () => {
  it('shows each write of the registry at once, and never an older state when the journal catches up', async () => {
    const store = freshStore();
    const { reader, release } = heldJournal(store);
    const cache = started(reader);
    const registry = new Registry(store, cache);
    const seen: string[] = [];
    const look = () => seen.push(`${cache.get(CM, 'default', 'c')?.data.v}`);
    const created = await registry.create(configMap('c', { v: '1' }));
    look();
    // The registry's result is the caller's own: changing it does not reach the cache.
    created.data.v = 'mine';
    await registry.mutate(CM, 'default', 'c', (cur) => ({ ...cur, data: { v: '2' } }));
    look();
    await registry.update({ ...store.get(CM, 'default', 'c')!, data: { v: '3' } });
    look();
    await release(3, look);
    expect(seen).toEqual(['1', '2', '3', '3', '3', '3']);
    expect(cache.list(CM)).toEqual(store.list(CM));
    expect(cache.resourceVersion()).toBe(store.resourceVersion());
  });

  it('drops what the registry removed at once, and the journal does not bring it back', async () => {
    const store = freshStore();
    const { reader, release } = heldJournal(store);
    const cache = started(reader);
    const registry = new Registry(store, cache);
    const states: string[] = [];
    const look = () =>
      states.push(
        `${ids(cache.list(CM))} ${cache.list(POD).map((p) => `${p.metadata.name}:${p.spec.nodeName ?? ''}:${p.metadata.deletionGracePeriodSeconds ?? ''}`)}`,
      );
    await registry.create(configMap('c'));
    look();
    await registry.create(pod('p'));
    look();
    await registry.bind('default', 'p', undefined, 'node-1');
    look();
    await registry.delete(CM, 'default', 'c');
    look();
    await registry.delete(POD, 'default', 'p', { gracePeriodSeconds: 30 });
    look();
    await registry.delete(POD, 'default', 'p', { gracePeriodSeconds: 0 });
    look();
    await release(6, look);
    expect(states).toEqual([
      'default/c ',
      'default/c p::',
      'default/c p:node-1:',
      ' p:node-1:',
      ' p:node-1:30',
      ' ',
      ...Array(6).fill(' '),
    ]);
    expect(cache.resourceVersion()).toBe(store.resourceVersion());
  });

  it('caches nothing for a dry run', async () => {
    const store = freshStore();
    const cache = started(store);
    const registry = new Registry(store, cache);
    await registry.create(configMap('c'), { dryRun: true });
    await registry.create(configMap('d'));
    await eventually(() => expect(cache.resourceVersion()).toBe(store.resourceVersion()));
    expect(ids(cache.list(CM))).toEqual(['default/d']);
  });
});
