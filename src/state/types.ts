// The contract of the state store: the API server + etcd of mkube.
import type { KindInfo } from '../api/kinds.js';
import type { ObjectReader, ObjectWatcher } from '../api/reader.js';
import type { KObject } from '../api/types.js';

export type { ListOptions, Watcher, WatchOptions } from '../api/reader.js';

export interface DeleteOptions {
  /** Seconds the object may take to terminate; for pods defaults to spec.terminationGracePeriodSeconds (30). 0 = now. */
  gracePeriodSeconds?: number;
  propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
  /** Only delete when the stored uid matches (like DeleteOptions.preconditions). */
  uid?: string;
}

export interface WriteOptions {
  /** Run every check of the write and return its result, but commit nothing. */
  dryRun?: boolean;
  /**
   * Admission that needs the current state (allocators): runs inside the write lock, after the
   * name is settled, with a reader of the state as it is at that instant; returns the object to
   * store or throws. Nothing it decides outlives a dry run: the commit is what persists it.
   */
  admit?: (obj: KObject, current: StoreReader) => KObject;
}

/** What anyone may do with the state: read, list and watch. Writes go through the registry. */
export interface StoreReader extends ObjectReader, ObjectWatcher {
  readonly home: string;
}

/**
 * The store. Reads are synchronous and lock-free (renames are atomic); writes take the lock,
 * bump the global resourceVersion, write tmp+fsync+rename and append to the journal. Only the
 * registry (src/registry) calls the write methods: it runs admission first.
 */
export interface Store extends StoreReader {
  /**
   * Create: sets uid, resourceVersion, generation 1, creationTimestamp (and name from
   * generateName). Throws ApiError AlreadyExists. Namespace defaults to 'default' for namespaced kinds;
   * a missing namespace is NotFound (`namespaces "x" not found`).
   */
  create(obj: KObject, opts?: WriteOptions): Promise<KObject>;
  /**
   * Replace metadata+spec (and other top-level fields except status), keeping status.
   * If obj.metadata.resourceVersion is set and stale -> ApiError Conflict. Bumps generation
   * when spec (or any non-metadata, non-status field) changed. No change at all = no write, same object back.
   */
  update(obj: KObject): Promise<KObject>;
  /** Replace status only; never bumps generation. Conflict rules as update. */
  updateStatus(obj: KObject): Promise<KObject>;
  /**
   * Read-modify-write with retry on Conflict: `mutate` gets a fresh copy and returns the new
   * object (or undefined for "nothing to do"). `part` chooses update vs updateStatus.
   */
  patch(
    kind: KindInfo,
    namespace: string | undefined,
    name: string,
    mutate: (obj: KObject) => KObject | undefined,
    part?: 'main' | 'status',
    opts?: WriteOptions,
  ): Promise<KObject | undefined>;
  /**
   * Delete as the API server does: with finalizers, or for a pod with grace > 0, sets
   * deletionTimestamp (+ deletionGracePeriodSeconds) and keeps the object (MODIFIED);
   * otherwise removes it (DELETED). Returns the object as it is after the call, or
   * throws NotFound.
   */
  delete(
    kind: KindInfo,
    namespace: string | undefined,
    name: string,
    opts?: DeleteOptions & WriteOptions,
  ): Promise<KObject>;
}

/*
 * Finalizer rules (as the API server): an update that leaves deletionTimestamp set and no
 * metadata.finalizers (and, for a Namespace, no spec.finalizers) removes the object (DELETED).
 * A Namespace is created with spec.finalizers ['kubernetes'] and status.phase Active; deleting it
 * sets deletionTimestamp and status.phase Terminating. The namespace controller in the agent
 * empties it and clears the finalizer.
 */
