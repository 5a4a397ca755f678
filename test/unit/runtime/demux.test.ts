import { describe, expect, it } from 'vitest';
import { Demuxer, frame } from '../../../src/runtime/demux.js';
import { decodeEvent } from '../../../src/runtime/events.js';

function run(chunks: Buffer[]) {
  const out: string[] = [];
  const err: string[] = [];
  const d = new Demuxer(
    (b) => out.push(b.toString()),
    (b) => err.push(b.toString()),
  );
  for (const c of chunks) d.push(c);
  return { out: out.join(''), err: err.join(''), leftover: d.leftover };
}

describe('Docker stream demultiplexing', () => {
  it('sends stream 1 to stdout and stream 2 to stderr', () => {
    expect(run([Buffer.concat([frame(1, 'a\n'), frame(2, 'b\n'), frame(1, 'c\n')])])).toEqual({
      out: 'a\nc\n',
      err: 'b\n',
      leftover: 0,
    });
  });

  it('reassembles frames split anywhere, even inside the header', () => {
    const all = Buffer.concat([frame(1, 'hello '), frame(2, 'warn'), frame(1, 'world')]);
    const bytes = [...all].map((b) => Buffer.from([b]));
    expect(run(bytes)).toEqual({ out: 'hello world', err: 'warn', leftover: 0 });
  });

  it('holds an incomplete frame back', () => {
    expect(run([frame(1, 'partial').subarray(0, 10)])).toEqual({ out: '', err: '', leftover: 10 });
  });
});

describe('Docker events', () => {
  it('reads action, container and pod uid', () => {
    const line = JSON.stringify({
      Type: 'container',
      Action: 'die',
      Actor: { ID: 'c1', Attributes: { 'io.mkube.pod.uid': 'u1', exitCode: '0' } },
    });
    expect(decodeEvent(line)).toEqual({ action: 'die', containerId: 'c1', podUid: 'u1' });
  });

  it('keeps only the verb of exec actions', () => {
    const line = JSON.stringify({ Type: 'container', Action: 'exec_start: sh -c true', Actor: { ID: 'c1' } });
    expect(decodeEvent(line)).toEqual({ action: 'exec_start', containerId: 'c1' });
  });

  it('ignores other object types and junk', () => {
    expect(
      decodeEvent(JSON.stringify({ Type: 'network', Action: 'connect', Actor: { ID: 'n' } })),
    ).toBeUndefined();
    expect(decodeEvent('not json')).toBeUndefined();
  });
});
