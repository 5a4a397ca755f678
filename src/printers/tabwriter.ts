// A port of Go's text/tabwriter as forked by liggitt/tabwriter (the RememberWidths flag), which
// kubectl uses for every table. Elastic tabstops: tab-terminated cells in contiguous lines form a
// column; a column is as wide as its widest cell plus padding (at least minWidth); the text after
// the last tab of a line is not part of a column and is never padded. Widths count code points.

export interface TabWriterOptions {
  minWidth: number;
  padding: number;
  /** Keep the widest width seen per column across flushes (kubectl tables, `get -w`). */
  rememberWidths?: boolean;
}

interface Cell {
  text: string;
  width: number;
  htab: boolean;
}

const runeCount = (s: string): number => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};

export class TabWriter {
  private lines: Cell[][] = [[]];
  private cell = '';
  private widths: number[] = [];
  private maxWidths: number[] = [];

  constructor(
    private readonly out: (s: string) => void,
    private readonly opts: TabWriterOptions,
  ) {}

  /** kubectl's table writer: min width 6, padding 3, widths remembered across flushes. */
  static forTables(out: (s: string) => void): TabWriter {
    return new TabWriter(out, { minWidth: 6, padding: 3, rememberWidths: true });
  }

  write(text: string): void {
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (ch !== '\t' && ch !== '\v' && ch !== '\n' && ch !== '\f') continue;
      this.cell += text.slice(start, i);
      start = i + 1;
      const ncells = this.terminateCell(ch === '\t');
      if (ch === '\n' || ch === '\f') {
        this.lines.push([]);
        // A line of one cell cannot affect later alignment, so the buffer may be flushed.
        if (ch === '\f' || ncells === 1) this.flush();
      }
    }
    this.cell += text.slice(start);
  }

  /** Sets (or, with [], forgets) the remembered column widths, as kubectl does per resource type. */
  setRememberedWidths(widths: number[]): void {
    this.maxWidths = [...widths];
  }

  flush(): void {
    if (this.cell.length > 0) this.terminateCell(false);
    this.format(0, this.lines.length);
    this.lines = [[]];
    this.cell = '';
    this.widths = [];
  }

  private terminateCell(htab: boolean): number {
    const line = this.lines[this.lines.length - 1]!;
    line.push({ text: this.cell, width: runeCount(this.cell), htab });
    this.cell = '';
    return line.length;
  }

  private format(line0: number, line1: number): void {
    const column = this.widths.length;
    for (let i = line0; i < line1; i++) {
      if (column >= this.lines[i]!.length - 1) continue;
      // This line has a cell in this column: print the lines above, then size the column block.
      this.writeLines(line0, i);
      line0 = i;
      let width = this.opts.minWidth;
      for (; i < line1; i++) {
        const line = this.lines[i]!;
        if (column >= line.length - 1) break;
        width = Math.max(width, line[column]!.width + this.opts.padding);
      }
      if (this.opts.rememberWidths) width = this.remember(width);
      this.widths.push(width);
      this.format(line0, i);
      this.widths.pop();
      line0 = i;
    }
    this.writeLines(line0, line1);
  }

  private remember(width: number): number {
    const col = this.widths.length;
    if (this.maxWidths.length < col) this.maxWidths.push(...this.widths.slice(this.maxWidths.length));
    if (this.maxWidths.length === col) {
      this.maxWidths.push(width);
      return width;
    }
    const remembered = this.maxWidths[col]!;
    if (remembered > width) return remembered;
    this.maxWidths[col] = width;
    return width;
  }

  private writeLines(line0: number, line1: number): void {
    let text = '';
    for (let i = line0; i < line1; i++) {
      const line = this.lines[i]!;
      line.forEach((c, j) => {
        text += c.text;
        if (j < this.widths.length) text += ' '.repeat(Math.max(0, this.widths[j]! - c.width));
      });
      // The last buffered line has no line break yet (its text stays in `cell`).
      if (i + 1 < this.lines.length) text += '\n';
    }
    if (text) this.out(text);
  }
}
