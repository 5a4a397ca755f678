// The oldest resourceVersion the journal still holds: a watch from before it cannot be served
// (the API server's "too old resource version: X (oldest - 1)").
import { closeSync, openSync, readSync } from 'node:fs';
import { isMissing } from './fsio.js';
import { lineRv } from './journal.js';
import { layoutOf } from './layout.js';

/** The rv of the journal's first line; 0 when the journal is empty or missing. */
export function oldestJournalRv(home: string): number {
  let fd: number;
  try {
    fd = openSync(layoutOf(home).journal, 'r');
  } catch (e) {
    if (isMissing(e)) return 0;
    throw e;
  }
  try {
    const chunks: Buffer[] = [];
    const buf = Buffer.alloc(64 * 1024);
    for (let pos = 0; ; ) {
      const n = readSync(fd, buf, 0, buf.length, pos);
      if (n === 0) return 0;
      const nl = buf.subarray(0, n).indexOf(0x0a);
      if (nl >= 0) {
        chunks.push(Buffer.from(buf.subarray(0, nl)));
        return lineRv(Buffer.concat(chunks).toString('utf8'));
      }
      chunks.push(Buffer.from(buf.subarray(0, n)));
      pos += n;
    }
  } finally {
    closeSync(fd);
  }
}
