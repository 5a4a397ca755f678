// The server side of a SPDY/3.1 connection as client-go's spdystream speaks it: the client opens
// every stream (SYN_STREAM with its headers), the server accepts each with a SYN_REPLY, then both
// sides send DATA and end their half with FIN; RST_STREAM aborts one; PINGs are echoed; GOAWAY
// ends the connection. Each stream is a Node Duplex. Flow control (WINDOW_UPDATE) is not enforced:
// spdystream does not wait for window updates either.
import { Duplex } from 'node:stream';
import {
  dataFrame,
  FLAG_FIN,
  type Frame,
  FrameReader,
  FrameType,
  frameStreamId,
  goAwayFrame,
  MAX_DATA_PAYLOAD,
  parseSynStream,
  pingFrame,
  RstStatus,
  rstStreamFrame,
  synReplyFrame,
} from './spdy-frames.js';
import { HeaderDeflater, HeaderInflater } from './spdy-headers.js';

/** Where the session's bytes go: a TCP socket, or WebSocket messages for a tunnelled connection. */
export interface SpdyTransport {
  /** Sends the bytes; `written` runs once they are handed to the socket (backpressure). */
  write(bytes: Buffer, written?: () => void): void;
  close(): void;
}

export class SpdyStream extends Duplex {
  /** Set when the peer sent FIN or the stream was reset, so no more DATA is expected. */
  remoteClosed = false;
  private localClosed = false;

  constructor(
    readonly id: number,
    readonly headers: Record<string, string>,
    private readonly session: SpdySession,
  ) {
    super({ allowHalfOpen: true });
  }

  override _read(): void {}

  override _write(chunk: Buffer, _enc: BufferEncoding, done: (e?: Error | null) => void): void {
    // The next chunk is taken once this one reached the socket: a fast pod does not fill memory.
    if (chunk.length === 0) {
      done();
      return;
    }
    for (let at = 0; at < chunk.length; at += MAX_DATA_PAYLOAD) {
      const last = at + MAX_DATA_PAYLOAD >= chunk.length;
      this.session.send(
        dataFrame(this.id, 0, chunk.subarray(at, at + MAX_DATA_PAYLOAD)),
        last ? () => done() : undefined,
      );
    }
  }

  override _final(done: (e?: Error | null) => void): void {
    this.finish();
    done();
  }

  /** Sends FIN once. */
  finish(): void {
    if (this.localClosed) return;
    this.localClosed = true;
    this.session.send(dataFrame(this.id, FLAG_FIN, Buffer.alloc(0)));
    this.session.maybeForget(this);
  }

  get bothClosed(): boolean {
    return this.localClosed && this.remoteClosed;
  }

  /** Aborts the stream: RST_STREAM CANCEL unless it already ended both ways or the peer reset it. */
  reset(byPeer = false): void {
    if (!byPeer && !this.bothClosed) this.session.send(rstStreamFrame(this.id, RstStatus.Cancel));
    this.localClosed = this.remoteClosed = true;
    this.session.maybeForget(this);
    this.destroy();
  }
}

export class SpdySession {
  private readonly reader = new FrameReader();
  private readonly inflater = new HeaderInflater();
  private readonly deflater = new HeaderDeflater();
  private readonly streams = new Map<number, SpdyStream>();
  private queue: Promise<void> = Promise.resolve();
  private lastStreamId = 0;
  private closed = false;

  constructor(
    private readonly transport: SpdyTransport,
    private readonly onStream: (stream: SpdyStream) => void,
    private readonly onClose: () => void = () => {},
  ) {}

  /** Bytes from the peer; frames are handled strictly in order. */
  receive(chunk: Buffer): void {
    if (this.closed) return;
    let frames: Frame[];
    try {
      frames = this.reader.push(chunk);
    } catch {
      this.close();
      return;
    }
    for (const frame of frames)
      this.queue = this.queue.then(() => this.handle(frame)).catch(() => this.close());
  }

  send(bytes: Buffer, written?: () => void): void {
    if (this.closed) written?.();
    else this.transport.write(bytes, written);
  }

  maybeForget(stream: SpdyStream): void {
    if (stream.bothClosed) this.streams.delete(stream.id);
  }

  /** The transport ended or failed: every stream ends with it. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.inflater.close();
    for (const stream of this.streams.values()) stream.destroy();
    this.streams.clear();
    this.transport.close();
    this.onClose();
  }

  /** Says goodbye (GOAWAY OK) and closes. */
  goAway(): void {
    this.send(goAwayFrame(this.lastStreamId, 0));
    this.close();
  }

  private async handle(frame: Frame): Promise<void> {
    if (this.closed) return;
    if (!frame.control) return this.data(frame.streamId, frame.flags, frame.payload);
    switch (frame.type) {
      case FrameType.SynStream: {
        const { streamId, headerBlock } = parseSynStream(frame.payload);
        const headers = await this.inflater.headers(headerBlock);
        if (this.closed) return;
        this.lastStreamId = streamId;
        const stream = new SpdyStream(streamId, headers, this);
        this.streams.set(streamId, stream);
        this.send(synReplyFrame(streamId, 0, this.deflater.block({})));
        if (frame.flags & FLAG_FIN) this.remoteFin(stream);
        this.onStream(stream);
        return;
      }
      case FrameType.Headers:
        // Headers after the stream opened: keep the zlib state in step, nothing else to do.
        await this.inflater.headers(frame.payload.subarray(4));
        return;
      case FrameType.RstStream: {
        const stream = this.streams.get(frameStreamId(frame.payload));
        stream?.reset(true);
        return;
      }
      case FrameType.Ping:
        this.send(pingFrame(frame.payload.readUInt32BE(0)));
        return;
      case FrameType.GoAway:
        this.close();
        return;
      default:
        // SETTINGS, WINDOW_UPDATE and the rest: nothing to do for port-forward.
        return;
    }
  }

  private data(streamId: number, flags: number, payload: Buffer): void {
    const stream = this.streams.get(streamId);
    if (!stream || stream.remoteClosed) {
      this.send(rstStreamFrame(streamId, RstStatus.InvalidStream));
      return;
    }
    if (payload.length) stream.push(payload);
    if (flags & FLAG_FIN) this.remoteFin(stream);
  }

  private remoteFin(stream: SpdyStream): void {
    stream.remoteClosed = true;
    stream.push(null);
    this.maybeForget(stream);
  }
}
