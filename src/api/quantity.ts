// resource.Quantity: parse `500m`, `1Gi`, `2e3`; add; compare; print in the canonical form
// Quantity.String() uses (`1500m`, `2`, `128Mi`, `1k`). Shared by printers, sort and the kubelet.

const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const BINARY_SUFFIXES = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
const NANO = 10n ** 9n;

export interface Quantity {
  /** The value in units of 10^-9 (rounded up, as Quantity rounds to nano). */
  nanos: bigint;
  format: 'DecimalSI' | 'BinarySI' | 'DecimalExponent';
}

export const ZERO: Quantity = { nanos: 0n, format: 'DecimalSI' };

function scaled(mantissa: string, exp10: number): bigint {
  const [int, frac = ''] = mantissa.split('.');
  const digits = BigInt(`${int || '0'}${frac}`);
  const shift = exp10 + 9 - frac.length;
  if (shift >= 0) return digits * 10n ** BigInt(shift);
  const div = 10n ** BigInt(-shift);
  return (digits + div - 1n) / div;
}

/** Parses a quantity string; undefined when it is not one. */
export function parseQuantity(s: unknown): Quantity | undefined {
  if (typeof s === 'number') s = String(s);
  if (typeof s !== 'string') return undefined;
  const m = /^([+-]?)(\d+\.?\d*|\.\d+)(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E))?$/.exec(
    s.trim(),
  );
  if (!m) return undefined;
  const sign = m[1] === '-' ? -1n : 1n;
  if (m[4] && BINARY[m[4]] !== undefined) {
    return { nanos: sign * scaled(m[2]!, 0) * 2n ** BigInt(BINARY[m[4]]!), format: 'BinarySI' };
  }
  if (m[3]) return { nanos: sign * scaled(m[2]!, Number(m[3].slice(1))), format: 'DecimalExponent' };
  return { nanos: sign * scaled(m[2]!, DECIMAL[m[4] ?? '']!), format: 'DecimalSI' };
}

/** q + y, keeping q's format (or y's when q is zero), as Quantity.Add. */
export function addQuantity(q: Quantity, y: Quantity): Quantity {
  return { nanos: q.nanos + y.nanos, format: q.nanos === 0n ? y.format : q.format };
}

/** Value() rounds up to whole units; MilliValue() to thousandths. */
export const quantityValue = (q: Quantity): number => Number((q.nanos + NANO - 1n) / NANO);
export const quantityMilli = (q: Quantity): number => Number((q.nanos + 10n ** 6n - 1n) / 10n ** 6n);

function decimalString(nanos: bigint): string {
  if (nanos === 0n) return '0';
  const neg = nanos < 0n;
  const abs = neg ? -nanos : nanos;
  for (const [suffix, exp] of Object.entries(DECIMAL).sort((a, b) => b[1] - a[1])) {
    const unit = 10n ** BigInt(exp + 9);
    if (abs % unit === 0n) return `${neg ? '-' : ''}${abs / unit}${suffix}`;
  }
  return `${neg ? '-' : ''}${abs}n`;
}

/** Quantity.String(): the canonical form. */
export function formatQuantity(q: Quantity): string {
  if (
    q.format === 'BinarySI' &&
    (q.nanos <= -1024n * NANO || q.nanos >= 1024n * NANO) &&
    q.nanos % NANO === 0n
  ) {
    let units = q.nanos / NANO;
    let exp = 0;
    while (exp < 6 && units % 1024n === 0n && units !== 0n) {
      units /= 1024n;
      exp++;
    }
    return `${units}${BINARY_SUFFIXES[exp]}`;
  }
  return decimalString(q.nanos);
}

/** Re-prints a quantity string canonically; other values as they are. */
export function canonicalQuantity(s: unknown): string {
  const q = parseQuantity(s);
  return q ? formatQuantity(q) : String(s ?? '');
}

/** The quantity as a plain number (`500m` -> 0.5, `64Mi` -> 67108864); undefined when not one. */
export function quantityNumber(s: unknown): number | undefined {
  const q = parseQuantity(s);
  return q === undefined ? undefined : Number(q.nanos) / 1e9;
}

/** A quantity that validation already accepted, as a number; throws the API server's message otherwise. */
export function quantityAsNumber(q: string): number {
  const n = quantityNumber(q);
  if (n === undefined) {
    throw new Error(
      `quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`,
    );
  }
  return n;
}
