// The store's write lock: a directory made with mkdir (atomic), the format proper-lockfile
// uses, so the async writers (proper-lockfile) and the synchronous first open share one lock.
import { mkdirSync, rmdirSync, statSync } from 'node:fs';
import { isMissing, sleepSync } from './fsio.js';

/**
 * A holder killed with SIGKILL leaves the directory behind; after this long it is taken over.
 * Holds last a millisecond or two (and a live holder refreshes the mtime), so keep it short:
 * every writer waits this long after such a kill. proper-lockfile's minimum is 2 s.
 */
export const LOCK_STALE_MS = 3_000;

type Release = () => Promise<void>;
type LockFn = (file: string, options: object) => Promise<Release>;
let lockFn: Promise<LockFn> | undefined;

// Loaded on the first write only: `get` never pays for it.
function properLock(): Promise<LockFn> {
  lockFn ??= import('proper-lockfile').then((m) => (m.default ?? m).lock as unknown as LockFn);
  return lockFn;
}

// Writers in one process queue here instead of polling the lock directory against each other,
// and the writes queued while the lock was being taken share its hold (a group commit): each
// write is synchronous and stays atomic on its own, but 20 pods starting no longer pay one lock
// round trip (mkdir, rmdir, event-loop turns) per status and event write, in a line.
interface QueuedWrite {
  fn: () => unknown;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}

/** At most this many writes per hold, so another process waits a few ms at most. */
export const WRITES_PER_HOLD = 32;

const queues = new Map<string, { pending: QueuedWrite[]; draining: boolean }>();

/** Take the inter-process lock at `lockPath`, run `fn` (synchronous, so the hold is short), release. */
export function withFileLock<T>(lockPath: string, fn: () => T): Promise<T> {
  let queue = queues.get(lockPath);
  if (!queue) {
    queue = { pending: [], draining: false };
    queues.set(lockPath, queue);
  }
  const done = new Promise<T>((resolve, reject) => {
    queue.pending.push({ fn, resolve: resolve as (v: unknown) => void, reject });
  });
  if (!queue.draining) void drain(lockPath, queue);
  return done;
}

async function drain(lockPath: string, queue: { pending: QueuedWrite[]; draining: boolean }): Promise<void> {
  queue.draining = true;
  try {
    while (queue.pending.length > 0) {
      let release: Release;
      try {
        release = takeNow(lockPath) ?? (await acquire(lockPath));
      } catch (err) {
        // The lock could not be taken: every write waiting fails as its own take would have.
        for (const w of queue.pending.splice(0)) w.reject(err);
        break;
      }
      const batch = queue.pending.splice(0, WRITES_PER_HOLD);
      const outcomes = batch.map((w) => {
        try {
          return { ok: true as const, value: w.fn() };
        } catch (err) {
          return { ok: false as const, err };
        }
      });
      await release().catch(() => undefined);
      batch.forEach((w, i) => {
        const o = outcomes[i]!;
        if (o.ok) w.resolve(o.value);
        else w.reject(o.err);
      });
    }
  } finally {
    queue.draining = false;
    if (queue.pending.length === 0) queues.delete(lockPath);
    else void drain(lockPath, queue);
  }
}

/**
 * The lock when nobody holds it, at once: one mkdir, no event-loop turn (proper-lockfile's take
 * and release cost ~10 ms of turns on a busy agent, per write). The hold lasts milliseconds, so
 * the mtime proper-lockfile keeps fresh for long holds never goes stale meanwhile.
 */
function takeNow(lockPath: string): Release | undefined {
  try {
    mkdirSync(lockPath);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return undefined;
    throw e;
  }
  return async () => removeLockDir(lockPath);
}

async function acquire(lockPath: string): Promise<Release> {
  const lock = await properLock();
  return lock(lockPath, {
    lockfilePath: lockPath,
    realpath: false,
    stale: LOCK_STALE_MS,
    // Holds last a millisecond or two; poll quickly, with jitter, for long enough to outlast a stale lock.
    retries: { retries: 2_000, factor: 1.2, minTimeout: 1, maxTimeout: 20, randomize: true },
    // A lost lock must not crash the agent from a timer; the write has finished by then.
    onCompromised: () => undefined,
  });
}

/** The same lock, synchronously (first open must stay synchronous). */
export function withFileLockSync<T>(lockPath: string, fn: () => T, timeoutMs = 30_000): T {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      mkdirSync(lockPath);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      if (isStale(lockPath)) {
        removeLockDir(lockPath);
        continue;
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for the state lock ${lockPath}`);
      sleepSync(2 + Math.random() * 8);
    }
  }
  try {
    return fn();
  } finally {
    removeLockDir(lockPath);
  }
}

function isStale(lockPath: string): boolean {
  try {
    return statSync(lockPath).mtimeMs < Date.now() - LOCK_STALE_MS;
  } catch (e) {
    if (isMissing(e)) return false;
    throw e;
  }
}

function removeLockDir(lockPath: string): void {
  try {
    rmdirSync(lockPath);
  } catch (e) {
    if (!isMissing(e)) throw e;
  }
}
