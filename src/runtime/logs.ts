// Container logs, demultiplexed to the caller's stdout and stderr. With `follow` the stream ends
// when the container stops, as `kubectl logs -f` does.
import type Docker from 'dockerode';
import { isNotFound, RuntimeError } from './client.js';
import { Demuxer } from './demux.js';
import type { LogsOptions } from './types.js';

export async function containerLogs(docker: Docker, id: string, opts: LogsOptions): Promise<void> {
  const c = docker.getContainer(id);
  try {
    const info = await c.inspect();
    const base = {
      stdout: true,
      stderr: true,
      timestamps: opts.timestamps,
      ...(opts.tail !== undefined && opts.tail >= 0 ? { tail: opts.tail } : {}),
      ...(opts.since !== undefined ? { since: opts.since } : {}),
    };
    const write = (target: NodeJS.WritableStream) => (b: Buffer) => void target.write(b);
    // A TTY container's log is one raw stream; otherwise it is multiplexed.
    const sink = info.Config?.Tty
      ? { push: write(opts.stdout) }
      : new Demuxer(write(opts.stdout), write(opts.stderr));
    if (!opts.follow) {
      const data = (await c.logs({ ...base, follow: false })) as unknown as Buffer;
      sink.push(Buffer.isBuffer(data) ? data : Buffer.from(String(data)));
      return;
    }
    const stream = (await c.logs({ ...base, follow: true })) as unknown as NodeJS.ReadableStream & {
      destroy(): void;
    };
    if (opts.signal?.aborted) {
      stream.destroy();
      return;
    }
    await new Promise<void>((resolve, reject) => {
      opts.signal?.addEventListener('abort', () => {
        stream.destroy();
        resolve();
      });
      stream.on('data', (chunk: Buffer) => sink.push(chunk));
      stream.on('end', resolve);
      stream.on('close', resolve);
      stream.on('error', reject);
    });
  } catch (err) {
    if (isNotFound(err)) throw new RuntimeError('logs', id, new Error('container not found'));
    throw new RuntimeError('logs', id, err);
  }
}
