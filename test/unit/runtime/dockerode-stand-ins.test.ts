// dockerode must load without gRPC (BuildKit sessions) and ssh2 (ssh:// engines): ~150 ms of each
// agent start and each command that talks to Docker. The Docker client is usable all the same.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { dockerClient } from '../../../src/runtime/client.js';

const require = createRequire(import.meta.url);

describe('dockerode stand-ins', () => {
  it('keeps gRPC and ssh2 out of the process, and says so if one is ever called', () => {
    const docker = dockerClient();
    const loaded = Object.keys(require.cache).filter((p) =>
      /node_modules\/(@grpc|ssh2|cpu-features)\//.test(p),
    );
    const session = require(createRequire(require.resolve('dockerode')).resolve('./session'));
    expect({ loaded, client: typeof docker.listContainers, session: () => session() }).toEqual({
      loaded: [],
      client: 'function',
      session: expect.any(Function),
    });
    expect(() => session()).toThrow(
      'mkube does not support BuildKit sessions (image builds through dockerode)',
    );
  });
});
