// The literals of a Go template as Go's parser reads them: quoted and raw strings
// (strconv.Unquote), character constants (a rune, an int) and numbers (an int unless written with
// a fraction or exponent, as Go's untyped constants become).

/** strconv.Unquote for "..." and `...` literals and '.' character constants. */
export function unquote(text: string): string {
  const q = text[0];
  if (q === '`') return text.slice(1, -1).replace(/\r/g, '');
  const body = text.slice(1, -1);
  return body.replace(
    /\\(?:x([0-9a-fA-F]{2})|u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8})|([0-7]{3})|(.))/gs,
    (all, x, u, U, oct, c: string | undefined) => {
      if (x) return String.fromCharCode(Number.parseInt(x, 16));
      if (u || U) return String.fromCodePoint(Number.parseInt(u ?? U, 16));
      if (oct) return String.fromCharCode(Number.parseInt(oct, 8));
      const simple: Record<string, string> = {
        a: '\x07',
        b: '\b',
        f: '\f',
        n: '\n',
        r: '\r',
        t: '\t',
        v: '\v',
        '\\': '\\',
      };
      if (c !== undefined && simple[c]) return simple[c]!;
      if (c === q) return c;
      throw new Error(`invalid syntax: ${all}`);
    },
  );
}

/** 'a' -> 97n; undefined when it is not one rune. */
export function charConstant(text: string): bigint | undefined {
  try {
    const s = unquote(text);
    if ([...s].length === 1) return BigInt(s.codePointAt(0)!);
  } catch {}
  return undefined;
}

/** 42 -> 42n, 0x1F -> 31n, 017 -> 15n, 1.5 / 1e3 -> float; undefined when malformed. */
export function numberConstant(text: string): number | bigint | undefined {
  const clean = text.replace(/_/g, '');
  const isHex = /^[+-]?0[xX]/.test(clean);
  if ((!isHex && /[.eE]/.test(clean)) || (isHex && /[.pP]/.test(clean))) {
    const f = Number(clean);
    return Number.isNaN(f) ? undefined : f;
  }
  const sign = clean.startsWith('-') ? -1n : 1n;
  const digits = clean.replace(/^[+-]/, '');
  const octal = /^0[0-7]+$/.test(digits) ? `0o${digits.slice(1)}` : digits.replace(/^0[oO]/, '0o');
  try {
    return sign * BigInt(octal);
  } catch {
    return undefined;
  }
}
