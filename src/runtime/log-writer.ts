// The sink `logs` writes a container's log into: kubectl's timestamp format, the optional
// `[pod/name/container] ` prefix, and --limit-bytes.
import { Writable } from 'node:stream';

/** Docker writes 9 fractional digits; the kubelet prints RFC3339Nano, which drops trailing zeros. */
export function kubeletTimestamp(ts: string): string {
  return ts.replace(/^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d+))?Z$/, (_m, base: string, frac?: string) => {
    const trimmed = (frac ?? '').replace(/0+$/, '');
    return trimmed ? `${base}.${trimmed}Z` : `${base}Z`;
  });
}

export interface LogWriterOptions {
  out: NodeJS.WritableStream;
  timestamps: boolean;
  /** `[pod/web/nginx] ` when --prefix. */
  prefix?: string;
  /** Shared across containers: kubectl's --limit-bytes counts per request, we count per container. */
  limitBytes?: number;
}

/** A line-oriented writer: complete lines are rewritten and passed on; a partial line waits. */
export class LogWriter extends Writable {
  private partial = '';
  private written = 0;

  constructor(private readonly opts: LogWriterOptions) {
    super();
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, done: (err?: Error | null) => void): void {
    if (!this.opts.timestamps && !this.opts.prefix) {
      this.emitBytes(chunk);
      done();
      return;
    }
    const text = this.partial + chunk.toString('utf8');
    const lines = text.split('\n');
    this.partial = lines.pop() ?? '';
    for (const line of lines) this.emitLine(`${line}\n`);
    done();
  }

  override _final(done: (err?: Error | null) => void): void {
    this.flushPartial();
    done();
  }

  /** Write out a trailing line without newline (the stream ended). */
  flushPartial(): void {
    if (this.partial) this.emitLine(this.partial);
    this.partial = '';
  }

  private emitLine(line: string): void {
    let out = line;
    if (this.opts.timestamps) {
      const space = out.indexOf(' ');
      if (space > 0) out = kubeletTimestamp(out.slice(0, space)) + out.slice(space);
    }
    if (this.opts.prefix) out = this.opts.prefix + out;
    this.emitBytes(Buffer.from(out));
  }

  private emitBytes(b: Buffer): void {
    const limit = this.opts.limitBytes;
    if (limit === undefined || limit <= 0) {
      this.opts.out.write(b);
      return;
    }
    const room = limit - this.written;
    if (room <= 0) return;
    const part = b.length > room ? b.subarray(0, room) : b;
    this.written += part.length;
    this.opts.out.write(part);
  }
}
