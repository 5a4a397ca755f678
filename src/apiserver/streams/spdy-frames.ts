// SPDY/3.1 framing, the part kubectl's port-forward needs (client-go's spdystream on the other end):
// cutting a byte stream into frames, and writing the frames a server answers with. Header blocks
// are zlib streams (one per direction per connection); reading them is spdy-headers.ts's job.

export const SPDY_VERSION = 3;

export const FrameType = {
  SynStream: 1,
  SynReply: 2,
  RstStream: 3,
  Settings: 4,
  Ping: 6,
  GoAway: 7,
  Headers: 8,
  WindowUpdate: 9,
} as const;

export const FLAG_FIN = 0x01;

/** RST_STREAM status codes (draft 3, 2.6.3). */
export const RstStatus = { ProtocolError: 1, InvalidStream: 2, RefusedStream: 3, Cancel: 5 } as const;

export type Frame =
  | { control: true; type: number; flags: number; payload: Buffer }
  | { control: false; streamId: number; flags: number; payload: Buffer };

/** Cuts frames out of the bytes received so far; keeps an incomplete tail for the next chunk. */
export class FrameReader {
  private pending: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): Frame[] {
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    const frames: Frame[] = [];
    while (this.pending.length >= 8) {
      const length = this.pending.readUIntBE(5, 3);
      if (this.pending.length < 8 + length) break;
      const flags = this.pending[4]!;
      const payload = this.pending.subarray(8, 8 + length);
      const first = this.pending.readUInt32BE(0);
      if (first & 0x80000000) {
        const version = (first >>> 16) & 0x7fff;
        if (version !== SPDY_VERSION) throw new Error(`unsupported SPDY version ${version}`);
        frames.push({ control: true, type: first & 0xffff, flags, payload });
      } else {
        frames.push({ control: false, streamId: first & 0x7fffffff, flags, payload });
      }
      this.pending = this.pending.subarray(8 + length);
    }
    return frames;
  }
}

function header(first: number, flags: number, length: number): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(first >>> 0, 0);
  head[4] = flags;
  head.writeUIntBE(length, 5, 3);
  return head;
}

export function controlFrame(type: number, flags: number, payload: Buffer): Buffer {
  return Buffer.concat([
    header((0x80000000 | (SPDY_VERSION << 16) | type) >>> 0, flags, payload.length),
    payload,
  ]);
}

/** The largest DATA payload written at once (well under the 24-bit limit; one WebSocket message). */
export const MAX_DATA_PAYLOAD = 32 * 1024;

export function dataFrame(streamId: number, flags: number, payload: Buffer): Buffer {
  return Buffer.concat([header(streamId & 0x7fffffff, flags, payload.length), payload]);
}

const u32 = (...values: number[]): Buffer => {
  const b = Buffer.alloc(4 * values.length);
  for (const [i, v] of values.entries()) b.writeUInt32BE(v >>> 0, 4 * i);
  return b;
};

export function synReplyFrame(streamId: number, flags: number, headerBlock: Buffer): Buffer {
  return controlFrame(FrameType.SynReply, flags, Buffer.concat([u32(streamId & 0x7fffffff), headerBlock]));
}

export function rstStreamFrame(streamId: number, status: number): Buffer {
  return controlFrame(FrameType.RstStream, 0, u32(streamId & 0x7fffffff, status));
}

export function pingFrame(id: number): Buffer {
  return controlFrame(FrameType.Ping, 0, u32(id));
}

export function goAwayFrame(lastGoodStreamId: number, status: number): Buffer {
  return controlFrame(FrameType.GoAway, 0, u32(lastGoodStreamId & 0x7fffffff, status));
}

/** The stream a SYN_STREAM opens and its compressed header block. */
export function parseSynStream(payload: Buffer): { streamId: number; headerBlock: Buffer } {
  if (payload.length < 10) throw new Error('SYN_STREAM frame too short');
  return { streamId: payload.readUInt32BE(0) & 0x7fffffff, headerBlock: payload.subarray(10) };
}

/** The stream id that RST_STREAM, WINDOW_UPDATE, HEADERS and SYN_REPLY frames start with. */
export function frameStreamId(payload: Buffer): number {
  return payload.length >= 4 ? payload.readUInt32BE(0) & 0x7fffffff : 0;
}

/** A name/value header block (draft 3, 2.6.10), uncompressed: count, then length-prefixed pairs. */
export function encodeNameValues(headers: Record<string, string>): Buffer {
  const entries = Object.entries(headers);
  const parts: Buffer[] = [u32(entries.length)];
  for (const [name, value] of entries) {
    const n = Buffer.from(name.toLowerCase(), 'utf8');
    const v = Buffer.from(value, 'utf8');
    parts.push(u32(n.length), n, u32(v.length), v);
  }
  return Buffer.concat(parts);
}

/** The pairs of an uncompressed name/value block; several values of one name join with NUL. */
export function decodeNameValues(block: Buffer): Record<string, string> {
  const out: Record<string, string> = {};
  let at = 0;
  const take = (): Buffer => {
    if (at + 4 > block.length) throw new Error('truncated SPDY header block');
    const length = block.readUInt32BE(at);
    at += 4;
    if (at + length > block.length) throw new Error('truncated SPDY header block');
    const b = block.subarray(at, at + length);
    at += length;
    return b;
  };
  if (block.length < 4) throw new Error('truncated SPDY header block');
  const count = block.readUInt32BE(0);
  at = 4;
  for (let i = 0; i < count; i++) {
    const name = take().toString('utf8');
    out[name] = take().toString('utf8');
  }
  return out;
}
