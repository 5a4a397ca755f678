// Watch over the REST handler: newline-delimited events on one chunked 200 response, from the
// current state (ADDED first) or from a resourceVersion, selector transitions as ADDED/DELETED,
// bookmarks, Table events, and the 410 Expired ERROR event once the journal is compacted past it.
import { afterEach, describe, expect, it } from 'vitest';
import { lookupKind } from '../../../src/api/kinds.js';
import type { KObject } from '../../../src/api/types.js';
import { watchTiming } from '../../../src/apiserver/rest/watch.js';
import { RestServer } from './rest-server.js';

const CM = lookupKind('configmaps')!;
const CMS = '/api/v1/namespaces/default/configmaps';

let srv: RestServer;
afterEach(() => srv.stop());

const configMap = (name: string, labels?: Record<string, string>): KObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: 'default', ...(labels ? { labels } : {}) },
  data: { a: '1' },
});

/** `TYPE name rv` of each event line, checking each line is exactly {type, object}. */
function summary(lines: string[]): string[] {
  return lines.map((l) => {
    const ev = JSON.parse(l);
    expect(Object.keys(ev)).toEqual(['type', 'object']);
    return `${ev.type} ${ev.object.metadata?.name ?? ev.object.message} ${ev.object.metadata?.resourceVersion ?? ev.object.code}`;
  });
}

describe('watch', () => {
  it('starts with the current objects as ADDED, then follows every change', async () => {
    srv = await new RestServer().start();
    const a = await srv.registry.create(configMap('a'));
    const got = await srv.watchLines(`${CMS}?watch=1`, 4, async () => {
      const b = await srv.registry.create(configMap('b'));
      await srv.registry.patch(CM, 'default', 'a', 'merge', '{"data":{"a":"2"}}');
      await srv.registry.delete(CM, 'default', b.metadata.name!);
    });
    expect([got.status, got.contentType]).toEqual([200, 'application/json']);
    const rv = Number(a.metadata.resourceVersion);
    expect(summary(got.lines)).toEqual([
      `ADDED a ${rv}`,
      `ADDED b ${rv + 1}`,
      `MODIFIED a ${rv + 2}`,
      `DELETED b ${rv + 3}`,
    ]);
    expect(JSON.parse(got.lines[0]!).object).toEqual(a);
  });

  it('resumes after a resourceVersion, on the legacy /watch/ path too', async () => {
    srv = await new RestServer().start();
    await srv.registry.create(configMap('a'));
    const from = srv.registry.resourceVersion();
    await srv.registry.create(configMap('b'));
    const got = await srv.watchLines(`${CMS}?watch=true&resourceVersion=${from}`, 1);
    expect(summary(got.lines)).toEqual([`ADDED b ${from + 1}`]);
    const legacy = await srv.watchLines(
      `/api/v1/watch/namespaces/default/configmaps/a?resourceVersion=${from - 1}`,
      1,
      async () => {
        await srv.registry.create(configMap('c'));
        await srv.registry.patch(CM, 'default', 'a', 'merge', '{"data":{"a":"3"}}');
      },
    );
    expect(summary(legacy.lines)).toEqual([`ADDED a ${from}`]);
  });

  it('reports objects entering and leaving a label selector as ADDED and DELETED', async () => {
    srv = await new RestServer().start();
    await srv.registry.create(configMap('a', { tier: 'web' }));
    const got = await srv.watchLines(`${CMS}?watch=1&labelSelector=tier%3Dweb`, 3, async () => {
      await srv.registry.create(configMap('b', { tier: 'db' }));
      await srv.registry.patch(CM, 'default', 'a', 'merge', '{"metadata":{"labels":{"tier":"db"}}}');
      await srv.registry.patch(CM, 'default', 'b', 'merge', '{"metadata":{"labels":{"tier":"web"}}}');
    });
    const rv = srv.registry.resourceVersion();
    expect(summary(got.lines)).toEqual([`ADDED a ${rv - 3}`, `DELETED a ${rv - 1}`, `ADDED b ${rv}`]);
  });

  it('sends bookmarks when allowed, and ends at timeoutSeconds', async () => {
    srv = await new RestServer().start();
    watchTiming.bookmarkMs = 30;
    try {
      await srv.registry.create(configMap('a'));
      const rv = srv.registry.resourceVersion();
      const got = await srv.watchLines(`${CMS}?watch=1&resourceVersion=${rv}&allowWatchBookmarks=true`, 1);
      expect(got.lines).toEqual([
        `{"type":"BOOKMARK","object":{"kind":"ConfigMap","apiVersion":"v1","metadata":{"resourceVersion":"${rv}"}}}`,
      ]);
    } finally {
      watchTiming.bookmarkMs = 60_000;
    }
    const rv = srv.registry.resourceVersion();
    const initial = await srv.watchLines(
      `${CMS}?watch=1&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true`,
      2,
    );
    expect(summary(initial.lines.slice(0, 1))).toEqual([`ADDED a ${rv}`]);
    expect(initial.lines[1]).toBe(
      `{"type":"BOOKMARK","object":{"kind":"ConfigMap","apiVersion":"v1","metadata":{"resourceVersion":"${rv}","annotations":{"k8s.io/initial-events-end":"true"}}}}`,
    );
    const timed = await srv.watchLines(`${CMS}?watch=1&timeoutSeconds=1`, 5);
    expect(summary(timed.lines)).toEqual([`ADDED a ${srv.registry.resourceVersion()}`]);
  });

  it('ends a watch from a compacted resourceVersion with an ERROR event holding 410 Expired', async () => {
    srv = await new RestServer({ journalMaxBytes: 4096 }).start();
    for (let i = 0; i < 40; i++) await srv.registry.create(configMap(`cm-${i}`));
    const got = await srv.watchLines(`${CMS}?watch=1&resourceVersion=2`, 2);
    expect(got.lines.length).toBe(1);
    const ev = JSON.parse(got.lines[0]!);
    expect(ev.type).toBe('ERROR');
    expect(ev.object).toMatchObject({ kind: 'Status', status: 'Failure', reason: 'Expired', code: 410 });
    expect(ev.object.message).toMatch(/^too old resource version: 2 \(\d+\)$/);
  });

  it('sends Table events with the column definitions in the first one only', async () => {
    srv = await new RestServer().start();
    await srv.registry.create(configMap('a'));
    const got = await srv.watchLines(
      `${CMS}?watch=1`,
      2,
      async () => {
        await srv.registry.create(configMap('b'));
      },
      { Accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json' },
    );
    const [first, second] = got.lines.map((l) => JSON.parse(l));
    expect(first.object.kind).toBe('Table');
    expect(first.object.columnDefinitions.map((c: { name: string }) => c.name)).toEqual([
      'Name',
      'Data',
      'Age',
    ]);
    expect(first.object.rows[0].cells.slice(0, 2)).toEqual(['a', 1]);
    expect(second.object.columnDefinitions).toBe(null);
    expect(second.object.rows[0].cells.slice(0, 2)).toEqual(['b', 1]);
    expect(second.object.rows[0].object).toEqual({
      kind: 'PartialObjectMetadata',
      apiVersion: 'meta.k8s.io/v1',
      metadata: srv.registry.get(CM, 'default', 'b')!.metadata,
    });
  });
});
