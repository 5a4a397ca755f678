// SPDY/3.1 framing for pods/portforward, checked against bytes the real kubectl 1.32 sent: the
// dictionary-primed header zlib stream, frames cut across chunk boundaries, the session's replies.
import { constants, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { portForwardTarget } from '../../../src/apiserver/streams/port-forward-ws.js';
import { SPDY3_HEADER_DICTIONARY } from '../../../src/apiserver/streams/spdy-dictionary.js';
import {
  controlFrame,
  dataFrame,
  decodeNameValues,
  encodeNameValues,
  FrameReader,
  FrameType,
  pingFrame,
  rstStreamFrame,
} from '../../../src/apiserver/streams/spdy-frames.js';
import { HeaderDeflater, HeaderInflater } from '../../../src/apiserver/streams/spdy-headers.js';
import { SpdySession, type SpdyStream } from '../../../src/apiserver/streams/spdy-session.js';

/** The SYN_STREAM payloads of kubectl 1.32's first port-forward connection (error, then data stream). */
const KUBECTL_SYN_ERROR = Buffer.from([
  0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 120, 249, 227, 198, 167, 194, 2, 37, 58, 112, 58, 43, 41, 74, 77, 204, 133,
  22, 37, 172, 169, 160, 128, 134, 20, 203, 69, 224, 28, 96, 97, 96, 97, 192, 192, 192, 192, 89, 4, 137, 198,
  76, 80, 242, 102, 52, 0, 0, 0, 0, 255, 255,
]);
const KUBECTL_SYN_DATA = Buffer.from([
  0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 194, 170, 25, 84, 14, 37, 18, 214, 11, 0, 0, 0, 255, 255,
]);

function adler32(b: Buffer): number {
  let a = 1;
  let s = 0;
  for (const byte of b) {
    a = (a + byte) % 65521;
    s = (s + a) % 65521;
  }
  return ((s << 16) | a) >>> 0;
}

describe('the SPDY/3 header dictionary', () => {
  it('is the 1423 bytes whose checksum SPDY/3 peers announce', () => {
    expect([SPDY3_HEADER_DICTIONARY.length, adler32(SPDY3_HEADER_DICTIONARY).toString(16)]).toEqual([
      1423,
      'e3c6a7c2',
    ]);
    // kubectl's first header block names the same dictionary (zlib FDICT, DICTID after the header).
    expect(KUBECTL_SYN_ERROR.readUInt32BE(12).toString(16)).toBe('e3c6a7c2');
  });
});

describe('header blocks', () => {
  it("inflates kubectl's blocks in order with one zlib state", async () => {
    const inflater = new HeaderInflater();
    const error = await inflater.headers(KUBECTL_SYN_ERROR.subarray(10));
    const data = await inflater.headers(KUBECTL_SYN_DATA.subarray(10));
    inflater.close();
    expect([error, data]).toEqual([
      { streamtype: 'error', port: '8080', requestid: '0' },
      { streamtype: 'data', port: '8080', requestid: '0' },
    ]);
  });

  it('writes blocks that a zlib inflater reads as one stream, each ending on a sync flush', () => {
    const deflater = new HeaderDeflater();
    const first = deflater.block({});
    const second = deflater.block({ Status: '200', x: 'a\0b' });
    expect(first.toString('hex')).toBe('7801' + '000400fbff00000000' + '000000ffff');
    const all = inflateSync(Buffer.concat([first, second]), { finishFlush: constants.Z_SYNC_FLUSH });
    expect(all).toEqual(
      Buffer.concat([encodeNameValues({}), encodeNameValues({ status: '200', x: 'a\0b' })]),
    );
    expect(decodeNameValues(all.subarray(4))).toEqual({ status: '200', x: 'a\0b' });
  });

  it('refuses a truncated block', () => {
    expect(() => decodeNameValues(Buffer.from([0, 0, 0, 1, 0, 0, 0, 9, 0x61]))).toThrow(
      'truncated SPDY header block',
    );
  });
});

describe('FrameReader', () => {
  it('cuts control and data frames out of chunks split anywhere', () => {
    const bytes = Buffer.concat([pingFrame(7), dataFrame(3, 1, Buffer.from('hello')), rstStreamFrame(5, 5)]);
    const reader = new FrameReader();
    const frames = [...bytes].flatMap((byte) => reader.push(Buffer.from([byte])));
    expect(frames).toEqual([
      { control: true, type: FrameType.Ping, flags: 0, payload: Buffer.from([0, 0, 0, 7]) },
      { control: false, streamId: 3, flags: 1, payload: Buffer.from('hello') },
      { control: true, type: FrameType.RstStream, flags: 0, payload: Buffer.from([0, 0, 0, 5, 0, 0, 0, 5]) },
    ]);
  });

  it('refuses another SPDY version', () => {
    const v2 = Buffer.from('80020006000000040000000a', 'hex');
    expect(() => new FrameReader().push(v2)).toThrow('unsupported SPDY version 2');
  });
});

describe('SpdySession', () => {
  function session() {
    const sent: string[] = [];
    const streams: SpdyStream[] = [];
    const s = new SpdySession(
      {
        write: (b, written) => {
          sent.push(b.toString('hex'));
          written?.();
        },
        close: () => sent.push('closed'),
      },
      (st) => streams.push(st),
    );
    return { s, sent, streams };
  }
  const settle = () => new Promise((r) => setTimeout(r, 20));

  it('accepts streams, carries DATA both ways, ends halves with FIN and echoes PINGs', async () => {
    const { s, sent, streams } = session();
    s.receive(controlFrame(FrameType.SynStream, 0, KUBECTL_SYN_ERROR));
    s.receive(
      Buffer.concat([
        dataFrame(1, 1, Buffer.alloc(0)),
        controlFrame(FrameType.SynStream, 0, KUBECTL_SYN_DATA),
      ]),
    );
    s.receive(Buffer.concat([dataFrame(3, 0, Buffer.from('GET /')), pingFrame(1)]));
    await settle();
    expect(streams.map((st) => [st.id, st.headers.streamtype, st.remoteClosed])).toEqual([
      [1, 'error', true],
      [3, 'data', false],
    ]);
    expect(streams[1]!.read()?.toString()).toBe('GET /');
    streams[1]!.end('HTTP/1.1 200 OK');
    await settle();
    expect(sent).toEqual([
      '80030002000000140000000178010004' + '00fbff00000000000000ffff', // SYN_REPLY 1 (zlib header, no pairs)
      '800300020000001200000003' + '000400fbff00000000000000ffff', // SYN_REPLY 3
      '8003000600000004' + '00000001', // PING 1 back
      dataFrame(3, 0, Buffer.from('HTTP/1.1 200 OK')).toString('hex'),
      '0000000301000000', // FIN on stream 3
    ]);
  });

  it('destroys a reset stream, refuses DATA for unknown streams and closes on GOAWAY', async () => {
    const { s, sent, streams } = session();
    s.receive(controlFrame(FrameType.SynStream, 0, KUBECTL_SYN_ERROR));
    await settle();
    s.receive(rstStreamFrame(1, 5));
    s.receive(dataFrame(9, 0, Buffer.from('x')));
    s.receive(controlFrame(FrameType.GoAway, 0, Buffer.alloc(8)));
    await settle();
    expect(streams[0]!.destroyed).toBe(true);
    expect(sent.slice(1)).toEqual([rstStreamFrame(9, 2).toString('hex'), 'closed']);
  });
});

describe('portForwardTarget', () => {
  it.each([
    ['/api/v1/namespaces/default/pods/web/portforward', { namespace: 'default', name: 'web' }],
    ['/api/v1/namespaces/a%2Db/pods/w/portforward', { namespace: 'a-b', name: 'w' }],
    ['/api/v1/namespaces/default/pods/web/exec', undefined],
    ['/api/v1/namespaces/default/pods/web/portforward/x', undefined],
  ])('%s', (path, want) => expect(portForwardTarget(path)).toEqual(want));
});
