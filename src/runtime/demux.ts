// Docker's multiplexed stream (non-TTY logs and exec): frames of an 8-byte header
// [stream, 0, 0, 0, size (uint32 BE)] then `size` bytes; stream 1 = stdout, 2 = stderr.
// Stateful: a frame may be split across chunks.

export class Demuxer {
  private pending: Buffer = Buffer.alloc(0);

  constructor(
    private readonly stdout: (b: Buffer) => void,
    private readonly stderr: (b: Buffer) => void,
  ) {}

  push(chunk: Buffer): void {
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    while (this.pending.length >= 8) {
      const size = this.pending.readUInt32BE(4);
      if (this.pending.length < 8 + size) break;
      const payload = this.pending.subarray(8, 8 + size);
      if (this.pending[0] === 2) this.stderr(payload);
      else this.stdout(payload); // 0 (stdin echo) and 1 go to stdout
      this.pending = this.pending.subarray(8 + size);
    }
  }

  /** Bytes of an incomplete frame left at the end (should be 0 once the stream ended). */
  get leftover(): number {
    return this.pending.length;
  }
}

/** One frame, for tests and fakes. */
export function frame(stream: 1 | 2, payload: string | Buffer): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload) : payload;
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(body.length, 4);
  return Buffer.concat([header, body]);
}
