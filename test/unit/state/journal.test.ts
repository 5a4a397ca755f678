// The journal's low-level helpers: reading the last resourceVersion, repairing a torn append.
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compactJournal, lastJournalRv, lineStarts } from '../../../src/state/journal.js';
import { tempHome } from './helpers.js';

const line = (rv: number, pad = 0) =>
  `${JSON.stringify({ type: 'ADDED', object: { metadata: { name: `o${rv}`, resourceVersion: String(rv) }, pad: 'x'.repeat(pad) } })}\n`;

describe('journal', () => {
  const cases: Array<{ name: string; content: string | undefined; want: number }> = [
    { name: 'is 0 for a missing journal', content: undefined, want: 0 },
    { name: 'is 0 for an empty journal', content: '', want: 0 },
    { name: 'reads the last line', content: line(1) + line(2) + line(3), want: 3 },
    { name: 'ignores a torn last line', content: `${line(1)}${line(2)}{"type":"ADD`, want: 2 },
    { name: 'reads a last line longer than its read window', content: line(1) + line(2, 200_000), want: 2 },
    { name: 'reads a single line', content: line(7), want: 7 },
  ];
  for (const c of cases) {
    it(`lastJournalRv ${c.name}`, () => {
      const path = join(tempHome(), 'journal.jsonl');
      if (c.content !== undefined) writeFileSync(path, c.content);
      expect(lastJournalRv(path)).toBe(c.want);
    });
  }

  it('cuts a torn last line off when repairing, so the next append starts clean', () => {
    const path = join(tempHome(), 'journal.jsonl');
    writeFileSync(path, `${line(1)}{"type":"ADD`);
    expect(lastJournalRv(path, true)).toBe(1);
    appendFileSync(path, line(2));
    expect(readFileSync(path, 'utf8')).toBe(line(1) + line(2));
  });

  it('compacts to whole newest lines, keeping at least the last', () => {
    const path = join(tempHome(), 'journal.jsonl');
    writeFileSync(path, [1, 2, 3, 4, 5].map((rv) => line(rv, 100)).join(''));
    compactJournal(path, line(1, 100).length * 2);
    expect(readFileSync(path, 'utf8')).toBe(line(4, 100) + line(5, 100));
    compactJournal(path, 1);
    expect(readFileSync(path, 'utf8')).toBe(line(5, 100));
  });

  it('finds line starts only for complete lines', () => {
    expect(lineStarts(Buffer.from('ab\ncd\nef'))).toEqual([0, 3]);
  });
});
