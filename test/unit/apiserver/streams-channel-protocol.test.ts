import { describe, expect, it } from 'vitest';
import {
  chooseProtocol,
  decodeClientFrame,
  encodeFrame,
  exitStatus,
  failureStatus,
} from '../../../src/apiserver/streams/channel-protocol.js';
import { parseStreamRequest, validateStreamRequest } from '../../../src/apiserver/streams/exec-ws.js';

describe('the RemoteCommand channel framing', () => {
  it('prefixes every frame with its channel byte', () => {
    expect([...encodeFrame(1, 'out\n')]).toEqual([1, 0x6f, 0x75, 0x74, 0x0a]);
    expect([...encodeFrame(2, Buffer.from([0, 255]))]).toEqual([2, 0, 255]);
    expect([...encodeFrame(3, '')]).toEqual([3]);
  });

  it.each([
    ['stdin data', [0, 104, 105], { type: 'stdin', data: Buffer.from('hi') }],
    ['empty stdin', [0], { type: 'stdin', data: Buffer.alloc(0) }],
    ['v5 close of stdin', [255, 0], { type: 'close', channel: 0 }],
    ['a close without a channel', [255], { type: 'ignored' }],
    ['a resize', [4, ...Buffer.from('{"Width":80,"Height":24}')], { type: 'resize', width: 80, height: 24 }],
    ['a malformed resize', [4, ...Buffer.from('{"Width":')], { type: 'ignored' }],
    ['a negative resize', [4, ...Buffer.from('{"Width":-1,"Height":2}')], { type: 'ignored' }],
    ['a frame on stdout (the server writes that one)', [1, 65], { type: 'ignored' }],
    ['an empty message', [], { type: 'ignored' }],
  ])('decodes %s', (_name, bytes, frame) => {
    expect(decodeClientFrame(Buffer.from(bytes as number[]))).toEqual(frame);
  });

  it.each([
    [['v5.channel.k8s.io', 'v4.channel.k8s.io', 'v3.channel.k8s.io'], 'v5.channel.k8s.io'],
    [[' v4.channel.k8s.io', 'channel.k8s.io'], 'v4.channel.k8s.io'],
    [['v3.channel.k8s.io', 'base64.channel.k8s.io'], undefined],
    [[], undefined],
  ])('negotiates %j to %s', (offered, chosen) => {
    expect(chooseProtocol(offered)).toBe(chosen);
  });

  it('ends with Success for exit code 0 and the kubelet NonZeroExitCode Status otherwise', () => {
    expect(exitStatus(['true'], 0)).toEqual({ metadata: {}, status: 'Success' });
    expect(exitStatus(['sh', '-c', 'exit 7'], 7)).toEqual({
      metadata: {},
      status: 'Failure',
      message:
        'command terminated with non-zero exit code: error executing command [sh -c exit 7], exit code 7',
      reason: 'NonZeroExitCode',
      details: { causes: [{ reason: 'ExitCode', message: '7' }] },
    });
    expect(failureStatus('boom')).toEqual({
      metadata: {},
      status: 'Failure',
      message: 'boom',
      reason: 'InternalError',
      code: 500,
    });
  });
});

describe('the exec/attach request', () => {
  const url = (path: string) => new URL(path, 'https://127.0.0.1');

  it('reads the command, container and streams of an exec', () => {
    expect(
      parseStreamRequest(
        url(
          '/api/v1/namespaces/ns1/pods/web/exec?command=sh&command=-c&command=echo+a%26b&container=c1&stdin=true&stdout=true&stderr=true',
        ),
      ),
    ).toEqual({
      verb: 'exec',
      namespace: 'ns1',
      pod: 'web',
      container: 'c1',
      command: ['sh', '-c', 'echo a&b'],
      stdin: true,
      stdout: true,
      stderr: true,
      tty: false,
    });
  });

  it('opens no stderr with a TTY, and reads an attach', () => {
    expect(
      parseStreamRequest(
        url('/api/v1/namespaces/default/pods/p/attach?stdin=true&stdout=true&stderr=true&tty=true'),
      ),
    ).toEqual({
      verb: 'attach',
      namespace: 'default',
      pod: 'p',
      container: null,
      command: [],
      stdin: true,
      stdout: true,
      stderr: false,
      tty: true,
    });
  });

  it('leaves other paths to others', () => {
    expect(parseStreamRequest(url('/api/v1/namespaces/default/pods/p/portforward'))).toBeUndefined();
    expect(parseStreamRequest(url('/api/v1/namespaces/default/pods/p/log'))).toBeUndefined();
    expect(parseStreamRequest(url('/api/v1/namespaces/default/pods/p/exec/x'))).toBeUndefined();
  });

  it.each([
    ['/api/v1/namespaces/d/pods/p/exec?command=ls', 'you must specify at least 1 of stdin, stdout, stderr'],
    [
      '/api/v1/namespaces/d/pods/p/exec?stdout=true',
      'you must specify at least one command for the container',
    ],
  ])('refuses %s', (path, message) => {
    expect(() => validateStreamRequest(parseStreamRequest(url(path))!)).toThrow(message);
  });

  it('accepts an attach without a command', () => {
    expect(() =>
      validateStreamRequest(parseStreamRequest(url('/api/v1/namespaces/d/pods/p/attach?stdout=true'))!),
    ).not.toThrow();
  });
});
