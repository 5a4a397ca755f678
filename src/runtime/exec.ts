// Run a command in a running container over Docker's hijacked exec stream: stdin forwarded (with
// half-close on EOF), output demultiplexed unless a TTY, terminal resizes forwarded.
import type Docker from 'dockerode';
import { RuntimeError } from './client.js';
import { Demuxer } from './demux.js';
import type { ExecOptions } from './types.js';

export class ExecTimeoutError extends Error {
  constructor(ms: number) {
    super(`command timed out after ${ms}ms`);
    this.name = 'ExecTimeoutError';
  }
}

export type Duplex = NodeJS.ReadWriteStream & { destroy(): void };

export async function execIn(docker: Docker, containerId: string, opts: ExecOptions): Promise<number> {
  const withStdin = opts.stdin !== undefined;
  let exec: Docker.Exec;
  let stream: Duplex;
  try {
    exec = await docker.getContainer(containerId).exec({
      Cmd: opts.command,
      AttachStdin: withStdin,
      AttachStdout: true,
      AttachStderr: true,
      Tty: opts.tty,
    });
    stream = (await exec.start({ hijack: true, stdin: withStdin, Tty: opts.tty })) as unknown as Duplex;
  } catch (err) {
    throw new RuntimeError('exec in', containerId, err);
  }
  const cleanups: Array<() => void> = [];
  try {
    pipeOutput(stream, opts);
    if (opts.tty && opts.terminal) cleanups.push(forwardResize(exec, opts.terminal));
    if (opts.stdin) cleanups.push(forwardStdin(opts.stdin, stream));
    await finished(stream, opts.timeoutMs);
  } finally {
    for (const c of cleanups) c();
  }
  return exitCodeOf(exec);
}

export function pipeOutput(stream: Duplex, opts: Pick<ExecOptions, 'tty' | 'stdout' | 'stderr'>): void {
  if (opts.tty) {
    stream.on('data', (b: Buffer) => opts.stdout.write(b));
    return;
  }
  const demux = new Demuxer(
    (b) => opts.stdout.write(b),
    (b) => opts.stderr.write(b),
  );
  stream.on('data', (b: Buffer) => demux.push(b));
}

function forwardResize(exec: Docker.Exec, terminal: NonNullable<ExecOptions['terminal']>): () => void {
  // One resize request at a time, each reading the size when it goes out: two quick resizes
  // (stty sets rows, then cols) must not reach Docker out of order.
  let chain: Promise<unknown> = Promise.resolve();
  const apply = () => {
    chain = chain
      .then(() => {
        const size = terminal.size();
        if (size && size.rows > 0 && size.cols > 0) return exec.resize({ h: size.rows, w: size.cols });
        return undefined;
      })
      .catch(() => {});
  };
  apply();
  return terminal.onResize(apply);
}

/** Local stdin -> the exec; EOF half-closes so the remote process sees its stdin end. */
export function forwardStdin(stdin: NodeJS.ReadableStream, stream: Duplex): () => void {
  const onData = (d: Buffer) => stream.write(d);
  const onEnd = () => stream.end();
  stdin.on('data', onData);
  stdin.on('end', onEnd);
  stdin.resume();
  return () => {
    stdin.removeListener('data', onData);
    stdin.removeListener('end', onEnd);
    stdin.pause();
  };
}

export function finished(stream: Duplex, timeoutMs?: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    stream.on('end', done);
    stream.on('close', done);
    stream.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    if (timeoutMs !== undefined) {
      timer = setTimeout(() => {
        stream.destroy();
        reject(new ExecTimeoutError(timeoutMs));
      }, timeoutMs);
    }
  });
}

/** The stream can end a moment before Docker records the exit code. */
async function exitCodeOf(exec: Docker.Exec): Promise<number> {
  for (let i = 0; i < 50; i++) {
    const info = await exec.inspect();
    if (!info.Running && info.ExitCode !== null && info.ExitCode !== undefined) return info.ExitCode;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('the exec did not report an exit code');
}
