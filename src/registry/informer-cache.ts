// The agent's informer cache (client-go's shared informer): every kind listed once at start,
// then kept current by ONE reader of the store's journal, whose events it fans out to every
// watcher in the process after applying them. Reads are served from memory — no file is read
// again on a resync. Objects handed out are frozen and shared: callers must copy to change.
// The registry tells the cache about its own writes, so a controller reads what it just wrote
// without waiting for the journal (and never a state older than one it has already seen).
import { KINDS, type KindInfo } from '../api/kinds.js';
import type { KObject, WatchEvent } from '../api/types.js';
import type { ListOptions, StoreReader, Watcher, WatchOptions } from '../state/types.js';
import { deepFreeze } from './deep-freeze.js';
import { KindIndex } from './kind-index.js';

/** What the registry calls after each committed write (not for dry runs). */
export interface WriteObserver {
  /** `obj` is the object as stored; `gone` when the write removed it. */
  observeWrite(kind: KindInfo, obj: KObject, gone: boolean): void;
}

export function isWriteObserver(reader: object): reader is WriteObserver {
  return typeof (reader as Partial<WriteObserver>).observeWrite === 'function';
}

interface Listener {
  from: number;
  onEvent: (ev: WatchEvent) => void;
  opts: WatchOptions;
}

const groupOf = (apiVersion: string) =>
  apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
const kindKey = (group: string, kind: string) => `${group}/${kind}`;
const rvOf = (obj: KObject | undefined) => Number(obj?.metadata.resourceVersion ?? 0);

export class InformerCache implements StoreReader, WriteObserver {
  readonly home: string;
  private indexes = new Map<string, KindIndex>();
  /** The newest resourceVersion taken from the store (by the list, then by the journal). */
  private rv = 0;
  private watcher: Watcher | undefined;
  private readonly listeners = new Set<Listener>();
  /**
   * Objects this process removed ahead of the journal, by `kind|namespace|name`: the removal's
   * resourceVersion, so an older event of theirs still in the journal cannot bring them back.
   */
  private readonly tombstones = new Map<string, number>();

  constructor(private readonly store: StoreReader) {
    this.home = store.home;
  }

  /** List every kind, then follow the journal from the resourceVersion the list started at. */
  start(): void {
    this.relist();
  }

  stop(): void {
    this.watcher?.stop();
    this.watcher = undefined;
    this.listeners.clear();
  }

  get(kind: KindInfo, namespace: string | undefined, name: string): KObject | undefined {
    return this.indexOf(kind)?.get(this.namespaceOf(kind, namespace), name);
  }

  list(kind: KindInfo, opts: ListOptions = {}): KObject[] {
    const namespace = kind.namespaced ? opts.namespace || undefined : '';
    // A copy of the array: callers may sort or filter it in place; the objects stay shared.
    return [...(this.indexOf(kind)?.list(namespace) ?? [])];
  }

  resourceVersion(): number {
    return this.rv;
  }

  /**
   * Events after `fromResourceVersion`, from the cache's own stream, delivered after the cache
   * applied them. A start point older than the cache is served by the store's journal itself.
   */
  watch(fromResourceVersion: number, onEvent: (ev: WatchEvent) => void, opts: WatchOptions = {}): Watcher {
    if (fromResourceVersion < this.rv) return this.store.watch(fromResourceVersion, onEvent, opts);
    const listener: Listener = { from: fromResourceVersion, onEvent, opts };
    this.listeners.add(listener);
    return { stop: () => this.listeners.delete(listener) };
  }

  observeWrite(kind: KindInfo, obj: KObject, gone: boolean): void {
    const rv = rvOf(obj);
    // The journal has passed this write already: what the cache holds is as new or newer.
    if (!rv || rv <= this.rv) return;
    const index = this.indexOf(kind);
    if (!index) return;
    const namespace = this.namespaceOf(kind, obj.metadata.namespace);
    const name = obj.metadata.name!;
    const key = `${kindKey(kind.group, kind.kind)}|${namespace}|${name}`;
    if (rvOf(index.get(namespace, name)) >= rv || (this.tombstones.get(key) ?? 0) >= rv) return;
    if (gone) {
      index.delete(namespace, name);
      this.tombstones.set(key, rv);
    } else {
      // A copy: the caller keeps the object the registry returned, and may change it.
      index.set(namespace, name, deepFreeze(structuredClone(obj)));
    }
  }

  private indexOf(kind: KindInfo): KindIndex | undefined {
    return this.indexes.get(kindKey(kind.group, kind.kind));
  }

  private namespaceOf(kind: KindInfo, namespace: string | undefined): string {
    return kind.namespaced ? namespace || 'default' : '';
  }

  private relist(): void {
    this.watcher?.stop();
    // The resourceVersion first: whatever the list then sees is at least that new, and older
    // journal events for it are skipped object by object (see apply).
    const rv = this.store.resourceVersion();
    const indexes = new Map<string, KindIndex>();
    for (const kind of KINDS) {
      const index = new KindIndex();
      for (const obj of this.store.list(kind)) {
        index.set(this.namespaceOf(kind, obj.metadata.namespace), obj.metadata.name!, deepFreeze(obj));
      }
      indexes.set(kindKey(kind.group, kind.kind), index);
    }
    this.indexes = indexes;
    this.rv = rv;
    this.tombstones.clear();
    this.watcher = this.store.watch(rv, (ev) => this.apply(ev), { onExpired: () => this.expired() });
  }

  /** The journal was compacted past the cache: list again, and tell every watcher to relist too. */
  private expired(): void {
    this.relist();
    const listeners = [...this.listeners];
    this.listeners.clear();
    for (const l of listeners) l.opts.onExpired?.();
  }

  private apply(ev: WatchEvent): void {
    const obj = deepFreeze(ev.object);
    const rv = rvOf(obj);
    if (rv > this.rv) this.rv = rv;
    const index = this.indexes.get(kindKey(groupOf(obj.apiVersion), obj.kind));
    if (index) {
      const namespace = obj.metadata.namespace ?? '';
      const name = obj.metadata.name!;
      const key = `${kindKey(groupOf(obj.apiVersion), obj.kind)}|${namespace}|${name}`;
      // Only newer than what the cache holds: the initial list or our own writes may be ahead.
      const floor = Math.max(rvOf(index.get(namespace, name)), this.tombstones.get(key) ?? 0);
      if (rv > floor) {
        if (ev.type === 'DELETED') index.delete(namespace, name);
        else index.set(namespace, name, obj);
      }
    }
    for (const [key, removedAt] of this.tombstones) if (removedAt <= this.rv) this.tombstones.delete(key);
    for (const l of this.listeners) if (rv > l.from && matches(obj, l.opts)) l.onEvent(ev);
  }
}

function matches(obj: KObject, opts: WatchOptions): boolean {
  if (opts.kind && (obj.kind !== opts.kind.kind || groupOf(obj.apiVersion) !== opts.kind.group)) return false;
  return opts.namespace === undefined || obj.metadata.namespace === opts.namespace;
}
