// Watch (`?watch=1` or the /watch/ paths): newline-delimited JSON events
// {"type":"ADDED|MODIFIED|DELETED|BOOKMARK|ERROR","object":...} on a chunked 200 response.
// Without a resourceVersion (or "0") the current objects come first as ADDED; from a
// resourceVersion the journal is followed from there, and one compacted away ends the watch
// with an ERROR event holding the 410 Expired Status, as the watch cache answers.
import { apiVersionOf } from '../../api/kinds.js';
import type { KObject, WatchEvent } from '../../api/types.js';
import { oldestJournalRv } from '../../state/journal-oldest.js';
import { encodeOrdered, RawJson, typed } from './json.js';
import { keyOf, type Selectors, selectorsOf, selects } from './list.js';
import type { Rendering } from './negotiate.js';
import { intParam, type RestRequest } from './request.js';
import { badRequest, encodeStatus, expired, statusOf } from './status.js';
import { includeObjectOf, tableOf } from './table.js';

/** How often a watch that allows bookmarks gets one (the API server: about once a minute). */
export const watchTiming = { bookmarkMs: 60_000 };

const isTrue = (v: string | null) => v === 'true' || v === '1';

type EventType = WatchEvent['type'] | 'BOOKMARK' | 'ERROR';

/**
 * What a watch with selectors reports for an event (the cacher's filtering): an object that
 * starts matching is ADDED, one that stops matching is DELETED, others pass when they match.
 */
export function filterEvent(
  ev: WatchEvent,
  matches: boolean,
  wasMatching: boolean,
): WatchEvent['type'] | undefined {
  if (ev.type === 'DELETED') return matches || wasMatching ? 'DELETED' : undefined;
  if (matches) return ev.type === 'MODIFIED' && !wasMatching ? 'ADDED' : ev.type;
  return ev.type === 'MODIFIED' && wasMatching ? 'DELETED' : undefined;
}

export async function serveWatch(r: RestRequest, rendering: Rendering, name?: string): Promise<void> {
  const { route, query, ctx, res, req } = r;
  const kind = route.kind;
  const sel: Selectors = selectorsOf(query, kind);
  const rvParam = query.get('resourceVersion') ?? '';
  if (rvParam && !/^\d+$/.test(rvParam))
    throw badRequest(`Invalid value: "${rvParam}": invalid resource version`);
  const timeout = intParam(query, 'timeoutSeconds');
  const bookmarks = isTrue(query.get('allowWatchBookmarks'));
  if (rendering.as !== 'json' && rendering.as !== 'Table')
    throw badRequest('watch is served as JSON or Table only');

  const wanted = (obj: KObject) => (name === undefined || obj.metadata.name === name) && selects(sel, obj);
  const namespace = route.namespace;
  const include = includeObjectOf(query);
  let first = true;
  const encodeObject = (obj: KObject, type: EventType): RawJson => {
    if (rendering.as !== 'Table' || type === 'BOOKMARK') return typed(obj);
    const table = tableOf({
      kind,
      objects: [obj],
      resourceVersion: obj.metadata.resourceVersion,
      include,
      version: rendering.version,
      noHeaders: !first,
      now: Date.now(),
    });
    first = false;
    return new RawJson(encodeOrdered(table));
  };

  res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private' });
  res.flushHeaders();
  let lastRv = 0;
  let done = false;
  const send = (type: EventType, object: RawJson) => {
    if (!done) res.write(`${encodeOrdered({ type, object })}\n`);
  };

  // The matching objects by key, with the rv the initial list showed (older events are skipped).
  const matching = new Map<string, number>();
  let start: number;
  const registry = ctx.registry;
  // sendInitialEvents (the watch-list of newer clients): the current state, whatever the rv,
  // closed by a bookmark marked as the end of the initial events.
  const initialEvents = isTrue(query.get('sendInitialEvents'));
  if (!rvParam || rvParam === '0' || initialEvents) {
    start = registry.resourceVersion();
    for (const obj of registry.list(kind, { namespace })) {
      if (!wanted(obj)) continue;
      matching.set(keyOf(obj), Number(obj.metadata.resourceVersion));
      send('ADDED', encodeObject(obj, 'ADDED'));
    }
    if (initialEvents) {
      const metadata = {
        resourceVersion: String(start),
        annotations: { 'k8s.io/initial-events-end': 'true' },
      };
      send('BOOKMARK', typed({ kind: kind.kind, apiVersion: apiVersionOf(kind), metadata }));
    }
  } else {
    start = Number(rvParam);
    // Which objects match now: the best guess of what the client's list showed at `start`.
    for (const obj of registry.list(kind, { namespace })) if (wanted(obj)) matching.set(keyOf(obj), 0);
  }
  lastRv = start;

  const timers: NodeJS.Timeout[] = [];
  let watcher: { stop(): void } | undefined;
  let resolveDone: () => void = () => {};
  const finished = new Promise<void>((resolve) => {
    resolveDone = resolve;
  });
  const finish = () => {
    if (done) return;
    done = true;
    watcher?.stop();
    for (const t of timers) clearTimeout(t);
    res.end();
    resolveDone();
  };
  req.on('close', finish);
  res.on('close', finish);

  watcher = registry.watch(
    start,
    (ev) => {
      if (done) return;
      const obj = ev.object;
      const rv = Number(obj.metadata.resourceVersion);
      if (rv > lastRv) lastRv = rv;
      const key = keyOf(obj);
      const listedAt = matching.get(key);
      if (listedAt !== undefined && rv <= listedAt) return;
      const type = filterEvent(ev, wanted(obj), listedAt !== undefined);
      if (type === 'DELETED') matching.delete(key);
      else if (type) matching.set(key, 0);
      if (type) send(type, encodeObject(obj, type));
    },
    {
      kind,
      namespace,
      onExpired: () => {
        const status = statusOf(
          expired(`too old resource version: ${start} (${Math.max(oldestJournalRv(ctx.home) - 1, 0)})`),
        );
        send('ERROR', new RawJson(encodeStatus(status)));
        finish();
      },
    },
  );
  if (timeout !== undefined && timeout > 0) timers.push(setTimeout(finish, timeout * 1000));
  if (bookmarks) {
    const bookmark = () => {
      send(
        'BOOKMARK',
        typed({
          kind: kind.kind,
          apiVersion: apiVersionOf(kind),
          metadata: { resourceVersion: String(lastRv) },
        }),
      );
      timers.push(setTimeout(bookmark, watchTiming.bookmarkMs));
    };
    timers.push(setTimeout(bookmark, watchTiming.bookmarkMs));
  }
  await finished;
}
