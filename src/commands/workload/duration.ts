// Go's time.ParseDuration, which kubectl uses for --timeout: `30s`, `1m30s`, `1.5h`, `0`.
import { UserError } from '../../api/errors.js';

const UNITS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  μs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/** Milliseconds, or undefined when `s` is not a Go duration. */
export function parseGoDuration(s: string): number | undefined {
  let rest = s;
  let sign = 1;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    if (rest[0] === '-') sign = -1;
    rest = rest.slice(1);
  }
  if (rest === '0') return 0;
  if (rest === '') return undefined;
  let total = 0;
  while (rest.length > 0) {
    const m = /^(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/.exec(rest);
    if (!m) return undefined;
    total += Number(m[1]) * UNITS[m[2]!]!;
    rest = rest.slice(m[0].length);
  }
  return sign * total;
}

/** A --timeout style flag value; a bare number is not accepted, as in pflag. */
export function durationFlag(flag: string, value: string): number {
  const ms = parseGoDuration(value);
  if (ms !== undefined) return ms;
  const why = /^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(value) ? 'missing unit in duration' : 'invalid duration';
  throw new UserError(`invalid argument "${value}" for "--${flag}" flag: time: ${why} "${value}"`);
}
