// kubectl describe's PrefixWriter and tabbedString: lines indented two spaces per level, cells
// separated by tabs and aligned by Go's text/tabwriter (min width 0, padding 2, no remembered
// widths), terminal escapes made harmless.
import { escapeTerminal } from '../table.js';
import { TabWriter } from '../tabwriter.js';

export class PrefixWriter {
  private readonly chunks: string[] = [];

  /** `w.Write(level, text)`: the text (which carries its own tabs and newline) at `level`. */
  write(level: number, text: string): void {
    this.chunks.push(escapeTerminal('  '.repeat(level) + text));
  }

  /** `w.WriteLine(text)`: text plus a newline, no indent. */
  writeLine(text: string): void {
    this.chunks.push(`${escapeTerminal(text)}\n`);
  }

  /** The laid-out text. */
  toString(): string {
    let out = '';
    const tw = new TabWriter(
      (s) => {
        out += s;
      },
      { minWidth: 0, padding: 2 },
    );
    tw.write(this.chunks.join(''));
    tw.flush();
    return out;
  }
}

/** Writes at `indent` more levels, as kubectl's nestedPrefixWriter. */
export class NestedWriter {
  constructor(
    private readonly w: PrefixWriter,
    private readonly indent: number,
  ) {}

  write(level: number, text: string): void {
    this.w.write(level + this.indent, text);
  }
}

export type Writer = Pick<PrefixWriter, 'write'>;
