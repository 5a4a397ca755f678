// Telling "the engine is not there" apart from a request the engine refused, and the back-off
// between attempts to reach it again.
import { describe, expect, it } from 'vitest';
import { isEngineUnreachable, RuntimeError } from '../../../src/runtime/client.js';
import { ReconnectBackoff } from '../../../src/runtime/reconnect.js';

const sysErr = (message: string, code: string, syscall: string) =>
  Object.assign(new Error(message), { code, syscall });

describe('isEngineUnreachable', () => {
  const cases: [string, unknown, boolean][] = [
    [
      'no socket file (dockerd gone)',
      sysErr('connect ENOENT /var/run/docker.sock', 'ENOENT', 'connect'),
      true,
    ],
    ['nobody listens on the socket', sysErr('connect ECONNREFUSED', 'ECONNREFUSED', 'connect'), true],
    ['the connection was reset', sysErr('read ECONNRESET', 'ECONNRESET', 'read'), true],
    ['the engine hung up mid-request', new Error('socket hang up'), true],
    [
      'wrapped in a RuntimeError',
      new RuntimeError('start container', 'x', sysErr('connect ENOENT', 'ENOENT', 'connect')),
      true,
    ],
    [
      'a missing file that is not the socket',
      sysErr("ENOENT: no such file, open '/x'", 'ENOENT', 'open'),
      false,
    ],
    [
      'an error the engine answered with',
      new RuntimeError('create container', 'x', Object.assign(new Error('HTTP 409'), { statusCode: 409 })),
      false,
    ],
    ['not an error at all', undefined, false],
  ];
  for (const [name, err, expected] of cases) {
    it(`${name}: ${expected}`, () => expect(isEngineUnreachable(err)).toBe(expected));
  }
});

describe('ReconnectBackoff', () => {
  it('waits 1s, doubling to 4s, and starts over after a success', () => {
    const b = new ReconnectBackoff();
    const first = [b.next(), b.next(), b.next(), b.next(), b.next()];
    b.reset();
    expect({ first, afterReset: b.next() }).toEqual({
      first: [1000, 2000, 4000, 4000, 4000],
      afterReset: 1000,
    });
  });
});
