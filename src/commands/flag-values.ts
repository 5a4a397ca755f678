// The values of kubectl's shared flags, parsed as kubectl (pflag, cmdutil) parses them: --dry-run,
// Go durations (--timeout), booleans, integers. Pure: each returns the value or throws kubectl's
// message; warnings are returned for the caller to print.
import { UserError } from '../api/errors.js';

export type DryRun = 'none' | 'client' | 'server';

/** pflag's NoOptDefVal for --dry-run: what a bare `--dry-run` reads as. */
export const DRY_RUN_BARE = 'unchanged';

const TRUE = ['1', 't', 'T', 'TRUE', 'true', 'True'];
const FALSE = ['0', 'f', 'F', 'FALSE', 'false', 'False'];

/** strconv.ParseBool; undefined when `s` is not a Go boolean. */
export function parseGoBool(s: string): boolean | undefined {
  if (TRUE.includes(s)) return true;
  if (FALSE.includes(s)) return false;
  return undefined;
}

/**
 * cmdutil.GetDryRunStrategy: `none|client|server`; a bare `--dry-run` (or `unchanged`) and the
 * Go booleans are the deprecated spellings, accepted with kubectl's warning.
 */
export function parseDryRun(value: string | undefined): { dryRun: DryRun; warning?: string; at?: string } {
  if (value === undefined) return { dryRun: 'none' };
  const b = parseGoBool(value);
  if (b !== undefined) {
    const to = b ? 'client' : 'none';
    return {
      dryRun: b ? 'client' : 'none',
      warning: `--dry-run=${value} is deprecated (boolean value) and can be replaced with --dry-run=${to}.`,
      at: 'helpers.go:716',
    };
  }
  switch (value) {
    case DRY_RUN_BARE:
      return {
        dryRun: 'client',
        warning: '--dry-run is deprecated and can be replaced with --dry-run=client.',
        at: 'helpers.go:702',
      };
    case 'client':
    case 'server':
    case 'none':
      return { dryRun: value };
  }
  throw new UserError(`Invalid dry-run value (${value}). Must be "none", "server", or "client".`);
}

/** What a verb prints after the operation for each dry-run strategy. */
export function dryRunSuffix(d: DryRun): string {
  return d === 'client' ? ' (dry run)' : d === 'server' ? ' (server dry run)' : '';
}

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

/** time.ParseDuration in milliseconds: `30s`, `1m30s`, `1.5h`, `-2s`, `0`; else pflag's reason. */
export function parseGoDuration(s: string): { ms: number } | { error: string } {
  let rest = s;
  let sign = 1;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    if (rest[0] === '-') sign = -1;
    rest = rest.slice(1);
  }
  if (rest === '0') return { ms: 0 };
  const invalid = { error: `time: invalid duration "${s}"` };
  if (rest === '') return invalid;
  let total = 0;
  while (rest.length > 0) {
    const number = /^(\d+(?:\.\d*)?|\.\d+)/.exec(rest);
    if (!number) return invalid;
    rest = rest.slice(number[0].length);
    const unit = /^[^\d.]*/.exec(rest)![0];
    if (unit === '') return { error: `time: missing unit in duration "${s}"` };
    if (!(unit in UNITS)) return { error: `time: unknown unit "${unit}" in duration "${s}"` };
    total += Number(number[1]) * UNITS[unit]!;
    rest = rest.slice(unit.length);
  }
  return { ms: sign * total };
}

/** Milliseconds of a Go duration, or undefined (for flags with their own messages). */
export function goDurationMs(s: string): number | undefined {
  const r = parseGoDuration(s);
  return 'ms' in r ? r.ms : undefined;
}

/** strconv.ParseInt's reason, or the integer. */
export function parseGoInt(s: string): { value: number } | { error: string } {
  if (!/^[-+]?\d+$/.test(s)) return { error: `strconv.ParseInt: parsing "${s}": invalid syntax` };
  return { value: Number(s) };
}
