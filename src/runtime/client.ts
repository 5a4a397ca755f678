// The Docker client and the errors of talking to it. dockerode finds the engine as the docker CLI
// does for the common cases: DOCKER_HOST, /var/run/docker.sock, or Docker Desktop's socket.
import Docker from 'dockerode';

export function dockerClient(): Docker {
  return new Docker();
}

/** A Docker operation that failed: carries the operation and its target, as kind's errors do. */
export class RuntimeError extends Error {
  constructor(
    readonly op: string,
    readonly target: string,
    override readonly cause: unknown,
  ) {
    super(`${op} ${target}: ${dockerMessage(cause)}`);
    this.name = 'RuntimeError';
  }
}

/** The engine's own message when it sent one (`{"message": ...}`), else the error's message. */
export function dockerMessage(err: unknown): string {
  const e = err as { json?: { message?: string }; reason?: string; message?: string } | undefined;
  return e?.json?.message ?? e?.message ?? String(err);
}

export function statusOf(err: unknown): number | undefined {
  const code = (err as { statusCode?: unknown } | undefined)?.statusCode;
  return typeof code === 'number' ? code : undefined;
}

export const isNotFound = (err: unknown): boolean => statusOf(err) === 404;
export const isConflict = (err: unknown): boolean => statusOf(err) === 409;
/** 304: the container was already started / already stopped. */
export const isNotModified = (err: unknown): boolean => statusOf(err) === 304;
