import { describe, expect, it } from 'vitest';
import { humanDuration, since } from '../../../src/printers/duration.js';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;
const Y = 365 * D;

describe('humanDuration prints ages as apimachinery HumanDuration does', () => {
  const cases: Array<[string, number, string]> = [
    ['more than a second in the future is invalid', -2 * S, '<invalid>'],
    ['less than a second in the future is 0s', -500, '0s'],
    ['zero is 0s', 0, '0s'],
    ['fractions of a second are truncated', 5999, '5s'],
    ['under two minutes counts seconds', 119 * S, '119s'],
    ['two minutes exactly drops the seconds', 2 * M, '2m'],
    ['minutes and seconds under ten minutes', 3 * M + 2 * S, '3m2s'],
    ['ten minutes and more drops the seconds', 10 * M + 59 * S, '10m'],
    ['under three hours counts minutes', 179 * M, '179m'],
    ['three hours exactly', 3 * H, '3h'],
    ['hours and minutes under eight hours', 3 * H + 5 * M, '3h5m'],
    ['eight hours and more drops the minutes', 8 * H + 30 * M, '8h'],
    ['under two days counts hours', 47 * H + 59 * M, '47h'],
    ['days and hours under eight days', 2 * D + 3 * H, '2d3h'],
    ['whole days under eight days', 5 * D, '5d'],
    ['days under two years', 45 * D + 23 * H, '45d'],
    ['the last day before two years', 729 * D, '729d'],
    ['years and days under eight years', 2 * Y + 30 * D, '2y30d'],
    ['whole years under eight years', 3 * Y, '3y'],
    ['years only from eight years', 9 * Y + 100 * D, '9y'],
  ];
  it.each(cases)('%s', (_name, ms, want) => {
    expect(humanDuration(ms)).toBe(want);
  });

  it('prints <unknown> for a timestamp that was never set', () => {
    expect(since(undefined, Date.now())).toBe('<unknown>');
    expect(since('', Date.now())).toBe('<unknown>');
  });

  it('measures from the timestamp to now', () => {
    expect(since('2024-01-01T00:00:00Z', Date.parse('2024-01-01T00:03:02Z'))).toBe('3m2s');
  });
});
