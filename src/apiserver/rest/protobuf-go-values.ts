// The JSON text Go writes for metav1.Time/MicroTime (RFC 3339 in UTC, whole seconds or
// microseconds) and metav1.Duration (time.Duration.String: "1h2m3.5s", "150ms"). Pure.

/** RFC 3339 of Unix seconds (+ nanoseconds, kept to microseconds for a MicroTime). */
export function goTime(seconds: number, nanos: number, micro: boolean): string {
  const iso = new Date(seconds * 1000).toISOString().slice(0, 19);
  if (!micro) return `${iso}Z`;
  return `${iso}.${String(Math.floor(nanos / 1000)).padStart(6, '0')}Z`;
}

/** time.Duration(ns).String(). */
export function goDuration(ns: bigint): string {
  if (ns === 0n) return '0s';
  const sign = ns < 0n ? '-' : '';
  let u = ns < 0n ? -ns : ns;
  if (u < 1000n) return `${sign}${u}ns`;
  if (u < 1_000_000n) return `${sign}${fraction(u, 3)}µs`;
  if (u < 1_000_000_000n) return `${sign}${fraction(u, 6)}ms`;
  const hours = u / 3_600_000_000_000n;
  u %= 3_600_000_000_000n;
  const minutes = u / 60_000_000_000n;
  u %= 60_000_000_000n;
  const seconds = `${fraction(u, 9)}s`;
  if (hours > 0n) return `${sign}${hours}h${minutes}m${seconds}`;
  if (minutes > 0n) return `${sign}${minutes}m${seconds}`;
  return `${sign}${seconds}`;
}

/** `value / 10^digits` with the fraction's trailing zeros dropped (Go's fmtFrac). */
function fraction(value: bigint, digits: number): string {
  const div = 10n ** BigInt(digits);
  const frac = (value % div).toString().padStart(digits, '0').replace(/0+$/, '');
  return `${value / div}${frac ? `.${frac}` : ''}`;
}
