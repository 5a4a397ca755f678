import { describe, expect, it } from 'vitest';
import { TabWriter } from '../../../src/printers/tabwriter.js';

function layout(lines: string[], flushAfter: number[] = []): string {
  let out = '';
  const w = TabWriter.forTables((s) => {
    out += s;
  });
  lines.forEach((l, i) => {
    w.write(`${l}\n`);
    if (flushAfter.includes(i)) w.flush();
  });
  w.flush();
  return out;
}

describe('TabWriter lays tables out as kubectl does', () => {
  it('pads columns to the widest cell plus three, and never pads the last column', () => {
    const out = layout([
      'NAME\tREADY\tSTATUS\tRESTARTS\tAGE',
      'nginx\t1/1\tRunning\t0\t10s',
      'web-5d7c9f8b6d-x2k4q\t0/1\tCrashLoopBackOff\t5 (32s ago)\t3m2s',
    ]);
    expect(out).toBe(
      [
        'NAME                   READY   STATUS             RESTARTS      AGE',
        'nginx                  1/1     Running            0             10s',
        'web-5d7c9f8b6d-x2k4q   0/1     CrashLoopBackOff   5 (32s ago)   3m2s',
        '',
      ].join('\n'),
    );
  });

  it('gives every column at least six characters', () => {
    expect(layout(['A\tB', 'x\ty'])).toBe('A     B\nx     y\n');
  });

  it('counts code points, not UTF-16 units or bytes', () => {
    expect(layout(['NAME\tX', 'héllo😀\ty'])).toBe('NAME     X\nhéllo😀   y\n');
  });

  it('remembers widths across flushes, so later narrow rows keep the wide column', () => {
    expect(layout(['NAME\tSTATUS\tAGE', 'a-long-name\tRunning\t1s', 'b\tOK\t2s'], [1])).toBe(
      'NAME          STATUS    AGE\na-long-name   Running   1s\nb             OK        2s\n',
    );
  });

  it('widens a column for later rows only, leaving printed rows as they were', () => {
    expect(layout(['NAME\tSTATUS\tAGE', 'a\tRunning\t1s', 'a\tTerminating\t2s'], [1])).toBe(
      'NAME   STATUS    AGE\na      Running   1s\na      Terminating   2s\n',
    );
  });

  it('forgets remembered widths when told to (a new resource type)', () => {
    let out = '';
    const w = TabWriter.forTables((s) => {
      out += s;
    });
    w.write('NAME\tAGE\nvery-long-name\t1s\n');
    w.flush();
    w.setRememberedWidths([]);
    w.write('NAME\tAGE\nx\t1s\n');
    w.flush();
    expect(out).toBe('NAME             AGE\nvery-long-name   1s\nNAME   AGE\nx      1s\n');
  });

  it('keeps empty cells aligned', () => {
    expect(layout(['NAME\tCAPACITY\tAGE', 'pvc\t\t1s'])).toBe(
      'NAME   CAPACITY   AGE\npvc               1s\n',
    );
  });
});
