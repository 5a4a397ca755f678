// The store as clients see it: every Node read (get, list, watch) goes through the node
// lifecycle controller's rule, so a node whose agent died reads NotReady in `get`, `describe`,
// `-o yaml` and `wait` alike, whether or not an agent runs. Nothing is written: when the agent
// comes back, its next heartbeat makes the node Ready again.
import { type KindInfo, NODE } from '../api/kinds.js';
import { nodeStaleAt, withNodeLifecycle } from '../api/node-health.js';
import type { KObject, WatchEvent } from '../api/types.js';
import type { StoreReader, WatchOptions } from './types.js';

const isNodeKind = (kind: KindInfo | undefined) => kind?.kind === 'Node' && kind.group === '';
const isNode = (obj: KObject) => obj.kind === 'Node' && obj.apiVersion === 'v1';

export function withNodeLifecycleView(store: StoreReader, now: () => number = Date.now): StoreReader {
  const view = (obj: KObject) => (isNode(obj) ? withNodeLifecycle(obj, now()) : obj);
  return {
    get home() {
      return store.home;
    },
    get(kind, namespace, name) {
      const obj = store.get(kind, namespace, name);
      return obj && isNodeKind(kind) ? view(obj) : obj;
    },
    list(kind, opts) {
      const objs = store.list(kind, opts);
      return isNodeKind(kind) ? objs.map(view) : objs;
    },
    resourceVersion: () => store.resourceVersion(),
    watch(fromRv, onEvent, opts: WatchOptions = {}) {
      const seesNodes = opts.kind ? isNodeKind(opts.kind) : !opts.namespace;
      if (!seesNodes) return store.watch(fromRv, onEvent, opts);
      const expiry = new NodeExpiry(store, now, (node) => onEvent({ type: 'MODIFIED', object: view(node) }));
      for (const node of store.list(NODE)) expiry.track(node);
      const inner = store.watch(
        fromRv,
        (ev: WatchEvent) => {
          if (!isNode(ev.object)) return onEvent(ev);
          if (ev.type === 'DELETED') expiry.forget(ev.object);
          else expiry.track(ev.object);
          onEvent({ ...ev, object: view(ev.object) });
        },
        opts,
      );
      return {
        stop() {
          inner.stop();
          expiry.stop();
        },
      };
    },
  };
}

/**
 * A node going stale is a change nobody writes: a timer per node at the end of its grace
 * period delivers it as a MODIFIED event, unless a newer version of the node came first.
 */
class NodeExpiry {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly store: StoreReader,
    private readonly now: () => number,
    private readonly deliver: (node: KObject) => void,
  ) {}

  track(node: KObject): void {
    const name = node.metadata.name!;
    this.forget(node);
    const staleAt = nodeStaleAt(node);
    if (staleAt === undefined || staleAt < this.now()) return;
    const timer = setTimeout(
      () => {
        this.timers.delete(name);
        const current = this.store.get(NODE, undefined, name);
        if (current && current.metadata.resourceVersion === node.metadata.resourceVersion)
          this.deliver(current);
      },
      staleAt - this.now() + 1,
    );
    // The watch keeps the process alive; a pending expiry alone must not.
    timer.unref();
    this.timers.set(name, timer);
  }

  forget(node: KObject): void {
    const name = node.metadata.name!;
    clearTimeout(this.timers.get(name));
    this.timers.delete(name);
  }

  stop(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
