// The Docker client and the errors of talking to it. dockerode finds the engine as the docker CLI
// does for the common cases: DOCKER_HOST, /var/run/docker.sock, or Docker Desktop's socket.
import http from 'node:http';
import https from 'node:https';
import util from 'node:util';
// Before dockerode: it fills two module slots dockerode would fill with gRPC and ssh2.
import './dockerode-stand-ins.js';
import Docker from 'dockerode';
import { trace, tracing } from '../util/trace.js';

/**
 * A client that opens a fresh connection per request. A dockerd that is shutting down closes its
 * listener first but keeps serving kept-alive connections while it stops every container; the
 * kubelet must see it as gone then, not re-create pods that the shutdown kills again.
 */
export function dockerClient(): Docker {
  const protocol = (new Docker().modem as { protocol?: string }).protocol;
  const agent =
    protocol === 'https' ? new https.Agent({ keepAlive: false }) : new http.Agent({ keepAlive: false });
  // docker-modem formats every request's options with util.inspect (showHidden, no depth limit)
  // for its debug log even when that log is off, agent and sockets included: 2 of the agent's
  // 3 CPU seconds while 20 pods started. A one-word inspection keeps that cheap.
  Object.defineProperty(agent, util.inspect.custom, { value: () => '[Agent]' });
  const docker = new Docker({ agent } as Docker.DockerOptions);
  if (tracing()) traceRequests(docker);
  return docker;
}

type Dial = (
  options: { method?: string; path?: string },
  cb?: (err: unknown, data: unknown) => void,
) => unknown;

/** MKUBE_TRACE: every Engine API request as one event, from its dial to its answer (or its stream's start). */
function traceRequests(docker: Docker): void {
  const modem = docker.modem as unknown as { dial: Dial };
  const dial = modem.dial.bind(modem);
  modem.dial = (options, cb) => {
    const t0 = performance.now();
    // Container and image ids shortened as `docker ps` does; the query string left out.
    const label = `${options.method} ${(options.path ?? '').split('?')[0]!.replace(/[0-9a-f]{64}/g, (id) => id.slice(0, 12))}`;
    return dial(options, (err, data) => {
      trace(
        'docker',
        err ? `${label} -> ${statusOf(err) ?? (err as Error).message}` : label,
        performance.now() - t0,
      );
      cb?.(err, data);
    });
  };
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

const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE']);

/**
 * The engine did not answer at all (down, restarting, socket gone): no fault of the container or
 * the request, so nothing to back off or report per container. Looks through RuntimeError causes.
 */
export function isEngineUnreachable(err: unknown): boolean {
  let e = err as (Error & { code?: string; syscall?: string; cause?: unknown }) | undefined;
  for (let depth = 0; e && depth < 5; depth++, e = e.cause as typeof e) {
    if (e.code && UNREACHABLE_CODES.has(e.code)) return true;
    if (e.code === 'ENOENT' && e.syscall === 'connect') return true;
    if (e.message === 'socket hang up') return true;
  }
  return false;
}
