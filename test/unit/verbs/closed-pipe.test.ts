// A closed stdout pipe ends mkube as SIGPIPE ends kubectl: quietly, status 141.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CLOSED_PIPE_EXIT, exitQuietlyOnClosedPipe } from '../../../src/commands/closed-pipe.js';

const epipe = () => Object.assign(new Error('write EPIPE'), { code: 'EPIPE' });

describe('exitQuietlyOnClosedPipe', () => {
  it('exits with 141 when the reader of stdout or stderr goes away', () => {
    const exits: number[] = [];
    const out = new PassThrough();
    const err = new PassThrough();
    exitQuietlyOnClosedPipe([out, err], ((code: number) => exits.push(code)) as never);
    out.emit('error', epipe());
    err.emit('error', epipe());
    expect(exits).toEqual([CLOSED_PIPE_EXIT, CLOSED_PIPE_EXIT]);
  });

  it('lets any other stream error through', () => {
    const out = new PassThrough();
    exitQuietlyOnClosedPipe([out], (() => undefined) as never);
    expect(() => out.emit('error', Object.assign(new Error('disk full'), { code: 'ENOSPC' }))).toThrow(
      'disk full',
    );
  });
});
