// kubectl is a Go program: a write to a closed stdout/stderr pipe kills it with SIGPIPE, so
// `kubectl logs x | head -1` ends quietly with the shell's status 141 (128 + SIGPIPE). Node
// ignores SIGPIPE and reports EPIPE as an 'error' event instead, which would crash with a stack
// trace; these helpers turn it back into kubectl's quiet exit.

/** The status a shell reports for a process killed by SIGPIPE. */
export const CLOSED_PIPE_EXIT = 141;

/** True for the error a write to a pipe whose reader went away fails with. */
export function isClosedPipe(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'EPIPE';
}

/**
 * Exit at once, silently, when the process's own stdout or stderr reader goes away: whatever the
 * command was streaming (logs -f, get -w, exec, port-forward) has nobody left to read it.
 */
export function exitQuietlyOnClosedPipe(streams: NodeJS.WritableStream[], exit = process.exit): void {
  for (const stream of streams) {
    stream.on('error', (err: unknown) => {
      if (!isClosedPipe(err)) throw err;
      exit(CLOSED_PIPE_EXIT);
    });
  }
}
