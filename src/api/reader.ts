// What a reader of objects needs, wherever they come from (the state directory, the agent's cache):
// get, list and watch. Printers and controllers depend on this, not on the store.
import type { KindInfo } from './kinds.js';
import type { KObject, WatchEvent } from './types.js';

export interface ListOptions {
  /** undefined = every namespace (or a cluster-scoped kind). */
  namespace?: string;
}

export interface Watcher {
  stop(): void;
}

export interface WatchOptions {
  /** Only events for this kind (by plural+group); all kinds when absent. */
  kind?: KindInfo;
  namespace?: string;
  /** Called when the journal was compacted past fromResourceVersion: the watcher must relist. */
  onExpired?: () => void;
}

export interface ObjectReader {
  get(kind: KindInfo, namespace: string | undefined, name: string): KObject | undefined;
  /** Sorted by namespace, then name, as etcd returns a range. */
  list(kind: KindInfo, opts?: ListOptions): KObject[];
}

export interface ObjectWatcher {
  /** The newest resourceVersion written, as a number. */
  resourceVersion(): number;
  /** Follow changes after `fromResourceVersion` in order. Events arrive asynchronously. */
  watch(fromResourceVersion: number, onEvent: (ev: WatchEvent) => void, opts?: WatchOptions): Watcher;
}

/** Both: what `get -w` and the describers read through. */
export type ObjectSource = ObjectReader & ObjectWatcher;
