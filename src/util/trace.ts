// MKUBE_TRACE=1: a timeline of where a pod start's time goes. Every traced process (the agent,
// each CLI command) appends one tab-separated line per event to `$MKUBE_HOME/trace.log`:
// wall clock (ms since the epoch, fractional), ms since its own start, pid, component, category,
// what happened, and how long it took. Unset, every call costs one check of `file`.
// `node scripts/trace-timeline.mjs $MKUBE_HOME` prints the lines of all processes as one timeline.
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';

export const TRACE_FILE = 'trace.log';

let file: string | undefined;
let component = '';

/** Start tracing to `home`'s trace file when MKUBE_TRACE=1 is set; `who` names this process. */
export function startTrace(home: string, who: string, env: NodeJS.ProcessEnv = process.env): void {
  if (env.MKUBE_TRACE !== '1') return;
  file = join(home, TRACE_FILE);
  component = who;
}

export const tracing = (): boolean => file !== undefined;

export interface TraceEntry {
  /** ms since the epoch, fractional (from the monotonic clock and its origin). */
  wallMs: number;
  /** ms since this process started. */
  monoMs: number;
  pid: number;
  component: string;
  category: string;
  message: string;
  /** How long the traced operation took, when it is one. */
  durationMs?: number;
}

/** One line of the trace file (no newline): tabs separate the fields, so they never hold one. */
export function formatTraceLine(e: TraceEntry): string {
  const clean = (s: string) => s.replace(/[\t\n]/g, ' ');
  return [
    e.wallMs.toFixed(3),
    e.monoMs.toFixed(3),
    String(e.pid),
    clean(e.component),
    clean(e.category),
    clean(e.message),
    e.durationMs === undefined ? '-' : e.durationMs.toFixed(3),
  ].join('\t');
}

/** Record an event (ending now, having taken `durationMs` when given). */
export function trace(category: string, message: string, durationMs?: number): void {
  if (file === undefined) return;
  const mono = performance.now();
  const line = formatTraceLine({
    wallMs: performance.timeOrigin + mono,
    monoMs: mono,
    pid: process.pid,
    component,
    category,
    message,
    durationMs,
  });
  try {
    appendFileSync(file, `${line}\n`);
  } catch {
    // The home may be going away (reset); a trace never fails the traced work.
  }
}

/** Time `work` and record it as one event when tracing; otherwise just run it. */
export function traced<T>(
  category: string,
  message: string | (() => string),
  work: () => Promise<T>,
): Promise<T> {
  if (file === undefined) return work();
  const t0 = performance.now();
  const done = (outcome: string) =>
    trace(category, `${typeof message === 'string' ? message : message()}${outcome}`, performance.now() - t0);
  return work().then(
    (v) => {
      done('');
      return v;
    },
    (err: unknown) => {
      done(` failed: ${(err as Error)?.message ?? err}`);
      throw err;
    },
  );
}
