// journal.jsonl: one line per committed change, `{"type":"ADDED|MODIFIED|DELETED","object":{...}}`,
// in resourceVersion order. Writers append under the lock; watchers tail it without locking.
import { closeSync, fstatSync, ftruncateSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import type { WatchEvent } from '../api/types.js';
import { isMissing, writeFileAtomicSync } from './fsio.js';

const NEWLINE = 0x0a;

/** The resourceVersion carried by one journal line. */
export function lineRv(line: string): number {
  const ev = JSON.parse(line) as WatchEvent;
  return Number(ev.object.metadata.resourceVersion);
}

/** Start offsets of complete lines in `buf` (a line is complete when its newline is there). */
export function lineStarts(buf: Buffer, end = buf.length): number[] {
  const starts: number[] = [];
  let at = 0;
  while (at < end) {
    const nl = buf.indexOf(NEWLINE, at);
    if (nl < 0 || nl >= end) break;
    starts.push(at);
    at = nl + 1;
  }
  return starts;
}

function readAt(fd: number, position: number, length: number): Buffer {
  const buf = Buffer.alloc(length);
  let got = 0;
  while (got < length) {
    const n = readSync(fd, buf, got, length - got, position + got);
    if (n === 0) break;
    got += n;
  }
  return buf.subarray(0, got);
}

/** Offset of the byte after the last newline at or before `size` (0 when there is none). */
function completeLength(fd: number, size: number): number {
  for (let window = Math.min(size, 64 * 1024); window > 0; window = Math.min(size, window * 4)) {
    const nl = readAt(fd, size - window, window).lastIndexOf(NEWLINE);
    if (nl >= 0) return size - window + nl + 1;
    if (window === size) break;
  }
  return 0;
}

/**
 * The rv of the last complete line (0 for an empty or missing journal). With `repair`, a
 * partial last line left by a writer that crashed mid-append is cut off (we hold the lock).
 */
export function lastJournalRv(path: string, repair = false): number {
  let fd: number;
  try {
    fd = openSync(path, repair ? 'r+' : 'r');
  } catch (e) {
    if (isMissing(e)) return 0;
    throw e;
  }
  try {
    const size = fstatSync(fd).size;
    const complete = completeLength(fd, size);
    if (repair && complete < size) ftruncateSync(fd, complete);
    if (complete === 0) return 0;
    // The last line ends at complete - 1; find where it starts.
    const lineEnd = complete - 1;
    const start = lineEnd === 0 ? 0 : completeLength(fd, lineEnd);
    return lineRv(readAt(fd, start, lineEnd - start).toString('utf8'));
  } finally {
    closeSync(fd);
  }
}

/**
 * Keep roughly the newest `keepBytes` of the journal (whole lines, at least the last one) and
 * swap the file by rename: watchers notice the new inode. Called under the lock.
 */
export function compactJournal(path: string, keepBytes: number): void {
  const buf = readFileSync(path);
  const starts = lineStarts(buf);
  if (starts.length < 2) return;
  let cut = starts[starts.length - 1]!;
  for (let i = starts.length - 2; i >= 0 && buf.length - starts[i]! <= keepBytes; i--) cut = starts[i]!;
  writeFileAtomicSync(path, buf.subarray(cut), 0o600, false);
}

export function journalSize(path: string): number {
  try {
    return statSync(path).size;
  } catch (e) {
    if (isMissing(e)) return 0;
    throw e;
  }
}
