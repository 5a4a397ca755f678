// client-go's watchtools.UntilWithSync for one object: the current state first (as ADDED),
// then every change from the store's journal, until the handler says done, throws, or the
// timeout passes. Events are handled one at a time, in order.
import type { KindInfo } from '../../api/kinds.js';
import type { KObject, WatchEventType } from '../../api/types.js';
import type { StoreReader } from '../../state/types.js';

/** Return true when done; throw to stop with an error. */
export type ObjectHandler = (type: WatchEventType, obj: KObject) => boolean | Promise<boolean>;

export interface WatchObjectOptions {
  kind: KindInfo;
  namespace: string | undefined;
  name: string;
  /** undefined or 0: no limit. */
  timeoutMs?: number;
  /** Called with the initial state (undefined when absent) before any event; return true to stop. */
  precondition?: (current: KObject | undefined) => boolean;
  onEvent: ObjectHandler;
}

/** Resolves 'done' when the handler finished, 'timeout' when time ran out. */
export function watchObject(store: StoreReader, opts: WatchObjectOptions): Promise<'done' | 'timeout'> {
  const { kind, namespace, name } = opts;
  return new Promise((resolve, reject) => {
    let finished = false;
    let chain: Promise<void> = Promise.resolve();
    let last: KObject | undefined;
    let timer: NodeJS.Timeout | undefined;
    let watcher: { stop(): void } | undefined;

    const finish = (err: unknown, result?: 'done' | 'timeout') => {
      if (finished) return;
      finished = true;
      if (timer) clearTimeout(timer);
      watcher?.stop();
      if (err) reject(err);
      else resolve(result!);
    };
    const deliver = (type: WatchEventType, obj: KObject) => {
      chain = chain.then(async () => {
        if (finished) return;
        try {
          if (await opts.onEvent(type, obj)) finish(undefined, 'done');
        } catch (e) {
          finish(e);
        }
      });
    };

    const rv = store.resourceVersion();
    const initial = store.get(kind, namespace, name);
    if (opts.precondition?.(initial)) {
      finish(undefined, 'done');
      return;
    }
    if (opts.timeoutMs && opts.timeoutMs > 0) {
      timer = setTimeout(() => finish(undefined, 'timeout'), opts.timeoutMs);
    }
    last = initial;
    if (initial) deliver('ADDED', initial);
    const start = (fromRv: number) =>
      store.watch(
        fromRv,
        (ev) => {
          const m = ev.object.metadata;
          if (m.name !== name || (kind.namespaced && m.namespace !== namespace)) return;
          const type: WatchEventType = ev.type === 'ADDED' && last ? 'MODIFIED' : ev.type;
          last = ev.type === 'DELETED' ? undefined : ev.object;
          deliver(type, ev.object);
        },
        {
          kind,
          namespace: kind.namespaced ? namespace : undefined,
          onExpired: () => {
            // Fell behind a compacted journal: relist this one object and watch on from now.
            watcher?.stop();
            const now = store.resourceVersion();
            const current = store.get(kind, namespace, name);
            if (current) deliver(last ? 'MODIFIED' : 'ADDED', current);
            else if (last) deliver('DELETED', last);
            last = current;
            if (!finished) watcher = start(now);
          },
        },
      );
    watcher = start(rv);
    if (finished) watcher.stop();
  });
}
