// The shared flags' values as kubectl reads them: --dry-run (cmdutil.GetDryRunStrategy), Go
// durations (pflag Duration: --timeout), Go booleans and integers. Messages checked against the
// installed kubectl and Go's time/strconv packages.
import { describe, expect, it } from 'vitest';
import { parseDryRun, parseGoBool, parseGoDuration, parseGoInt } from '../../../src/commands/flag-values.js';
import { klogWarning } from '../../../src/commands/flags.js';

/** The whole message a call throws. */
function thrown(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected an error');
}

describe('parseDryRun', () => {
  const BOOL = (v: string, to: string) =>
    `--dry-run=${v} is deprecated (boolean value) and can be replaced with --dry-run=${to}.`;
  const cases: Array<[string | undefined, unknown]> = [
    [undefined, { dryRun: 'none' }],
    ['none', { dryRun: 'none' }],
    ['client', { dryRun: 'client' }],
    ['server', { dryRun: 'server' }],
    [
      'unchanged',
      {
        dryRun: 'client',
        warning: '--dry-run is deprecated and can be replaced with --dry-run=client.',
        at: 'helpers.go:702',
      },
    ],
    ['true', { dryRun: 'client', warning: BOOL('true', 'client'), at: 'helpers.go:716' }],
    ['1', { dryRun: 'client', warning: BOOL('1', 'client'), at: 'helpers.go:716' }],
    ['t', { dryRun: 'client', warning: BOOL('t', 'client'), at: 'helpers.go:716' }],
    ['false', { dryRun: 'none', warning: BOOL('false', 'none'), at: 'helpers.go:716' }],
    ['0', { dryRun: 'none', warning: BOOL('0', 'none'), at: 'helpers.go:716' }],
  ];
  for (const [value, want] of cases) {
    it(`reads ${value === undefined ? 'no flag' : `--dry-run=${value}`}`, () =>
      expect(parseDryRun(value)).toEqual(want));
  }
  for (const value of ['maybe', 'Client', 'yes', '']) {
    it(`refuses --dry-run=${value}`, () =>
      expect(thrown(() => parseDryRun(value))).toBe(
        `Invalid dry-run value (${value}). Must be "none", "server", or "client".`,
      ));
  }
});

describe('parseGoDuration', () => {
  const cases: Array<[string, unknown]> = [
    ['30s', { ms: 30_000 }],
    ['1m', { ms: 60_000 }],
    ['1m30s', { ms: 90_000 }],
    ['1h30m', { ms: 5_400_000 }],
    ['1.5h', { ms: 5_400_000 }],
    ['250ms', { ms: 250 }],
    ['-2s', { ms: -2000 }],
    ['+1s', { ms: 1000 }],
    ['0', { ms: 0 }],
    ['0s', { ms: 0 }],
    ['30', { error: 'time: missing unit in duration "30"' }],
    ['1m30', { error: 'time: missing unit in duration "1m30"' }],
    ['1x', { error: 'time: unknown unit "x" in duration "1x"' }],
    ['abc', { error: 'time: invalid duration "abc"' }],
    ['', { error: 'time: invalid duration ""' }],
    ['-', { error: 'time: invalid duration "-"' }],
  ];
  for (const [text, want] of cases)
    it(`reads "${text}" as Go does`, () => expect(parseGoDuration(text)).toEqual(want));
});

describe('parseGoBool and parseGoInt', () => {
  it('reads the Go booleans and nothing else', () => {
    expect(['1', 't', 'T', 'TRUE', 'true', 'True'].map(parseGoBool)).toEqual(Array(6).fill(true));
    expect(['0', 'f', 'F', 'FALSE', 'false', 'False'].map(parseGoBool)).toEqual(Array(6).fill(false));
    expect(['yes', 'tRUE', ''].map(parseGoBool)).toEqual([undefined, undefined, undefined]);
  });

  it('reads integers with strconv.ParseInt', () => {
    expect([parseGoInt('3'), parseGoInt('-1'), parseGoInt('+2')]).toEqual([
      { value: 3 },
      { value: -1 },
      { value: 2 },
    ]);
    expect(parseGoInt('x')).toEqual({ error: 'strconv.ParseInt: parsing "x": invalid syntax' });
    expect(parseGoInt('1.5')).toEqual({ error: 'strconv.ParseInt: parsing "1.5": invalid syntax' });
  });
});

describe('klogWarning', () => {
  it('has klog header: level, date, time in microseconds, pid, source', () => {
    const at = new Date(2026, 11, 1, 23, 41, 56, 615);
    expect(klogWarning('text', at, 'helpers.go:702')).toBe(
      `W1201 23:41:56.615000 ${String(process.pid).padStart(7)} helpers.go:702] text\n`,
    );
  });
});
