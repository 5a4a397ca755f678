// Watching the journal: order, starting points, filters, latency, compaction.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lookupKind, POD } from '../../../src/api/kinds.js';
import type { WatchEvent } from '../../../src/api/types.js';
import type { Store, Watcher } from '../../../src/state/types.js';
import { configMap, eventually, freshStore, pod } from './helpers.js';

const CM = lookupKind('configmaps')!;

/** Collect `type name rv` lines from a watch; the watcher is stopped after the test body. */
async function withWatch(
  store: Store,
  from: number,
  body: (events: string[], watcher: Watcher) => Promise<void>,
  opts: Parameters<Store['watch']>[2] = {},
): Promise<void> {
  const events: string[] = [];
  const fmt = (ev: WatchEvent) =>
    `${ev.type} ${ev.object.kind} ${ev.object.metadata.name} ${ev.object.metadata.resourceVersion}`;
  const watcher = store.watch(from, (ev) => events.push(fmt(ev)), opts);
  try {
    await body(events, watcher);
  } finally {
    watcher.stop();
  }
}

describe('watch', () => {
  it('delivers ADDED, MODIFIED and DELETED in order as they happen', async () => {
    const store = freshStore();
    await withWatch(store, store.resourceVersion(), async (events) => {
      const c = await store.create(configMap('c', { a: '1' }));
      await store.update({ ...c, data: { a: '2' } });
      await store.delete(CM, 'default', 'c');
      await eventually(() =>
        expect(events).toEqual(['ADDED ConfigMap c 5', 'MODIFIED ConfigMap c 6', 'DELETED ConfigMap c 7']),
      );
    });
  });
  it('replays everything after a past resourceVersion, then follows', async () => {
    const store = freshStore();
    await store.create(configMap('a'));
    await store.create(configMap('b'));
    await withWatch(store, 5, async (events) => {
      await eventually(() => expect(events).toEqual(['ADDED ConfigMap b 6']));
      await store.create(configMap('c'));
      await eventually(() => expect(events).toEqual(['ADDED ConfigMap b 6', 'ADDED ConfigMap c 7']));
    });
  });
  it('replays the whole journal from 0, bootstrap namespaces first', async () => {
    const store = freshStore();
    await withWatch(store, 0, async (events) => {
      await eventually(() => expect(events).toHaveLength(4));
      expect(events[0]).toBe('ADDED Namespace default 1');
    });
  });
  it('filters by kind and namespace', async () => {
    const store = freshStore();
    await withWatch(
      store,
      0,
      async (events) => {
        await store.create(configMap('c'));
        await store.create(pod('p1'));
        await store.create(pod('p2', { namespace: 'kube-system' }));
        await store.create(configMap('d'));
        await eventually(() => expect(events).toEqual(['ADDED Pod p1 6']));
      },
      { kind: POD, namespace: 'default' },
    );
  });
  it('sees another store instance write (as another process would) within ~100 ms', async () => {
    const store = freshStore();
    const { openStore } = await import('../../../src/state/store.js');
    const other = openStore(store.home);
    await withWatch(store, store.resourceVersion(), async (events) => {
      await new Promise((r) => setTimeout(r, 20));
      const start = Date.now();
      await other.create(configMap('x'));
      await eventually(() => expect(events).toHaveLength(1), 1_000);
      expect(Date.now() - start).toBeLessThan(150);
    });
  });
  it('stops delivering after stop()', async () => {
    const store = freshStore();
    await withWatch(store, store.resourceVersion(), async (events, watcher) => {
      watcher.stop();
      await store.create(configMap('c'));
      await new Promise((r) => setTimeout(r, 120));
      expect(events).toEqual([]);
    });
  });
});

describe('journal compaction', () => {
  const big = (i: number) => configMap(`c${i}`, { blob: 'x'.repeat(1_000) });

  it('keeps the journal under its limit and the newest events in order', async () => {
    const store = freshStore({ journalMaxBytes: 20_000 });
    for (let i = 0; i < 60; i++) await store.create(big(i));
    const journal = join(store.home, 'journal.jsonl');
    expect(statSync(journal).size).toBeLessThanOrEqual(20_000);
    const rvs = readFileSync(journal, 'utf8')
      .trim()
      .split('\n')
      .map((l) => Number(JSON.parse(l).object.metadata.resourceVersion));
    expect(rvs.at(-1)).toBe(64);
    expect(rvs).toEqual(rvs.map((_, i) => rvs[0]! + i));
    expect(store.resourceVersion()).toBe(64);
  });
  it('tells a watcher whose start point was compacted away to relist', async () => {
    const store = freshStore({ journalMaxBytes: 20_000 });
    for (let i = 0; i < 60; i++) await store.create(big(i));
    let expired = 0;
    await withWatch(
      store,
      3,
      async (events) => {
        await eventually(() => expect(expired).toBe(1));
        await store.create(big(100));
        await new Promise((r) => setTimeout(r, 80));
        expect(events).toEqual([]);
      },
      { onExpired: () => expired++ },
    );
  });
  it('carries a live watcher across a compaction without loss or duplicates', async () => {
    const store = freshStore({ journalMaxBytes: 20_000 });
    await withWatch(store, store.resourceVersion(), async (events) => {
      for (let i = 0; i < 60; i++) {
        await store.create(big(i));
        if (i % 7 === 0) await new Promise((r) => setTimeout(r, 2));
      }
      await eventually(() => expect(events).toHaveLength(60));
      expect(events).toEqual(Array.from({ length: 60 }, (_, i) => `ADDED ConfigMap c${i} ${i + 5}`));
    });
  });
});
