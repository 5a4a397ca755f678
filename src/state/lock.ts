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

// Writers in one process queue here instead of polling the lock directory against each other.
const queues = new Map<string, Promise<unknown>>();

/** Take the inter-process lock at `lockPath`, run `fn` (synchronous, so the hold is short), release. */
export function withFileLock<T>(lockPath: string, fn: () => T): Promise<T> {
  const previous = queues.get(lockPath) ?? Promise.resolve();
  const run = previous.then(
    () => lockedRun(lockPath, fn),
    () => lockedRun(lockPath, fn),
  );
  const tail = run.catch(() => undefined);
  queues.set(lockPath, tail);
  void tail.then(() => {
    if (queues.get(lockPath) === tail) queues.delete(lockPath);
  });
  return run;
}

async function lockedRun<T>(lockPath: string, fn: () => T): Promise<T> {
  const lock = await properLock();
  const release = await lock(lockPath, {
    lockfilePath: lockPath,
    realpath: false,
    stale: LOCK_STALE_MS,
    // Holds last a millisecond or two; poll quickly, with jitter, for long enough to outlast a stale lock.
    retries: { retries: 2_000, factor: 1.2, minTimeout: 1, maxTimeout: 20, randomize: true },
    // A lost lock must not crash the agent from a timer; the write has finished by then.
    onCompromised: () => undefined,
  });
  try {
    return fn();
  } finally {
    await release().catch(() => undefined);
  }
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
