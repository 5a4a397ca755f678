// docker-modem formats each request's options with util.inspect (showHidden, unlimited depth) for
// a debug log that is off: the client's HTTP agent, with its sockets, must format as one word.
import util from 'node:util';
import { describe, expect, it } from 'vitest';
import { dockerClient } from '../../../src/runtime/client.js';

describe('dockerClient', () => {
  it('keeps the per-request inspection of its options cheap', () => {
    const { agent } = dockerClient().modem as unknown as { agent: object };
    const options = { path: '/containers/json', method: 'GET', agent };
    expect(util.inspect(options, { showHidden: true, depth: null })).toBe(
      "{ path: '/containers/json', method: 'GET', agent: [Agent] }",
    );
  });
});
