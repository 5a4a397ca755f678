// SPDY/3 header compression: all header blocks one side sends on a connection are one zlib stream
// primed with the SPDY dictionary, each block ending on a sync flush. Reading the peer's blocks
// needs a real inflater that keeps its state between frames. Writing needs none: stored
// (uncompressed) deflate blocks are a valid zlib stream too, end on a byte boundary as a sync flush
// does, and mkube's replies carry almost no headers anyway.
import { constants, createInflate, type Inflate } from 'node:zlib';
import { SPDY3_HEADER_DICTIONARY } from './spdy-dictionary.js';
import { decodeNameValues, encodeNameValues } from './spdy-frames.js';

/** Inflates the peer's header blocks in order, one connection's worth of zlib state. */
export class HeaderInflater {
  private readonly inflate: Inflate = createInflate({ dictionary: SPDY3_HEADER_DICTIONARY });
  private out: Buffer[] = [];
  private failure: Error | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor() {
    this.inflate.on('data', (chunk: Buffer) => this.out.push(chunk));
    this.inflate.on('error', (e) => {
      this.failure = e;
    });
  }

  /** The name/value pairs of the next header block; blocks must be given in arrival order. */
  headers(block: Buffer): Promise<Record<string, string>> {
    const next = this.queue.then(
      () =>
        new Promise<Record<string, string>>((resolve, reject) => {
          if (this.failure) return reject(this.failure);
          this.out = [];
          this.inflate.write(block);
          this.inflate.flush(constants.Z_SYNC_FLUSH, () => {
            if (this.failure) return reject(this.failure);
            try {
              resolve(decodeNameValues(Buffer.concat(this.out)));
            } catch (e) {
              reject(e);
            }
          });
        }),
    );
    this.queue = next.catch(() => undefined);
    return next;
  }

  close(): void {
    this.inflate.destroy();
  }
}

/** A non-final stored deflate block: BFINAL 0, BTYPE 00, then LEN and NLEN (little endian). */
function storedBlock(data: Buffer): Buffer {
  const head = Buffer.alloc(5);
  head.writeUInt16LE(data.length, 1);
  head.writeUInt16LE(~data.length & 0xffff, 3);
  return Buffer.concat([head, data]);
}

/** Writes this side's header blocks as one zlib stream of stored blocks. */
export class HeaderDeflater {
  private started = false;

  block(headers: Record<string, string>): Buffer {
    const data = encodeNameValues(headers);
    const parts: Buffer[] = [];
    if (!this.started) {
      // CMF 0x78 (deflate, 32 KiB window), FLG 0x01: no preset dictionary, check bits valid.
      parts.push(Buffer.from([0x78, 0x01]));
      this.started = true;
    }
    for (let at = 0; at < data.length; at += 0xffff) parts.push(storedBlock(data.subarray(at, at + 0xffff)));
    // The empty stored block of a sync flush: it makes an inflater hand over the block's bytes
    // without reading on (Go's flate reader would otherwise wait for the next block, and fail).
    parts.push(storedBlock(Buffer.alloc(0)));
    return Buffer.concat(parts);
  }
}
