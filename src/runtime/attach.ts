// Attach to a running container's own process (Docker attach): its stdin (when the container
// was created with OpenStdin), its output, and with a TTY its terminal size. The stream ends
// when the process exits; a local EOF half-closes, which with StdinOnce closes the container's
// stdin for good, as the kubelet's attach does.
import type Docker from 'dockerode';
import { RuntimeError } from './client.js';
import { type Duplex, finished, forwardStdin, pipeOutput } from './exec.js';
import type { AttachOptions } from './types.js';

export async function attachTo(docker: Docker, containerId: string, opts: AttachOptions): Promise<void> {
  const container = docker.getContainer(containerId);
  let stream: Duplex;
  try {
    stream = (await container.attach({
      stream: true,
      hijack: true,
      stdin: opts.stdin !== undefined,
      stdout: true,
      stderr: true,
    })) as unknown as Duplex;
  } catch (err) {
    throw new RuntimeError('attach to', containerId, err);
  }
  const cleanups: Array<() => void> = [];
  try {
    pipeOutput(stream, opts);
    if (opts.tty && opts.terminal) cleanups.push(forwardResize(container, opts.terminal));
    if (opts.stdin) cleanups.push(forwardStdin(opts.stdin, stream));
    await finished(stream);
  } finally {
    for (const c of cleanups) c();
  }
}

/**
 * The local size at start and on every resize. The first size is one row and column larger, then
 * the real one (as kubectl attach does): the change makes the shell redraw its prompt, whose
 * first drawing happened before anyone was attached.
 */
function forwardResize(container: Docker.Container, terminal: NonNullable<AttachOptions['terminal']>) {
  let chain: Promise<unknown> = Promise.resolve();
  const send = (grow: number) => {
    chain = chain
      .then(() => {
        const size = terminal.size();
        if (!size || size.rows <= 0 || size.cols <= 0) return undefined;
        return container.resize({ h: size.rows + grow, w: size.cols + grow });
      })
      .catch(() => {});
  };
  send(1);
  send(0);
  return terminal.onResize(() => send(0));
}
