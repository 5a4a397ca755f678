// Randomness through the Web Crypto global, which Node loads on first use: importing
// node:crypto at the top would cost every command (even `get`) ~2 ms of start-up.
export const randomUUID = (): string => globalThis.crypto.randomUUID();

/** A uniform integer in [0, max). */
export function randomInt(max: number): number {
  const limit = Math.floor(0x1_0000_0000 / max) * max;
  const buf = new Uint32Array(1);
  do globalThis.crypto.getRandomValues(buf);
  while (buf[0]! >= limit);
  return buf[0]! % max;
}
