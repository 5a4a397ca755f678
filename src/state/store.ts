// The store: the API server + etcd of mkube, as JSON files under $MKUBE_HOME. Reads are plain
// file reads (no lock, no journal); every write goes through `write` -> commitSync.

import { readdirSync } from 'node:fs';
import { ApiError } from '../api/errors.js';
import { type KindInfo, kindFor, NAMESPACE, qualifiedResource } from '../api/kinds.js';
import type { KObject, WatchEvent } from '../api/types.js';
import { trace, tracing } from '../util/trace.js';
import { bootstrapSync, type HomeSeed, isBootstrapped } from './bootstrap.js';
import { commitSync } from './commit.js';
import { planCreate, requireName } from './create-plan.js';
import { planDelete } from './delete-plan.js';
import { isMissing, readJsonSync } from './fsio.js';
import { lastJournalRv } from './journal.js';
import { CLUSTER_DIR, isStorableName, kindDir, type Layout, layoutOf, objectPath } from './layout.js';
import { withFileLock } from './lock.js';
import { generatedName, rfc3339 } from './meta.js';
import type { Plan } from './plan.js';
import { randomUUID } from './random.js';
import type { DeleteOptions, ListOptions, Store, Watcher, WatchOptions, WriteOptions } from './types.js';
import { planUpdate, planUpdateStatus } from './update-plan.js';
import { JournalWatcher, WATCH_POLL_MS } from './watch.js';

export interface StoreOptions {
  /** Compact the journal past this size (default 8 MiB). */
  journalMaxBytes?: number;
  /** Watchers' fallback poll interval when fs.watch is silent (default 50 ms). */
  watchPollMs?: number;
  /** Objects and choices a new home starts with, beyond the namespaces. */
  seed?: HomeSeed;
}

export const JOURNAL_MAX_BYTES = 8 * 1024 * 1024;

/** Open (and on first use create) the state directory at `home`. */
export function openStore(home: string, options: StoreOptions = {}): Store {
  const layout = layoutOf(home);
  const journalMaxBytes = options.journalMaxBytes ?? JOURNAL_MAX_BYTES;
  if (!isBootstrapped(layout, options.seed)) bootstrapSync(layout, journalMaxBytes, options.seed);
  return new FileStore(layout, journalMaxBytes, options.watchPollMs ?? WATCH_POLL_MS);
}

function listDir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch (e) {
    if (isMissing(e)) return [];
    throw e;
  }
}

/** A dry-run create has no resourceVersion yet (commit assigns it). */
function withoutEmptyVersion(obj: KObject): KObject {
  if (obj.metadata.resourceVersion !== '') return obj;
  const { resourceVersion: _rv, ...metadata } = obj.metadata;
  return { ...obj, metadata };
}

const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

class FileStore implements Store {
  readonly home: string;
  private readonly dirs = new Set<string>();

  constructor(
    private readonly layout: Layout,
    private readonly journalMaxBytes: number,
    private readonly watchPollMs: number,
  ) {
    this.home = layout.home;
  }

  get(kind: KindInfo, namespace: string | undefined, name: string): KObject | undefined {
    if (!isStorableName(name)) return undefined;
    return readJsonSync<KObject>(objectPath(this.layout, kind, namespace, name));
  }

  list(kind: KindInfo, opts: ListOptions = {}): KObject[] {
    const dir = kindDir(this.layout, kind);
    let namespaces: string[];
    if (!kind.namespaced) namespaces = [CLUSTER_DIR];
    else if (opts.namespace) namespaces = [opts.namespace];
    else namespaces = listDir(dir).sort(byCodePoint);
    const out: KObject[] = [];
    for (const ns of namespaces) {
      const names = listDir(`${dir}/${ns}`)
        .filter((f) => f.endsWith('.json'))
        .map((f) => f.slice(0, -5))
        .sort(byCodePoint);
      for (const name of names) {
        // A file deleted since readdir is simply not listed.
        const obj = readJsonSync<KObject>(`${dir}/${ns}/${name}.json`);
        if (obj) out.push(obj);
      }
    }
    return out;
  }

  resourceVersion(): number {
    return lastJournalRv(this.layout.journal);
  }

  async create(input: KObject, opts: WriteOptions = {}): Promise<KObject> {
    const kind = this.kindOf(input);
    if (!input.metadata?.name && !input.metadata?.generateName) requireName(input);
    const namespace = kind.namespaced ? input.metadata.namespace || 'default' : undefined;
    return this.write(() => {
      const name = input.metadata.name || this.freeName(kind, namespace, input.metadata.generateName!);
      this.checkStorable(input, name);
      this.checkNamespaceOpen(kind, namespace, name);
      if (this.get(kind, namespace, name)) throw ApiError.alreadyExists(qualifiedResource(kind), name);
      const named = { ...input, metadata: { ...input.metadata, name } };
      const admitted = opts.admit ? opts.admit(named, this) : named;
      const obj = planCreate(admitted, kind, { name, uid: randomUUID(), now: rfc3339(new Date()) });
      return this.apply(kind, { op: 'put', type: 'ADDED', obj }, opts);
    });
  }

  async update(input: KObject): Promise<KObject> {
    const kind = this.kindOf(input);
    return this.write(() => this.apply(kind, planUpdate(this.mustGet(kind, input), input, kind)));
  }

  async updateStatus(input: KObject): Promise<KObject> {
    const kind = this.kindOf(input);
    return this.write(() => this.apply(kind, planUpdateStatus(this.mustGet(kind, input), input, kind)));
  }

  /** Read-modify-write inside the lock: nobody can write in between, so no Conflict to retry. */
  async patch(
    kind: KindInfo,
    namespace: string | undefined,
    name: string,
    mutate: (obj: KObject) => KObject | undefined,
    part: 'main' | 'status' = 'main',
    opts: WriteOptions = {},
  ): Promise<KObject | undefined> {
    return this.write(() => {
      const stored = this.mustGet(kind, { metadata: { name, namespace } } as KObject);
      const mutated = mutate(structuredClone(stored));
      if (mutated === undefined) return undefined;
      const next = opts.admit ? opts.admit(mutated, this) : mutated;
      const input = { ...next, metadata: { ...next.metadata, resourceVersion: undefined } };
      const plan =
        part === 'status' ? planUpdateStatus(stored, input, kind) : planUpdate(stored, input, kind);
      return this.apply(kind, plan, opts);
    });
  }

  async delete(
    kind: KindInfo,
    namespace: string | undefined,
    name: string,
    opts: DeleteOptions & WriteOptions = {},
  ): Promise<KObject> {
    return this.write(() => {
      const stored = this.mustGet(kind, { metadata: { name, namespace } } as KObject);
      return this.apply(kind, planDelete(stored, kind, opts, new Date()), opts);
    });
  }

  watch(fromResourceVersion: number, onEvent: (ev: WatchEvent) => void, opts: WatchOptions = {}): Watcher {
    return new JournalWatcher(this.layout, fromResourceVersion, onEvent, opts, this.watchPollMs);
  }

  private write<T>(fn: () => T): Promise<T> {
    if (!tracing()) return withFileLock(this.layout.lock, fn);
    return this.tracedWrite(fn);
  }

  /** What the last commit wrote and how long it took (MKUBE_TRACE only). */
  private lastCommit: string | undefined;

  /** MKUBE_TRACE: one event per write, from the call (lock wait included) to the commit's end. */
  private async tracedWrite<T>(fn: () => T): Promise<T> {
    const t0 = performance.now();
    let label: string | undefined;
    const out = await withFileLock(this.layout.lock, () => {
      this.lastCommit = undefined;
      const held = performance.now();
      try {
        return fn();
      } finally {
        label = `${this.lastCommit ?? 'no change'} (lock wait ${(held - t0).toFixed(1)} ms)`;
      }
    });
    trace('store', label ?? 'failed', performance.now() - t0);
    return out;
  }

  private apply(kind: KindInfo, plan: Plan, { dryRun }: WriteOptions = {}): KObject {
    if (plan.op === 'none') return plan.obj;
    // A dry run is this same path with the commit left out: every check above has run.
    if (dryRun) return withoutEmptyVersion(plan.obj);
    const opts = { journalMaxBytes: this.journalMaxBytes, dirs: this.dirs };
    const t0 = tracing() ? performance.now() : 0;
    const stored = commitSync(this.layout, [{ kind, plan }], opts)[0]!;
    if (tracing()) {
      const { namespace, name, resourceVersion } = stored.metadata;
      const what = plan.op === 'remove' ? 'DELETED' : plan.type;
      this.lastCommit = `${what} ${kind.kind} ${namespace ? `${namespace}/` : ''}${name} rv=${resourceVersion} commit ${(performance.now() - t0).toFixed(1)} ms`;
    }
    return stored;
  }

  private kindOf(obj: KObject): KindInfo {
    const kind = kindFor(obj?.apiVersion ?? '', obj?.kind ?? '');
    if (!kind) {
      throw new ApiError('BadRequest', `no matches for kind "${obj?.kind}" in version "${obj?.apiVersion}"`);
    }
    return kind;
  }

  private mustGet(kind: KindInfo, ref: KObject): KObject {
    const name = requireName(ref);
    const namespace = kind.namespaced ? ref.metadata.namespace || 'default' : undefined;
    const stored = this.get(kind, namespace, name);
    if (!stored) throw ApiError.notFound(qualifiedResource(kind), name);
    return stored;
  }

  private checkStorable(obj: KObject, name: string): void {
    if (isStorableName(name)) return;
    throw new ApiError(
      'Invalid',
      `${obj.kind} "${name}" is invalid: metadata.name: Invalid value: "${name}": may not contain '/'`,
    );
  }

  /** NamespaceLifecycle admission: the namespace must exist and not be terminating. */
  private checkNamespaceOpen(kind: KindInfo, namespace: string | undefined, name: string): void {
    if (!namespace) return;
    const ns = this.get(NAMESPACE, undefined, namespace);
    if (!ns) throw ApiError.notFound('namespaces', namespace);
    if (ns.metadata.deletionTimestamp || ns.status?.phase === 'Terminating') {
      throw new ApiError(
        'Forbidden',
        `${qualifiedResource(kind)} "${name}" is forbidden: unable to create new content in namespace ${namespace} because it is being terminated`,
      );
    }
  }

  /** generateName: retry on the (rare) collision, as the API server's callers do. */
  private freeName(kind: KindInfo, namespace: string | undefined, prefix: string): string {
    for (let i = 0; i < 8; i++) {
      const name = generatedName(prefix);
      if (!this.get(kind, namespace, name)) return name;
    }
    throw ApiError.alreadyExists(qualifiedResource(kind), `${prefix}*`);
  }
}
