// Tail the journal from a resourceVersion: deliver the backlog in order, then follow appends.
// Woken by fs.watch on the state directory, with a short poll as a fallback; a compaction is
// seen as a new inode, and a watcher whose start point was compacted away is told to relist.
import { closeSync, type FSWatcher, fstatSync, openSync, readSync, statSync, watch } from 'node:fs';
import { basename } from 'node:path';
import type { KObject, WatchEvent } from '../api/types.js';
import { isMissing } from './fsio.js';
import { lineRv, lineStarts } from './journal.js';
import type { Layout } from './layout.js';
import type { Watcher, WatchOptions } from './types.js';

export const WATCH_POLL_MS = 50;

function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

function matches(obj: KObject, opts: WatchOptions): boolean {
  if (opts.kind && (obj.kind !== opts.kind.kind || groupOf(obj.apiVersion) !== opts.kind.group)) return false;
  return opts.namespace === undefined || obj.metadata.namespace === opts.namespace;
}

/** Index of the first line whose rv is above `rv` (lines are in rv order). */
function firstAfter(buf: Buffer, starts: number[], rv: number): number {
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const end = buf.indexOf(0x0a, starts[mid]);
    if (lineRv(buf.toString('utf8', starts[mid], end)) > rv) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export class JournalWatcher implements Watcher {
  private fd: number | undefined;
  private ino = -1;
  private offset = 0;
  private stopped = false;
  private scheduled = false;
  private fsWatcher: FSWatcher | undefined;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly layout: Layout,
    private lastRv: number,
    private readonly onEvent: (ev: WatchEvent) => void,
    private readonly opts: WatchOptions = {},
    pollMs = WATCH_POLL_MS,
  ) {
    const name = basename(layout.journal);
    try {
      this.fsWatcher = watch(layout.home, { persistent: false }, (_type, file) => {
        if (file === null || file === name) this.schedule();
      });
      this.fsWatcher.on('error', () => this.fsWatcher?.close());
    } catch {
      // No inotify (or equivalent) here: the poll below is enough.
    }
    this.timer = setInterval(() => this.schedule(), pollMs);
    this.schedule();
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    clearInterval(this.timer);
    this.fsWatcher?.close();
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  private schedule(): void {
    if (this.scheduled || this.stopped) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.pump();
    });
  }

  private pump(): void {
    if (this.stopped) return;
    let ino: number;
    try {
      ino = statSync(this.layout.journal).ino;
    } catch (e) {
      if (isMissing(e)) return;
      throw e;
    }
    if (this.fd !== undefined && ino === this.ino) {
      this.readNew();
      return;
    }
    // First open, or the journal was compacted: finish the old file, then start on the new one.
    if (this.fd !== undefined) {
      this.readNew();
      closeSync(this.fd);
      this.fd = undefined;
    }
    if (!this.stopped) this.openJournal();
  }

  private openJournal(): void {
    try {
      this.fd = openSync(this.layout.journal, 'r');
    } catch (e) {
      if (isMissing(e)) return;
      throw e;
    }
    this.ino = fstatSync(this.fd).ino;
    this.offset = 0;
    const buf = this.read();
    const starts = lineStarts(buf);
    if (starts.length === 0) return;
    const firstRv = lineRv(buf.toString('utf8', 0, buf.indexOf(0x0a)));
    if (firstRv > this.lastRv + 1) {
      this.expire();
      return;
    }
    this.deliver(buf, starts, firstAfter(buf, starts, this.lastRv));
  }

  private expire(): void {
    this.stop();
    this.opts.onExpired?.();
  }

  /** Bytes from the current offset to the end of the file. */
  private read(): Buffer {
    const size = fstatSync(this.fd!).size;
    if (size <= this.offset) return Buffer.alloc(0);
    const buf = Buffer.alloc(size - this.offset);
    let got = 0;
    while (got < buf.length) {
      const n = readSync(this.fd!, buf, got, buf.length - got, this.offset + got);
      if (n === 0) break;
      got += n;
    }
    return buf.subarray(0, got);
  }

  private readNew(): void {
    const buf = this.read();
    const starts = lineStarts(buf);
    this.deliver(buf, starts, 0);
  }

  /** Deliver complete lines from index `from`; the offset moves past each line before its callback. */
  private deliver(buf: Buffer, starts: number[], from: number): void {
    const base = this.offset;
    for (let i = 0; i < starts.length && !this.stopped; i++) {
      const end = buf.indexOf(0x0a, starts[i]);
      this.offset = base + end + 1;
      if (i < from) continue;
      let ev: WatchEvent;
      try {
        ev = JSON.parse(buf.toString('utf8', starts[i], end)) as WatchEvent;
      } catch {
        continue; // a damaged line cannot be delivered; the resync catches what it held
      }
      const rv = Number(ev.object.metadata.resourceVersion);
      if (rv <= this.lastRv) continue;
      this.lastRv = rv;
      if (matches(ev.object, this.opts)) this.onEvent(ev);
    }
  }
}
