// Small synchronous file helpers. Writes are tmp + fsync + rename, so a reader sees the old
// file or the new one, never half of either, and a crash leaves at most a stray `.tmp`.
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';

let counter = 0;

export function writeFileAtomicSync(
  path: string,
  data: string | Uint8Array,
  mode = 0o644,
  durable = true,
): void {
  const tmp = `${path}.${process.pid}.${++counter}.tmp`;
  const fd = openSync(tmp, 'w', mode);
  try {
    if (typeof data === 'string') writeSync(fd, data);
    else writeSync(fd, data);
    if (durable) fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    unlinkQuiet(tmp);
    throw e;
  }
  closeSync(fd);
  try {
    renameSync(tmp, path);
  } catch (e) {
    unlinkQuiet(tmp);
    throw e;
  }
}

/** The parsed file, or undefined when it does not exist (or vanished while we looked). */
export function readJsonSync<T>(path: string): T | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if (isMissing(e)) return undefined;
    throw e;
  }
  return JSON.parse(text) as T;
}

export function unlinkQuiet(path: string): void {
  try {
    unlinkSync(path);
  } catch (e) {
    if (!isMissing(e)) throw e;
  }
}

export function isMissing(e: unknown): boolean {
  const code = (e as NodeJS.ErrnoException)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** Block the thread (only used where the API must stay synchronous: first open). */
export function sleepSync(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}
